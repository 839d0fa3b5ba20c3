package dev.sandboxpolicy.traffic;

import java.util.Objects;

/**
 * The replay of one event: the reference decision (logged, or the baseline policy's), the candidate's decision,
 * and the {@link Change} between them. Immutable.
 */
public final class ReplayResult {
  private final LogEvent event;
  private final ReplayDecision reference;
  private final ReplayDecision candidate;
  private final Change change;

  ReplayResult(LogEvent event, ReplayDecision reference, ReplayDecision candidate) {
    this.event = Objects.requireNonNull(event, "event");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.candidate = Objects.requireNonNull(candidate, "candidate");
    this.change = Change.between(reference, candidate);
  }

  /**
   * Returns the replayed event.
   *
   * @return the event
   */
  public LogEvent event() {
    return event;
  }

  /**
   * Returns the reference decision: the logged one, or the baseline policy's.
   *
   * @return the reference
   */
  public ReplayDecision reference() {
    return reference;
  }

  /**
   * Returns the candidate policy's decision.
   *
   * @return the candidate decision
   */
  public ReplayDecision candidate() {
    return candidate;
  }

  /**
   * Returns how the outcome changes from reference to candidate.
   *
   * @return the change
   */
  public Change change() {
    return change;
  }

  @Override
  public String toString() {
    return "ReplayResult[" + event.source() + ":" + event.line() + " " + change.wireName() + " " + reference + " -> "
        + candidate + "]";
  }
}
