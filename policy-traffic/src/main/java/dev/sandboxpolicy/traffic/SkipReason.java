package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.WireNamed;

/** Why advice proposes nothing for a logged denial. */
public enum SkipReason implements WireNamed {
  /**
   * The destination is always blocked: loopback, link-local, unspecified (also IPv4-mapped), {@code localhost} or
   * a cloud metadata name (logs spec §2.2). No policy may open it.
   */
  ALWAYS_BLOCKED("always-blocked destination (loopback, link-local or metadata)"),
  /**
   * The host is private or special-use by NemoClaw's SSRF table, which a custom preset may not name (NemoClaw
   * #10659); reaching it would need {@code allowed_ips}, which advice never writes.
   */
  PRIVATE_HOST("private or special-use host: a custom preset may not name it and advice never writes allowed_ips"),
  /** The SSRF check refused it; only {@code allowed_ips} could change that, and advice never writes it. */
  SSRF("refused by the SSRF check: only allowed_ips could change that, and advice never writes it"),
  /** The proxy refused it before or outside policy evaluation (bypass, parse errors, TLS, credentials). */
  NOT_A_POLICY_DECISION("not a policy decision: no policy edit changes it"),
  /** The line names no binary (an uncorrelated in-tunnel request, or an unresolved executable): none is invented. */
  NO_BINARY("the log does not say which binary made it"),
  /** The current policy already allows it (the log predates the policy). */
  ALREADY_ALLOWED("the current policy already allows it"),
  /** A deny rule of the current policy blocks it; advice never overrides deny rules. */
  DENY_RULE("a deny rule blocks it; advice never overrides deny rules"),
  /** The current policy's decision depends on what the log does not record. */
  UNDECIDABLE("the current policy's decision depends on what the log does not record"),
  /** The request's body is inspected (GraphQL, JSON-RPC, MCP); advice proposes REST and L4 rules only. */
  BODY_RULES("the policy inspects its body (GraphQL, JSON-RPC or MCP); advice proposes REST and L4 rules only"),
  /** The logged path cannot be written as a rule (a redacted credential, an invalid target, glob characters). */
  PATH_NOT_WRITABLE("the logged path cannot be written as a rule path");

  private final String description;

  SkipReason(String description) {
    this.description = description;
  }

  /**
   * Returns the spelling used in JSON output, e.g. {@code always_blocked}.
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
