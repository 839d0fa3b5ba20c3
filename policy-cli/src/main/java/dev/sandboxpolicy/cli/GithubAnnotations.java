package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.io.PrintStream;
import java.util.List;

/**
 * {@link FileReport}s as GitHub Actions workflow commands: one {@code ::error} or {@code ::warning} line per
 * problem ({@code ::error file=F,line=L,col=C,title=CODE::MESSAGE}), which the runner turns into annotations on
 * the changed lines, then a plain {@code FILE: valid} / {@code FILE: invalid (...)} line per file for the log.
 * Values are escaped as the runner expects ({@code %}, CR, LF, and in properties {@code :} and {@code ,}).
 */
final class GithubAnnotations {

  private GithubAnnotations() {}

  static void print(List<FileReport> reports, PrintStream out) {
    for (FileReport r : reports) {
      printProblems(r, out);
      if (r.unreadable().isEmpty()) {
        out.println(r.verdict());
      }
    }
  }

  /** The workflow commands of one report's problems (or of its being unreadable), without the verdict line. */
  static void printProblems(FileReport r, PrintStream out) {
    String file = r.file().equals(InputDocument.STDIN_NAME) ? null : r.file();
    if (r.unreadable().isPresent()) {
      CommandFailure failure = r.unreadable().get();
      out.println(command("error", file, 0, 0, failure.code(), failure.getMessage()));
      return;
    }
    for (Problem p : r.problems()) {
      String message = p.line() > 0 || p.pointer().isEmpty() ? p.message() : p.message() + " (at " + p.pointer() + ")";
      out.println(command(p.isError() ? "error" : "warning", file, p.line(), p.column(), p.code(), message));
    }
  }

  /** One workflow command line; {@code file} may be null and {@code line} 0 (no position). */
  static String command(String level, String file, int line, int column, String title, String message) {
    StringBuilder b = new StringBuilder("::").append(level).append(' ');
    if (file != null) {
      b.append("file=").append(property(file)).append(',');
      if (line > 0) {
        b.append("line=").append(line).append(',');
        if (column > 0) {
          b.append("col=").append(column).append(',');
        }
      }
    }
    b.append("title=").append(property(title));
    return b.append("::").append(data(message)).toString();
  }

  /** Escapes a message. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a property value. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
