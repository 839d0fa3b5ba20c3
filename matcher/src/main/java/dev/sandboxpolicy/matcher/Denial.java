package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * A denial whose reason names values of the request (the host, the executable, the method and path, a JSON-RPC
 * method, a header): what the reason is made of, so that the text is rendered only when {@link Decision#reason()}
 * asks for it, and so that a {@link DenialMemo} recognises the same denial when it comes again. Immutable.
 *
 * <p>Identity: the kind, the endpoint or rule it names ({@link #anchor}, by reference), the enforcement variant, and
 * the request values {@link #first}, {@link #second} and {@link #number}. Values are compared by content, strings and
 * request fields without allocating. {@link #derived} is not part of the identity: it follows from the rest (the
 * entries a binary denial names follow from the host and port).
 */
final class Denial {
  /** What is denied, and how its reason reads. */
  enum Kind {
    /** No endpoint admits the host and port (upstream's wording): first = host as requested, number = port. */
    ENDPOINT,
    /** Endpoints admit host and port, no entry's binaries match (upstream's wording): first = the request. */
    BINARY,
    /** A path the proxy must reject: first = the rejection code, second = its message. */
    PATH_REJECTED,
    /** {@code %2F} on an endpoint without {@code allow_encoded_slash}: anchor = the selected endpoint. */
    ENCODED_SLASH,
    /** A GraphQL body that does not parse: anchor = the selected endpoint, first = the parse error. */
    GRAPHQL_REJECTED,
    /** A JSON-RPC body the proxy could not inspect: anchor = the selected endpoint, first = the error. */
    JSON_RPC_REJECTED,
    /** Response frames sent to a {@code json-rpc} endpoint: anchor = the selected endpoint. */
    RESPONSE_FRAMES_REFUSED,
    /** A repeated, empty or unknown MCP-Protocol-Version header (400): anchor = endpoint, first = the header. */
    MCP_VERSION_MALFORMED,
    /** A known MCP revision outside {@code mcp.versions}: anchor = the endpoint, first = the header. */
    MCP_VERSION_REFUSED,
    /** A REST deny rule matched: anchor = the rule, first = method, second = path. */
    REST_DENY_RULE,
    /** A GraphQL deny rule matched: anchor = the rule. */
    GRAPHQL_DENY_RULE,
    /** A {@code json-rpc} deny rule matched: anchor = the rule, first = the call's method. */
    JSON_RPC_DENY_RULE,
    /** An {@code mcp} deny rule matched: anchor = the rule, first = the call's method. */
    MCP_DENY_RULE,
    /** An MCP tool name that is not a valid tool name under {@code strict_tool_names}: first = the name. */
    TOOL_NAME_INVALID,
    /** A hash-only persisted query that the endpoint does not register. */
    PERSISTED_QUERY_UNKNOWN,
    /** No rule allows the GraphQL operation. */
    GRAPHQL_NOT_PERMITTED,
    /** No rule allows the JSON-RPC call: first = its method. */
    JSON_RPC_NOT_PERMITTED,
    /** MCP response frames outside a POST: first = the HTTP method. */
    RESPONSE_NOT_PERMITTED,
    /** An MCP receive stream outside a GET: first = the HTTP method. */
    RECEIVE_STREAM_NOT_PERMITTED,
    /** A JSON-RPC message without method, response or receive stream. */
    EMPTY_MESSAGE_NOT_PERMITTED,
    /** No rule allows the REST request: first = method, second = path. */
    REST_NOT_PERMITTED
  }

  /** The enforcement of each variant ({@code CompiledPolicy.variant}): none, enforce, audit. */
  static final List<Optional<Enforcement>> ENFORCEMENTS =
      List.of(Optional.empty(), Optional.of(Enforcement.ENFORCE), Optional.of(Enforcement.AUDIT));

  private static final Optional<Enforcement> ENFORCED = ENFORCEMENTS.get(1);
  private static final Optional<RefusalStatus> FORBIDDEN = Optional.of(RefusalStatus.FORBIDDEN);
  private static final Optional<RefusalStatus> BAD_REQUEST = Optional.of(RefusalStatus.BAD_REQUEST);

  final Kind kind;
  /** The endpoint ({@link CompiledEndpoint}) or rule ({@link CompiledRule}) named, or null. */
  final Object anchor;
  /** The enforcement variant of the selected endpoint: 0 none, 1 enforce, 2 audit. */
  final int variant;
  final Object first;
  final Object second;
  final int number;
  /** Follows from the identity, not part of it (a binary denial's entry keys). */
  final Object derived;
  final int hash;

  Denial(Kind kind, Object anchor, int variant, Object first, Object second, int number, Object derived) {
    this.kind = kind;
    this.anchor = anchor;
    this.variant = variant;
    this.first = first;
    this.second = second;
    this.number = number;
    this.derived = derived;
    this.hash = hash(kind, anchor, variant, first, second, number);
  }

  /** The hash of a denial's identity; allocation-free. */
  static int hash(Kind kind, Object anchor, int variant, Object first, Object second, int number) {
    int h = kind.ordinal();
    h = 31 * h + (anchor == null ? 0 : System.identityHashCode(anchor));
    h = 31 * h + variant;
    h = 31 * h + valueHash(first);
    h = 31 * h + valueHash(second);
    return 31 * h + number;
  }

  private static int valueHash(Object value) {
    if (value instanceof String s) {
      return stringHash(s);
    }
    if (value instanceof NetworkRequest r) {
      return (stringHash(r.host()) * 31 + r.port()) * 31 + stringHash(r.binary()) + r.ancestors().size();
    }
    if (value instanceof McpProtocolVersionHeader h) {
      return h.state * 31 + h.values().size();
    }
    return 0;
  }

  /**
   * {@link String#hashCode()} (cached by the string, so a request's values are hashed once however often they are
   * decided), or just the length of a string too long for {@link DenialMemo} to remember.
   */
  private static int stringHash(String s) {
    return s.length() > DenialMemo.MAX_REMEMBERED_CHARS ? s.length() : s.hashCode();
  }

  /** Whether this denial has the given identity ({@code h} its {@link #hash}). */
  boolean matches(int h, Kind k, Object a, int v, Object f, Object s, int n) {
    return hash == h && kind == k && anchor == a && variant == v && number == n && same(first, f) && same(second, s);
  }

  private static boolean same(Object x, Object y) {
    if (x == y) {
      return true;
    }
    if (x == null || y == null) {
      return false;
    }
    if (x instanceof NetworkRequest r) {
      return y instanceof NetworkRequest o && r.sameIdentity(o);
    }
    return x.equals(y);
  }

  /** The longest string this denial keeps (for {@link DenialMemo}'s bound on what it retains). */
  int longestValue() {
    return Math.max(length(first), length(second));
  }

  private static int length(Object value) {
    if (value instanceof String s) {
      return s.length();
    }
    if (value instanceof NetworkRequest r) {
      return r.identityLength();
    }
    return 0;
  }

  /** The decision: its reason rendered from this when asked for. */
  Decision decision() {
    switch (kind) {
      case ENDPOINT:
      case BINARY:
        return Decision.denied(this, Optional.empty(), "", SourceLocation.NONE, Optional.empty(), FORBIDDEN);
      case PATH_REJECTED:
        return Decision.denied(this, Optional.empty(), "", SourceLocation.NONE, ENFORCED, FORBIDDEN);
      case ENCODED_SLASH:
      case GRAPHQL_REJECTED:
      case JSON_RPC_REJECTED:
      case RESPONSE_FRAMES_REFUSED: {
        CompiledEndpoint e = (CompiledEndpoint) anchor;
        return Decision.denied(this, Optional.of(e.entry.key), e.pointer(), e.location, ENFORCED, FORBIDDEN);
      }
      case MCP_VERSION_MALFORMED: {
        CompiledEndpoint e = (CompiledEndpoint) anchor;
        return Decision.denied(this, Optional.of(e.entry.key), e.pointer(), e.location, ENFORCED, BAD_REQUEST);
      }
      case MCP_VERSION_REFUSED: {
        CompiledEndpoint e = (CompiledEndpoint) anchor;
        return Decision.denied(
            this, Optional.of(e.entry.key), e.mcpVersionsPointer(), e.location, ENFORCED, FORBIDDEN);
      }
      case REST_DENY_RULE:
      case GRAPHQL_DENY_RULE:
      case JSON_RPC_DENY_RULE:
      case MCP_DENY_RULE: {
        CompiledRule r = (CompiledRule) anchor;
        return Decision.denied(
            this, Optional.of(r.entry().key), r.pointer(), r.location, ENFORCEMENTS.get(variant), FORBIDDEN);
      }
      default:
        return Decision.denied(
            this, Optional.empty(), "", SourceLocation.NONE, ENFORCEMENTS.get(variant), FORBIDDEN);
    }
  }

  /** The reason text (upstream's wording where upstream has one). */
  String render() {
    switch (kind) {
      case ENDPOINT:
        return "endpoint " + first + ":" + number + " is not allowed by any policy";
      case BINARY:
        return binaryReason((NetworkRequest) first, (String[]) derived);
      case PATH_REJECTED:
        return "request path rejected (" + first + "): " + second;
      case ENCODED_SLASH:
        return "encoded slash (%2F) in path is not allowed on this endpoint";
      case GRAPHQL_REJECTED:
        return "GraphQL request rejected: " + first;
      case JSON_RPC_REJECTED:
        return "JSON-RPC request rejected: " + first;
      case RESPONSE_FRAMES_REFUSED:
        return "JSON-RPC response frames are not permitted from client to server";
      case MCP_VERSION_MALFORMED:
        return ((McpProtocolVersionHeader) first).malformedReason();
      case MCP_VERSION_REFUSED: {
        McpProtocolVersionHeader header = (McpProtocolVersionHeader) first;
        CompiledEndpoint e = (CompiledEndpoint) anchor;
        return "MCP protocol version " + header.speaks().wireName() + " (" + header.source() + ") is not in"
            + " mcp.versions " + e.mcpVersionsText + " of policy '" + e.entry.key
            + "' (upstream answers 403 Forbidden)";
      }
      case REST_DENY_RULE:
        return first + " " + second + " blocked by a deny rule of policy '" + ((CompiledRule) anchor).entry().key + "'";
      case GRAPHQL_DENY_RULE:
        return "GraphQL operation blocked by endpoint policy";
      case JSON_RPC_DENY_RULE:
        return "JSON-RPC method '" + first + "' blocked by a deny rule of policy '"
            + ((CompiledRule) anchor).entry().key + "'";
      case MCP_DENY_RULE:
        return "MCP method '" + first + "' blocked by a deny rule of policy '"
            + ((CompiledRule) anchor).entry().key + "'";
      case TOOL_NAME_INVALID:
        return "MCP tool name '" + first + "' is not a valid tool name";
      case PERSISTED_QUERY_UNKNOWN:
        return "GraphQL persisted query is not registered";
      case GRAPHQL_NOT_PERMITTED:
        return "GraphQL operation not permitted by policy";
      case JSON_RPC_NOT_PERMITTED:
        return "JSON-RPC method '" + first + "' not permitted by policy";
      case RESPONSE_NOT_PERMITTED:
        return "JSON-RPC response frame (no method) in a " + first
            + " request not permitted by policy: only an mcp endpoint accepts client responses, in a POST";
      case RECEIVE_STREAM_NOT_PERMITTED:
        return "JSON-RPC receive stream (no method) in a " + first
            + " request not permitted by policy: only an mcp endpoint accepts receive streams, opened with a GET";
      case EMPTY_MESSAGE_NOT_PERMITTED:
        return "JSON-RPC message without a method, response or receive stream not permitted by policy";
      case REST_NOT_PERMITTED:
        return first + " " + second + " not permitted by policy";
      default:
        throw new AssertionError(kind);
    }
  }

  /** Upstream's binary-mismatch reason: one message per entry whose endpoints matched, joined by {@code ; }. */
  private static String binaryReason(NetworkRequest request, String[] entryKeys) {
    StringBuilder sb = new StringBuilder();
    for (String key : entryKeys) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append("binary '").append(request.binary()).append("' not allowed in policy '").append(key)
          .append("' (ancestors: [").append(String.join(" -> ", request.ancestors()))
          .append("], cmdline: [").append(String.join(", ", request.cmdlinePaths()))
          .append("]). SYMLINK HINT: binaries are matched against the kernel-resolved executable path, so if '")
          .append(request.binary())
          .append("' is reached through a symlink, list the target that readlink -f prints");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Denial[" + kind + "]";
  }
}
