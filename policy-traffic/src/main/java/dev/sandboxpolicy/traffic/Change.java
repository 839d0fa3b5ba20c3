package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.WireNamed;

/**
 * How an event's outcome changes from the reference (the logged decision or a baseline policy) to the candidate.
 * Audit counts as passing: allow and audit differ in what is logged, not in what gets through.
 */
public enum Change implements WireNamed {
  /** Both pass, or both are denied. */
  UNCHANGED,
  /** The reference passed it; the candidate denies it: the candidate would break this traffic. */
  ALLOW_TO_DENY,
  /** The reference denied it; the candidate lets it through: the candidate widens access. */
  DENY_TO_ALLOW,
  /** One side could not be decided (see {@link UndecidableReason}). */
  UNDECIDABLE;

  /**
   * Returns the spelling used in JSON output, e.g. {@code allow_to_deny}.
   *
   * @return the lower-case name
   */
  @Override
  public String wireName() {
    return WireNamed.lowerCaseName(this);
  }

  static Change between(ReplayDecision reference, ReplayDecision candidate) {
    if (!reference.isDecided() || !candidate.isDecided()) {
      return UNDECIDABLE;
    }
    boolean before = reference.verdict().passes();
    boolean after = candidate.verdict().passes();
    return before == after ? UNCHANGED : before ? ALLOW_TO_DENY : DENY_TO_ALLOW;
  }
}
