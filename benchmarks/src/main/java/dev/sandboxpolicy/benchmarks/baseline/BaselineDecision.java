package dev.sandboxpolicy.benchmarks.baseline;

import java.util.Objects;

/**
 * BASELINE ONLY. What {@link NaiveRegexPolicy} answers: allow, deny or evaluation error (fail closed), the allowing
 * network-policy map key (the lexicographically smallest, spec §3.4) and, on deny or error, the reason.
 *
 * @param outcome allow, deny or error
 * @param matchedPolicy the allowing map key; {@code ""} unless {@code outcome} is {@link Outcome#ALLOW}
 * @param reason why it was denied; {@code ""} on allow
 */
public record BaselineDecision(Outcome outcome, String matchedPolicy, String reason) {
  /** The three outcomes of an upstream decision. */
  public enum Outcome {
    /** Allowed. */
    ALLOW,
    /** Denied. */
    DENY,
    /** Evaluation failed (U+0000, a glob that does not compile); upstream fails closed. */
    ERROR
  }

  /** Checks the components. */
  public BaselineDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(matchedPolicy, "matchedPolicy");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns whether the connection or request is allowed.
   *
   * @return true for {@link Outcome#ALLOW}
   */
  public boolean allowed() {
    return outcome == Outcome.ALLOW;
  }
}
