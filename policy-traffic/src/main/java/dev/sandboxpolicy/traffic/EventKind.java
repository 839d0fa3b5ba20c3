package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.WireNamed;

/**
 * The policy-relevant situations of the logs spec's event catalogue (§1.3), as read from a line. The row numbers
 * of that table are given for each kind. Row 12 (a tunnel closed by a policy reload) is not an event: it records
 * the end of a connection, not a decision, so a reader skips it.
 *
 * <p>Some kinds are refusals that no policy edit changes: the proxy refused before or outside policy evaluation.
 * Replay counts those as undecidable ({@link UndecidableReason#NOT_A_POLICY_DECISION}) and advice never targets
 * them.
 */
public enum EventKind implements WireNamed {
  /** Rows 1 and 2: a CONNECT allowed or denied by policy ({@code NET}, engine {@code opa}). */
  CONNECT(true),
  /** Row 3: a CONNECT refused by the SSRF destination check ({@code NET}, engine {@code ssrf}). */
  CONNECT_SSRF(true),
  /** Rows 4 and 5: a plain-HTTP forward allowed or denied at the connection level ({@code HTTP}, engine {@code opa}). */
  FORWARD(true),
  /** Row 6: a plain-HTTP forward refused by the SSRF check ({@code HTTP}, engine {@code ssrf}). */
  FORWARD_SSRF(true),
  /** Row 7: a plain-HTTP forward decided by L7 rules (engines {@code l7}, {@code l7-graphql}, ...; has an actor). */
  FORWARD_L7(true),
  /** Rows 8 and 9: a request inside a CONNECT tunnel decided by L7 rules; the line has no binary (no actor). */
  TUNNEL_L7(true),
  /** Row 10: a WebSocket upgrade allowed inside a tunnel ({@code allow_upgrade}, action {@code OTHER}). */
  WEBSOCKET_UPGRADE(true),
  /** Row 11: a request the proxy could not parse, an unsupported tunnel protocol or an h2c upgrade. */
  PARSE_REJECTION(false),
  /** Row 13: TLS termination unavailable, or credentials on an uninspected tunnel (engines {@code tls}, {@code credentials}). */
  UNINSPECTABLE_TUNNEL(false),
  /** Row 14: a direct connection that bypassed the proxy, seen by nftables ({@code NET:REFUSE}). */
  PROXY_BYPASS(false),
  /** Row 15: credential binding or request authority mismatch (engines {@code credential-binding}, {@code request-authority}). */
  CREDENTIAL_MISMATCH(false),
  /** Rows 16a and 16b: transparent TCP allowed, or denied by policy. */
  TRANSPARENT_TCP(true),
  /** Row 16b, mapping case: transparent TCP refused because the destination could not be mapped (no rule). */
  TRANSPARENT_TCP_MAPPING(false),
  /** A line of this library's request JSON Lines ({@link LogFormat#REQUEST_JSONL}). */
  REQUEST(true);

  private final boolean policyDecision;

  EventKind(boolean policyDecision) {
    this.policyDecision = policyDecision;
  }

  /**
   * Tells whether a policy decided this event, so that another policy may decide it differently.
   *
   * @return false for refusals made before or outside policy evaluation
   */
  public boolean isPolicyDecision() {
    return policyDecision;
  }

  /**
   * Returns the spelling used in JSON output, e.g. {@code tunnel_l7}.
   *
   * @return the lower-case name
   */
  @Override
  public String wireName() {
    return WireNamed.lowerCaseName(this);
  }
}
