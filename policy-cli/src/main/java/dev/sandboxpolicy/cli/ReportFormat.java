package dev.sandboxpolicy.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * How the command line prints a report ({@code --format}): {@code validate}, {@code lint} and {@code prove} print
 * their problems in one of the {@link #PROBLEM_FORMATS} (rendered by {@link ProblemReport} from the same list of
 * {@link FileReport}s) and choose it with {@link FormatOption}; {@code test} also prints {@link #JUNIT}. The one
 * spelling of every format name, and the one check of {@code --format} and {@code --json}.
 */
enum ReportFormat {
  /** Compiler-style lines, {@code FILE:LINE:COLUMN: SEVERITY CODE MESSAGE}, then a verdict per file. */
  TEXT,
  /** One JSON document: {@code {"valid", "files": [{"file", "valid", "problems", "error"?}]}}. */
  JSON,
  /** JUnit XML: {@code policyctl test} only, whose cases are tests. */
  JUNIT,
  /** A SARIF 2.1.0 log, for code-scanning uploads and SARIF viewers. */
  SARIF,
  /** GitHub Actions workflow commands ({@code ::error file=...,line=...::message}): annotations on the diff. */
  GITHUB;

  /** The name on the command line. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The formats of the problem-reporting commands ({@code validate}, {@code lint}, {@code prove}). */
  static final Set<ReportFormat> PROBLEM_FORMATS = EnumSet.of(TEXT, JSON, SARIF, GITHUB);

  /** The format named {@code label}. */
  static Optional<ReportFormat> named(String label) {
    return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst();
  }

  /**
   * The format that {@code --format} ({@code null} when absent) and {@code --json} choose among {@code allowed}.
   *
   * @throws CommandFailure a usage error for a name outside {@code allowed} or for {@code --json} with another format
   */
  static ReportFormat choose(String format, boolean json, Set<ReportFormat> allowed) throws CommandFailure {
    if (format == null) {
      return json ? JSON : TEXT;
    }
    ReportFormat chosen = named(format).filter(allowed::contains).orElseThrow(
        () -> CommandFailure.usage("--format must be " + spelled(allowed) + ", not '" + format + "'"));
    if (json && chosen != JSON) {
      throw CommandFailure.usage("--json is --format json; it cannot be combined with --format " + format);
    }
    return chosen;
  }

  /** {@code "text, json, sarif or github"}: the names of {@code formats} in declaration order. */
  private static String spelled(Set<ReportFormat> formats) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (ReportFormat f : formats) {
      sb.append(i == 0 ? "" : i == formats.size() - 1 ? " or " : ", ").append(f.label());
      i++;
    }
    return sb.toString();
  }

  /** The names of the {@link #PROBLEM_FORMATS}, for shell completion. */
  static final class Labels implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return PROBLEM_FORMATS.stream().map(ReportFormat::label).iterator();
    }
  }

  /** The names of every format, for the shell completion of {@code test --format}. */
  static final class AllLabels implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(ReportFormat::label).iterator();
    }
  }

  /** {@code --format FORMAT} and its shorthand {@code --json}: a mixin of the problem-reporting commands. */
  static final class FormatOption {

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        completionCandidates = Labels.class,
        description = "text (default), json, sarif (SARIF 2.1.0) or github (GitHub Actions annotations)")
    String format;

    @Option(names = "--json", description = "the same as --format json")
    boolean json;

    /** The chosen format; a usage error for an unknown name or for {@code --json} with another format. */
    ReportFormat format() throws CommandFailure {
      return choose(format, json, PROBLEM_FORMATS);
    }
  }
}
