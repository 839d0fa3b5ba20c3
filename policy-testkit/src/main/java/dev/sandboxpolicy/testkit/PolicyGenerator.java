package dev.sandboxpolicy.testkit;

import static dev.sandboxpolicy.testkit.Vocabulary.chance;
import static dev.sandboxpolicy.testkit.Vocabulary.pick;

import dev.sandboxpolicy.model.Access;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.ProcessPolicy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.net.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Generates valid policies and presets: realistic hosts (exact names, {@code *.} and {@code **.} wildcards,
 * intra-label wildcards, IP literals), ports, binaries (exact paths and globs), L4, {@code tcp}, {@code rest} and
 * {@code websocket} endpoints with access presets, allow rules (globbed paths, query matchers) and deny rules, and on
 * request ({@link Builder#graphqlShare}, {@link Builder#jsonRpcShare}, {@link Builder#mcpShare}) {@code graphql},
 * {@code json-rpc} and {@code mcp} endpoints.
 *
 * <p>Every generated policy is meant to pass strict reading and the semantic validation of the language
 * specification (§2): version 1, ports in 1..65535, no TLD wildcards, host wildcards only in their allowed shapes,
 * {@code rules} and {@code access} never together, deny rules only on inspected endpoints that have an allow set,
 * balanced glob syntax, and endpoint metadata that never conflicts (§2.6). To guarantee the last point every
 * registrable domain gets one <em>profile</em> (protocol, enforcement, tls) per policy, shared by every endpoint
 * under it; overlapping host patterns only occur under one domain.
 *
 * <p>Two ways to use it:
 *
 * <ul>
 *   <li>{@link #policies()} — a {@link Generator} whose size is the number of entries (0..size), for property
 *       tests;
 *   <li>{@link #policy(RandomGenerator, int)} — exactly {@code entries} entries, for the benchmark scale series
 *       (10 … 10,000 entries), with the shares of wildcard hosts, globbed paths and query rules configured on the
 *       {@link Builder}.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; all randomness comes from the generator passed in.
 */
public final class PolicyGenerator {

  /** Every access preset, as written in a document. */
  private static final List<String> ACCESS_PRESETS = Stream.of(Access.values()).map(Access::wireName).toList();
  /** Enforcement as generated: absent (audit) a quarter of the time, {@code enforce} half, {@code audit} a quarter. */
  private static final List<String> ENFORCEMENTS = List.of(
      "", Enforcement.ENFORCE.wireName(), Enforcement.ENFORCE.wireName(), Enforcement.AUDIT.wireName());

  /** Default share of endpoints whose host is a wildcard pattern: 0.25. */
  public static final double DEFAULT_WILDCARD_HOST_SHARE = 0.25;

  /** Default share of L7 rules whose path is a glob rather than a literal path: 0.5. */
  public static final double DEFAULT_GLOB_PATH_SHARE = 0.5;

  /** Default share of L7 rules with query matchers: 0.15. */
  public static final double DEFAULT_QUERY_RULE_SHARE = 0.15;

  /** Default share of inspected endpoints that also carry deny rules: 0.2. */
  public static final double DEFAULT_DENY_RULE_SHARE = 0.2;

  /** Default share of domains whose endpoints are inspected ({@code rest} or {@code websocket}): 0.5. */
  public static final double DEFAULT_L7_SHARE = 0.5;

  /**
   * Default share of domains whose endpoints are {@code graphql}, {@code json-rpc} or {@code mcp}: 0 each, so that the default
   * generator (and the benchmark scale series built on it) stays REST/WebSocket/L4 only.
   */
  public static final double DEFAULT_BODY_PROTOCOL_SHARE = 0.0;

  /**
   * Default share of {@code mcp} domains whose endpoints write {@code mcp.versions} (a non-empty, sorted set of known
   * revisions; the others get the default {@code [2025-11-25]}): 0.5.
   */
  public static final double DEFAULT_MCP_VERSIONS_SHARE = 0.5;

  /** Default share of entries that use binary globs rather than exact paths: 0.2. */
  public static final double DEFAULT_BINARY_GLOB_SHARE = 0.2;

  /**
   * Largest number of entries {@link #policy(RandomGenerator, int)} accepts: 100,000 (ten times the benchmark
   * series' largest point). A generated entry takes about 450 bytes of JSON, so policies beyond about 9,000 entries
   * exceed the reader's default 4 MiB document limit; raise {@code ReadLimits.maxDocumentBytes} to read them back.
   */
  public static final int MAX_ENTRIES = 100_000;

  private static final PolicyGenerator DEFAULTS = builder().build();

  private final double wildcardHostShare;
  private final double globPathShare;
  private final double queryRuleShare;
  private final double denyRuleShare;
  private final double l7Share;
  private final double binaryGlobShare;
  private final double graphqlShare;
  private final double jsonRpcShare;
  private final double mcpShare;
  private final double mcpVersionsShare;
  private final boolean staticSections;

  private PolicyGenerator(Builder b) {
    this.wildcardHostShare = b.wildcardHostShare;
    this.globPathShare = b.globPathShare;
    this.queryRuleShare = b.queryRuleShare;
    this.denyRuleShare = b.denyRuleShare;
    this.l7Share = b.l7Share;
    this.binaryGlobShare = b.binaryGlobShare;
    this.graphqlShare = b.graphqlShare;
    this.jsonRpcShare = b.jsonRpcShare;
    this.mcpShare = b.mcpShare;
    this.mcpVersionsShare = b.mcpVersionsShare;
    this.staticSections = b.staticSections;
  }

  /** A generator with the default shares. */
  public static PolicyGenerator defaults() {
    return DEFAULTS;
  }

  /** A builder to change the shares. */
  public static Builder builder() {
    return new Builder();
  }

  /** Policies with 0 to {@code size} entries (at least one entry when size &gt; 0). */
  public Generator<Policy> policies() {
    return (random, size) -> policy(random, size == 0 ? 0 : 1 + random.nextInt(size));
  }

  /**
   * Presets with 1 to {@code max(1, size)} entries, named like the built-in ones ({@code lower-case-words}). Their
   * hosts are names, never IP literals: a custom preset may not reach a private address (NemoClaw #10659), and the
   * generated literals are RFC 1918 ones.
   */
  public Generator<Preset> presets() {
    return (random, size) -> {
      Policy p = policy(random, 1 + random.nextInt(Math.max(1, size)), false, false);
      String name = pick(random, Vocabulary.WORDS) + (chance(random, 0.5) ? "-" + pick(random, Vocabulary.WORDS) : "");
      return Preset.builder()
          .name(name)
          .description("Generated preset " + name)
          .networkPolicies(publicHosts(p.networkPolicies()))
          .build();
    };
  }

  /** The first octet of the IP literals the generator draws for policies ({@code 10.0.0.0/8}, private). */
  private static final String PRIVATE_LITERAL_PREFIX = "10.";
  /** What a preset's IP literals start with instead: a public range (documentation of NemoClaw #10659). */
  private static final String PUBLIC_LITERAL_PREFIX = "93.";

  /**
   * The entries with every generated private IP literal host moved to a public address: a custom preset may not name
   * a private or special-use host (NemoClaw #10659), so a generated preset must not either.
   */
  private static Map<String, NetworkPolicy> publicHosts(Map<String, NetworkPolicy> entries) {
    Map<String, NetworkPolicy> out = new LinkedHashMap<>();
    entries.forEach((key, entry) -> {
      List<Endpoint> eps = new ArrayList<>();
      for (Endpoint e : entry.endpoints()) {
        eps.add(e.host().startsWith(PRIVATE_LITERAL_PREFIX) && IpAddress.tryParse(e.host()).isPresent()
            ? Endpoint.builder(e).host(PUBLIC_LITERAL_PREFIX + e.host().substring(PRIVATE_LITERAL_PREFIX.length()))
                .build()
            : e);
      }
      out.put(key, NetworkPolicy.builder(entry).endpoints(eps).build());
    });
    return out;
  }

  /**
   * A policy with exactly {@code entries} entries (and, unless disabled, static sections).
   *
   * @throws IllegalArgumentException if {@code entries} is negative or above {@link #MAX_ENTRIES}
   */
  public Policy policy(RandomGenerator random, int entries) {
    return policy(random, entries, staticSections);
  }

  private Policy policy(RandomGenerator random, int entries, boolean withStatic) {
    return policy(random, entries, withStatic, true);
  }

  private Policy policy(RandomGenerator random, int entries, boolean withStatic, boolean ipLiterals) {
    if (entries < 0 || entries > MAX_ENTRIES) {
      throw new IllegalArgumentException("entries must be in 0.." + MAX_ENTRIES + ": " + entries);
    }
    Policy.Builder policy = Policy.builder().version(1L);
    if (withStatic) {
      addStaticSections(random, policy);
    }
    Domains domains = new Domains(random, Math.max(2, entries / 3 + 1), ipLiterals);
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < entries; i++) {
      String key;
      do {
        key = pick(random, Vocabulary.WORDS) + "_" + (entries <= 26 ? i : random.nextInt(entries * 4));
      } while (!keys.add(key));
      policy.putNetworkPolicies(key, entry(random, domains, key));
    }
    return policy.build();
  }

  private static void addStaticSections(RandomGenerator random, Policy.Builder policy) {
    if (chance(random, 0.5)) {
      policy.filesystemPolicy(
          FilesystemPolicy.builder()
              .includeWorkdir(random.nextBoolean())
              .addReadOnly("/usr", "/lib", "/etc")
              .addReadWrite("/tmp", "/sandbox/" + pick(random, Vocabulary.WORDS))
              .build());
    }
    if (chance(random, 0.3)) {
      policy.landlock(Landlock.builder().compatibility(random.nextBoolean() ? "best_effort" : "hard_requirement").build());
    }
    if (chance(random, 0.3)) {
      policy.process(
          ProcessPolicy.builder()
              .runAsUser(random.nextBoolean() ? "sandbox" : Integer.toString(1000 + random.nextInt(1000)))
              .runAsGroup("sandbox")
              .build());
    }
  }

  private NetworkPolicy entry(RandomGenerator random, Domains domains, String key) {
    NetworkPolicy.Builder entry = NetworkPolicy.builder();
    if (chance(random, 0.5)) {
      entry.name(key.replace('_', '-'));
    }
    int endpoints = 1 + random.nextInt(chance(random, 0.2) ? 4 : 2);
    for (int i = 0; i < endpoints; i++) {
      entry.addEndpoints(endpoint(random, domains.any(random)));
    }
    Set<String> binaries = new LinkedHashSet<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      binaries.add(chance(random, binaryGlobShare) ? pick(random, Vocabulary.BINARY_GLOBS) : pick(random, Vocabulary.BINARIES));
    }
    binaries.forEach(path -> entry.addBinaries(Binary.builder().path(path).build()));
    return entry.build();
  }

  private Endpoint endpoint(RandomGenerator random, Domain domain) {
    Endpoint.Builder e = Endpoint.builder().host(host(random, domain));
    if (chance(random, 0.2)) {
      e.addPorts(domain.ports.get(0));
      if (domain.ports.size() > 1) {
        e.addPorts(domain.ports.get(1));
      }
    } else {
      e.port(pick(random, domain.ports));
    }
    if (!domain.protocol.isEmpty()) {
      e.protocol(domain.protocol);
    }
    if (!domain.tls.isEmpty()) {
      e.tls(domain.tls);
    }
    Protocol protocol = Protocol.fromWireName(domain.protocol).orElse(null);
    if (protocol == Protocol.REST || protocol == Protocol.WEBSOCKET) {
      inspected(random, domain, e);
    } else if (protocol == Protocol.GRAPHQL) {
      graphql(random, domain, e);
    } else if (protocol == Protocol.JSON_RPC) {
      jsonRpc(random, domain, e);
    } else if (protocol == Protocol.MCP) {
      mcp(random, domain, e);
    } else if (domain.protocol.isEmpty() && chance(random, 0.15)) {
      e.access(pick(random, ACCESS_PRESETS));
    } // tcp: no L7 fields at all (§2.3 rule 2)
    return e.build();
  }

  private void inspected(RandomGenerator random, Domain domain, Endpoint.Builder e) {
    if (!domain.enforcement.isEmpty()) {
      e.enforcement(domain.enforcement);
    }
    if (chance(random, 0.1)) {
      e.path(pick(random, List.of("/v1/**", "/api/**", "**", "/api/v2/*")));
    }
    boolean websocket = Protocol.WEBSOCKET.is(domain.protocol);
    if (chance(random, 0.3)) {
      e.access(pick(random, ACCESS_PRESETS));
    } else {
      List<AllowRule> rules = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        rules.add(AllowRule.builder().allow(ruleBody(random, websocket, false)).build());
      }
      e.rules(dedupe(rules));
    }
    if (chance(random, denyRuleShare)) {
      List<RuleBody> deny = new ArrayList<>();
      int count = 1 + random.nextInt(2);
      for (int i = 0; i < count; i++) {
        deny.add(ruleBody(random, websocket, true));
      }
      e.denyRules(dedupe(deny));
    }
  }

  private void graphql(RandomGenerator random, Domain domain, Endpoint.Builder e) {
    if (!domain.enforcement.isEmpty()) {
      e.enforcement(domain.enforcement);
    }
    if (chance(random, 0.2)) {
      e.access(pick(random, ACCESS_PRESETS));
    } else {
      List<AllowRule> rules = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        rules.add(AllowRule.builder().allow(graphqlBody(random, false)).build());
      }
      e.rules(dedupe(rules));
    }
    if (chance(random, denyRuleShare)) {
      e.denyRules(List.of(graphqlBody(random, true)));
    }
    if (chance(random, 0.3)) {
      e.persistedQueries("allow_registered");
      e.putGraphqlPersistedQueries("q" + random.nextInt(100), PersistedQuery.builder()
          .operationType("query").operationName("Viewer").addFields(pick(random, GRAPHQL_FIELDS)).build());
    }
  }

  /** Root fields GraphQL rules and generated operations draw from. */
  static final List<String> GRAPHQL_FIELDS = List.of("viewer", "repository", "issues", "createIssue", "deleteRepo", "search", "user");

  /** Operation names GraphQL rules and generated operations draw from. */
  static final List<String> GRAPHQL_NAMES = List.of("GetViewer", "GetRepo", "CreateIssue", "DeleteRepo", "Search", "");

  /** JSON-RPC method names rules and generated calls draw from. */
  static final List<String> JSON_RPC_METHODS = List.of("eth_call", "eth_chainId", "eth_blockNumber", "eth_sendTransaction", "net_version", "tools/list");

  private static RuleBody graphqlBody(RandomGenerator random, boolean deny) {
    RuleBody.Builder b = RuleBody.builder().operationType(pick(random, deny ? List.of("mutation") : List.of("query", "query", "mutation", "subscription")));
    if (chance(random, 0.4)) {
      b.operationName(pick(random, List.of("Get*", "Create*", "GetViewer", "{Get,Search}*")));
    }
    if (deny || chance(random, 0.5)) {
      b.addFields(deny ? "delete*" : pick(random, List.of("viewer", "repo*", "issues", "search", "*")));
      if (!deny && chance(random, 0.3)) {
        b.addFields(pick(random, GRAPHQL_FIELDS));
      }
    }
    return b.build();
  }

  private void jsonRpc(RandomGenerator random, Domain domain, Endpoint.Builder e) {
    if (!domain.enforcement.isEmpty()) {
      e.enforcement(domain.enforcement);
    }
    List<AllowRule> rules = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String method = chance(random, 0.1) ? "*" : pick(random, JSON_RPC_METHODS);
      rules.add(AllowRule.builder().allow(RuleBody.builder().method(method).build()).build());
    }
    e.rules(dedupe(rules));
    if (chance(random, denyRuleShare)) {
      e.denyRules(List.of(RuleBody.builder().method("eth_sendTransaction").build()));
    }
  }

  /** MCP methods rules and generated calls draw from (never a glob, so no rule conflicts with tool selectors). */
  static final List<String> MCP_METHODS = List.of("tools/list", "resources/read", "prompts/get", "initialize", "ping");

  /** Tool-name globs of MCP {@code tools/call} rules. */
  static final List<String> MCP_TOOLS = List.of("search_*", "read_file", "{get,list}_*", "fetch");

  private void mcp(RandomGenerator random, Domain domain, Endpoint.Builder e) {
    if (!domain.enforcement.isEmpty()) {
      e.enforcement(domain.enforcement);
    }
    List<AllowRule> rules = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      RuleBody body = random.nextBoolean()
          ? RuleBody.builder().method("tools/call").tool(ValueMatcher.glob(pick(random, MCP_TOOLS))).build()
          : RuleBody.builder().method(pick(random, MCP_METHODS)).build();
      rules.add(AllowRule.builder().allow(body).build());
    }
    e.rules(dedupe(rules));
    if (chance(random, denyRuleShare)) {
      e.denyRules(List.of(RuleBody.builder().method("tools/call").tool(ValueMatcher.glob("delete_*")).build()));
    }
    if (domain.mcpVersions != null) {
      e.mcp(McpOptions.builder().versions(domain.mcpVersions).build());
    }
  }

  private static <T> List<T> dedupe(List<T> items) {
    return List.copyOf(new LinkedHashSet<>(items));
  }

  private RuleBody ruleBody(RandomGenerator random, boolean websocket, boolean deny) {
    RuleBody.Builder body = RuleBody.builder();
    if (websocket) {
      body.method(pick(random, deny ? List.of("GET", "WEBSOCKET_TEXT") : List.of("GET", "WEBSOCKET_TEXT", "*")));
    } else if (chance(random, deny ? 0.05 : 0.1)) {
      body.method("*");
    } else {
      String method = pick(random, Vocabulary.METHODS);
      body.method(chance(random, 0.1) ? method.toLowerCase(java.util.Locale.ROOT) : method);
    }
    body.path(chance(random, globPathShare) ? globPath(random) : literalPath(random));
    if (chance(random, queryRuleShare)) {
      int keys = 1 + random.nextInt(2);
      Map<String, ValueMatcher> query = new LinkedHashMap<>();
      for (int i = 0; i < keys; i++) {
        query.put(pick(random, Vocabulary.QUERY_KEYS), queryMatcher(random));
      }
      body.query(query);
    }
    return body.build();
  }

  private static ValueMatcher queryMatcher(RandomGenerator random) {
    return switch (random.nextInt(5)) {
      case 0 -> ValueMatcher.glob("*");
      case 1 -> ValueMatcher.glob(pick(random, List.of("v*", "v1.*", "*.json", "1?", "[0-9]*", "{main,dev}")));
      case 2 -> ValueMatcher.any(List.of(pick(random, Vocabulary.QUERY_VALUES), pick(random, List.of("2", "*", "en", "v2*"))));
      default -> ValueMatcher.glob(pick(random, Vocabulary.QUERY_VALUES));
    };
  }

  private static String literalPath(RandomGenerator random) {
    int segments = 1 + random.nextInt(4);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < segments; i++) {
      path.append('/').append(pick(random, Vocabulary.PATH_WORDS));
    }
    if (chance(random, 0.05)) {
      path.append('/');
    }
    return path.toString();
  }

  private static String globPath(RandomGenerator random) {
    switch (random.nextInt(9)) {
      case 0:
        return "**";
      case 1:
        return "/**";
      case 2:
        return literalPath(random) + "/**";
      case 3:
        return literalPath(random) + "/*";
      case 4:
        return "/" + pick(random, Vocabulary.PATH_WORDS) + "/*/" + pick(random, Vocabulary.PATH_WORDS);
      case 5:
        return literalPath(random) + "/**/" + pick(random, Vocabulary.PATH_WORDS);
      case 6:
        return literalPath(random) + "/*." + pick(random, List.of("json", "tar.gz", "whl"));
      case 7:
        return "/{" + pick(random, Vocabulary.PATH_WORDS) + "," + pick(random, Vocabulary.PATH_WORDS) + "}/" + pick(random, Vocabulary.PATH_WORDS);
      default:
        return "/" + pick(random, Vocabulary.PATH_WORDS) + "/v?/" + pick(random, List.of("[a-z]*", "item[0-9]", "**"));
    }
  }

  private String host(RandomGenerator random, Domain domain) {
    if (domain.ipLiteral != null) {
      return domain.ipLiteral;
    }
    if (chance(random, wildcardHostShare)) {
      return switch (random.nextInt(4)) {
        case 0, 1 -> "*." + domain.name;
        case 2 -> "**." + domain.name;
        default -> "*-" + pick(random, Vocabulary.SUBDOMAINS) + "." + domain.name;
      };
    }
    String host = chance(random, 0.2) ? domain.name : pick(random, Vocabulary.SUBDOMAINS) + "." + domain.name;
    return chance(random, 0.05) ? host.toUpperCase(java.util.Locale.ROOT) : host;
  }

  /** One registrable domain with the connection metadata every endpoint under it shares. */
  private static final class Domain {
    final String name;
    final String ipLiteral;
    final String protocol;
    final String enforcement;
    final String tls;
    final List<Integer> ports;
    /** The {@code mcp.versions} every MCP endpoint of the domain writes, or null for the default. */
    final List<String> mcpVersions;

    Domain(String name, String ipLiteral, String protocol, String enforcement, String tls, List<Integer> ports,
        List<String> mcpVersions) {
      this.name = name;
      this.ipLiteral = ipLiteral;
      this.protocol = protocol;
      this.enforcement = enforcement;
      this.tls = tls;
      this.ports = ports;
      this.mcpVersions = mcpVersions;
    }
  }

  /** The pool of domains of one policy. */
  private final class Domains {
    private final List<Domain> pool = new ArrayList<>();

    Domains(RandomGenerator random, int count, boolean ipLiterals) {
      Set<String> names = new LinkedHashSet<>();
      while (names.size() < count) {
        names.add(pick(random, Vocabulary.WORDS) + (count > 20 ? Integer.toString(random.nextInt(count * 4)) : "")
            + "." + pick(random, Vocabulary.TLDS));
      }
      for (String name : names) {
        boolean ip = ipLiterals && chance(random, 0.03);
        String protocol;
        if (!ip && chance(random, graphqlShare)) {
          protocol = Protocol.GRAPHQL.wireName();
        } else if (!ip && chance(random, jsonRpcShare)) {
          protocol = Protocol.JSON_RPC.wireName();
        } else if (!ip && chance(random, mcpShare)) {
          protocol = Protocol.MCP.wireName();
        } else if (chance(random, l7Share)) {
          protocol = chance(random, 0.85) ? Protocol.REST.wireName() : Protocol.WEBSOCKET.wireName();
        } else {
          protocol = !ip && chance(random, 0.2) ? Protocol.TCP.wireName() : "";
        }
        boolean inspected = !protocol.isEmpty() && !Protocol.TCP.is(protocol);
        String enforcement = inspected ? pick(random, ENFORCEMENTS) : "";
        String tls = !inspected && chance(random, 0.1) ? "skip" : "";
        List<Integer> ports = new ArrayList<>();
        ports.add(Integer.parseInt(pick(random, Vocabulary.PORTS_COMMON)));
        int second = Integer.parseInt(pick(random, Vocabulary.PORTS_COMMON));
        if (second != ports.get(0)) {
          ports.add(second);
        }
        String literal = ip ? "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)) : null;
        pool.add(new Domain(name, literal, protocol, enforcement, tls, List.copyOf(ports), mcpVersions(random, protocol)));
      }
    }

    /** A non-empty, sorted set of known revisions for some {@code mcp} domains; null (the default) otherwise. */
    private List<String> mcpVersions(RandomGenerator random, String protocol) {
      if (!Protocol.MCP.is(protocol) || !chance(random, mcpVersionsShare)) {
        return null;
      }
      List<String> chosen = new ArrayList<>();
      for (McpVersion v : McpVersion.values()) {
        if (random.nextBoolean()) {
          chosen.add(v.wireName());
        }
      }
      if (chosen.isEmpty()) {
        chosen.add(pick(random, List.of(McpVersion.values())).wireName());
      }
      return List.copyOf(chosen);
    }

    Domain any(RandomGenerator random) {
      return pool.get(random.nextInt(pool.size()));
    }
  }

  /** Builds {@link PolicyGenerator}s. Every share is a probability in [0, 1]. */
  public static final class Builder {
    private double wildcardHostShare = DEFAULT_WILDCARD_HOST_SHARE;
    private double globPathShare = DEFAULT_GLOB_PATH_SHARE;
    private double queryRuleShare = DEFAULT_QUERY_RULE_SHARE;
    private double denyRuleShare = DEFAULT_DENY_RULE_SHARE;
    private double l7Share = DEFAULT_L7_SHARE;
    private double binaryGlobShare = DEFAULT_BINARY_GLOB_SHARE;
    private double graphqlShare = DEFAULT_BODY_PROTOCOL_SHARE;
    private double jsonRpcShare = DEFAULT_BODY_PROTOCOL_SHARE;
    private double mcpShare = DEFAULT_BODY_PROTOCOL_SHARE;
    private double mcpVersionsShare = DEFAULT_MCP_VERSIONS_SHARE;
    private boolean staticSections = true;

    private Builder() {}

    /** Share of endpoints with a wildcard host. */
    public Builder wildcardHostShare(double share) {
      this.wildcardHostShare = share(share);
      return this;
    }

    /** Share of L7 rules whose path is a glob. */
    public Builder globPathShare(double share) {
      this.globPathShare = share(share);
      return this;
    }

    /** Share of L7 rules with query matchers. */
    public Builder queryRuleShare(double share) {
      this.queryRuleShare = share(share);
      return this;
    }

    /** Share of inspected endpoints with deny rules. */
    public Builder denyRuleShare(double share) {
      this.denyRuleShare = share(share);
      return this;
    }

    /** Share of domains whose endpoints are inspected (rest or websocket). */
    public Builder l7Share(double share) {
      this.l7Share = share(share);
      return this;
    }

    /** Share of entries with binary globs. */
    public Builder binaryGlobShare(double share) {
      this.binaryGlobShare = share(share);
      return this;
    }

    /** Share of domains whose endpoints are {@code protocol: graphql} (operation rules, deny rules, persisted queries). */
    public Builder graphqlShare(double share) {
      this.graphqlShare = share(share);
      return this;
    }

    /** Share of domains whose endpoints are {@code protocol: json-rpc} (exact method rules). */
    public Builder jsonRpcShare(double share) {
      this.jsonRpcShare = share(share);
      return this;
    }

    /** Share of domains whose endpoints are {@code protocol: mcp} (tool and method rules). */
    public Builder mcpShare(double share) {
      this.mcpShare = share(share);
      return this;
    }

    /**
     * Share of {@code mcp} domains whose endpoints write {@code mcp.versions}: a non-empty, sorted set of known
     * revisions. The others admit the default {@code [2025-11-25]}.
     */
    public Builder mcpVersionsShare(double share) {
      this.mcpVersionsShare = share(share);
      return this;
    }

    /** Whether policies get {@code filesystem_policy}, {@code landlock} and {@code process} sections (default yes). */
    public Builder staticSections(boolean enabled) {
      this.staticSections = enabled;
      return this;
    }

    /** The generator. */
    public PolicyGenerator build() {
      return new PolicyGenerator(this);
    }

    private static double share(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("a share must be in [0, 1]: " + share);
      }
      return share;
    }
  }
}
