package dev.sandboxpolicy.matcher;

/** The outcome of one decision. */
public enum Verdict {
  /** The connection or request is allowed. */
  ALLOW,
  /** The connection or request is denied; {@link Decision#reason()} says why, in the upstream wording. */
  DENY,
  /**
   * Evaluation failed (for example U+0000 in a host or query value, or a glob that does not compile). Upstream
   * treats this exactly like a denial: fail closed. {@link Decision#isAllowed()} is false.
   */
  ERROR
}
