package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints problems the way compilers do, one per line, so editors and CI annotate the right place:
 * {@code file:line:column: severity code message}, or {@code file: severity code message (at POINTER)} when the
 * problem has no position.
 */
final class ProblemText {

  private ProblemText() {}

  /** One problem as one line (no line break). */
  static String format(String file, Problem p) {
    String where = p.line() > 0 ? file + ":" + p.line() + ":" + p.column() : file;
    String at = p.line() > 0 || p.pointer().isEmpty() ? "" : " (at " + p.pointer() + ")";
    return where + ": " + p.severity().wireName() + " " + p.code() + " " + oneLine(p.message()) + at;
  }

  /** Prints every problem on its own line. */
  static void print(PrintStream out, String file, List<Problem> problems) {
    for (Problem p : problems) {
      out.println(format(file, p));
    }
  }

  /** Counts such as {@code 2 errors, 1 warning}. */
  static String counts(List<Problem> problems) {
    long errors = problems.stream().filter(Problem::isError).count();
    long warnings = problems.size() - errors;
    return plural(errors, "error") + ", " + plural(warnings, "warning");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static String oneLine(String message) {
    return message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
