package dev.sandboxpolicy.testkit;

/** What the {@link ReferenceMatcher} decided for a connection or a request. */
public enum ReferenceOutcome {
  /** Allowed by policy. */
  ALLOW,
  /** Denied and blocked (an L4 denial, an L7 denial on an {@code enforcement: enforce} endpoint, or a hard denial). */
  DENY,
  /**
   * Not allowed by the L7 policy but forwarded because the selected endpoint audits (§3.5 step 5: anything but
   * {@code enforcement: enforce} audits).
   */
  AUDIT,
  /**
   * Evaluation failed (a U+0000 reaching a glob, a glob that does not compile): upstream fails closed, so this is a
   * denial too (§3.10).
   */
  ERROR,
  /**
   * A request on a connection without any inspected endpoint (§3.5: the request decision is only made when the
   * connection has at least one inspected config): upstream relays the bytes and makes no L7 decision.
   */
  NOT_INSPECTED,
  /**
   * Outside what the reference models (parts of MCP, GraphQL over WebSocket, or a GraphQL or
   * JSON-RPC endpoint asked without the request body view): no verdict; comparisons skip it.
   */
  UNSUPPORTED;

  /**
   * The outcome of a compiled-matcher decision in this vocabulary, for comparisons: {@code ALLOW} and {@code ERROR}
   * as they are, the matcher's not-inspected denial ({@code Decision.notInspected()}: it fails closed where upstream
   * relays) as {@link #NOT_INSPECTED}, {@code DENY} with {@code AUDIT} enforcement as {@link #AUDIT}, every other
   * {@code DENY} as {@link #DENY}. Never {@link #UNSUPPORTED}.
   */
  public static ReferenceOutcome of(dev.sandboxpolicy.matcher.Decision decision) {
    if (decision.notInspected()) {
      return NOT_INSPECTED;
    }
    return switch (decision.verdict()) {
      case ALLOW -> ALLOW;
      case ERROR -> ERROR;
      case DENY -> decision.enforcement().orElse(dev.sandboxpolicy.model.Enforcement.ENFORCE)
          == dev.sandboxpolicy.model.Enforcement.AUDIT ? AUDIT : DENY;
    };
  }
}
