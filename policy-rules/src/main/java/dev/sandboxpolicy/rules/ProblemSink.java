package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.Severity;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one validation run, locating each through a {@link Locator}. */
final class ProblemSink {
  private final Locator locator;
  private final List<Problem> problems = new ArrayList<>();

  ProblemSink(Locator locator) {
    this.locator = locator;
  }

  void error(ProblemCode code, String pointer, String message) {
    add(Severity.ERROR, code, pointer, message);
  }

  void warning(ProblemCode code, String pointer, String message) {
    add(Severity.WARNING, code, pointer, message);
  }

  /** An error located at the mapping key of {@code pointer} (for problems about the key itself). */
  void errorAtKey(ProblemCode code, String pointer, String message) {
    SourceLocation at = locator.locateKey(pointer);
    problems.add(new Problem(Severity.ERROR, code.wireName(), pointer, at.line(), at.column(), message));
  }

  /** A warning located at the mapping key of {@code pointer}. */
  void warningAtKey(ProblemCode code, String pointer, String message) {
    SourceLocation at = locator.locateKey(pointer);
    problems.add(new Problem(Severity.WARNING, code.wireName(), pointer, at.line(), at.column(), message));
  }

  void add(Severity severity, ProblemCode code, String pointer, String message) {
    SourceLocation at = locator.locate(pointer);
    problems.add(new Problem(severity, code.wireName(), pointer, at.line(), at.column(), message));
  }

  /** Whether the source text has a value at exactly {@code pointer} (see {@link Locator#written}). */
  boolean written(String pointer) {
    return locator.written(pointer);
  }

  /** Adds a problem produced elsewhere (the reader, the JSON Schema check) unchanged. */
  void add(Problem problem) {
    problems.add(problem);
  }

  List<Problem> problems() {
    return problems;
  }
}
