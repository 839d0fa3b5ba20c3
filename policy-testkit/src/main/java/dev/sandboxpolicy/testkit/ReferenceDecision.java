package dev.sandboxpolicy.testkit;

import java.util.Objects;

/**
 * A decision of the {@link ReferenceMatcher}.
 *
 * @param outcome what was decided
 * @param matchedPolicy the lexicographically smallest {@code network_policies} map key among the entries that
 *     allowed (for an allow) or denied (for an L7 deny) the input, or {@code ""} when none did (§3.4)
 * @param reason a human-readable reason (upstream's exact L4 deny strings where §3.4 gives them)
 * @param outcomeIfErrorsSkipped for an {@link ReferenceOutcome#ERROR}: the outcome the decision reaches when the
 *     globs that failed are never evaluated (taken as "no match"); otherwise the outcome itself. The spec says a
 *     failing glob fails the decision, not whether an implementation must evaluate globs whose result cannot
 *     change the answer, so both are acceptable (see {@link #accepts})
 * @param httpStatus the HTTP status upstream answers when it refuses the input: 400 (Bad Request) for an MCP request
 *     whose {@code MCP-Protocol-Version} header is repeated, empty or no known revision, 403 (Forbidden) for every
 *     other {@link ReferenceOutcome#DENY}, {@link ReferenceOutcome#AUDIT} or {@link ReferenceOutcome#ERROR}; 0 for
 *     the outcomes that refuse nothing
 */
public record ReferenceDecision(
    ReferenceOutcome outcome,
    String matchedPolicy,
    String reason,
    ReferenceOutcome outcomeIfErrorsSkipped,
    int httpStatus) {

  /** What upstream answers for a request it forbids. */
  public static final int FORBIDDEN = 403;
  /** What upstream answers for a request it cannot check as sent (a malformed MCP-Protocol-Version header). */
  public static final int BAD_REQUEST = 400;

  /** Validates the components. */
  public ReferenceDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(matchedPolicy, "matchedPolicy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(outcomeIfErrorsSkipped, "outcomeIfErrorsSkipped");
    if (httpStatus != 0 && httpStatus != FORBIDDEN && httpStatus != BAD_REQUEST) {
      throw new IllegalArgumentException("httpStatus must be 0, 400 or 403, not " + httpStatus);
    }
  }

  /** A decision with an error outcome: the status follows the outcome (403 for a refusal). */
  ReferenceDecision(
      ReferenceOutcome outcome, String matchedPolicy, String reason, ReferenceOutcome outcomeIfErrorsSkipped) {
    this(outcome, matchedPolicy, reason, outcomeIfErrorsSkipped, refuses(outcome) ? FORBIDDEN : 0);
  }

  /** A decision without evaluation errors: the status follows the outcome (403 for a refusal). */
  ReferenceDecision(ReferenceOutcome outcome, String matchedPolicy, String reason) {
    this(outcome, matchedPolicy, reason, outcome);
  }

  /** A refusal upstream answers with 400 Bad Request. */
  static ReferenceDecision badRequest(String matchedPolicy, String reason) {
    return new ReferenceDecision(ReferenceOutcome.DENY, matchedPolicy, reason, ReferenceOutcome.DENY, BAD_REQUEST);
  }

  private static boolean refuses(ReferenceOutcome outcome) {
    return outcome == ReferenceOutcome.DENY || outcome == ReferenceOutcome.AUDIT || outcome == ReferenceOutcome.ERROR;
  }

  /**
   * Whether an implementation's outcome is consistent with this decision: the same outcome, or, when this
   * decision is an {@link ReferenceOutcome#ERROR}, the outcome reached without the failing globs (an implementation
   * that stops evaluating once the answer is known may never reach them).
   *
   * <p><b>Warning:</b> this tolerance also accepts an implementation that evaluated a failing glob and ignored the
   * error; compare with {@link #outcome()} alone to demand eager fail-closed behaviour.
   */
  public boolean accepts(ReferenceOutcome actual) {
    return actual == outcome || (outcome == ReferenceOutcome.ERROR && actual == outcomeIfErrorsSkipped);
  }

  /** Whether the outcome is {@link ReferenceOutcome#ALLOW}. */
  public boolean allowed() {
    return outcome == ReferenceOutcome.ALLOW;
  }
}
