package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.WireNamed;

/**
 * The verdict on one connection or request: what a log line says the sandbox decided (logs spec §1.5), or what
 * replay decides under a policy.
 *
 * <p>Audit (a would-deny under {@code enforcement: audit}) is logged as {@code ALLOWED}; only the event's message
 * says {@code audit}. The JSON Lines form carries the message, so audit is recognised there; the shorthand shows
 * the message only for {@code l7-mcp} events, so elsewhere an audited request reads as {@link #ALLOW}.
 */
public enum TrafficVerdict implements WireNamed {
  /** The connection or request went through ({@code ALLOWED}, or a WebSocket upgrade logged as {@code OTHER}). */
  ALLOW,
  /** The request went through but would have been denied: {@code enforcement: audit}. */
  AUDIT,
  /** The connection or request was refused ({@code DENIED}). */
  DENY,
  /**
   * The line names no decision: a request line of this library's JSON Lines without a {@code decision} field.
   * Never the verdict of a replay.
   */
  UNKNOWN;

  /**
   * Returns the spelling used in JSON and text output: {@code allow}, {@code audit}, {@code deny}, {@code unknown}.
   *
   * @return the lower-case name
   */
  @Override
  public String wireName() {
    return WireNamed.lowerCaseName(this);
  }

  /**
   * Tells whether traffic passed: allow and audit pass, deny does not.
   *
   * @return true for {@link #ALLOW} and {@link #AUDIT}
   */
  public boolean passes() {
    return this == ALLOW || this == AUDIT;
  }
}
