package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a validation found: every problem, not just the first, each with a severity, a stable snake_case
 * code (listed in {@code docs/validation-codes.md}), a JSON Pointer, a line, a column and a message.
 *
 * <p>Problems are ordered by position (line, then column); problems without a position (line {@code 0}) come last,
 * in the order they were found. A report with only warnings {@link #isValid() is valid}: warnings describe
 * documents that upstream accepts but that probably do not do what their author meant.
 */
public final class ValidationReport {

  /**
   * By line, then column; a problem without a position (line 0) last. A class rather than a comparator built from
   * lambdas: every report sorts, and linking lambda call sites is a visible share of a short command's start-up.
   */
  private static final Comparator<Problem> BY_POSITION = new Comparator<>() {
    @Override
    public int compare(Problem a, Problem b) {
      int byLine = Integer.compare(sortLine(a), sortLine(b));
      return byLine != 0 ? byLine : Integer.compare(a.column(), b.column());
    }

    private int sortLine(Problem p) {
      return p.line() == 0 ? Integer.MAX_VALUE : p.line();
    }
  };

  private final List<Problem> problems;

  private ValidationReport(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(BY_POSITION);
    this.problems = List.copyOf(sorted);
  }

  /** A report of {@code problems} (copied and ordered by position). */
  public static ValidationReport of(List<Problem> problems) {
    return new ValidationReport(problems);
  }

  /** Every problem, errors and warnings, ordered by position. */
  public List<Problem> problems() {
    return problems;
  }

  /** Only the errors. */
  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  /** Only the warnings. */
  public List<Problem> warnings() {
    return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
  }

  /** Whether any problem is an error (the document would be rejected). */
  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  /** Whether the document is accepted: no errors (warnings allowed). */
  public boolean isValid() {
    return !hasErrors();
  }

  /** One problem per line, {@code line:column: severity code message}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }
}
