package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Protocol and request-rule rules of one endpoint: the shared L7 rules (spec §2.3), the runtime validator's
 * per-protocol rule checks (§2.4) and the lints for rules that silently never match.
 */
final class L7Rules {

  /** Spec §2.4: REST methods that do not warn. */
  static final Set<String> REST_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "*");
  /** Spec §2.4: WebSocket methods that do not warn. */
  static final Set<String> WEBSOCKET_METHODS = Set.of("GET", "WEBSOCKET_TEXT", "*");
  /** Spec §2.2: GraphQL operation types accepted by the strict validator (case-sensitive, no {@code *}). */
  static final Set<String> GRAPHQL_TYPES_STRICT = Set.of("query", "mutation", "subscription");
  /** The MCP method that carries tool calls. */
  static final String TOOLS_CALL = "tools/call";
  /** Spec §1.6: every protocol, as the unknown-protocol message lists them ({@code tcp, rest, ..., or mcp}). */
  static final String EXPECTED_PROTOCOLS = expectedProtocols();

  private final EndpointSite site;
  private final Endpoint e;
  private final String proto;
  private final boolean strict;
  private final ProblemSink sink;

  private L7Rules(EndpointSite site, boolean strict, ProblemSink sink) {
    this.site = site;
    this.e = site.endpoint();
    this.proto = site.protocol();
    this.strict = strict;
    this.sink = sink;
  }

  private static String expectedProtocols() {
    Protocol[] all = Protocol.values();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < all.length; i++) {
      out.append(i == 0 ? "" : i == all.length - 1 ? ", or " : ", ").append(all[i].wireName());
    }
    return out.toString();
  }

  static void check(EndpointSite site, boolean strict, ProblemSink sink) {
    new L7Rules(site, strict, sink).run();
  }

  private boolean mcpAllowAll() {
    return e.mcp().flatMap(McpOptions::allowAllKnownMcpMethods).orElse(false);
  }

  private void run() {
    Protocol protocol = Protocol.fromWireName(proto).orElse(null);
    boolean known = proto.isEmpty() || protocol != null;
    if (!known) {
      sink.error(ProblemCode.PROTOCOL_UNKNOWN, site.at("protocol"), "unknown protocol '" + e.protocol()
          + "' (expected " + EXPECTED_PROTOCOLS + ")");
    }
    boolean rulesWritten = e.rules().isPresent();
    boolean hasRules = !e.allowRules().isEmpty();
    boolean hasAccess = !e.access().isEmpty();
    boolean hasDeny = !e.denyRuleBodies().isEmpty();
    if (rulesWritten && !hasRules) {
      sink.error(ProblemCode.RULES_EMPTY, site.at("rules"),
          "rules list cannot be empty (would deny all traffic). Use access: full or remove rules.");
    }
    if (e.denyRules().isPresent() && !hasDeny) {
      sink.error(ProblemCode.DENY_RULES_EMPTY, site.at("deny_rules"),
          "deny_rules list cannot be empty (would have no effect); remove it or add deny rules");
    }
    if (Protocol.TCP.is(proto)) {
      if (hasAccess || rulesWritten || e.denyRules().isPresent()) {
        String field = hasAccess ? "access" : rulesWritten ? "rules" : "deny_rules";
        sink.error(ProblemCode.TCP_L7_RULES, site.at(field),
            "protocol tcp does not support access, rules, or deny_rules; remove those L7 fields");
      }
      return;
    }
    if (hasRules && hasAccess) {
      sink.error(ProblemCode.RULES_AND_ACCESS, site.at("access"), "rules and access are mutually exclusive");
    }
    boolean rpc = Protocol.JSON_RPC.is(proto) || Protocol.MCP.is(proto);
    if (rpc && hasAccess) {
      sink.error(ProblemCode.ACCESS_NOT_SUPPORTED, site.at("access"), Protocol.MCP.is(proto)
          ? "protocol mcp does not support access presets; write rules or set mcp.allow_all_known_mcp_methods: true"
          : "protocol json-rpc does not support access presets; write rules with allow.method");
    }
    if (!hasRules && !hasAccess && !rulesWritten && protocol != null) {
      switch (protocol) {
        case JSON_RPC -> sink.error(ProblemCode.RULES_REQUIRED, site.pointer(),
            "protocol json-rpc requires explicit rules with allow.method");
        case REST, WEBSOCKET, GRAPHQL, SQL -> sink.error(ProblemCode.RULES_REQUIRED, site.pointer(),
            "protocol requires rules or access to define allowed traffic");
        case MCP -> {
          if (!mcpAllowAll()) {
            sink.error(ProblemCode.RULES_REQUIRED, site.pointer(),
                "protocol mcp requires rules when mcp.allow_all_known_mcp_methods is false");
          }
        }
        default -> { }
      }
    }
    if (hasRules && allRulesEmpty() && !(Protocol.MCP.is(proto) && mcpAllowAll())) {
      sink.error(ProblemCode.RULES_DENY_ALL, site.at("rules"), "rules would deny all traffic (no allow clause found)");
    }
    if (hasDeny) {
      if (!EndpointRules.isInspected(proto)) {
        sink.error(ProblemCode.DENY_RULES_PROTOCOL_REQUIRED, site.at("deny_rules"),
            "deny_rules require protocol (L7 inspection must be enabled)");
      } else if (!Protocol.MCP.is(proto) && !hasRules && !hasAccess) {
        sink.error(ProblemCode.DENY_RULES_BASE_REQUIRED, site.at("deny_rules"),
            "deny_rules require rules or access to define the base allow set");
      }
    }
    if (known) {
      checkRules();
    }
  }

  private boolean allRulesEmpty() {
    for (AllowRule rule : e.allowRules()) {
      if (rule.allow().isPresent() && !isEmptyBody(rule.allow().get())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isEmptyBody(RuleBody b) {
    return b.method().isEmpty() && b.path().isEmpty() && b.command().isEmpty() && b.operationType().isEmpty()
        && b.operationName().isEmpty() && b.fields().isEmpty() && b.params().isEmpty() && b.tool().isEmpty();
  }

  private static boolean hasGraphqlFields(RuleBody b) {
    return !b.operationType().isEmpty() || !b.operationName().isEmpty() || !b.fields().isEmpty();
  }

  private static boolean hasToolSelector(RuleBody b) {
    return b.tool().isPresent() || !b.params().isEmpty();
  }

  private boolean websocketHasGraphqlPolicy() {
    if (!e.graphqlPersistedQueries().isEmpty()
        || (!e.persistedQueries().isEmpty() && !e.persistedQueries().equals("deny"))) {
      return true;
    }
    for (AllowRule r : e.allowRules()) {
      if (r.allow().map(L7Rules::hasGraphqlFields).orElse(false)) {
        return true;
      }
    }
    for (RuleBody b : e.denyRuleBodies()) {
      if (hasGraphqlFields(b)) {
        return true;
      }
    }
    return false;
  }

  private void checkRules() {
    List<AllowRule> allows = e.allowRules();
    boolean anyToolSelector = false;
    for (AllowRule r : allows) {
      anyToolSelector |= r.allow().map(L7Rules::hasToolSelector).orElse(false);
    }
    boolean wsGraphql = Protocol.WEBSOCKET.is(proto) && websocketHasGraphqlPolicy();
    for (int i = 0; i < allows.size(); i++) {
      if (allows.get(i).allow().isPresent()) {
        checkBody(allows.get(i).allow().get(), JsonPointer.index(site.at("rules"), i) + "/allow", false,
            anyToolSelector, wsGraphql);
      }
    }
    List<RuleBody> denies = e.denyRuleBodies();
    for (int i = 0; i < denies.size(); i++) {
      checkBody(denies.get(i), JsonPointer.index(site.at("deny_rules"), i), true, anyToolSelector, wsGraphql);
    }
    if (Protocol.GRAPHQL.is(proto) || Protocol.WEBSOCKET.is(proto)) {
      for (Map.Entry<String, PersistedQuery> q : e.graphqlPersistedQueries().entrySet()) {
        String at = JsonPointer.key(site.at("graphql_persisted_queries"), q.getKey());
        checkGraphql(q.getValue().operationType(), q.getValue().operationName(), q.getValue().fields(), at);
      }
    }
  }

  private void checkBody(RuleBody b, String at, boolean deny, boolean anyToolSelector, boolean wsGraphql) {
    switch (Protocol.fromWireName(proto).orElse(Protocol.REST)) {
      case JSON_RPC -> checkJsonRpc(b, at);
      case MCP -> checkMcp(b, at, deny, anyToolSelector);
      case GRAPHQL -> checkGraphql(b.operationType(), b.operationName(), b.fields(), at);
      case WEBSOCKET -> checkWebsocket(b, at, deny, wsGraphql);
      default -> checkRest(b, at, deny);
    }
    if (!Protocol.MCP.is(proto) && hasToolSelector(b)) {
      sink.error(ProblemCode.TOOL_WRONG_PROTOCOL, at + (b.tool().isPresent() ? "/tool" : "/params"),
          "tool and params are only supported with protocol: mcp");
    }
    for (Map.Entry<String, ValueMatcher> q : b.query().entrySet()) {
      checkMatcher(q.getValue(), JsonPointer.key(at + "/query", q.getKey()));
    }
  }

  private void checkRest(RuleBody b, String at, boolean deny) {
    checkHttpRule(b, at, deny, REST_METHODS);
    if (hasGraphqlFields(b)) {
      sink.warning(ProblemCode.FIELD_IGNORED_FOR_PROTOCOL, at, "GraphQL rule fields (operation_type, operation_name,"
          + " fields) have no effect with protocol '" + proto + "'");
    }
    if (deny && !b.command().isEmpty() && Protocol.REST.is(proto)) {
      sink.warning(ProblemCode.FIELD_IGNORED_FOR_PROTOCOL, at + "/command", "command has no effect on REST deny rules");
    }
  }

  /** Method, path lint and path glob of a REST or WebSocket (non-GraphQL) rule. */
  private void checkHttpRule(RuleBody b, String at, boolean deny, Set<String> knownMethods) {
    if (!b.method().isEmpty() && !knownMethods.contains(b.method().toUpperCase(Locale.ROOT))) {
      sink.warning(ProblemCode.METHOD_UNKNOWN, at + "/method", "method '" + b.method() + "' is not one of "
          + String.join(", ", knownMethods.stream().sorted().toList()));
    }
    if (!b.method().isEmpty() && b.path().isEmpty()) {
      sink.warning(ProblemCode.REST_RULE_WITHOUT_PATH, at, (deny ? "deny" : "allow")
          + " rule has no path, so it never matches any request; add path: \"/**\" to match every path");
    }
    if (!b.path().isEmpty()) {
      EndpointRules.warnGlob(b.path(), GlobDelimiters.SLASH, at + "/path", sink);
    }
  }

  private void checkWebsocket(RuleBody b, String at, boolean deny, boolean wsGraphql) {
    boolean http = !b.method().isEmpty() || !b.path().isEmpty() || !b.query().isEmpty();
    if (hasGraphqlFields(b)) {
      if (http) {
        sink.error(ProblemCode.WEBSOCKET_RULE_MIXED, at, "a websocket rule may not mix method/path/query with"
            + " operation_type/operation_name/fields");
      }
      checkGraphql(b.operationType(), b.operationName(), b.fields(), at);
      return;
    }
    checkHttpRule(b, at, deny, WEBSOCKET_METHODS);
    if (!deny && wsGraphql && b.method().equalsIgnoreCase("WEBSOCKET_TEXT")) {
      sink.error(ProblemCode.WEBSOCKET_TEXT_WITH_GRAPHQL, at + "/method", "a WEBSOCKET_TEXT allow rule cannot be used"
          + " on an endpoint with GraphQL policy; allow GraphQL operations with operation_type rules instead");
    }
  }

  private void checkGraphql(String type, String name, List<String> fields, String at) {
    if (type.isEmpty()) {
      sink.error(ProblemCode.GRAPHQL_OPERATION_TYPE_INVALID, at, "GraphQL rule requires operation_type"
          + " (query, mutation or subscription)");
    } else if (strict ? !GRAPHQL_TYPES_STRICT.contains(type)
        : !(GRAPHQL_TYPES_STRICT.contains(type.toLowerCase(Locale.ROOT)) || type.equals("*"))) {
      sink.error(ProblemCode.GRAPHQL_OPERATION_TYPE_INVALID, at + "/operation_type", "operation_type must be query,"
          + " mutation or subscription" + (strict ? " (a strict load rejects '*' and other spellings)" : " or '*'")
          + ", got '" + type + "'");
    }
    if (!name.isEmpty()) {
      EndpointRules.warnGlob(name, GlobDelimiters.DOT, at + "/operation_name", sink);
    }
    if (fields.isEmpty() && sink.written(at + "/fields")) {
      // §2.4: "fields must be a non-empty array of non-empty strings"; the model reads [] as absent.
      sink.error(ProblemCode.GRAPHQL_FIELDS_INVALID, at + "/fields", "fields must be a non-empty list of non-empty"
          + " strings; list the root fields, or remove fields to match any field");
    }
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      if (f.isEmpty()) {
        sink.error(ProblemCode.GRAPHQL_FIELDS_INVALID, JsonPointer.index(at + "/fields", i),
            "fields must be non-empty strings");
      } else {
        EndpointRules.warnGlob(f, GlobDelimiters.DOT, JsonPointer.index(at + "/fields", i), sink);
      }
    }
  }

  private void checkJsonRpc(RuleBody b, String at) {
    if (b.method().isEmpty()) {
      sink.error(ProblemCode.JSON_RPC_RULE_INVALID, at, "JSON-RPC rule requires method");
    } else if (!b.method().equals("*") && GlobChars.hasGlobChars(b.method())) {
      sink.error(ProblemCode.JSON_RPC_RULE_INVALID, at + "/method", "JSON-RPC method '" + b.method()
          + "' must be '*' or an exact name (no * ? [ ] { })");
    }
    if (!b.params().isEmpty() || b.tool().isPresent()) {
      sink.error(ProblemCode.JSON_RPC_RULE_INVALID, at + (b.tool().isPresent() ? "/tool" : "/params"),
          "JSON-RPC rules do not support params or tool");
    }
    if (!b.path().isEmpty() || !b.query().isEmpty()) {
      sink.error(ProblemCode.JSON_RPC_RULE_INVALID, at + (b.path().isEmpty() ? "/query" : "/path"),
          "JSON-RPC rules do not support path or query");
    }
    if (hasGraphqlFields(b)) {
      sink.warning(ProblemCode.FIELD_IGNORED_FOR_PROTOCOL, at, "GraphQL rule fields have no effect with protocol json-rpc");
    }
  }

  private void checkMcp(RuleBody b, String at, boolean deny, boolean anyToolSelector) {
    String method = b.method();
    boolean toolSelector = hasToolSelector(b);
    if (method.isEmpty()) {
      if (!mcpAllowAll()) {
        sink.error(ProblemCode.MCP_METHOD_REQUIRED, at, "MCP rule requires method unless"
            + " mcp.allow_all_known_mcp_methods is true");
      }
    } else if (GlobChars.hasGlobChars(method) && !method.startsWith("tools/")) {
      sink.error(ProblemCode.MCP_METHOD_INVALID, at + "/method", "MCP method glob '" + method
          + "' is only allowed under 'tools/' (write an exact method name)");
    } else {
      EndpointRules.warnGlob(method, GlobDelimiters.DOT, at + "/method", sink);
    }
    if (toolSelector && !method.isEmpty() && !method.equals(TOOLS_CALL)) {
      sink.error(ProblemCode.MCP_TOOL_SELECTOR_INVALID, at + "/method", "an MCP rule with tool or params must use"
          + " method tools/call, got '" + method + "'");
    }
    for (String key : b.params().keySet()) {
      if (!key.equals("name")) {
        sink.error(ProblemCode.MCP_TOOL_SELECTOR_INVALID, JsonPointer.key(at + "/params", key),
            "MCP tool argument matching is not supported yet (only params.name)");
      }
    }
    if (b.tool().isPresent() && b.params().containsKey("name")) {
      sink.error(ProblemCode.MCP_TOOL_SELECTOR_INVALID, at + "/tool", "tool and params.name may not be used together");
    }
    boolean strictNames = e.mcp().flatMap(McpOptions::strictToolNames).orElse(true);
    ValueMatcher tool = b.tool().orElse(b.params().get("name"));
    if (tool != null) {
      String toolAt = at + (b.tool().isPresent() ? "/tool" : "/params/name");
      checkMatcher(tool, toolAt);
      if (!strictNames && tool.globs().stream().anyMatch(GlobChars::hasGlobChars)) {
        sink.error(ProblemCode.MCP_TOOL_SELECTOR_INVALID, toolAt, "wildcard tool matchers require"
            + " mcp.strict_tool_names not to be false");
      }
    }
    if (!b.path().isEmpty() || !b.query().isEmpty()) {
      sink.error(ProblemCode.MCP_METHOD_INVALID, at + (b.path().isEmpty() ? "/query" : "/path"),
          "MCP rules do not support path or query");
    }
    if (anyToolSelector && !toolSelector) {
      boolean broad = method.isEmpty() ? (!deny && mcpAllowAll()) : GlobChars.simpleMatch(method, TOOLS_CALL);
      if (broad) {
        sink.error(ProblemCode.MCP_TOOL_CALL_CONFLICT, at, deny
            ? "deny rule without a tool selector denies every tool call, although other rules select tools"
            : "allow rule without a tool selector allows every tool call, although other rules select tools");
      }
    }
    if (hasGraphqlFields(b)) {
      sink.warning(ProblemCode.FIELD_IGNORED_FOR_PROTOCOL, at, "GraphQL rule fields have no effect with protocol mcp");
    }
  }

  private void checkMatcher(ValueMatcher m, String at) {
    if (m.objectForm()) {
      if (m.glob().isPresent() && !m.any().isEmpty()) {
        sink.error(ProblemCode.QUERY_MATCHER_INVALID, at, "a matcher object may not combine glob and any");
      } else if (m.glob().isEmpty() && m.any().isEmpty()) {
        sink.error(ProblemCode.QUERY_MATCHER_INVALID, at, "a matcher object needs glob or a non-empty any list");
      }
    }
    List<String> globs = m.globs();
    for (int i = 0; i < globs.size(); i++) {
      boolean single = m.glob().isPresent() && i == 0;
      String where = !m.objectForm() ? at : single ? at + "/glob" : JsonPointer.index(at + "/any",
          m.glob().isPresent() ? i - 1 : i);
      EndpointRules.warnGlob(globs.get(i), GlobDelimiters.DOT, where, sink);
    }
  }
}
