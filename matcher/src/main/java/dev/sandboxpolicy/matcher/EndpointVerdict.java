package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Protocol;
import java.util.List;

/**
 * What one endpoint (whose host, port, binary and path selector matched) says about a request, per its protocol
 * (spec §3.5, §3.7, §3.8). Mutable and reused through {@link EvaluationScratch} so the allow path does not allocate.
 */
final class EndpointVerdict {
  static final int NONE = 0;
  static final int ALLOWED = 1;
  static final int DENIED_BY_RULE = 2;
  static final int ERROR = 3;
  /** Maximum length of an MCP tool name under {@code strict_tool_names} (spec §3.8). */
  static final int MAX_TOOL_NAME_LENGTH = 128;
  /** The call index that means "not one call": a request without JSON-RPC calls. */
  static final int WHOLE_REQUEST = -1;

  int kind;
  CompiledRule rule;
  /** Why the endpoint denies (a deny rule, or an authoritative refusal), or null. */
  Denial.Kind denial;
  /** The request value the denial names besides method and path (a JSON-RPC method, a tool name), or null. */
  String detail;
  /** A denial by this endpoint that other endpoints' allows cannot override (GraphQL authority, bad tool name). */
  boolean authoritative;

  private EndpointVerdict set(int kind, CompiledRule rule, Denial.Kind denial, String detail, boolean authoritative) {
    this.kind = kind;
    this.rule = rule;
    this.denial = denial;
    this.detail = detail;
    this.authoritative = authoritative;
    return this;
  }

  private EndpointVerdict set(int kind, CompiledRule rule) {
    return set(kind, rule, null, null, false);
  }

  /**
   * The verdict of endpoint {@code e} on request {@code r}. On a {@code json-rpc} or {@code mcp} endpoint only the
   * JSON-RPC call at index {@code call} is judged (spec §3.8: each call of a batch is its own decision; the caller
   * combines them); {@link #WHOLE_REQUEST} when the request has no calls (MCP responses and receive streams). Other
   * endpoints ignore {@code call}.
   */
  static EndpointVerdict evaluate(CompiledEndpoint e, L7Request r, int call, EvaluationScratch s) {
    EndpointVerdict v = s.verdict;
    v.set(NONE, null);
    if (e.graphqlPolicy && r.graphql().isPresent()) {
      return graphql(v, e, r.graphql().get(), s);
    }
    if (e.isJsonRpcFamily()) {
      if (r.jsonRpc().isEmpty()) {
        return v; // REST-shaped rules never apply to json-rpc/mcp endpoints
      }
      if (call == WHOLE_REQUEST) {
        return e.protocol == Protocol.MCP ? mcpWithoutCalls(v, r, r.jsonRpc().get()) : v;
      }
      JsonRpcCall c = r.jsonRpc().get().calls().get(call);
      return e.protocol == Protocol.MCP ? mcp(v, e, r, c, call, s) : jsonRpc(v, e, r, c);
    }
    return rest(v, e, r, s);
  }

  private static EndpointVerdict rest(EndpointVerdict v, CompiledEndpoint e, L7Request r, EvaluationScratch s) {
    if (e.nulScreen.rest(r, s, e.entry.key) == GlobMatcher.ERROR) {
      return v.set(ERROR, null);
    }
    for (CompiledRule rule : e.deny) {
      int m = rule.matchesRest(r, true, s);
      if (m == GlobMatcher.ERROR) {
        return v.set(ERROR, null);
      }
      if (m == GlobMatcher.MATCH) {
        return v.set(DENIED_BY_RULE, rule, Denial.Kind.REST_DENY_RULE, null, false);
      }
    }
    for (CompiledRule rule : e.allow) {
      int m = rule.matchesRest(r, false, s);
      if (m == GlobMatcher.ERROR) {
        return v.set(ERROR, null);
      }
      if (m == GlobMatcher.MATCH) {
        return v.set(ALLOWED, rule);
      }
    }
    return v;
  }

  private static EndpointVerdict graphql(EndpointVerdict v, CompiledEndpoint e, GraphqlRequest g, EvaluationScratch s) {
    if (g.lifecycle()) {
      return v.set(ALLOWED, null); // connection_init, ping, pong, complete
    }
    if (e.nulScreen.graphql(g, s, e.entry.key) == GlobMatcher.ERROR) {
      return v.set(ERROR, null);
    }
    List<GraphqlOperation> ops = g.operations();
    if (ops.isEmpty()) {
      return v.set(NONE, null, Denial.Kind.GRAPHQL_NOT_PERMITTED, null, true);
    }
    CompiledRule first = null;
    for (int i = 0; i < ops.size(); i++) {
      GraphqlOperation op = ops.get(i);
      String type = op.operationType();
      String name = op.operationName();
      List<String> fields = op.fields();
      if (op.persistedQuery() && type.isEmpty()) {
        PersistedQuery registered = e.registeredQuery(op);
        if (registered == null) {
          return v.set(NONE, null, Denial.Kind.PERSISTED_QUERY_UNKNOWN, null, true);
        }
        type = registered.operationType();
        name = registered.operationName();
        fields = registered.fields();
      }
      for (CompiledRule rule : e.deny) {
        int m = rule.deniesOperation(type, name, fields, s);
        if (m == GlobMatcher.ERROR) {
          return v.set(ERROR, null);
        }
        if (m == GlobMatcher.MATCH) {
          return v.set(DENIED_BY_RULE, rule, Denial.Kind.GRAPHQL_DENY_RULE, null, false);
        }
      }
      CompiledRule allowing = null;
      for (CompiledRule rule : e.allow) {
        int m = rule.allowsOperation(type, name, fields, s);
        if (m == GlobMatcher.ERROR) {
          return v.set(ERROR, null);
        }
        if (m == GlobMatcher.MATCH) {
          allowing = rule;
          break;
        }
      }
      if (allowing == null) {
        return v.set(NONE, null, Denial.Kind.GRAPHQL_NOT_PERMITTED, null, true);
      }
      if (first == null) {
        first = allowing;
      }
    }
    return v.set(ALLOWED, first);
  }

  /** One call on a {@code json-rpc} endpoint: exact method names or {@code *}, deny first, allow only for POST. */
  private static EndpointVerdict jsonRpc(EndpointVerdict v, CompiledEndpoint e, L7Request r, JsonRpcCall call) {
    for (CompiledRule rule : e.deny) {
      if (rule.jsonRpcMethodMatches(call.method())) {
        return v.set(DENIED_BY_RULE, rule, Denial.Kind.JSON_RPC_DENY_RULE, call.method(), false);
      }
    }
    if (!"POST".equals(r.method())) {
      return v; // only HTTP POST can be allowed by method rules
    }
    for (CompiledRule rule : e.allow) {
      if (rule.jsonRpcMethodMatches(call.method())) {
        return v.set(ALLOWED, rule);
      }
    }
    return v;
  }

  /**
   * An MCP body without calls (spec §3.8, upstream's Rego): response frames are allowed in a {@code POST}; a receive
   * stream (no method, no response) in a {@code GET}. The HTTP method is compared exactly, as upstream does.
   */
  private static EndpointVerdict mcpWithoutCalls(EndpointVerdict v, L7Request r, JsonRpcRequest rpc) {
    boolean response = rpc.hasResponse() && "POST".equals(r.method());
    boolean stream = rpc.receiveStream() && !rpc.hasResponse() && "GET".equals(r.method());
    return response || stream ? v.set(ALLOWED, null) : v;
  }

  /**
   * One call on an {@code mcp} endpoint: the NUL screen, the strict tool name check, deny rules, then (POST only)
   * {@code allow_all_known_mcp_methods} or an allow rule.
   */
  private static EndpointVerdict mcp(
      EndpointVerdict v, CompiledEndpoint e, L7Request r, JsonRpcCall call, int index, EvaluationScratch s) {
    if (e.nulScreen.mcp(call, index, s, e.entry.key) == GlobMatcher.ERROR) {
      return v.set(ERROR, null);
    }
    if (e.strictToolNames && call.paramsName().isPresent() && !validToolName(call.paramsName().get())) {
      return v.set(NONE, null, Denial.Kind.TOOL_NAME_INVALID, call.paramsName().get(), true);
    }
    for (CompiledRule rule : e.deny) {
      int m = rule.mcpMatches(call, s);
      if (m == GlobMatcher.ERROR) {
        return v.set(ERROR, null);
      }
      if (m == GlobMatcher.MATCH) {
        return v.set(DENIED_BY_RULE, rule, Denial.Kind.MCP_DENY_RULE, call.method(), false);
      }
    }
    if (!"POST".equals(r.method())) {
      return v;
    }
    if (e.allowAllKnownMcpMethods && !call.method().isEmpty()
        && (!call.method().equals("tools/call") || !e.narrowsToolName)) {
      return v.set(ALLOWED, null);
    }
    for (CompiledRule rule : e.allow) {
      int m = rule.mcpMatches(call, s);
      if (m == GlobMatcher.ERROR) {
        return v.set(ERROR, null);
      }
      if (m == GlobMatcher.MATCH) {
        return v.set(ALLOWED, rule);
      }
    }
    return v;
  }

  /** {@code ^[A-Za-z0-9_.-]{1,128}$} without a regex. */
  static boolean validToolName(String name) {
    int n = name.length();
    if (n == 0 || n > MAX_TOOL_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
