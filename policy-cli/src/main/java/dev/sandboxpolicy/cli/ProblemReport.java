package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.io.PrintStream;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints the {@link FileReport}s of a problem-reporting command ({@code validate}; {@code lint} and {@code prove}
 * plug in the same way) in the chosen {@link ReportFormat}, and gives the exit status: {@link ExitCode#USAGE}
 * when an input could not be read, else {@link ExitCode#FAILED} when some input has an error, else
 * {@link ExitCode#OK}.
 *
 * <pre>{@code
 * List<FileReport> reports = new ArrayList<>();
 * for (String file : files) {
 *   reports.add(ProblemReport.read(file, terminal, document -> lint(document)));
 * }
 * return ProblemReport.print(reports, formatOption.format(), terminal);
 * }</pre>
 */
final class ProblemReport {

  /** Finds the problems of one input that was read. */
  @FunctionalInterface
  interface Check {
    List<Problem> problems(InputDocument document) throws CommandFailure;
  }

  private ProblemReport() {}

  /**
   * Reads {@code file} and checks it; an input that cannot be read becomes an unreadable report instead of ending
   * the command, so the other inputs are still checked and every format prints one whole document.
   */
  static FileReport read(String file, Terminal terminal, Check check) throws CommandFailure {
    InputDocument document;
    try {
      document = InputDocument.read(file, terminal);
    } catch (CommandFailure failure) {
      if (!failure.code().equals(CommandFailure.IO_ERROR)) {
        throw failure;
      }
      return FileReport.unreadable(file.equals("-") ? InputDocument.STDIN_NAME : file, failure);
    }
    return FileReport.of(document.name(), check.problems(document));
  }

  /** Prints {@code reports} in {@code format} on the terminal and returns the exit status. */
  static int print(List<FileReport> reports, ReportFormat format, Terminal terminal) {
    PrintStream out = terminal.out();
    switch (format) {
      case TEXT -> text(reports, terminal);
      case JSON -> out.println(Json.write(json(reports)));
      case SARIF -> out.println(Json.write(Sarif.log(reports, terminal)));
      case GITHUB -> GithubAnnotations.print(reports, out);
      case JUNIT -> throw new IllegalArgumentException("JUnit XML reports test cases, not problems");
    }
    return status(reports);
  }

  /** {@link ExitCode#USAGE} if an input was unreadable, {@link ExitCode#FAILED} if one has an error, else OK. */
  static int status(List<FileReport> reports) {
    if (reports.stream().anyMatch(r -> r.unreadable().isPresent())) {
      return ExitCode.USAGE;
    }
    return reports.stream().allMatch(FileReport::valid) ? ExitCode.OK : ExitCode.FAILED;
  }

  private static void text(List<FileReport> reports, Terminal terminal) {
    for (FileReport r : reports) {
      if (r.unreadable().isPresent()) {
        terminal.err().println("policyctl: " + r.unreadable().get().getMessage());
        continue;
      }
      ProblemText.print(terminal.out(), r.file(), r.problems());
      terminal.out().println(r.verdict());
    }
  }

  /** {@code {"valid", "files": [{"file", "valid", "problems", "error"?}]}}. */
  static ObjectNode json(List<FileReport> reports) {
    ObjectNode document = Json.object();
    document.put("valid", reports.stream().allMatch(FileReport::valid));
    ArrayNode files = document.putArray("files");
    for (FileReport r : reports) {
      ObjectNode f = files.addObject();
      f.put("file", r.file());
      f.put("valid", r.valid());
      f.set("problems", Json.problems(r.problems()));
      r.unreadable().ifPresent(failure -> f.set("error", failure.toJson()));
    }
    return document;
  }
}
