package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Problem;
import java.util.List;

/**
 * Thrown by {@link CompiledPolicy#compile} when the policy has errors; {@link #problems()} lists every problem
 * (errors and warnings) with its stable code and location. The message never contains a stack trace worth reading:
 * show the problems.
 */
public final class PolicyCompileException extends Exception {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The problems (not serialized). */
  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param problems the problems found, at least one of them an error
   */
  public PolicyCompileException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns every problem found.
   *
   * @return an immutable list
   */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("policy does not compile");
    for (Problem p : problems) {
      if (p.isError()) {
        sb.append("; ").append(p.code()).append(" at ").append(p.pointer()).append(": ").append(p.message());
      }
    }
    return sb.toString();
  }
}
