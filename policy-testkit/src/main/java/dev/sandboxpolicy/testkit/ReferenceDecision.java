package dev.sandboxpolicy.testkit;

import java.util.Objects;

/**
 * A decision of the {@link ReferenceMatcher}.
 *
 * @param outcome what was decided
 * @param matchedPolicy the lexicographically smallest {@code network_policies} map key among the entries that
 *     allowed (for an allow) or denied (for an L7 deny) the input, or {@code ""} when none did (§3.4)
 * @param reason a human-readable reason (upstream's exact L4 deny strings where §3.4 gives them)
 */
public record ReferenceDecision(ReferenceOutcome outcome, String matchedPolicy, String reason) {

  /** Validates the components. */
  public ReferenceDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(matchedPolicy, "matchedPolicy");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the outcome is {@link ReferenceOutcome#ALLOW}. */
  public boolean allowed() {
    return outcome == ReferenceOutcome.ALLOW;
  }
}
