package dev.sandboxpolicy.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which situation of the logs spec's catalogue (§1.3) a NET or HTTP event records, from what every
 * format carries: the class, the engine ({@code firewall_rule.type}), whether a rule and an actor are present, the
 * action, and the text (message or reason). Shared by the shorthand and the JSON Lines readers so both classify
 * alike.
 */
final class EventClassifier {

  /** The OPA policy engine: connection-level decisions (§1.3 rows 1, 2, 4, 5, 16). */
  static final String ENGINE_OPA = "opa";
  /** The SSRF destination check (rows 3, 6). */
  static final String ENGINE_SSRF = "ssrf";
  /** The nftables bypass monitor (row 14). */
  static final String ENGINE_NFTABLES = "nftables";
  /** The prefix of every L7 engine: {@code l7}, {@code l7-graphql}, {@code l7-jsonrpc}, {@code l7-mcp}, ... */
  static final String ENGINE_L7_PREFIX = "l7";
  /** L7 engines whose decision reads the request body (rows 7-9). */
  static final String ENGINE_GRAPHQL = "l7-graphql";
  static final String ENGINE_JSONRPC = "l7-jsonrpc";
  static final String ENGINE_MCP = "l7-mcp";

  /** Row 12's message, a connection ending rather than a decision. */
  private static final String TUNNEL_CLOSED_TEXT = "tunnel closed after policy reload";
  /** Row 11's h2c forward message. */
  private static final String H2C_TEXT = "unsupported h2c upgrade";
  /** Row 14's message prefix. */
  private static final String BYPASS_TEXT = "BYPASS_DETECT";
  /** Rows 16a/16b: the transparent TCP messages and status details. */
  private static final String TRANSPARENT_TEXT = "Transparent TCP";
  private static final String TRANSPARENT_DETAIL = "transparent_tcp_";
  /** The start of a binary denial's reason (logs spec §1.4). */
  static final String BINARY_DENIAL = "binary '";
  private static final String ANCESTORS_OPEN = "(ancestors: [";

  private EventClassifier() {}

  /**
   * The kind of a NET ({@code http} false) or HTTP event, or {@code null} when it records no decision (row 12).
   *
   * @param upgrade the action was {@code OTHER} (a WebSocket {@code allow_upgrade})
   */
  static EventKind classify(boolean http, String engine, boolean hasRule, boolean hasActor, boolean upgrade,
      TrafficVerdict decision, String text) {
    if (engine.equals(ENGINE_NFTABLES) || text.startsWith(BYPASS_TEXT)) {
      return EventKind.PROXY_BYPASS;
    }
    if (engine.equals(ENGINE_SSRF)) {
      return http ? EventKind.FORWARD_SSRF : EventKind.CONNECT_SSRF;
    }
    switch (engine) {
      case "tls", "credentials" -> {
        return EventKind.UNINSPECTABLE_TUNNEL;
      }
      case "credential-binding", "request-authority" -> {
        return EventKind.CREDENTIAL_MISMATCH;
      }
      default -> { }
    }
    if (!http) {
      if (engine.startsWith(ENGINE_L7_PREFIX)) {
        return text.contains(TUNNEL_CLOSED_TEXT) ? null : EventKind.PARSE_REJECTION;
      }
      if (!hasRule && decision == TrafficVerdict.DENY) {
        return EventKind.TRANSPARENT_TCP_MAPPING;
      }
      if (text.startsWith(TRANSPARENT_TEXT) || text.startsWith(TRANSPARENT_DETAIL)) {
        return EventKind.TRANSPARENT_TCP;
      }
      return engine.equals(ENGINE_OPA) || engine.isEmpty() ? EventKind.CONNECT : EventKind.PARSE_REJECTION;
    }
    if (text.contains(H2C_TEXT)) {
      return EventKind.PARSE_REJECTION;
    }
    if (engine.equals(ENGINE_OPA)) {
      return EventKind.FORWARD;
    }
    if (engine.startsWith(ENGINE_L7_PREFIX)) {
      if (upgrade) {
        return EventKind.WEBSOCKET_UPGRADE;
      }
      return hasActor ? EventKind.FORWARD_L7 : EventKind.TUNNEL_L7;
    }
    return EventKind.PARSE_REJECTION;
  }

  /**
   * Whether an ALLOWED event's message says {@code audit}: {@code L7_REQUEST audit ...}, {@code FORWARD_L7 audit
   * ...}, {@code GRAPHQL_L7_REQUEST audit ...} or {@code JSONRPC_L7_REQUEST decision=audit ...} (logs spec §1.5).
   */
  static boolean saysAudit(String message) {
    int space = message.indexOf(' ');
    if (space > 0 && message.startsWith("audit ", space + 1) && message.lastIndexOf("L7", space) >= 0) {
      return true;
    }
    return message.contains(" decision=audit ");
  }

  /**
   * The ancestors listed in a binary denial's reason ({@code binary 'X' not allowed in policy 'K' (ancestors:
   * [a -> b], cmdline: [...])}, logs spec §1.4), or {@code null} when the reason is not a binary denial or is cut
   * before the list ends.
   */
  static List<String> ancestorsFromReason(String reason) {
    if (!reason.startsWith(BINARY_DENIAL)) {
      return null;
    }
    int open = reason.indexOf(ANCESTORS_OPEN);
    if (open < 0) {
      return null;
    }
    int from = open + ANCESTORS_OPEN.length();
    int close = reason.indexOf(']', from);
    if (close < 0) {
      return null;
    }
    String list = reason.substring(from, close).trim();
    List<String> out = new ArrayList<>();
    if (list.isEmpty() || list.equals("-")) {
      return out;
    }
    for (String a : list.split(" -> ")) {
      if (!a.isBlank() && !a.equals("-")) {
        out.add(a.trim());
      }
    }
    return out;
  }

  /** Whether the engine's decision reads the request body (GraphQL operations or JSON-RPC calls). */
  static boolean inspectsBody(String engine) {
    return engine.equals(ENGINE_GRAPHQL) || engine.equals(ENGINE_JSONRPC) || engine.equals(ENGINE_MCP);
  }
}
