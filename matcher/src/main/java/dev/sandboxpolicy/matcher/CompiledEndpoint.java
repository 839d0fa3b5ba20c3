package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One endpoint compiled for the host index, the selectors and its rules (spec §3.3–§3.8). */
final class CompiledEndpoint extends DecisionSite {
  static final int HOST_EXACT = 0;
  static final int HOST_WILDCARD = 1;
  static final int HOST_ANY = 2;
  static final int HOST_NEVER = 3;
  private static final CompiledRule[] NO_RULES = {};

  final CompiledEntry entry;
  final int index;
  /** Global order: key order, then endpoint order. */
  int ordinal;
  final Endpoint source;

  final int hostKind;
  final String lowerHost;
  final Glob hostGlob;
  private final int[] ports;

  private final Glob selector;
  private final boolean selectorAll;
  final RouteSelectorPattern route;

  /** The endpoint's protocol, or {@code null} when absent or unknown (runtime semantics: unknown is inspected). */
  final Protocol protocol;
  final Enforcement enforcement;
  final boolean inspected;
  final boolean extendedConfig;
  final boolean allowEncodedSlash;
  final DestinationRules.AllowedIps allowedIps;

  final CompiledRule[] allow;
  final CompiledRule[] deny;

  private final boolean allowRegisteredPersistedQueries;
  private final Map<String, PersistedQuery> persistedQueries;
  final boolean strictToolNames;
  final boolean allowAllKnownMcpMethods;
  final boolean narrowsToolName;
  /** The MCP revisions this endpoint admits ({@code mcp.versions}, default {@code [2025-11-25]}); MCP only. */
  private final int mcpVersions;
  /** {@link #mcpVersions} as a policy writes it, for reasons, e.g. {@code [2025-06-18, 2025-11-25]}. */
  final String mcpVersionsText;
  /** Whether {@code mcp.versions} is written (its pointer names the refusal), else the default applies. */
  private final boolean mcpVersionsWritten;
  /**
   * True for {@code protocol: graphql}, and for a websocket endpoint whose allow rules carry GraphQL operations
   * ("GraphQL policy", spec §3.5): GraphQL requests on it are judged by its GraphQL rules alone.
   */
  final boolean graphqlPolicy;
  /** The U+0000 check over the request fields this endpoint's rule globs read. */
  final NulScreen nulScreen;

  CompiledEndpoint(CompiledEntry entry, int index, Endpoint e, CompileCache cache) {
    super(e.location());
    this.entry = entry;
    this.index = index;
    this.source = e;
    String host = e.host();
    if (host.isEmpty()) {
      this.hostKind = e.allowedIps().isEmpty() ? HOST_NEVER : HOST_ANY;
      this.lowerHost = "";
      this.hostGlob = null;
    } else if (host.indexOf('*') >= 0) {
      this.hostKind = HOST_WILDCARD;
      this.lowerHost = host.toLowerCase(Locale.ROOT);
      this.hostGlob = cache.lowerCased(host, GlobDelimiters.DOT);
    } else {
      this.hostKind = HOST_EXACT;
      this.lowerHost = host.toLowerCase(Locale.ROOT);
      this.hostGlob = null;
    }
    this.ports = cache.ports(e.effectivePorts());
    String path = e.path();
    this.selectorAll = path.isEmpty() || path.equals("**");
    this.selector = selectorAll ? null : cache.glob(path, GlobDelimiters.SLASH);
    this.route = RouteSelectorPattern.parse(path);
    this.protocol = Protocol.fromWireName(e.protocol()).orElse(null);
    this.enforcement = Enforcement.of(e.enforcement());
    this.inspected = !e.protocol().isEmpty() && !Protocol.TCP.is(e.protocol());
    this.extendedConfig = inspected || !e.allowedIps().isEmpty() || !e.tls().isEmpty();
    this.allowEncodedSlash = e.allowEncodedSlash();
    this.allowedIps = DestinationRules.parse(e.allowedIps());
    this.allowRegisteredPersistedQueries = "allow_registered".equals(e.persistedQueries());
    this.persistedQueries = e.graphqlPersistedQueries();
    McpOptions mcp = e.mcp().orElse(null);
    boolean isMcp = protocol == Protocol.MCP;
    this.strictToolNames = mcp == null || mcp.strictToolNames().orElse(true);
    this.allowAllKnownMcpMethods = isMcp && mcp != null && mcp.allowAllKnownMcpMethods().orElse(false);
    List<McpVersion> admitted = e.effectiveMcpVersions();
    int versions = 0;
    for (McpVersion v : admitted) {
      versions |= 1 << v.ordinal();
    }
    this.mcpVersions = versions;
    this.mcpVersionsText = versionsText(admitted);
    this.mcpVersionsWritten = mcp != null && mcp.versions().isPresent();

    List<CompiledRule> allowRules = new ArrayList<>();
    List<AllowRule> written = e.allowRules();
    if (!written.isEmpty()) {
      for (int i = 0; i < written.size(); i++) {
        AllowRule r = written.get(i);
        if (r.allow().isPresent()) {
          RuleBody body = isMcp ? normalizeMcp(r.allow().get()) : r.allow().get();
          allowRules.add(new CompiledRule(this, body, i, r.location(), cache));
        }
      }
    } else if (!e.access().isEmpty() && protocol != Protocol.GRAPHQL && !isJsonRpcFamily()) {
      // REST and WebSocket: the preset's rules differ only in a known method (path **), and share the pointer
      // .../access, so one rule testing all their methods decides exactly as they would, in less memory
      List<RuleBody> preset = AccessPresets.expand(e.access(), protocol);
      int methods = 0;
      for (RuleBody body : preset) {
        methods |= RequestMethods.mask(body.method());
      }
      if (!preset.isEmpty()) {
        allowRules.add(new CompiledRule(this, preset.get(0), CompiledRule.ACCESS, e.location(), cache, methods));
      }
    } else if (!e.access().isEmpty()) {
      for (RuleBody body : AccessPresets.expand(e.access(), protocol)) {
        allowRules.add(new CompiledRule(this, body, CompiledRule.ACCESS, e.location(), cache));
      }
    } else if (allowAllKnownMcpMethods) {
      allowRules.add(new CompiledRule(
          this, RuleBody.builder().method("*").build(), CompiledRule.MCP_ALLOW_ALL, e.location(), cache));
    }
    this.allow = allowRules.isEmpty() ? NO_RULES : allowRules.toArray(NO_RULES);
    List<CompiledRule> denyRules = new ArrayList<>();
    List<RuleBody> deny = e.denyRuleBodies();
    for (int i = 0; i < deny.size(); i++) {
      RuleBody body = isMcp ? normalizeMcp(deny.get(i)) : deny.get(i);
      denyRules.add(new CompiledRule(this, body, CompiledRule.DENY + i, deny.get(i).location(), cache));
    }
    this.deny = denyRules.isEmpty() ? NO_RULES : denyRules.toArray(NO_RULES);
    boolean narrows = false;
    for (CompiledRule r : this.allow) {
      narrows |= r.mcpName != null;
    }
    this.narrowsToolName = narrows;
    boolean graphqlRules = false;
    for (CompiledRule r : this.allow) {
      graphqlRules |= !r.operationType.isEmpty();
    }
    this.graphqlPolicy = protocol == Protocol.GRAPHQL || (protocol == Protocol.WEBSOCKET && graphqlRules);
    this.nulScreen = NulScreen.ofRules(this.allow, this.deny, strictToolNames, cache);
  }

  @Override
  CompiledEntry entry() {
    return entry;
  }

  /** {@code /network_policies/<key>/endpoints/<index>}. */
  @Override
  String pointer() {
    return JsonPointer.key("/network_policies", entry.key) + "/endpoints/" + index;
  }

  /** The pointer a refused MCP revision names: the written {@code mcp.versions}, else the endpoint. */
  String mcpVersionsPointer() {
    return mcpVersionsWritten ? pointer() + "/mcp/versions" : pointer();
  }

  /** §1.7: {@code tool} moves to {@code params.name} (an explicit one wins); allow-all fills a missing method. */
  private RuleBody normalizeMcp(RuleBody body) {
    Map<String, ValueMatcher> params = new LinkedHashMap<>(body.params());
    if (body.tool().isPresent() && !params.containsKey("name")) {
      params.put("name", body.tool().get());
    }
    RuleBody.Builder b = RuleBody.builder().from(body).params(params);
    if (allowAllKnownMcpMethods && body.method().isEmpty()) {
      b.method(params.containsKey("name") ? "tools/call" : "*");
    }
    return b.build();
  }

  /** The ports this endpoint admits ({@link Endpoint#effectivePorts()}); shared, not to be modified. */
  int[] ports() {
    return ports;
  }

  boolean portMatches(int port) {
    for (int p : ports) {
      if (p == port) {
        return true;
      }
    }
    return false;
  }

  /** The Rego selector check: empty or {@code **} matches all, otherwise the slash glob. */
  int selectorMatches(String path, EvaluationScratch scratch) {
    if (selectorAll) {
      return GlobMatcher.MATCH;
    }
    int r = selector.evaluate(path);
    return r == GlobMatcher.ERROR ? scratch.fail(selector.errorReason(path)) : r;
  }

  /** Whether this MCP endpoint admits the revision {@code v}. Allocation-free. */
  boolean admitsMcpVersion(McpVersion v) {
    return (mcpVersions & (1 << v.ordinal())) != 0;
  }

  /** The texts of the usual {@code mcp.versions} lists, shared by every endpoint that has one. */
  private static final Map<List<McpVersion>, String> VERSIONS_TEXTS = new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code [2025-06-18, 2025-11-25]}: the list as a policy writes it, one shared string per distinct list. */
  private static String versionsText(List<McpVersion> admitted) {
    if (admitted.size() > 2) {
      return admitted.stream().map(McpVersion::wireName).toList().toString(); // rare: not kept in the table
    }
    return VERSIONS_TEXTS.computeIfAbsent(List.copyOf(admitted),
        l -> l.stream().map(McpVersion::wireName).toList().toString());
  }

  boolean isJsonRpcFamily() {
    return protocol != null && protocol.isJsonRpcFamily();
  }

  /**
   * The registered query that a persisted-query operation without a document stands for, or {@code null} when this
   * endpoint does not allow registered queries or has none under its key (then the endpoint refuses the request).
   * The decision and the trace both ask this.
   */
  PersistedQuery registeredQuery(GraphqlOperation op) {
    return allowRegisteredPersistedQueries ? persistedQueries.get(op.persistedQueryKey()) : null;
  }
}
