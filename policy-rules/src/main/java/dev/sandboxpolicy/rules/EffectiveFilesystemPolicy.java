package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The filesystem access a sandbox actually gets (spec §1.2, §1.3): the user's {@code read_only} and
 * {@code read_write} paths, lexically normalised, plus in proxy mode the supervisor's baseline paths, plus the
 * working directory when {@code include_workdir} is on (the default when {@code filesystem_policy} is absent).
 *
 * <p>Baseline paths that the {@link PathProbe} says are missing are dropped silently. A missing <em>user</em> path
 * follows the Landlock mode: under {@code best_effort} (the default, and any unknown value) it is skipped with a
 * {@code filesystem_path_missing} warning; under {@code hard_requirement} it is an error, because the sandbox would
 * not start.
 *
 * <pre>{@code
 * EffectiveFilesystemPolicy fs = EffectiveFilesystemPolicy.resolve(policy, PathProbe.localFileSystem(),
 *     "/sandbox", true);
 * fs.readWrite(); // [/sandbox, /tmp, ...]
 * }</pre>
 */
public final class EffectiveFilesystemPolicy {

  /** Spec §1.2: baseline read-only paths added in proxy mode, when present. */
  public static final List<String> BASELINE_READ_ONLY = List.of("/usr", "/lib", "/etc", "/var/log", "/app");
  /** Spec §1.2 and the seed behaviour: baseline read-write paths added in proxy mode, when present. */
  public static final List<String> BASELINE_READ_WRITE = List.of("/sandbox", "/tmp");

  private final List<String> readOnly;
  private final List<String> readWrite;
  private final List<Problem> problems;

  private EffectiveFilesystemPolicy(List<String> readOnly, List<String> readWrite, List<Problem> problems) {
    this.readOnly = List.copyOf(readOnly);
    this.readWrite = List.copyOf(readWrite);
    this.problems = List.copyOf(problems);
  }

  /**
   * Resolves the effective paths of {@code policy}.
   *
   * @param probe tells which paths exist in the sandbox
   * @param workdir the working directory the driver resolved, or {@code ""} when unknown (then not added)
   * @param proxyMode whether the sandbox runs behind the network proxy, which adds the baseline paths
   */
  public static EffectiveFilesystemPolicy resolve(Policy policy, PathProbe probe, String workdir,
      boolean proxyMode) {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(workdir, "workdir");
    boolean hard = policy.landlock().map(Landlock::isHardRequirement).orElse(false);
    ProblemSink sink = new ProblemSink(Locator.NONE);
    Set<String> ro = new LinkedHashSet<>();
    Set<String> rw = new LinkedHashSet<>();
    FilesystemPolicy fs = policy.effectiveFilesystemPolicy();
    addUserPaths(fs.readOnly(), "/filesystem_policy/read_only", ro, probe, hard, sink);
    addUserPaths(fs.readWrite(), "/filesystem_policy/read_write", rw, probe, hard, sink);
    if (proxyMode) {
      for (String path : BASELINE_READ_ONLY) {
        if (!ro.contains(path) && !rw.contains(path) && probe.exists(path)) {
          ro.add(path);
        }
      }
      for (String path : BASELINE_READ_WRITE) {
        if (!rw.contains(path) && probe.exists(path)) {
          rw.add(path);
        }
      }
    }
    if (fs.includeWorkdir() && !workdir.isEmpty()) {
      rw.add(normalize(workdir));
    }
    return new EffectiveFilesystemPolicy(new ArrayList<>(ro), new ArrayList<>(rw), sink.problems());
  }

  private static void addUserPaths(List<String> paths, String base, Set<String> into, PathProbe probe,
      boolean hard, ProblemSink sink) {
    for (int i = 0; i < paths.size(); i++) {
      String path = normalize(paths.get(i));
      if (probe.exists(path)) {
        into.add(path);
        continue;
      }
      String at = JsonPointer.index(base, i);
      if (hard) {
        sink.error(ProblemCode.FILESYSTEM_PATH_MISSING, at, "path " + path
            + " does not exist; landlock compatibility hard_requirement aborts sandbox start");
      } else {
        sink.warning(ProblemCode.FILESYSTEM_PATH_MISSING, at, "path " + path
            + " does not exist and is skipped (landlock compatibility best_effort)");
      }
    }
  }

  /** Lexical normalisation: collapse {@code //}, drop {@code .} components and a trailing {@code /}. */
  static String normalize(String path) {
    StringBuilder out = new StringBuilder();
    for (String component : path.split("/")) {
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      out.append('/').append(component);
    }
    if (out.length() == 0) {
      return path.startsWith("/") ? "/" : path;
    }
    return path.startsWith("/") ? out.toString() : out.substring(1);
  }

  /** The paths the sandbox may read (and not write). */
  public List<String> readOnly() {
    return readOnly;
  }

  /** The paths the sandbox may read and write. */
  public List<String> readWrite() {
    return readWrite;
  }

  /** Missing user paths: warnings under best_effort, errors under hard_requirement (pointer only, no line). */
  public List<Problem> problems() {
    return problems;
  }
}
