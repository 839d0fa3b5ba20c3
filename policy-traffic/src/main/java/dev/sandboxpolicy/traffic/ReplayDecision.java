package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.Decision;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * One side of a replay comparison: the verdict on an event (logged, or decided under a policy), the network-policy
 * key that decided, and the reason; or why it could not be decided. Immutable.
 *
 * <pre>{@code
 * ReplayDecision d = Replay.decide(compiled, event);
 * if (d.isDecided() && d.verdict() == TrafficVerdict.DENY) {
 *   System.out.println(d.reason());
 * }
 * }</pre>
 */
public final class ReplayDecision implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TrafficVerdict verdict;
  private final UndecidableReason undecidable;
  private final String policy;
  private final String reason;
  private final String rulePointer;

  private ReplayDecision(TrafficVerdict verdict, UndecidableReason undecidable, String policy, String reason,
      String rulePointer) {
    this.verdict = verdict;
    this.undecidable = undecidable;
    this.policy = policy;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.rulePointer = Objects.requireNonNull(rulePointer, "rulePointer");
  }

  static ReplayDecision decided(TrafficVerdict verdict, Optional<String> policy, String reason) {
    if (verdict == TrafficVerdict.UNKNOWN) {
      throw new IllegalArgumentException("a decided verdict is allow, audit or deny");
    }
    return new ReplayDecision(verdict, null, policy.orElse(null), reason, "");
  }

  static ReplayDecision of(TrafficVerdict verdict, Decision d) {
    if (verdict == TrafficVerdict.UNKNOWN) {
      throw new IllegalArgumentException("a decided verdict is allow, audit or deny");
    }
    return new ReplayDecision(verdict, null, d.matchedPolicy().orElse(null), d.reason(), d.rulePointer());
  }

  static ReplayDecision undecidable(UndecidableReason why) {
    return new ReplayDecision(null, Objects.requireNonNull(why, "why"), null, why.description(), "");
  }

  /**
   * The decision a log line records: its verdict, policy key and reason; undecidable ({@link
   * UndecidableReason#NO_LOGGED_DECISION}) for a request line without a logged decision.
   *
   * @param event the event
   * @return the logged decision
   */
  static ReplayDecision logged(LogEvent event) {
    if (event.loggedDecision() == TrafficVerdict.UNKNOWN) {
      return undecidable(UndecidableReason.NO_LOGGED_DECISION);
    }
    return decided(event.loggedDecision(), event.policy(), event.reason());
  }

  /**
   * Tells whether a verdict was reached.
   *
   * @return false when undecidable
   */
  public boolean isDecided() {
    return verdict != null;
  }

  /**
   * Returns the verdict: allow, audit or deny.
   *
   * @return the verdict
   * @throws IllegalStateException when undecidable
   */
  public TrafficVerdict verdict() {
    if (verdict == null) {
      throw new IllegalStateException("undecidable: " + undecidable.wireName());
    }
    return verdict;
  }

  /**
   * Returns why no verdict was reached.
   *
   * @return the reason, or empty when decided
   */
  public Optional<UndecidableReason> undecidableReason() {
    return Optional.ofNullable(undecidable);
  }

  /**
   * Returns the network-policy key that allowed (or whose deny rule denied), when one did.
   *
   * @return the key, or empty
   */
  public Optional<String> policy() {
    return Optional.ofNullable(policy);
  }

  /**
   * Returns the reason: the deny reason, the logged message, or the undecidable reason's description.
   *
   * @return the reason, {@code ""} when there is none
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns the JSON pointer of the endpoint or rule that decided under a policy, e.g.
   * {@code /network_policies/github/endpoints/0/rules/1}; {@code ""} for logged decisions and denials without one.
   *
   * @return the pointer
   */
  public String rulePointer() {
    return rulePointer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplayDecision d
        && verdict == d.verdict
        && undecidable == d.undecidable
        && Objects.equals(policy, d.policy)
        && reason.equals(d.reason)
        && rulePointer.equals(d.rulePointer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(verdict, undecidable, policy, reason);
  }

  @Override
  public String toString() {
    if (verdict == null) {
      return "undecidable(" + undecidable.wireName() + ")";
    }
    return verdict.wireName() + (policy == null ? "" : " (" + policy + ")") + (reason.isEmpty() ? "" : ": " + reason);
  }
}
