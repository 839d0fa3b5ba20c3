package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.WireNamed;

/**
 * Why replay could not decide an event under a policy. Replay never guesses: an event whose outcome depends on
 * something the log does not record is counted as undecidable, with one of these reasons.
 */
public enum UndecidableReason implements WireNamed {
  /** The proxy refused before or outside policy evaluation ({@link EventKind#isPolicyDecision()} is false). */
  NOT_A_POLICY_DECISION("the proxy refused this before or outside policy evaluation; no policy changes it"),
  /**
   * The line has no binary: an in-tunnel request that could not be tied to exactly one logged connection, or an
   * executable the supervisor could not resolve ({@code -(0)}). A binary is never invented.
   */
  NO_BINARY("the log does not say which binary made this request"),
  /**
   * The policy refuses the binary itself, but the line does not list its ancestors, any of which could have
   * matched the policy's binaries instead.
   */
  ANCESTORS_NOT_LOGGED("the policy refuses the binary and the log does not list its ancestors"),
  /** An SSRF refusal whose resolved address is not in the line, so the destination check cannot be re-run. */
  SSRF_ADDRESS_NOT_LOGGED("the log does not say which address the host resolved to"),
  /**
   * The policy inspects this request's body (GraphQL, JSON-RPC or MCP) and the line does not carry the operations
   * or calls.
   */
  BODY_NOT_LOGGED("the policy inspects the request body and the log does not record it"),
  /** A request line without a logged {@code decision}, replayed without a baseline policy. */
  NO_LOGGED_DECISION("the line has no logged decision and no baseline policy was given");

  private final String description;

  UndecidableReason(String description) {
    this.description = description;
  }

  /**
   * Returns the spelling used in JSON output, e.g. {@code no_binary}.
   *
   * @return the lower-case name
   */
  @Override
  public String wireName() {
    return WireNamed.lowerCaseName(this);
  }

  /**
   * Returns a sentence that explains the reason.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
