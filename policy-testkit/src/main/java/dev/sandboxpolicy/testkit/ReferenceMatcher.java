package dev.sandboxpolicy.testkit;

import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The slow, obviously-correct matcher: evaluates the language specification §3 literally, with a linear scan over
 * every entry, endpoint, binary and rule and no index or precomputation, so that a fast matcher can be compared
 * with it in property tests.
 *
 * <pre>{@code
 * ReferenceMatcher reference = ReferenceMatcher.of(policy);
 * NetworkRequest conn = NetworkRequest.of("api.github.com", 443, "/usr/bin/git");
 * ReferenceDecision d = reference.decideNetwork(conn);
 * assertEquals(d.outcome(), ReferenceOutcome.of(compiled.decideNetwork(conn)), d.reason());
 * }</pre>
 *
 * <p>Modelled: L4 host/port/binary matching (one trailing dot of the requested host removed first, upstream-changes
 * item 4) and the L4 deny reasons (§3.3, §3.4); REST and WebSocket-upgrade L7
 * decisions over canonical paths (§3.5): route selection among inspected endpoints, method rules (with
 * {@code HEAD} satisfying {@code GET}), path globs, allow and deny query semantics, access-preset expansion
 * (§1.8), deny-wins, and enforce/audit. Evaluation errors (a U+0000 reaching a glob, an invalid glob) fail closed
 * as {@link ReferenceOutcome#ERROR}. Evaluation scope: the host of every endpoint is evaluated; an entry's binaries
 * only when one of its endpoints matched; an endpoint's path selector and all of its allow and deny rules (every
 * method, path and query glob, every value: no short-circuit) only when it matched host and port for an entry
 * whose binary matched. An error anywhere in that scope fails the decision.
 *
 * <p>GraphQL (§3.7: persisted queries, operation type/name/field rules, deny rules, the authority of a GraphQL
 * endpoint over REST rules), JSON-RPC (§3.8: only {@code POST}, exact method names or {@code *}, each call of a
 * batch decided on its own, response frames and inspection errors denied) and MCP (§3.8: {@code POST} only, method
 * globs, {@code params.name} / {@code tool} matchers, deny rules, each call on its own; method-less frames: response
 * frames allowed in a {@code POST}, receive streams in a {@code GET}, both denied on {@code json-rpc}; the
 * {@code MCP-Protocol-Version} header against the selected endpoint's {@code mcp.versions}, a 400 or 403 in {@link
 * ReferenceDecision#httpStatus()}), when the request carries that view of its body ({@link L7Request#graphql()},
 * {@link L7Request#jsonRpc()}).
 *
 * <p><b>Not modelled</b> (decisions are {@link ReferenceOutcome#UNSUPPORTED}): MCP's
 * {@code allow_all_known_mcp_methods} and strict-tool-name violations, GraphQL over WebSocket, and GraphQL,
 * JSON-RPC or MCP endpoints asked without the body view. Not modelled at all: SSRF/DNS checks (§3.9), TOFU binary hashes, symlink expansion of binary paths,
 * middleware, provider credential gates.
 *
 * <p>Thread-safe; meant for tests only (it uses {@code java.util.regex} underneath).
 */
public final class ReferenceMatcher {

  private static final String METHOD_ANY = "*";
  private static final String PATH_ANY = "**";

  private final Policy policy;
  private final boolean requireBinaryIdentity;

  private ReferenceMatcher(Policy policy, boolean requireBinaryIdentity) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.requireBinaryIdentity = requireBinaryIdentity;
  }

  /** A reference matcher for {@code policy} with binary identity enforced (the upstream default, §3.4). */
  public static ReferenceMatcher of(Policy policy) {
    return new ReferenceMatcher(policy, true);
  }

  /**
   * A reference matcher for {@code policy}; with {@code requireBinaryIdentity} false every entry's binary check
   * passes (upstream's {@code OPENSHELL_NETWORK_BINARY_IDENTITY=relaxed}).
   */
  public static ReferenceMatcher of(Policy policy, boolean requireBinaryIdentity) {
    return new ReferenceMatcher(policy, requireBinaryIdentity);
  }

  /** The policy this matcher decides for. */
  public Policy policy() {
    return policy;
  }

  /**
   * The network (L4) decision for a connection (§3.4): allowed iff some entry has an endpoint matching host and
   * port and a binary matching the executable or an ancestor. Never throws for any input.
   */
  public ReferenceDecision decideNetwork(NetworkRequest connection) {
    Objects.requireNonNull(connection, "connection");
    Evaluation ev = new Evaluation();
    return ev.finish(decideNetwork(ev, connection));
  }

  private ReferenceDecision decideNetwork(Evaluation ev, NetworkRequest connection) {
    Map<String, NetworkPolicy> entries = new TreeMap<>(policy.networkPolicies());
    if (entries.isEmpty()) {
      return new ReferenceDecision(ReferenceOutcome.DENY, "", "network connections not allowed by policy");
    }
    List<String> allowing = new ArrayList<>();
    List<String> binaryDenials = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> e : entries.entrySet()) {
      boolean endpoint = false;
      for (Endpoint ep : e.getValue().endpoints()) {
        endpoint |= endpointMatches(ev, ep, connection);
      }
      // Binaries are only consulted for an entry whose endpoint matched (the entry's conjunction stops first).
      boolean binary = endpoint && binaryAllowed(ev, e.getValue(), connection);
      if (endpoint && binary) {
        allowing.add(e.getKey());
      } else if (endpoint) {
        binaryDenials.add(binaryDenial(connection, e.getKey()));
      }
    }
    if (!allowing.isEmpty()) {
      return new ReferenceDecision(ReferenceOutcome.ALLOW, allowing.get(0), "allowed by policy " + allowing.get(0));
    }
    if (!binaryDenials.isEmpty()) {
      return new ReferenceDecision(ReferenceOutcome.DENY, "", String.join("; ", binaryDenials));
    }
    return new ReferenceDecision(
        ReferenceOutcome.DENY, "", "endpoint " + connection.host() + ":" + connection.port() + " is not allowed by any policy");
  }

  /**
   * The request (L7) decision (§3.5) for a request whose path is already canonical (§3.6). The connection must be
   * allowed first (otherwise the L4 denial is returned); on a connection without an inspected endpoint no request
   * decision exists and the outcome is {@link ReferenceOutcome#NOT_INSPECTED}. Never throws for any input.
   */
  public ReferenceDecision decideRequest(L7Request request) {
    Objects.requireNonNull(request, "request");
    Evaluation ev = new Evaluation();
    ReferenceDecision l4 = decideNetwork(ev, request.connection());
    if (!l4.allowed()) {
      return ev.finish(l4);
    }
    return ev.finish(decideL7(ev, request));
  }

  private ReferenceDecision decideL7(Evaluation ev, L7Request request) {
    NetworkRequest c = request.connection();
    Map<String, NetworkPolicy> entries = new TreeMap<>(policy.networkPolicies());
    // Endpoints of allowing entries, key order then list order (§3.4 "endpoint configs").
    List<String> allowingKeys = new ArrayList<>();
    List<Endpoint> inspected = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> e : entries.entrySet()) {
      List<Endpoint> matching = new ArrayList<>();
      for (Endpoint ep : e.getValue().endpoints()) {
        if (endpointMatches(ev, ep, c)) {
          matching.add(ep);
        }
      }
      if (matching.isEmpty() || !binaryAllowed(ev, e.getValue(), c)) {
        continue;
      }
      allowingKeys.add(e.getKey());
      for (Endpoint ep : matching) {
        if (hasExtendedConfig(ep) && isInspectedProtocol(ep.protocol())) {
          inspected.add(ep);
        }
      }
    }
    if (inspected.isEmpty()) {
      return new ReferenceDecision(ReferenceOutcome.NOT_INSPECTED, allowingKeys.get(0), "connection is not inspected (L4 only)");
    }
    // §3.5 step 1 / §3.6: the decision canonicalizes the path itself (a '?' is an ordinary path character here, so
    // it is re-encoded instead of starting a query; an encoded slash is kept and judged per endpoint below).
    String rawPath = request.path();
    ReferenceRequestTarget target = rawPath.startsWith("/") || rawPath.isEmpty()
        ? ReferenceRequestTarget.parse(rawPath.replace("?", "%3F"), true)
        : null;
    if (target == null || target.isRejected()) {
      return new ReferenceDecision(ReferenceOutcome.DENY, "",
          "request path rejected (" + (target == null ? "path_not_absolute" : target.rejection().get()) + ")");
    }
    request = request.withPath(target.path());
    Endpoint selected;
    if (inspected.size() == 1) {
      selected = inspected.get(0);
    } else {
      selected = null;
      int best = -1;
      for (Endpoint ep : inspected) {
        if (ReferenceRouteSelector.matches(ep.path(), request.path())) {
          int specificity = ReferenceRouteSelector.specificity(ep.path());
          if (specificity > best) {
            best = specificity;
            selected = ep;
          }
        }
      }
      if (selected == null) {
        return new ReferenceDecision(ReferenceOutcome.DENY, "", "no L7 endpoint path matched request");
      }
    }
    String protocol = selected.protocol().toLowerCase(Locale.ROOT);
    if (Protocol.SQL.is(protocol)) {
      return new ReferenceDecision(ReferenceOutcome.ALLOW, allowingKeys.get(0), "sql is relayed as passthrough");
    }
    if (request.path().contains("%2F") && !selected.allowEncodedSlash()) {
      return new ReferenceDecision(ReferenceOutcome.DENY, "", "encoded slash (%2F) in path is not allowed");
    }
    // §3.5 step 3: hard denials by the selected config's body protocol, never relaxed by audit.
    Optional<GraphqlRequest> graphql = request.graphql();
    Optional<JsonRpcRequest> rpc = request.jsonRpc();
    if (Protocol.GRAPHQL.is(protocol)) {
      if (graphql.isEmpty() || graphql.get().lifecycle()) {
        return new ReferenceDecision(ReferenceOutcome.UNSUPPORTED, "", "graphql endpoint without a GraphQL operation view");
      }
      if (graphql.get().error().isPresent()) {
        return new ReferenceDecision(ReferenceOutcome.DENY, "", "GraphQL request rejected: " + graphql.get().error().get());
      }
    }
    if (Protocol.MCP.is(protocol)) {
      return decideMcp(ev, request, selected, allowingKeys, entries);
    }
    if (Protocol.JSON_RPC.is(protocol)) {
      if (rpc.isEmpty()) {
        return new ReferenceDecision(ReferenceOutcome.UNSUPPORTED, "", "json-rpc endpoint without a JSON-RPC view");
      }
      if (rpc.get().error().isPresent()) {
        return new ReferenceDecision(ReferenceOutcome.DENY, "", "JSON-RPC request rejected: " + rpc.get().error().get());
      }
      if (rpc.get().hasResponse()) {
        return new ReferenceDecision(ReferenceOutcome.DENY, "", "JSON-RPC response frames are not permitted from client to server");
      }
      if (rpc.get().calls().isEmpty()) {
        // A method-less frame that is no response (a receive stream, or nothing): no json-rpc rule allows it (§3.8).
        return l7Denial(selected, "", "a JSON-RPC frame without a method is not permitted on a json-rpc endpoint");
      }
    }

    // §3.5 step 4: the rule verdict over every matching endpoint of every matching entry.
    List<String> allowedBy = new ArrayList<>();
    List<String> deniedBy = new ArrayList<>();
    String graphqlRefusal = null;
    List<JsonRpcCall> calls = rpc.map(JsonRpcRequest::calls).orElse(List.of());
    boolean[] callAllowed = new boolean[calls.size()];
    String callAllowedBy = null;
    for (String key : allowingKeys) {
      for (Endpoint ep : entries.get(key).endpoints()) {
        if (!endpointMatches(ev, ep, c) || !selectorMatches(ev, ep.path(), request.path())) {
          continue;
        }
        String epProtocol = ep.protocol().toLowerCase(Locale.ROOT);
        if (Protocol.GRAPHQL.is(epProtocol) && graphql.isPresent() && !graphql.get().lifecycle()) {
          GraphqlVerdict v = graphql(ev, ep, graphql.get().operations());
          if (v.denies) {
            deniedBy.add(key);
          }
          if (v.allows) {
            allowedBy.add(key);
          } else if (graphqlRefusal == null) {
            graphqlRefusal = v.refusal; // authoritative: a GraphQL endpoint that does not allow denies (§3.7)
          }
        } else if (Protocol.JSON_RPC.is(epProtocol) && rpc.isPresent()) {
          for (int i = 0; i < calls.size(); i++) {
            String method = calls.get(i).method();
            boolean denied = false;
            for (RuleBody body : ep.denyRuleBodies()) {
              denied |= jsonRpcMethodMatches(body.method(), method);
            }
            if (denied) {
              deniedBy.add(key);
            }
            boolean allowed = false;
            for (RuleBody body : allowBodies(ep)) {
              allowed |= "POST".equals(request.method()) && jsonRpcMethodMatches(body.method(), method);
            }
            if (allowed && !callAllowed[i]) {
              callAllowed[i] = true;
              callAllowedBy = callAllowedBy == null || key.compareTo(callAllowedBy) < 0 ? key : callAllowedBy;
            }
          }
        } else if (!isJsonRpcFamily(epProtocol)) {
          boolean allows = false;
          for (RuleBody body : allowBodies(ep)) {
            allows |= ruleMatches(ev, body, request, false);
          }
          boolean denies = false;
          for (RuleBody body : ep.denyRuleBodies()) {
            denies |= ruleMatches(ev, body, request, true);
          }
          if (allows) {
            allowedBy.add(key);
          }
          if (denies) {
            deniedBy.add(key);
          }
        }
      }
    }
    if (!deniedBy.isEmpty()) {
      String key = deniedBy.stream().sorted().findFirst().orElseThrow();
      return l7Denial(selected, key, "request matched a deny rule of policy " + key);
    }
    if (Protocol.JSON_RPC.is(protocol)) {
      // Each call of a batch is decided on its own; any call not allowed denies the whole request (§3.8).
      for (int i = 0; i < calls.size(); i++) {
        if (!callAllowed[i]) {
          return l7Denial(selected, "", "JSON-RPC method '" + calls.get(i).method() + "' not permitted by policy");
        }
      }
      return new ReferenceDecision(ReferenceOutcome.ALLOW, callAllowedBy, "allowed by policy " + callAllowedBy);
    }
    if (graphqlRefusal != null) {
      return l7Denial(selected, "", graphqlRefusal);
    }
    if (!allowedBy.isEmpty()) {
      return new ReferenceDecision(ReferenceOutcome.ALLOW, allowedBy.get(0), "allowed by policy " + allowedBy.get(0));
    }
    return l7Denial(selected, "", request.method() + " " + request.path() + " not permitted by policy");
  }

  /** Tool names strict MCP endpoints accept (§3.8: {@code ^[A-Za-z0-9_.-]{1,128}$}). */
  private static final java.util.regex.Pattern STRICT_TOOL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /**
   * The MCP decision (§3.8) once an {@code mcp} endpoint is selected: inspection errors are hard denials; response
   * frames and receive streams are allowed; otherwise each call on its own must be allowed by some matching
   * {@code mcp} endpoint ({@code POST} only, method glob with {@code .} as delimiter, {@code params.name} against the
   * rule's tool matcher) and denied by none. Not modelled: {@code allow_all_known_mcp_methods} and tool names that
   * fail {@code strict_tool_names} (the spec leaves their decision open).
   */
  private ReferenceDecision decideMcp(
      Evaluation ev, L7Request request, Endpoint selected, List<String> keys, Map<String, NetworkPolicy> entries) {
    Optional<JsonRpcRequest> rpc = request.jsonRpc();
    if (rpc.isPresent() && rpc.get().error().isPresent()) {
      return new ReferenceDecision(ReferenceOutcome.DENY, "", "MCP request rejected: " + rpc.get().error().get());
    }
    ReferenceDecision version = mcpVersionRefusal(request, selected, keys, entries);
    if (version != null) {
      return version;
    }
    if (rpc.isEmpty()) {
      return new ReferenceDecision(ReferenceOutcome.UNSUPPORTED, "", "mcp endpoint without a JSON-RPC view");
    }
    NetworkRequest c = request.connection();
    List<String> mcpKeys = new ArrayList<>();
    List<Endpoint> mcpEndpoints = new ArrayList<>();
    for (String key : keys) {
      for (Endpoint ep : entries.get(key).endpoints()) {
        if (Protocol.MCP.is(ep.protocol().toLowerCase(Locale.ROOT)) && endpointMatches(ev, ep, c) && selectorMatches(ev, ep.path(), request.path())) {
          if (ep.mcp().flatMap(m -> m.allowAllKnownMcpMethods()).orElse(false)) {
            return new ReferenceDecision(ReferenceOutcome.UNSUPPORTED, "", "allow_all_known_mcp_methods is not modelled");
          }
          mcpKeys.add(key);
          mcpEndpoints.add(ep);
        }
      }
    }
    List<JsonRpcCall> calls = rpc.get().calls();
    if (calls.isEmpty()) {
      // Method-less frames (§3.8, upstream's Rego): a response frame in a POST, a receive stream (no response) in a GET.
      boolean response = rpc.get().hasResponse() && request.method().equals("POST");
      boolean stream = rpc.get().receiveStream() && !rpc.get().hasResponse() && request.method().equals("GET");
      if (!response && !stream) {
        return l7Denial(selected, "", "an MCP frame without a method is a response in a POST or a receive stream in a GET");
      }
      return mcpKeys.isEmpty()
          ? l7Denial(selected, "", "no MCP endpoint matches the request path")
          : new ReferenceDecision(ReferenceOutcome.ALLOW, mcpKeys.get(0), "MCP responses and receive streams are allowed");
    }
    for (int i = 0; i < mcpEndpoints.size(); i++) {
      boolean strict = mcpEndpoints.get(i).mcp().flatMap(m -> m.strictToolNames()).orElse(true);
      for (JsonRpcCall call : calls) {
        if (strict && call.paramsName().isPresent() && !STRICT_TOOL_NAME.matcher(call.paramsName().get()).matches()) {
          return new ReferenceDecision(ReferenceOutcome.UNSUPPORTED, "", "invalid strict tool names are not modelled");
        }
      }
    }
    String allowedBy = null;
    for (JsonRpcCall call : calls) {
      String callAllowedBy = null;
      for (int i = 0; i < mcpEndpoints.size(); i++) {
        Endpoint ep = mcpEndpoints.get(i);
        boolean denied = false;
        for (RuleBody body : ep.denyRuleBodies()) {
          denied |= mcpRuleMatches(ev, body, call);
        }
        if (denied) {
          return l7Denial(selected, mcpKeys.get(i), "MCP method '" + call.method() + "' matched a deny rule of policy " + mcpKeys.get(i));
        }
        boolean allowed = false;
        for (RuleBody body : allowBodies(ep)) {
          allowed |= "POST".equals(request.method()) && mcpRuleMatches(ev, body, call);
        }
        if (allowed && callAllowedBy == null) {
          callAllowedBy = mcpKeys.get(i);
        }
      }
      if (callAllowedBy == null) {
        return l7Denial(selected, "", "MCP method '" + call.method() + "' not permitted by policy");
      }
      allowedBy = allowedBy == null || callAllowedBy.compareTo(allowedBy) < 0 ? callAllowedBy : allowedBy;
    }
    return new ReferenceDecision(ReferenceOutcome.ALLOW, allowedBy, "allowed by policy " + allowedBy);
  }

  /** The MCP protocol revisions upstream knows (upstream-changes-2026-09 item 1), compared exactly. */
  private static final List<String> KNOWN_MCP_REVISIONS = List.of("2025-03-26", "2025-06-18", "2025-11-25");
  /** What an MCP endpoint without {@code mcp.versions} admits: exactly this revision. */
  private static final String DEFAULT_MCP_REVISION = "2025-11-25";
  /** What an MCP request without an {@code MCP-Protocol-Version} header speaks. */
  private static final String HEADERLESS_MCP_REVISION = "2025-03-26";

  /**
   * The MCP revision check of the selected endpoint, read literally from upstream-changes-2026-09 item 1 and
   * OpenShell #3241: every MCP request but a standalone {@code initialize} call (not batched) must carry one
   * {@code MCP-Protocol-Version}, a missing header counting as {@code 2025-03-26}; a repeated, empty (after the
   * HTTP spaces and tabs around it) or unknown value is a 400, a known revision not in the endpoint's list a 403.
   * Both are refused whatever the enforcement. Null when the request passes.
   */
  private static ReferenceDecision mcpVersionRefusal(
      L7Request request, Endpoint selected, List<String> keys, Map<String, NetworkPolicy> entries) {
    Optional<JsonRpcRequest> rpc = request.jsonRpc();
    boolean standaloneInitialize = rpc.isPresent() && !rpc.get().isBatch() && !rpc.get().hasResponse()
        && rpc.get().calls().size() == 1 && rpc.get().calls().get(0).method().equals("initialize");
    if (standaloneInitialize) {
      return null;
    }
    String key = "";
    for (String k : keys) {
      key = key.isEmpty() && entries.get(k).endpoints().contains(selected) ? k : key;
    }
    List<String> headers = request.mcpProtocolVersionHeaders();
    String speaks = HEADERLESS_MCP_REVISION;
    if (headers.size() > 1) {
      return ReferenceDecision.badRequest(key, "duplicate MCP-Protocol-Version header");
    }
    if (headers.size() == 1) {
      String value = headers.get(0).replaceAll("^[ \\t]+|[ \\t]+$", "");
      if (value.isEmpty()) {
        return ReferenceDecision.badRequest(key, "empty MCP-Protocol-Version header");
      }
      if (!KNOWN_MCP_REVISIONS.contains(value)) {
        return ReferenceDecision.badRequest(key, "unknown MCP-Protocol-Version '" + value + "'");
      }
      speaks = value;
    }
    List<String> admitted = selected.mcp().flatMap(m -> m.versions()).orElse(List.of(DEFAULT_MCP_REVISION));
    if (!admitted.contains(speaks)) {
      return new ReferenceDecision(ReferenceOutcome.DENY, key, "MCP revision " + speaks + " not in " + admitted);
    }
    return null;
  }

  /** An MCP rule: method glob ({@code .} delimiter) and, when the rule names a tool, {@code params.name} (§1.7, §3.8). */
  private static boolean mcpRuleMatches(Evaluation ev, RuleBody body, JsonRpcCall call) {
    boolean method = !body.method().isEmpty() && ev.matches(body.method(), "", call.method());
    ValueMatcher tool = body.params().containsKey("name") ? body.params().get("name") : body.tool().orElse(null);
    boolean params = tool == null || (call.paramsName().isPresent() && valueMatches(ev, tool, call.paramsName().get()));
    return method && params;
  }

  /** What one GraphQL endpoint says about a request's operations (§3.7). */
  private record GraphqlVerdict(boolean allows, boolean denies, String refusal) {}

  private static GraphqlVerdict graphql(Evaluation ev, Endpoint ep, List<GraphqlOperation> operations) {
    List<GraphqlOperation> resolved = new ArrayList<>();
    boolean unregistered = false;
    for (GraphqlOperation op : operations) {
      if (op.persistedQuery() && op.operationType().isEmpty()) {
        PersistedQuery entry = ep.graphqlPersistedQueries().get(op.persistedQueryKey());
        if ("allow_registered".equals(ep.persistedQueries()) && entry != null) {
          resolved.add(GraphqlOperation.of(entry.operationType(), entry.operationName(), entry.fields()));
        } else {
          unregistered = true;
        }
      } else {
        resolved.add(op);
      }
    }
    boolean denies = false;
    for (GraphqlOperation op : resolved) {
      for (RuleBody body : ep.denyRuleBodies()) {
        denies |= graphqlRuleMatches(ev, body, op, true);
      }
    }
    boolean every = !resolved.isEmpty();
    for (GraphqlOperation op : resolved) {
      boolean some = false;
      for (RuleBody body : allowBodies(ep)) {
        some |= graphqlRuleMatches(ev, body, op, false);
      }
      every &= some;
    }
    if (unregistered) {
      return new GraphqlVerdict(false, denies, "GraphQL persisted query is not registered");
    }
    return new GraphqlVerdict(every, denies, every ? null : "GraphQL operation not permitted by policy");
  }

  private static boolean graphqlRuleMatches(Evaluation ev, RuleBody body, GraphqlOperation op, boolean deny) {
    String type = body.operationType();
    boolean typeMatches = !type.isEmpty() && (type.equals("*") || type.equalsIgnoreCase(op.operationType()));
    boolean nameMatches = body.operationName().isEmpty() || ev.matches(body.operationName(), "", op.operationName());
    boolean fieldsMatch;
    if (body.fields().isEmpty()) {
      fieldsMatch = true;
    } else if (deny) {
      fieldsMatch = false; // any selected field matching some glob
      for (String field : op.fields()) {
        for (String glob : body.fields()) {
          fieldsMatch |= ev.matches(glob, "", field);
        }
      }
    } else {
      fieldsMatch = !op.fields().isEmpty(); // every selected field matching some glob
      for (String field : op.fields()) {
        boolean some = false;
        for (String glob : body.fields()) {
          some |= ev.matches(glob, "", field);
        }
        fieldsMatch &= some;
      }
    }
    return typeMatches && nameMatches && fieldsMatch;
  }

  /** JSON-RPC method rules (§3.8): {@code *} matches any method, anything else only itself (no globbing). */
  private static boolean jsonRpcMethodMatches(String rule, String method) {
    return rule.equals(METHOD_ANY) || (!rule.isEmpty() && rule.equals(method));
  }

  private static ReferenceDecision l7Denial(Endpoint selected, String key, String reason) {
    return new ReferenceDecision(selected.isEnforced() ? ReferenceOutcome.DENY : ReferenceOutcome.AUDIT, key, reason);
  }

  /**
   * The glob evaluations of one decision. A glob that cannot be evaluated counts as "no match" so that the scan
   * goes on; the decision then becomes {@link ReferenceOutcome#ERROR}, remembering the outcome the scan reached
   * without the failing globs (what an implementation that never evaluated them would decide).
   */
  private static final class Evaluation {
    private String error;

    boolean matches(String pattern, String delimiters, String value) {
      try {
        return ReferenceGlob.matches(pattern, delimiters, value);
      } catch (ReferenceGlob.GlobError e) {
        if (error == null) {
          error = e.getMessage();
        }
        return false;
      }
    }

    ReferenceDecision finish(ReferenceDecision decision) {
      if (error == null) {
        return decision;
      }
      return new ReferenceDecision(ReferenceOutcome.ERROR, "", "evaluation error: " + error, decision.outcome());
    }
  }

  // ---- §3.3 host and port ----

  static boolean endpointMatches(Evaluation ev, Endpoint ep, NetworkRequest c) {
    boolean port = false;
    for (int p : ep.effectivePorts()) {
      port |= p == c.port();
    }
    // Upstream-changes item 4 (OpenShell #2248): one trailing dot is removed from the request host first.
    String host = c.host().endsWith(".") ? c.host().substring(0, c.host().length() - 1) : c.host();
    return hostMatches(ev, ep, host) && port;
  }

  private static boolean hostMatches(Evaluation ev, Endpoint ep, String host) {
    String pattern = ep.host();
    if (pattern.isEmpty()) {
      return !ep.allowedIps().isEmpty();
    }
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (p.indexOf('*') >= 0) {
      return ev.matches(p, ".", h);
    }
    return p.equals(h);
  }

  // ---- §3.4 binaries ----

  private boolean binaryAllowed(Evaluation ev, NetworkPolicy entry, NetworkRequest c) {
    if (!requireBinaryIdentity) {
      return true;
    }
    List<String> candidates = new ArrayList<>();
    candidates.add(c.binary());
    candidates.addAll(c.ancestors());
    boolean allowed = false;
    for (Binary b : entry.binaries()) {
      for (String candidate : candidates) {
        boolean match = b.path().indexOf('*') >= 0 ? ev.matches(b.path(), "/", candidate) : b.path().equals(candidate);
        allowed |= match && !candidate.isEmpty(); // an unknown (empty) executable never has an identity
      }
    }
    return allowed;
  }

  private static String binaryDenial(NetworkRequest c, String key) {
    return "binary '" + c.binary() + "' not allowed in policy '" + key + "' (ancestors: ["
        + String.join(" -> ", c.ancestors()) + "], cmdline: [" + String.join(", ", c.cmdlinePaths()) + "])";
  }

  // ---- §3.5 L7 ----

  private static boolean hasExtendedConfig(Endpoint ep) {
    String protocol = ep.protocol().toLowerCase(Locale.ROOT);
    return (!protocol.isEmpty() && !Protocol.TCP.is(protocol)) || !ep.allowedIps().isEmpty() || !ep.tls().isEmpty();
  }

  private static boolean isInspectedProtocol(String protocol) {
    return Protocol.fromWireName(protocol.toLowerCase(Locale.ROOT)).filter(Protocol::isInspected).isPresent();
  }

  private static boolean isJsonRpcFamily(String protocol) {
    String p = protocol.toLowerCase(Locale.ROOT);
    return Protocol.JSON_RPC.is(p) || Protocol.MCP.is(p);
  }

  /** The Rego-side endpoint path selector: empty = all, exactly {@code **} = all, else {@code G(p, "/", path)}. */
  private static boolean selectorMatches(Evaluation ev, String selector, String path) {
    if (selector.isEmpty() || selector.equals(PATH_ANY)) {
      return true;
    }
    return ev.matches(selector, "/", path);
  }

  /** The endpoint's allow bodies: its rules, or its expanded access preset when it has no rules (§1.8). */
  static List<RuleBody> allowBodies(Endpoint ep) {
    List<RuleBody> bodies = new ArrayList<>();
    List<AllowRule> rules = ep.allowRules();
    if (!rules.isEmpty()) {
      for (AllowRule rule : rules) {
        rule.allow().ifPresent(bodies::add);
      }
      return bodies;
    }
    String protocol = ep.protocol().isEmpty() ? Protocol.REST.wireName() : ep.protocol().toLowerCase(Locale.ROOT);
    List<String> methods;
    switch (protocol) {
      case "graphql" -> {
        List<String> types = switch (ep.access()) {
          case "read-only" -> List.of("query");
          case "read-write" -> List.of("query", "mutation");
          case "full" -> List.of("*");
          default -> List.of();
        };
        for (String t : types) {
          bodies.add(RuleBody.builder().operationType(t).build());
        }
        return bodies;
      }
      case "websocket" -> methods = switch (ep.access()) {
        case "read-only" -> List.of("GET");
        case "read-write" -> List.of("GET", "WEBSOCKET_TEXT");
        case "full" -> List.of("*");
        default -> List.of();
      };
      default -> methods = switch (ep.access()) {
        case "read-only" -> List.of("GET", "HEAD", "OPTIONS");
        case "read-write" -> List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH");
        case "full" -> List.of("*");
        default -> List.of();
      };
    }
    for (String m : methods) {
      bodies.add(RuleBody.builder().method(m).path(PATH_ANY).build());
    }
    return bodies;
  }

  private static boolean ruleMatches(Evaluation ev, RuleBody body, L7Request request, boolean deny) {
    // Evaluate every part (no short-circuit) so that glob errors anywhere surface.
    boolean method = !body.method().isEmpty() && methodMatches(body.method(), request.method());
    boolean path = !body.path().isEmpty() && (body.path().equals(PATH_ANY) || ev.matches(body.path(), "/", request.path()));
    boolean query = deny ? denyQueryMatches(ev, body.query(), request.query()) : allowQueryMatches(ev, body.query(), request.query());
    return method && path && query;
  }

  private static boolean methodMatches(String rule, String method) {
    if (rule.equals(METHOD_ANY)) {
      return true;
    }
    return asciiEqualsIgnoreCase(rule, method) || (asciiEqualsIgnoreCase(rule, "GET") && asciiEqualsIgnoreCase(method, "HEAD"));
  }

  private static boolean asciiEqualsIgnoreCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x >= 'A' && x <= 'Z') {
        x = (char) (x + 32);
      }
      if (y >= 'A' && y <= 'Z') {
        y = (char) (y + 32);
      }
      if (x != y) {
        return false;
      }
    }
    return true;
  }

  /** Allow side: every configured key present with at least one value, and every value matching. */
  private static boolean allowQueryMatches(Evaluation ev, Map<String, ValueMatcher> rule, Map<String, List<String>> query) {
    boolean all = true;
    for (Map.Entry<String, ValueMatcher> e : rule.entrySet()) {
      List<String> values = query.getOrDefault(e.getKey(), List.of());
      boolean every = !values.isEmpty();
      for (String v : values) {
        every &= valueMatches(ev, e.getValue(), v);
      }
      all &= every;
    }
    return all;
  }

  /** Deny side: no query = fires; else every configured key present and, per key, at least one value matching. */
  private static boolean denyQueryMatches(Evaluation ev, Map<String, ValueMatcher> rule, Map<String, List<String>> query) {
    boolean all = true;
    for (Map.Entry<String, ValueMatcher> e : rule.entrySet()) {
      List<String> values = query.getOrDefault(e.getKey(), List.of());
      boolean some = false;
      for (String v : values) {
        some |= valueMatches(ev, e.getValue(), v);
      }
      all &= some;
    }
    return all;
  }

  private static boolean valueMatches(Evaluation ev, ValueMatcher matcher, String value) {
    boolean any = false;
    for (String glob : matcher.globs()) {
      any |= ev.matches(glob, "", value);
    }
    return any;
  }

  @Override
  public String toString() {
    return "ReferenceMatcher[" + policy.networkPolicies().size() + " entries, binary identity "
        + (requireBinaryIdentity ? "required" : "relaxed") + "]";
  }
}
