package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.ProcessPolicy;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Containment of the static sections, as {@code openshell-prover check} decides it (prover spec §3.6).
 *
 * <p>Filesystem: the boundary's writable set is its {@code read_write} paths (plus the working directory when it is
 * included), its readable set that plus {@code read_only}. A candidate path is covered only by the identical path or
 * by {@code /}: a path below a granted directory may be a symbolic link to anywhere, so lexical containment proves
 * nothing. An uncovered path exceeds the boundary when the boundary grants nothing of that access at all; otherwise
 * it is unresolved (unsupported). The working directory (included when {@code filesystem_policy} is absent) is only
 * known at run time: a candidate that adds it, or a boundary that has it next to a candidate path it does not
 * otherwise cover, is unresolved.
 *
 * <p>Process: {@code run_as_user} and {@code run_as_group} must be equal; any change is unsupported (which identity
 * is wider depends on the execution environment). Landlock: a boundary that requires Landlock ({@code
 * hard_requirement}) is exceeded by a candidate that does not.
 */
final class StaticSections {
  static final String WORKDIR = "<workdir>";

  /** A static grant the candidate has and the boundary does not, with the candidate's source position. */
  record Excess(Witness witness, SourceLocation location) {}

  private StaticSections() {}

  /**
   * Adds to {@code out} every static grant of {@code candidate} that {@code boundary} does not have, and to {@code
   * unsupported} what cannot be decided. {@code names} are the two sides' names for messages.
   */
  static void excess(Policy boundary, Policy candidate, String boundaryName, String candidateName, List<Excess> out,
      Set<String> unsupported) {
    filesystem(boundary, candidate, boundaryName, candidateName, out, unsupported);
    landlock(boundary, candidate, out);
  }

  /** Process identity changes are not directional: reported once, as unsupported. */
  static void process(Policy a, Policy b, String aName, String bName, Set<String> unsupported) {
    for (String field : List.of("run_as_user", "run_as_group")) {
      Function<ProcessPolicy, Optional<String>> get =
          field.equals("run_as_user") ? ProcessPolicy::runAsUser : ProcessPolicy::runAsGroup;
      String va = a.process().flatMap(get).orElse("");
      String vb = b.process().flatMap(get).orElse("");
      if (!va.equals(vb)) {
        unsupported.add("process." + field + " changes from '" + va + "' (" + aName + ") to '" + vb + "' (" + bName
            + "); which identity is wider depends on the execution environment");
      }
    }
  }

  private static void landlock(Policy boundary, Policy candidate, List<Excess> out) {
    boolean hard = boundary.landlock().map(Landlock::isHardRequirement).orElse(false);
    boolean candidateHard = candidate.landlock().map(Landlock::isHardRequirement).orElse(false);
    if (hard && !candidateHard) {
      String mode = candidate.landlock().map(Landlock::compatibility).filter(c -> !c.isEmpty()).orElse("best_effort");
      out.add(new Excess(new Witness.Landlock("hard_requirement", mode),
          candidate.landlock().map(Landlock::location).orElse(SourceLocation.NONE)));
    }
  }

  private static void filesystem(Policy boundary, Policy candidate, String boundaryName, String candidateName,
      List<Excess> out, Set<String> unsupported) {
    Set<String> writable = writable(boundary);
    Set<String> readable = new LinkedHashSet<>(readOnly(boundary));
    readable.addAll(writable);
    SourceLocation at = candidate.filesystemPolicy().map(FilesystemPolicy::location).orElse(SourceLocation.NONE);
    for (String p : writable(candidate)) {
      check("write", p, writable, boundaryName, candidateName, out, unsupported, at);
    }
    for (String p : readOnly(candidate)) {
      check("read", p, readable, boundaryName, candidateName, out, unsupported, at);
    }
  }

  private static void check(String access, String path, Set<String> granted, String boundaryName,
      String candidateName, List<Excess> out, Set<String> unsupported, SourceLocation at) {
    if (granted.contains(path) || granted.contains("/")) {
      return;
    }
    if (path.equals(WORKDIR)) {
      unsupported.add("unresolved workdir: the " + candidateName + " policy includes the working directory ("
          + access + ") and the " + boundaryName + " policy does not; where it is is only known at run time");
    } else if (granted.isEmpty()) {
      out.add(new Excess(new Witness.Filesystem(access, path), at));
    } else if (granted.contains(WORKDIR)) {
      unsupported.add("unresolved workdir: " + access + " " + path + " (" + candidateName + ") may be the "
          + boundaryName + " policy's working directory, which is only known at run time");
    } else {
      unsupported.add("unresolved filesystem path: " + access + " " + path + " (" + candidateName + ") is not one of "
          + "the " + boundaryName + " policy's paths; a path below a granted one may be a symbolic link");
    }
  }

  /** The writable paths, normalised, with {@link #WORKDIR} when the working directory is included. */
  static Set<String> writable(Policy p) {
    Optional<FilesystemPolicy> fs = p.filesystemPolicy();
    Set<String> out = new LinkedHashSet<>();
    fs.ifPresent(f -> f.readWrite().forEach(x -> out.add(normalize(x))));
    if (fs.map(FilesystemPolicy::includeWorkdir).orElse(true)) {
      out.add(WORKDIR);
    }
    return out;
  }

  private static List<String> readOnly(Policy p) {
    List<String> out = new ArrayList<>();
    p.filesystemPolicy().ifPresent(f -> f.readOnly().forEach(x -> out.add(normalize(x))));
    return out;
  }

  /** Collapses empty and {@code .} segments and drops a trailing {@code /} (spec §1.2). */
  static String normalize(String path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      sb.append('/').append(segment);
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }
}
