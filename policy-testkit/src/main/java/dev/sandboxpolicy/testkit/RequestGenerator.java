package dev.sandboxpolicy.testkit;

import static dev.sandboxpolicy.testkit.Vocabulary.pick;

import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Generates connections and HTTP requests aimed at one policy: most are derived from its endpoints, binaries and
 * rules (so they hit interesting cases, not just the default deny), some are perturbed (another port, host,
 * binary, method, path or query value) so that near misses are covered. Hosts sometimes carry one trailing dot (the
 * fully qualified spelling, which decides like the host without it) and sometimes two (which does not).
 *
 * <p>{@link #connections()} and {@link #requests()} mix both. {@link #allowedConnections()},
 * {@link #deniedConnections()}, {@link #allowedRequests()} and {@link #deniedRequests()} keep only what the
 * {@link ReferenceMatcher} decides that way (retrying up to {@value #MAX_ATTEMPTS} times per value).
 *
 * <pre>{@code
 * RequestGenerator requests = RequestGenerator.forPolicy(policy);
 * PropertyCheck.forAll(requests.allowedRequests()).seed(42).count(500)
 *     .check(r -> assertTrue(compiled.decideRequest(r).isAllowed()));
 * }</pre>
 *
 * <p>Sizes are ignored except where a list length is drawn (ancestors). Instances are immutable.
 */
public final class RequestGenerator {

  /** How many candidates an allowed/denied generator tries before giving up: 200. */
  public static final int MAX_ATTEMPTS = 200;

  private static final List<String> OTHER_BINARIES = List.of("/usr/bin/nc", "/tmp/evil", "/usr/bin/curl2", "");

  private final Policy policy;
  private final ReferenceMatcher reference;

  private RequestGenerator(Policy policy, ReferenceMatcher reference) {
    this.policy = policy;
    this.reference = reference;
  }

  /** Requests aimed at {@code policy}, classified by {@link ReferenceMatcher#of(Policy)}. */
  public static RequestGenerator forPolicy(Policy policy) {
    return new RequestGenerator(Objects.requireNonNull(policy, "policy"), ReferenceMatcher.of(policy));
  }

  /** Requests aimed at the reference's policy, classified by {@code reference}. */
  public static RequestGenerator forReference(ReferenceMatcher reference) {
    return new RequestGenerator(reference.policy(), reference);
  }

  /** Connections: about two thirds derived from the policy, the rest perturbed. */
  public Generator<NetworkRequest> connections() {
    return this::connection;
  }

  /**
   * Connections the reference allows.
   *
   * @throws IllegalStateException (when generating) if none of {@value #MAX_ATTEMPTS} candidates is allowed
   */
  public Generator<NetworkRequest> allowedConnections() {
    return (random, size) -> retry(random, size, this::connection,
        c -> reference.decideNetwork(c).outcome() == ReferenceOutcome.ALLOW, "allowed connection");
  }

  /** Connections the reference denies (denials and evaluation errors). */
  public Generator<NetworkRequest> deniedConnections() {
    return (random, size) -> retry(random, size, this::connection,
        c -> reference.decideNetwork(c).outcome() != ReferenceOutcome.ALLOW, "denied connection");
  }

  /** HTTP requests: on connections derived from the policy, with methods, paths and queries from its rules. */
  public Generator<L7Request> requests() {
    return this::request;
  }

  /** Requests the reference allows. */
  public Generator<L7Request> allowedRequests() {
    return (random, size) -> retry(random, size, this::request,
        r -> reference.decideRequest(r).outcome() == ReferenceOutcome.ALLOW, "allowed request");
  }

  /** Requests the reference does not allow (denied, audited or errors; never not-inspected or unsupported). */
  public Generator<L7Request> deniedRequests() {
    return (random, size) -> retry(random, size, this::request, r -> {
      ReferenceOutcome o = reference.decideRequest(r).outcome();
      return o == ReferenceOutcome.DENY || o == ReferenceOutcome.AUDIT || o == ReferenceOutcome.ERROR;
    }, "denied request");
  }

  /** Pieces of raw request targets, hostile ones included (§3.6): encodings, dot segments, params, controls. */
  private static final List<String> TARGET_PIECES = List.of(
      "a", "files", "v1", ".", "..", "...", "%2e", "%2E%2e", "%2f", "%2F", "%252e", "%252F", "%00", "%0a", "%7f", "%c0%ae",
      "%c0%af", "%e2%80%ae", "%41", "%zz", "%4", "%", ";", ";x=1", "..;", "..;x", "%3b", "@", "%40", ":", "~", "+", "%20",
      "*", "'", "(", "!", "$", "&", "=", ",", "\\", "%5c", "\t", "\u0000", "\u007f", "é", "#", "//", "http://h", "?");

  private static final List<String> QUERY_PIECES = List.of(
      "a=1", "a=2", "a=", "=v", "a", "&", "&&", "b=%41", "b=%zz", "b=%ff", "c=+x+", "c=%2B", "d=%00", "e=%e2%82%ac", "f=a=b", "a=v1.2");

  /**
   * Raw request targets (what a client writes on the request line), most of them hostile: percent-encoded dots and
   * slashes, double and overlong encodings, {@code ;params}, control bytes, non-ASCII, fragments, absolute-form and
   * hostile query strings. For differential tests of request-target canonicalizers against
   * {@link ReferenceRequestTarget}; {@code size} bounds the number of segments.
   */
  public static Generator<String> rawTargets() {
    return (random, size) -> {
      StringBuilder b = new StringBuilder();
      if (random.nextInt(10) == 0) {
        b.append(pick(random, List.of("http://api.example.com", "https://x", "HTTP://a.b:443", "ftp://h")));
      }
      int segments = random.nextInt(Math.max(1, size) + 1);
      for (int i = 0; i < segments; i++) {
        b.append(random.nextInt(12) == 0 ? "" : "/");
        int pieces = 1 + random.nextInt(3);
        for (int k = 0; k < pieces; k++) {
          b.append(pick(random, TARGET_PIECES));
        }
      }
      if (random.nextInt(3) == 0) {
        b.append('?');
        int pairs = random.nextInt(4);
        for (int i = 0; i < pairs; i++) {
          b.append(i == 0 ? "" : "&").append(pick(random, QUERY_PIECES));
        }
      }
      return b.toString();
    };
  }

  private interface Draw<T> {
    T draw(RandomGenerator random, int size);
  }

  private static <T> T retry(RandomGenerator random, int size, Draw<T> draw, java.util.function.Predicate<T> ok, String what) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      T candidate = draw.draw(random, size);
      if (ok.test(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no " + what + " found in " + MAX_ATTEMPTS + " attempts for this policy");
  }

  private record Target(String key, NetworkPolicy entry, Endpoint endpoint) {}

  private Target target(RandomGenerator random, boolean inspectedOnly) {
    List<Target> targets = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> e : policy.networkPolicies().entrySet()) {
      for (Endpoint ep : e.getValue().endpoints()) {
        String protocol = ep.protocol().toLowerCase(Locale.ROOT);
        boolean inspected = Protocol.REST.is(protocol) || Protocol.WEBSOCKET.is(protocol) || Protocol.GRAPHQL.is(protocol)
            || Protocol.JSON_RPC.is(protocol) || Protocol.MCP.is(protocol) || (protocol.isEmpty() && !ep.access().isEmpty());
        if (!inspectedOnly || inspected) {
          targets.add(new Target(e.getKey(), e.getValue(), ep));
        }
      }
    }
    return targets.isEmpty() ? null : targets.get(random.nextInt(targets.size()));
  }

  private NetworkRequest connection(RandomGenerator random, int size) {
    return connection(random, size, target(random, false));
  }

  private NetworkRequest connection(RandomGenerator random, int size, Target t) {
    if (t == null) {
      return NetworkRequest.of(GlobInstances.host(random, ""), 443, pick(random, Vocabulary.BINARIES));
    }
    String host = GlobInstances.randomCase(random, GlobInstances.host(random, t.endpoint.host()));
    List<Integer> ports = t.endpoint.effectivePorts();
    int port = ports.isEmpty() ? 443 : ports.get(random.nextInt(ports.size()));
    List<Binary> binaries = t.entry.binaries();
    String binary = binaries.isEmpty() ? pick(random, Vocabulary.BINARIES)
        : GlobInstances.binary(random, binaries.get(random.nextInt(binaries.size())).path());
    List<String> ancestors = new ArrayList<>();
    if (random.nextInt(4) == 0) {
      ancestors.add(binary);
      binary = pick(random, OTHER_BINARIES);
      for (int i = 0; i < Math.min(size, 2); i++) {
        ancestors.add(0, pick(random, Vocabulary.BINARIES));
      }
    }
    if (random.nextInt(8) == 0) {
      host = host + "."; // the fully qualified spelling: decides like the host without it (upstream #2248)
    }
    switch (random.nextInt(9)) {
      case 0 -> port = pick(random, List.of(port + 1, 0, 65536, 80, -1));
      case 1 -> host = pick(random, List.of(host + ".", host + "..", "." + host, "x" + host, "evil.com", host.replace('.', '-'),
          "a." + host, host + "\u0000"));
      case 2 -> binary = pick(random, OTHER_BINARIES);
      default -> { }
    }
    return NetworkRequest.of(host, port, binary).withAncestors(ancestors);
  }

  /** A GraphQL request derived from the endpoint's rules (§3.7), with near misses, persisted and broken bodies. */
  private static L7Request graphqlRequest(RandomGenerator random, NetworkRequest c, Endpoint ep) {
    L7Request base = L7Request.of(c, random.nextInt(10) == 0 ? "GET" : "POST", "/graphql");
    int kind = random.nextInt(20);
    if (kind == 0) {
      return base.withGraphql(GraphqlRequest.parseError("Syntax Error: Unexpected Name"));
    }
    if (kind <= 2) {
      List<String> keys = new ArrayList<>(ep.graphqlPersistedQueries().keySet());
      keys.add("unknown-hash");
      return base.withGraphql(GraphqlRequest.of(List.of(GraphqlOperation.persisted(pick(random, keys)))));
    }
    List<RuleBody> bodies = new ArrayList<>(ReferenceMatcher.allowBodies(ep));
    bodies.addAll(ep.denyRuleBodies());
    List<GraphqlOperation> ops = new ArrayList<>();
    int count = random.nextInt(8) == 0 ? 2 : 1;
    for (int i = 0; i < count; i++) {
      RuleBody body = bodies.isEmpty() ? RuleBody.builder().build() : bodies.get(random.nextInt(bodies.size()));
      String type = body.operationType().isEmpty() || body.operationType().equals("*")
          ? pick(random, List.of("query", "mutation", "subscription")) : body.operationType();
      if (random.nextInt(6) == 0) {
        type = pick(random, List.of("query", "mutation", "subscription", "QUERY"));
      }
      String name = body.operationName().isEmpty() ? pick(random, PolicyGenerator.GRAPHQL_NAMES)
          : GlobInstances.glob(random, body.operationName(), '.');
      List<String> fields = new ArrayList<>();
      for (String glob : body.fields()) {
        if (random.nextInt(3) != 0) {
          fields.add(GlobInstances.glob(random, glob, '.'));
        }
      }
      if (fields.isEmpty() || random.nextInt(5) == 0) {
        fields.add(pick(random, PolicyGenerator.GRAPHQL_FIELDS));
      }
      ops.add(GraphqlOperation.of(type, name, fields));
    }
    return base.withGraphql(GraphqlRequest.of(ops));
  }

  /** A JSON-RPC request derived from the endpoint's method rules (§3.8), with batches, responses and errors. */
  private static L7Request jsonRpcRequest(RandomGenerator random, NetworkRequest c, Endpoint ep) {
    L7Request base = L7Request.of(c, random.nextInt(10) == 0 ? "GET" : "POST", "/");
    int kind = random.nextInt(20);
    if (kind == 0) {
      return base.withJsonRpc(JsonRpcRequest.inspectionError("invalid JSON"));
    }
    if (kind <= 2) {
      return methodlessFrame(random, c, "/");
    }
    List<String> methods = new ArrayList<>();
    for (RuleBody body : ReferenceMatcher.allowBodies(ep)) {
      methods.add(body.method().equals("*") ? pick(random, PolicyGenerator.JSON_RPC_METHODS) : body.method());
    }
    List<JsonRpcCall> calls = new ArrayList<>();
    int count = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
    for (int i = 0; i < count; i++) {
      String method = methods.isEmpty() || random.nextInt(4) == 0 ? pick(random, PolicyGenerator.JSON_RPC_METHODS) : pick(random, methods);
      calls.add(JsonRpcCall.of(method));
    }
    return base.withJsonRpc(calls.size() == 1 ? JsonRpcRequest.single(calls.get(0)) : JsonRpcRequest.batch(calls, false));
  }

  /**
   * A JSON-RPC frame without a method (§3.8): mostly a response frame in a POST or a receive stream opened with a
   * GET (what MCP allows), sometimes with the other HTTP method, a batch made only of responses, or a body with
   * neither (never allowed).
   */
  private static L7Request methodlessFrame(RandomGenerator random, NetworkRequest c, String path) {
    boolean usual = random.nextInt(4) != 0;
    return switch (random.nextInt(6)) {
      case 0, 1 -> L7Request.of(c, usual ? "POST" : "GET", path).withJsonRpc(JsonRpcRequest.responseOnly());
      case 2, 3 -> L7Request.of(c, usual ? "GET" : "POST", path).withJsonRpc(JsonRpcRequest.receiveStreamOnly());
      case 4 -> L7Request.of(c, "POST", path).withJsonRpc(JsonRpcRequest.batch(List.of(), true));
      default -> L7Request.of(c, usual ? "POST" : "GET", path).withJsonRpc(JsonRpcRequest.batch(List.of(), false));
    };
  }

  /** Malformed {@code MCP-Protocol-Version} values: none is a known revision (spaces and tabs around one are fine). */
  private static final List<String> BAD_MCP_VERSIONS =
      List.of("2024-11-05", "draft", "latest", "2025-11-26", "2025-11-25\n", "2025-11-25,2025-06-18", "\u00a02025-06-18");

  /**
   * The {@code MCP-Protocol-Version} occurrences of a request to {@code ep}: mostly one revision the endpoint admits
   * (sometimes with spaces or tabs around it), sometimes none (so {@code 2025-03-26}), another known revision, an
   * empty or unknown value, or a repeated header.
   */
  private static List<String> mcpVersionHeaders(RandomGenerator random, Endpoint ep) {
    List<McpVersion> admitted = ep.effectiveMcpVersions();
    String good = admitted.isEmpty() ? McpVersion.DEFAULT.wireName() : pick(random, admitted).wireName();
    String known = pick(random, List.of(McpVersion.values())).wireName();
    int kind = random.nextInt(20);
    if (kind < 10) {
      return List.of(random.nextInt(5) == 0 ? pick(random, List.of(" ", "\t", "  ")) + good + " " : good);
    }
    return switch (kind) {
      case 10, 11, 12 -> List.of();
      case 13, 14, 15 -> List.of(known);
      case 16 -> List.of(pick(random, List.of("", " ", "\t ")));
      case 17 -> List.of(pick(random, BAD_MCP_VERSIONS));
      case 18 -> List.of(good, good);
      default -> List.of(good, known);
    };
  }

  /** An MCP request derived from the endpoint's method and tool rules (§3.8), with its MCP-Protocol-Version headers. */
  private static L7Request mcpRequest(RandomGenerator random, NetworkRequest c, Endpoint ep) {
    return mcpBody(random, c, ep).withMcpProtocolVersionHeaders(mcpVersionHeaders(random, ep));
  }

  /** The body of an MCP request: calls, batches, responses, streams, inspection errors. */
  private static L7Request mcpBody(RandomGenerator random, NetworkRequest c, Endpoint ep) {
    L7Request base = L7Request.of(c, random.nextInt(10) == 0 ? "GET" : "POST", "/mcp");
    int kind = random.nextInt(20);
    if (kind == 0) {
      return base.withJsonRpc(JsonRpcRequest.inspectionError("invalid JSON"));
    }
    if (kind <= 3) {
      return methodlessFrame(random, c, "/mcp");
    }
    List<RuleBody> bodies = new ArrayList<>(ReferenceMatcher.allowBodies(ep));
    bodies.addAll(ep.denyRuleBodies());
    List<JsonRpcCall> calls = new ArrayList<>();
    int count = random.nextInt(4) == 0 ? 2 : 1;
    for (int i = 0; i < count; i++) {
      RuleBody body = bodies.isEmpty() ? RuleBody.builder().method("tools/call").build() : bodies.get(random.nextInt(bodies.size()));
      String method = random.nextInt(6) == 0 ? pick(random, PolicyGenerator.MCP_METHODS) : body.method();
      JsonRpcCall call = JsonRpcCall.of(method.isEmpty() ? "tools/call" : method);
      if (method.equals("tools/call") || method.isEmpty()) {
        List<String> globs = body.tool().map(ValueMatcher::globs).orElse(List.of("fetch"));
        String name = random.nextInt(5) == 0 ? pick(random, List.of("delete_all", "write_file", "search_x", "list_tools"))
            : GlobInstances.glob(random, globs.get(random.nextInt(globs.size())), '.');
        call = random.nextInt(10) == 0 ? call : call.withParamsName(name);
      }
      calls.add(call);
    }
    return base.withJsonRpc(calls.size() == 1 ? JsonRpcRequest.single(calls.get(0)) : JsonRpcRequest.batch(calls, false));
  }

  private L7Request request(RandomGenerator random, int size) {
    Target t = target(random, true);
    if (t == null) {
      NetworkRequest c = connection(random, size);
      return L7Request.of(c, pick(random, Vocabulary.METHODS), "/" + pick(random, Vocabulary.PATH_WORDS));
    }
    NetworkRequest c = connection(random, size, t);
    String protocol = t.endpoint.protocol().toLowerCase(Locale.ROOT);
    if (Protocol.GRAPHQL.is(protocol)) {
      return graphqlRequest(random, c, t.endpoint);
    }
    if (Protocol.JSON_RPC.is(protocol)) {
      L7Request r = jsonRpcRequest(random, c, t.endpoint);
      // Now and then an MCP-Protocol-Version header, which a json-rpc endpoint never reads.
      return random.nextInt(5) == 0 ? r.withMcpProtocolVersionHeaders(mcpVersionHeaders(random, t.endpoint)) : r;
    }
    if (Protocol.MCP.is(protocol)) {
      return mcpRequest(random, c, t.endpoint);
    }
    List<RuleBody> bodies = new ArrayList<>(ReferenceMatcher.allowBodies(t.endpoint));
    if (random.nextInt(3) == 0) {
      bodies.addAll(t.endpoint.denyRuleBodies());
    }
    if (bodies.isEmpty()) {
      return L7Request.of(c, pick(random, Vocabulary.METHODS), "/" + pick(random, Vocabulary.PATH_WORDS));
    }
    RuleBody body = bodies.get(random.nextInt(bodies.size()));
    String method = body.method().equals("*") || body.method().isEmpty() ? pick(random, Vocabulary.METHODS) : body.method();
    if (method.equalsIgnoreCase("GET") && random.nextInt(4) == 0) {
      method = "HEAD";
    }
    String path = body.path().isEmpty() ? "/" : GlobInstances.glob(random, body.path(), '/');
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    L7Request r = L7Request.of(c, method, path);
    for (Map.Entry<String, ValueMatcher> q : body.query().entrySet()) {
      List<String> globs = q.getValue().globs();
      if (!globs.isEmpty()) {
        r = withQueryValue(r, q.getKey(), GlobInstances.glob(random, globs.get(random.nextInt(globs.size())), '.'));
      }
    }
    switch (random.nextInt(10)) {
      case 0 -> r = L7Request.of(c, pick(random, Vocabulary.METHODS), r.path()).withQuery(r.query());
      case 1 -> r = L7Request.of(c, r.method(), r.path() + "/" + pick(random, Vocabulary.PATH_WORDS)).withQuery(r.query());
      case 2 -> r = withQueryValue(r, pick(random, Vocabulary.QUERY_KEYS), pick(random, Vocabulary.QUERY_VALUES));
      case 3 -> r = L7Request.of(c, r.method(), r.path().toUpperCase(Locale.ROOT)).withQuery(r.query());
      default -> { }
    }
    return r;
  }

  /** {@code r} with one more value for {@code key}, appended after the values it already has. */
  static L7Request withQueryValue(L7Request r, String key, String value) {
    Map<String, List<String>> query = new java.util.LinkedHashMap<>(r.query());
    List<String> values = new ArrayList<>(query.getOrDefault(key, List.of()));
    values.add(value);
    query.put(key, values);
    return r.withQuery(query);
  }
}
