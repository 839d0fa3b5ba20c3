package dev.sandboxpolicy.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How {@code validate}, {@code lint} and {@code prove} print their problems ({@code --format}), and the option
 * that chooses it. Every format is rendered by {@link ProblemReport} from the same list of {@link FileReport}s.
 */
enum ReportFormat {
  /** Compiler-style lines, {@code FILE:LINE:COLUMN: SEVERITY CODE MESSAGE}, then a verdict per file. */
  TEXT,
  /** One JSON document: {@code {"valid", "files": [{"file", "valid", "problems", "error"?}]}}. */
  JSON,
  /** A SARIF 2.1.0 log, for code-scanning uploads and SARIF viewers. */
  SARIF,
  /** GitHub Actions workflow commands ({@code ::error file=...,line=...::message}): annotations on the diff. */
  GITHUB;

  /** The name on the command line. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code label}. */
  static Optional<ReportFormat> named(String label) {
    return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst();
  }

  /** The format names, for shell completion. */
  static final class Labels implements Iterable<String> {
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
      if (format == null) {
        return json ? JSON : TEXT;
      }
      ReportFormat chosen =
          named(format)
              .orElseThrow(
                  () -> CommandFailure.usage("--format must be text, json, sarif or github, not '" + format + "'"));
      if (json && chosen != JSON) {
        throw CommandFailure.usage("--json is --format json; it cannot be combined with --format " + format);
      }
      return chosen;
    }
  }
}
