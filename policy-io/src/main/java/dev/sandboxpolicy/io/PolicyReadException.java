package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.Problem;
import java.util.List;

/**
 * Thrown by {@link ReadResult#orElseThrow()} when a document could not be read. It carries every problem found,
 * each with a code, a JSON pointer, a line and a column.
 */
public final class PolicyReadException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The problems, never empty. */
  private final transient List<Problem> problems;

  /** Creates an exception for {@code problems} (at least one). */
  public PolicyReadException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found while reading, errors and warnings. */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    return problems.stream()
        .filter(Problem::isError)
        .findFirst()
        .map(Problem::toString)
        .orElse(problems.isEmpty() ? "document could not be read" : problems.get(0).toString());
  }
}
