package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What a problem-reporting command found in one input: its problems, or the failure that kept it from being read
 * (an unreadable file is reported with the others, so {@code --json} and {@code --format sarif} still print one
 * complete document).
 *
 * @param file the name the user gave ({@code <stdin>} for standard input)
 * @param problems the problems, in the order found (empty when unreadable)
 * @param unreadable why the input could not be read, if it could not
 */
record FileReport(String file, List<Problem> problems, Optional<CommandFailure> unreadable) {

  FileReport {
    problems = List.copyOf(problems);
  }

  /** An input that was read, with its problems. */
  static FileReport of(String file, List<Problem> problems) {
    return new FileReport(file, problems, Optional.empty());
  }

  /** An input that could not be read. */
  static FileReport unreadable(String file, CommandFailure failure) {
    return new FileReport(file, List.of(), Optional.of(failure));
  }

  /** {@code FILE: valid}, or {@code FILE: invalid (N errors, M warnings)}: the last line of the text formats. */
  String verdict() {
    return file
        + (valid() ? ": valid" : ": invalid")
        + (problems.isEmpty() ? "" : " (" + ProblemText.counts(problems) + ")");
  }

  /** Read, and without errors (warnings allowed). */
  boolean valid() {
    return unreadable.isEmpty() && problems.stream().noneMatch(Problem::isError);
  }
}
