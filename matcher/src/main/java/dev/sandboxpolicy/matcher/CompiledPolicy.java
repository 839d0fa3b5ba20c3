package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A policy compiled for the hot path: answers the network (L4) decision "may this binary reach host:port?" and the
 * request (L7) decision "may this request go through?" exactly as upstream evaluates them (spec §3). Immutable and
 * thread-safe; share one instance between all threads and replace it through {@link PolicyHolder} on reload.
 *
 * <pre>{@code
 * Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(yaml).orElseThrow();
 * CompiledPolicy compiled = CompiledPolicy.compile(policy);
 *
 * NetworkRequest conn = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");
 * Decision network = compiled.decideNetwork(conn);
 * if (network.isAllowed()) {
 *   CanonicalTarget target = CanonicalTarget.parse("/repos/acme/widgets?per_page=5", false);
 *   Decision request = compiled.decideRequest(
 *       L7Request.of(conn, "GET", target.path()).withQuery(target.query()));
 *   if (request.blocks()) {
 *     // 403 with request.reason()
 *   }
 * }
 * }</pre>
 *
 * <p>How a decision is found: candidate endpoints come from a {@link HostIndex} (an exact policy host's candidates
 * per port are precomputed; wildcard hosts by literal label suffix, hostless {@code allowed_ips} endpoints from a side
 * list), never from a scan of all entries; they are visited in key order, so the first allowing one names the
 * smallest allowing key. Which candidates a connection's binaries match is remembered on its {@link NetworkRequest}
 * after its first request decision. Allow decisions are built on first use and shared, and denials are remembered
 * (a small bounded memo per compiled policy), so neither an allow nor a repeated denial allocates; a new denial
 * allocates one small decision whose reason is rendered when asked for. Each thread gets its own small working
 * buffer on its first decision (a thread-local sized to the largest candidate set), so with many short-lived or
 * virtual threads that first decision per thread allocates.
 *
 * <p>Warnings: globs that do not compile are only warnings at load time (as upstream) and make every decision that
 * evaluates them an {@link Verdict#ERROR} (fail closed); see {@link #warnings()}. Deny reasons for REST and JSON-RPC
 * requests are this library's wording; the network reasons and the GraphQL reasons are upstream's.
 */
public final class CompiledPolicy {
  /** Upstream's reason when the policy has no network policies at all (spec §3.4). */
  static final String NO_POLICIES_REASON = "network connections not allowed by policy";
  /** Upstream's reason when several inspected endpoints exist and no path selector matches (spec §3.5 step 2). */
  static final String NO_ROUTE_REASON = "no L7 endpoint path matched request";
  /** The MCP method that opens a session; on its own it needs no {@code MCP-Protocol-Version} header (#3241). */
  static final String MCP_INITIALIZE = "initialize";

  /**
   * The reason of an allow whose destination is not known (a host name without resolved addresses): the SSRF and
   * {@code allowed_ips} checks of spec §3.9 cannot be made here.
   */
  static final String DESTINATION_UNCHECKED_REASON =
      "destination not checked: the host is a name and no resolved addresses were given, so the SSRF and"
          + " allowed_ips checks (spec 3.9) are still the proxy's to do";
  /** The reason of an allow whose destination (an IP-literal host, or the given resolved addresses) was checked. */
  static final String DESTINATION_CHECKED_REASON =
      "destination checked: every address passed the SSRF and allowed_ips checks (spec 3.9)";
  /** The enforcement variants ({@link #variant}); the destination-checked allow decisions are offset by this. */
  static final int CHECKED = 3;

  private static final java.util.concurrent.atomic.AtomicLong SERIALS = new java.util.concurrent.atomic.AtomicLong();
  private static final Decision NO_POLICIES =
      Decision.deny(NO_POLICIES_REASON, Optional.empty(), "", SourceLocation.NONE, Optional.empty());
  private static final Decision NO_ROUTE =
      Decision.deny(NO_ROUTE_REASON, Optional.empty(), "", SourceLocation.NONE, Denial.ENFORCEMENTS.get(1));

  private final Policy policy;
  private final MatcherOptions options;
  private final CompiledEntry[] entries;
  private final CompiledEndpoint[] endpoints;
  private final HostIndex index;
  private final List<Problem> warnings;
  private final ThreadLocal<EvaluationScratch> scratch;
  /** Tells this compiled policy from every other in the process (for what a connection remembers of it). */
  private final long serial = SERIALS.incrementAndGet();
  /** Denials already built, so a repeated one allocates nothing. */
  private final DenialMemo denials = new DenialMemo();

  private CompiledPolicy(Policy policy, MatcherOptions options, List<Problem> warnings) {
    this.policy = policy;
    this.options = options;
    Map<String, NetworkPolicy> sorted = new TreeMap<>(policy.networkPolicies());
    List<CompiledEntry> entryList = new ArrayList<>();
    List<CompiledEndpoint> endpointList = new ArrayList<>();
    CompileCache cache = new CompileCache();
    for (Map.Entry<String, NetworkPolicy> e : sorted.entrySet()) {
      CompiledEntry entry = new CompiledEntry(e.getKey(), entryList.size(), e.getValue(), cache);
      List<Endpoint> eps = e.getValue().endpoints();
      CompiledEndpoint[] compiled = new CompiledEndpoint[eps.size()];
      for (int i = 0; i < eps.size(); i++) {
        compiled[i] = new CompiledEndpoint(entry, i, eps.get(i), cache);
        compiled[i].ordinal = endpointList.size();
        endpointList.add(compiled[i]);
      }
      entry.endpoints = compiled;
      entryList.add(entry);
    }
    this.entries = entryList.toArray(new CompiledEntry[0]);
    this.endpoints = endpointList.toArray(new CompiledEndpoint[0]);
    this.index = new HostIndex(endpointList);
    this.warnings = List.copyOf(warnings);
    int capacity = index.maxCandidates;
    this.scratch = ThreadLocal.withInitial(() -> new EvaluationScratch(capacity));
  }

  /**
   * Validates and compiles a policy with the default options (binary identity required).
   *
   * @param policy the policy
   * @return the compiled policy
   * @throws PolicyCompileException if the policy has errors
   */
  public static CompiledPolicy compile(Policy policy) throws PolicyCompileException {
    return compile(policy, MatcherOptions.defaults());
  }

  /**
   * Validates and compiles a policy.
   *
   * @param policy the policy
   * @param options the matcher options (e.g. endpoint-only mode)
   * @return the compiled policy
   * @throws PolicyCompileException if the policy has errors (with {@link MatcherOptions#withValidation(boolean)}
   *     off, only ports out of range are errors); glob problems are only warnings
   */
  public static CompiledPolicy compile(Policy policy, MatcherOptions options) throws PolicyCompileException {
    List<Problem> problems = PolicyChecks.validate(policy, options);
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new PolicyCompileException(problems);
    }
    return new CompiledPolicy(policy, options, problems);
  }

  /**
   * Returns the policy this was compiled from.
   *
   * @return the policy
   */
  public Policy policy() {
    return policy;
  }

  /**
   * Returns the options this was compiled with.
   *
   * @return the options
   */
  public MatcherOptions options() {
    return options;
  }

  /**
   * Returns the load-time warnings, e.g. {@code glob_invalid} for a glob that fails closed whenever it is evaluated
   * (with validation off, every validator problem).
   *
   * @return an immutable list
   */
  public List<Problem> warnings() {
    return warnings;
  }

  private static int variant(CompiledEndpoint config) {
    return config == null ? 0 : config.enforcement == Enforcement.ENFORCE ? 1 : 2;
  }

  // ------------------------------------------------------------------------------------------ L4

  /**
   * The network decision (spec §3.4): allowed iff some entry has an endpoint matching host and port <em>and</em> a
   * binary matching the executable or one of its ancestors. Hosts compare without one trailing dot of the requested
   * host (see {@link NetworkRequest}); the reason names the host as requested. On allow, {@link Decision#matchedPolicy()} is the
   * smallest allowing key and {@link Decision#rulePointer()} its first matching endpoint. Allocation-free on allow.
   *
   * @param request the connection
   * @return the decision
   */
  public Decision decideNetwork(NetworkRequest request) {
    if (entries.length == 0) {
      return NO_POLICIES;
    }
    if (request.destination() == null) {
      CompiledEndpoint[] planned = index.planned(request.lowerHost(), request.port());
      if (planned != null) {
        Decision d = decidePlanned(request, planned);
        if (d != null) {
          return d;
        }
      }
    }
    EvaluationScratch s = scratch.get();
    try {
      if (!collect(request, s)) {
        return evaluationError(s);
      }
      int matchedEndpoints = s.count;
      if (!keepAllowedBinaries(request, s)) {
        return evaluationError(s);
      }
      if (s.count > 0) {
        CompiledEndpoint firstInspected = null;
        for (int i = 0; i < s.count && firstInspected == null; i++) {
          firstInspected = s.candidates[i].inspected ? s.candidates[i] : null;
        }
        int variant = variant(firstInspected);
        if (request.destination() == null) {
          return s.candidates[0].allowDecision(variant);
        }
        DestinationVerdict destination = destinationOfCandidates(request, request.destination(), s);
        return destination.allowed()
            ? s.candidates[0].allowDecision(variant + CHECKED)
            : destinationDenial(destination);
      }
      if (matchedEndpoints > 0) {
        Decision known = denials.find(Denial.Kind.BINARY, null, 0, request, null, 0);
        if (known != null) {
          return known; // a denial seen before: no need to find its entries again
        }
        s.reset();
        collect(request, s);
        return binaryDenial(request, s.candidates, s.count);
      }
      return endpointDenial(request);
    } finally {
      s.reset();
    }
  }

  /**
   * The network decision of a connection without a known destination over the precomputed candidates of an exact
   * policy host ({@link HostIndex#planned}), without the thread's scratch: the first candidate whose entry's binaries
   * match allows, with the enforcement of the first such candidate that is inspected. Every candidate entry's binaries
   * are still screened for the errors upstream would raise. Null on an evaluation error: the general path then
   * decides again and names it.
   */
  private Decision decidePlanned(NetworkRequest request, CompiledEndpoint[] candidates) {
    boolean identity = options.binaryIdentity();
    CompiledEndpoint allowing = null;
    CompiledEndpoint inspected = null;
    int lastEntry = -1;
    int lastResult = GlobMatcher.NO_MATCH;
    for (CompiledEndpoint e : candidates) {
      if (e.entry.order != lastEntry) {
        lastEntry = e.entry.order;
        lastResult = inspected != null
            ? e.entry.binaryError(request, identity)
            : e.entry.binaryAllowed(request, identity, null);
        if (lastResult == GlobMatcher.ERROR) {
          return null;
        }
      }
      if (inspected == null && lastResult == GlobMatcher.MATCH) {
        allowing = allowing == null ? e : allowing;
        inspected = e.inspected ? e : null;
      }
    }
    if (allowing != null) {
      return allowing.allowDecision(variant(inspected));
    }
    return candidates.length > 0 ? binaryDenial(request, candidates, candidates.length) : endpointDenial(request);
  }

  /** The denial of a connection whose host and port no endpoint admits (upstream's wording). */
  private Decision endpointDenial(NetworkRequest request) {
    return denials.decision(Denial.Kind.ENDPOINT, null, 0, request.host(), null, request.port());
  }

  /**
   * The denial of a connection whose host and port the first {@code count} of {@code matched} admit but no entry's
   * binaries do; the reason names each of their entries once, in key order.
   */
  private Decision binaryDenial(NetworkRequest request, CompiledEndpoint[] matched, int count) {
    Decision known = denials.find(Denial.Kind.BINARY, null, 0, request, null, 0);
    if (known != null) {
      return known;
    }
    List<String> keys = new ArrayList<>();
    int last = -1;
    for (int i = 0; i < count; i++) {
      CompiledEntry entry = matched[i].entry;
      if (entry.order != last) {
        last = entry.order;
        keys.add(entry.key);
      }
    }
    return denials.remember(new Denial(Denial.Kind.BINARY, null, 0, request, null, 0, keys.toArray(new String[0])));
  }

  private static Decision evaluationError(EvaluationScratch s) {
    return Decision.error(s.errorReason != null ? s.errorReason : "evaluation error");
  }

  /**
   * Fills the scratch with host+port candidates; false on an evaluation error. The host compared is the requested
   * one without one trailing dot ({@link NetworkRequest#comparedHost()}).
   */
  private boolean collect(NetworkRequest request, EvaluationScratch s) {
    CompiledEndpoint[] planned = index.planned(request.lowerHost(), request.port());
    if (planned != null) {
      for (CompiledEndpoint e : planned) {
        s.add(e);
      }
      return true;
    }
    if (index.hasWildcards && request.hostHasNul()) {
      s.fail("evaluation error: host contains U+0000");
      return false;
    }
    return index.collect(request.lowerHost(), request.hostLowerCaseExact(), request.port(), s) != GlobMatcher.ERROR;
  }

  /**
   * Puts the candidates of {@code planned} whose entry's binaries match the connection into {@code s}, in order;
   * false on an evaluation error. Which ones match depends only on the connection and this policy, so it is kept on
   * the connection ({@link NetworkRequest#allowedCandidates}) after its first request decision: a proxy reuses one
   * {@link NetworkRequest} for every request on a connection, and those requests then skip the binary matching.
   */
  private boolean collectAllowed(NetworkRequest conn, CompiledEndpoint[] planned, EvaluationScratch s) {
    int mask = conn.allowedCandidates(serial);
    if (mask < 0) {
      mask = 0;
      boolean identity = options.binaryIdentity();
      int lastEntry = -1;
      int lastResult = GlobMatcher.NO_MATCH;
      for (int i = 0; i < planned.length; i++) {
        CompiledEntry entry = planned[i].entry;
        if (entry.order != lastEntry) {
          lastEntry = entry.order;
          lastResult = entry.binaryAllowed(conn, identity, s);
          if (lastResult == GlobMatcher.ERROR) {
            return false;
          }
        }
        mask |= lastResult == GlobMatcher.MATCH ? 1 << i : 0;
      }
      conn.rememberAllowedCandidates(serial, mask);
    }
    for (int i = 0; i < planned.length; i++) {
      if ((mask & (1 << i)) != 0) {
        s.add(planned[i]);
      }
    }
    return true;
  }

  /**
   * Compacts the candidates to those whose entry's binaries match (endpoint_allowed ∧ binary_allowed), keeping key
   * order; false on an evaluation error.
   */
  private boolean keepAllowedBinaries(NetworkRequest request, EvaluationScratch s) {
    int kept = 0;
    int lastEntry = -1;
    int lastResult = GlobMatcher.NO_MATCH;
    for (int i = 0; i < s.count; i++) {
      CompiledEndpoint e = s.candidates[i];
      if (e.entry.order != lastEntry) {
        lastEntry = e.entry.order;
        lastResult = e.entry.binaryAllowed(request, options.binaryIdentity(), s);
        if (lastResult == GlobMatcher.ERROR) {
          return false;
        }
      }
      if (lastResult == GlobMatcher.MATCH) {
        s.candidates[kept++] = e;
      }
    }
    for (int i = kept; i < s.count; i++) {
      s.candidates[i] = null;
    }
    s.count = kept;
    return true;
  }

  // ------------------------------------------------------------------------------------------ SSRF

  /**
   * The SSRF destination check that follows an allowed network decision (spec §3.9): may the connection use these
   * resolved addresses? Precedence: the first endpoint config's {@code allowed_ips} (every address inside; invalid
   * entries or entries overlapping loopback/link-local/unspecified refuse everything), then an IP-literal host (its
   * own allowlist), then a host declared exactly by an allowing endpoint (private ranges allowed), then public
   * addresses only. Always-blocked addresses (loopback, link-local, unspecified, also IPv4-mapped) are refused in
   * every mode, and control-plane ports (2379, 2380, 6443, 10250, 10255) whenever private space is reachable.
   * Not on the per-request hot path; allocates.
   *
   * @param request the connection (its network decision is re-evaluated)
   * @param resolved the addresses DNS returned for the host
   * @return the verdict
   */
  public DestinationVerdict checkDestination(NetworkRequest request, List<IpAddress> resolved) {
    return checkDestination(request, resolved, null, null);
  }

  /**
   * {@link #checkDestination(NetworkRequest, List)} with the first SSRF rule of spec §3.9: when the requested host
   * is the compute driver's host-gateway alias (compared case-insensitively, one trailing dot ignored on either side)
   * and a trusted gateway IP is known, every resolved address must be that IP ({@code gateway_mismatch} otherwise),
   * whatever the endpoint configs say.
   *
   * @param request the connection (its network decision is re-evaluated)
   * @param resolved the addresses DNS returned for the host
   * @param hostGatewayAlias the driver's alias for the host, e.g. {@code host.docker.internal}, or null
   * @param trustedGatewayIp the gateway address the alias must resolve to, or null when unknown
   * @return the verdict
   */
  public DestinationVerdict checkDestination(
      NetworkRequest request, List<IpAddress> resolved, String hostGatewayAlias, IpAddress trustedGatewayIp) {
    if (!decideNetwork(request).isAllowed()) {
      return DestinationVerdict.refuse(
          DestinationMode.NOT_ALLOWED, "network_denied", null, "the network decision did not allow " + request.host());
    }
    if (hostGatewayAlias != null && trustedGatewayIp != null
        && request.comparedHost().equalsIgnoreCase(NetworkRequest.withoutTrailingDot(hostGatewayAlias))) {
      return DestinationRules.gateway(resolved, trustedGatewayIp);
    }
    EvaluationScratch s = scratch.get();
    try {
      if (!collect(request, s) || !keepAllowedBinaries(request, s)) {
        return DestinationVerdict.refuse(
            DestinationMode.NOT_ALLOWED, "network_denied", null, "the network decision did not allow " + request.host());
      }
      return destinationOfCandidates(request, resolved, s);
    } finally {
      s.reset();
    }
  }

  /**
   * The §3.9 check over {@code resolved} with the allowing candidates in {@code s} (endpoint and binary matched, key
   * order): the first one with an extended config supplies {@code allowed_ips}; an exact-host one allows private
   * space. Reads the scratch, does not change it.
   */
  private static DestinationVerdict destinationOfCandidates(
      NetworkRequest request, List<IpAddress> resolved, EvaluationScratch s) {
    CompiledEndpoint firstExtended = null;
    boolean exactDeclared = false;
    for (int i = 0; i < s.count; i++) {
      CompiledEndpoint e = s.candidates[i];
      if (firstExtended == null && e.extendedConfig) {
        firstExtended = e;
      }
      exactDeclared |= e.hostKind == CompiledEndpoint.HOST_EXACT;
    }
    return DestinationRules.check(request, resolved, firstExtended, exactDeclared);
  }

  /** The blocking network denial for a refused destination; the reason names the check, its code and message. */
  private static Decision destinationDenial(DestinationVerdict v) {
    return Decision.deny("destination refused by the SSRF / allowed_ips check (spec 3.9, " + v.mode().name()
        .toLowerCase(java.util.Locale.ROOT) + " " + v.code() + "): " + v.message(), Optional.empty(), "",
        SourceLocation.NONE, Optional.empty());
  }

  // ------------------------------------------------------------------------------------------ L7

  /**
   * The request decision (spec §3.5–§3.8): route selection among the connection's inspected endpoints (which fixes
   * the {@link Decision#enforcement()}), the hard denials that audit never relaxes, then the rule verdict over
   * <em>all</em> endpoints of all entries whose endpoint and binary match: any matching deny rule wins, otherwise
   * any allowing rule allows. Allocation-free on allow.
   *
   * <p>JSON-RPC and MCP batches (spec §3.8): each call is decided on its own over all those endpoints, so the calls
   * of one batch may be allowed by different endpoints or entries; the batch is allowed only when every call is, and
   * a deny rule matching any call denies it. {@link Decision#matchedPolicy()} is then the smallest key that allows
   * some call, and the reason of a refused batch names the first call nothing allowed.
   *
   * <p>MCP (upstream-changes-2026-09 item 1): when the selected endpoint is {@code protocol: mcp}, every request but a
   * standalone {@code initialize} must speak a revision in the endpoint's {@code mcp.versions} (default {@code
   * [2025-11-25]}): the value of {@link L7Request#withMcpProtocolVersion(String) its MCP-Protocol-Version header},
   * or {@code 2025-03-26} without one. A repeated, empty or unknown header is refused with {@link
   * RefusalStatus#BAD_REQUEST}, a known revision outside the list with {@link RefusalStatus#FORBIDDEN} (see {@link
   * Decision#refusalStatus()}); both before the rules, for every HTTP method, and never relaxed by audit.
   *
   * <p>Before the rules there are two fail-closed answers that do not depend on rule order:
   *
   * <ul>
   *   <li>A connection the network decision refuses gets that network denial; a connection that is allowed but has
   *       <em>no inspected endpoint</em> (only endpoints without an L7 protocol, or {@code tcp}, matched its host and
   *       port) gets {@link Decision#notInspectedDenial()}: {@link Verdict#DENY} with {@link Decision#notInspected()}
   *       true. Upstream makes no request decision there and relays the bytes uninspected; this library does not
   *       guess an allow. A proxy that wants upstream's behaviour relays such connections without asking.
   *   <li>A U+0000 in any request field that a glob of an evaluated endpoint reads is {@link Verdict#ERROR}, whatever
   *       the other values and rules say (spec §3.2 step 2, §3.10): the path when a rule or the endpoint selector has
   *       a path glob, every value of every query key a rule constrains, GraphQL operation names and root fields,
   *       MCP methods and (without {@code strict_tool_names}) tool names. Upstream's Rego evaluates every glob over
   *       every value, so a NUL after a value that already matched still errs; the check is a scan for U+0000
   *       before the endpoint's rules, so it does not depend on which rule or value decided first. Fields no glob
   *       reads are not errors, as upstream: the REST method and query keys (compared by equality), JSON-RPC
   *       methods on {@code protocol: json-rpc} (exact comparison). The reason says which field and that the
   *       decision failed closed.
   * </ul>
   *
   * <p>The path is decided in its canonical form ({@link L7Request} canonicalizes it); a path the proxy must
   * reject (see {@link L7Request#pathRejection()}) is a blocking {@link Verdict#DENY} naming the rejection code.
   *
   * @param request the request
   * @return the decision
   */
  public Decision decideRequest(L7Request request) {
    if (entries.length == 0) {
      return NO_POLICIES;
    }
    EvaluationScratch s = scratch.get();
    try {
      return decideRequest(request, s);
    } finally {
      s.reset();
    }
  }

  /** {@link #decideRequest(L7Request)} on {@code s}, which the caller resets; leaves the candidates in {@code s}. */
  Decision decideRequest(L7Request request, EvaluationScratch s) {
    NetworkRequest conn = request.connection();
    CompiledEndpoint[] planned = index.planned(conn.lowerHost(), conn.port());
    if (planned != null && planned.length <= NetworkRequest.CANDIDATE_BITS) {
      if (!collectAllowed(conn, planned, s)) {
        return evaluationError(s);
      }
    } else if (!collect(conn, s) || !keepAllowedBinaries(conn, s)) {
      return evaluationError(s);
    }
    int kept = s.count;
    if (kept == 0) {
      s.reset();
      return decideNetwork(conn); // the connection itself is refused: its network denial
    }
    int checked = 0;
    if (conn.destination() != null) {
      DestinationVerdict destination = destinationOfCandidates(conn, conn.destination(), s);
      if (!destination.allowed()) {
        return destinationDenial(destination); // the connection's destination is refused: no request goes out
      }
      checked = CHECKED;
    }

    String path = request.path();
    // Route selection (Rust selector): highest specificity among inspected configs.
    CompiledEndpoint selected = null;
    int inspected = 0;
    for (int i = 0; i < kept; i++) {
      if (s.candidates[i].inspected) {
        inspected++;
        if (selected == null) {
          selected = s.candidates[i];
        }
      }
    }
    if (inspected == 0) {
      return Decision.notInspectedDenial(); // upstream relays L4-only connections; we fail closed
    }
    RequestTargetException rejected = request.pathRejectionOrNull();
    if (rejected != null) { // §3.5 step 1: the proxy rejects the request, whatever the enforcement
      return denials.decision(Denial.Kind.PATH_REJECTED, null, 0, rejected.code(), rejected.getMessage(), 0);
    }
    if (inspected > 1) {
      selected = null;
      for (int i = 0; i < kept; i++) {
        CompiledEndpoint e = s.candidates[i];
        if (e.inspected && e.route.matches(path)
            && (selected == null || e.route.specificity() > selected.route.specificity())) {
          selected = e;
        }
      }
      if (selected == null) {
        return NO_ROUTE;
      }
    }
    if (selected != null && !selected.allowEncodedSlash && path.contains("%2F")) {
      return denials.decision(Denial.Kind.ENCODED_SLASH, selected, 0, null, null, 0);
    }
    Decision hard = hardDenials(request, selected, denials);
    if (hard != null) {
      return hard;
    }
    if (selected != null && selected.protocol == Protocol.MCP) {
      Decision version = mcpVersionCheck(request, selected, denials);
      if (version != null) {
        return version;
      }
    }
    int variant = variant(selected) + checked;
    s.rulesReached = true;

    // §3.8: each JSON-RPC call of a batch is its own decision over every endpoint; one pass per call (one pass in
    // all for a request without calls). Any denied or unallowed call denies the batch; an error anywhere fails it.
    int passes = request.jsonRpc().isPresent() ? Math.max(1, request.jsonRpc().get().calls().size()) : 1;
    boolean perCall = request.jsonRpc().isPresent() && !request.jsonRpc().get().calls().isEmpty();
    CompiledRule denyRule = null;
    Denial.Kind denyKind = null;
    String denyDetail = null;
    Denial.Kind authoritative = null;
    String authoritativeDetail = null;
    Decision allowed = null;
    int allowedOrdinal = Integer.MAX_VALUE;
    int notAllowedCall = -1;
    for (int pass = 0; pass < passes; pass++) {
      int call = perCall ? pass : EndpointVerdict.WHOLE_REQUEST;
      Decision callAllowed = null;
      int callAllowedOrdinal = Integer.MAX_VALUE;
      for (int i = 0; i < kept; i++) {
        CompiledEndpoint e = s.candidates[i];
        int sel = e.selectorMatches(path, s);
        if (sel == GlobMatcher.ERROR) {
          return evaluationError(s);
        }
        if (sel == GlobMatcher.NO_MATCH) {
          continue;
        }
        EndpointVerdict v = EndpointVerdict.evaluate(e, request, call, s);
        if (v.kind == EndpointVerdict.ERROR) {
          return evaluationError(s);
        }
        if (v.kind == EndpointVerdict.DENIED_BY_RULE && denyRule == null) {
          denyRule = v.rule;
          denyKind = v.denial;
          denyDetail = v.detail;
        } else if (v.kind == EndpointVerdict.ALLOWED) {
          if (callAllowed == null) {
            callAllowed = v.rule == null ? e.allowDecision(variant) : v.rule.allowDecision(variant);
            callAllowedOrdinal = e.ordinal;
          }
        } else if (authoritative == null && v.authoritative) {
          authoritative = v.denial;
          authoritativeDetail = v.detail;
        }
      }
      if (callAllowed == null) {
        notAllowedCall = notAllowedCall < 0 ? pass : notAllowedCall;
      } else if (callAllowedOrdinal < allowedOrdinal) {
        allowed = callAllowed; // the smallest key that allows some call
        allowedOrdinal = callAllowedOrdinal;
      }
    }
    int enforcement = variant(selected);
    if (denyRule != null) {
      return denyKind == Denial.Kind.REST_DENY_RULE
          ? denials.decision(denyKind, denyRule, enforcement, request.method(), request.path(), 0)
          : denials.decision(denyKind, denyRule, enforcement, denyDetail, null, 0);
    }
    if (authoritative != null) {
      return denials.decision(authoritative, null, enforcement, authoritativeDetail, null, 0);
    }
    if (notAllowedCall < 0) {
      return allowed;
    }
    return notPermitted(request, notAllowedCall, enforcement);
  }

  /**
   * §3.5 step 3, decided by the selected config's protocol (the one the proxy inspects the body for): GraphQL parse
   * errors, JSON-RPC/MCP inspection errors, and response frames on a {@code json-rpc} endpoint.
   */
  private static Decision hardDenials(L7Request request, CompiledEndpoint selected, DenialMemo denials) {
    if (selected == null) {
      return null;
    }
    if (selected.graphqlPolicy && request.graphql().isPresent()
        && request.graphql().get().error().isPresent()) {
      return denials.decision(
          Denial.Kind.GRAPHQL_REJECTED, selected, 0, request.graphql().get().error().get(), null, 0);
    }
    if (selected.isJsonRpcFamily() && request.jsonRpc().isPresent()) {
      JsonRpcRequest rpc = request.jsonRpc().get();
      if (rpc.error().isPresent()) {
        return denials.decision(Denial.Kind.JSON_RPC_REJECTED, selected, 0, rpc.error().get(), null, 0);
      }
      if (selected.protocol == Protocol.JSON_RPC && rpc.hasResponse()) {
        return denials.decision(Denial.Kind.RESPONSE_FRAMES_REFUSED, selected, 0, null, null, 0);
      }
    }
    return null;
  }

  /**
   * The MCP protocol revision check of the selected {@code mcp} endpoint (upstream-changes-2026-09 item 1, OpenShell
   * #3241), for every HTTP method and before the rules: every request except a standalone {@code initialize} (one
   * call, not in a batch) speaks the revision of its {@code MCP-Protocol-Version} header, or {@code 2025-03-26}
   * without one. A repeated, empty or unknown header is {@link RefusalStatus#BAD_REQUEST}; a known revision that is
   * not in the endpoint's {@code mcp.versions} is {@link RefusalStatus#FORBIDDEN}. Both are enforced whatever the
   * endpoint's enforcement (upstream answers them before the policy decision). Null when the request passes.
   */
  private static Decision mcpVersionCheck(L7Request request, CompiledEndpoint selected, DenialMemo denials) {
    if (isStandaloneInitialize(request)) {
      return null;
    }
    McpProtocolVersionHeader header = request.mcpProtocolVersion();
    if (header.state != McpProtocolVersionHeader.ABSENT && header.state != McpProtocolVersionHeader.KNOWN) {
      return denials.decision(Denial.Kind.MCP_VERSION_MALFORMED, selected, 0, header, null, 0);
    }
    if (selected.admitsMcpVersion(header.speaks())) {
      return null;
    }
    return denials.decision(Denial.Kind.MCP_VERSION_REFUSED, selected, 0, header, null, 0);
  }

  /** An {@code initialize} call on its own (not in a batch, no response, no inspection error): exempt from the check. */
  private static boolean isStandaloneInitialize(L7Request request) {
    if (request.jsonRpc().isEmpty()) {
      return false;
    }
    JsonRpcRequest rpc = request.jsonRpc().get();
    return !rpc.isBatch() && !rpc.hasResponse() && rpc.error().isEmpty() && rpc.calls().size() == 1
        && rpc.calls().get(0).method().equals(MCP_INITIALIZE);
  }

  /** The denial when nothing allowed the request; {@code call} is the first JSON-RPC call no endpoint allowed. */
  private Decision notPermitted(L7Request request, int call, int enforcement) {
    if (request.graphql().isPresent()) {
      return denials.decision(Denial.Kind.GRAPHQL_NOT_PERMITTED, null, enforcement, null, null, 0);
    }
    if (request.jsonRpc().isPresent()) {
      JsonRpcRequest rpc = request.jsonRpc().get();
      if (!rpc.calls().isEmpty()) {
        String method = rpc.calls().get(call).method();
        return denials.decision(Denial.Kind.JSON_RPC_NOT_PERMITTED, null, enforcement, method, null, 0);
      }
      if (rpc.hasResponse()) {
        return denials.decision(Denial.Kind.RESPONSE_NOT_PERMITTED, null, enforcement, request.method(), null, 0);
      }
      if (rpc.receiveStream()) {
        return denials.decision(
            Denial.Kind.RECEIVE_STREAM_NOT_PERMITTED, null, enforcement, request.method(), null, 0);
      }
      return denials.decision(Denial.Kind.EMPTY_MESSAGE_NOT_PERMITTED, null, enforcement, null, null, 0);
    }
    return denials.decision(
        Denial.Kind.REST_NOT_PERMITTED, null, enforcement, request.method(), request.path(), 0);
  }

  // ------------------------------------------------------------------------------------------ traces

  /**
   * Every entry, endpoint, binary, allow rule and deny rule a {@link MatchTrace} can name, in document order: the
   * universe of rule coverage. An endpoint's {@code access} preset is one allow rule ({@code .../access}).
   *
   * @return an immutable list
   */
  public List<MatchTrace.Item> traceItems() {
    return Tracer.items(this);
  }

  /**
   * The network decision of {@code request} with every item it matched (see {@link MatchTrace}). Not for the hot
   * path: it allocates and tries every binary.
   *
   * @param request the connection
   * @return the trace, whose {@link MatchTrace#decision()} equals {@link #decideNetwork(NetworkRequest)}'s
   */
  public MatchTrace trace(NetworkRequest request) {
    return Tracer.network(this, request);
  }

  /**
   * The request decision of {@code request} with every item it matched (see {@link MatchTrace}). Not for the hot
   * path: it allocates and tries every rule.
   *
   * @param request the request; its path must be canonical ({@link CanonicalTarget})
   * @return the trace, whose {@link MatchTrace#decision()} equals {@link #decideRequest(L7Request)}'s
   */
  public MatchTrace trace(L7Request request) {
    return Tracer.request(this, request);
  }

  /** The compiled entries, in key order (for {@link Tracer}). */
  CompiledEntry[] entries() {
    return entries;
  }

  /** This thread's working memory (for {@link Tracer}, which resets it). */
  EvaluationScratch scratch() {
    return scratch.get();
  }

  /** The endpoints matching the request's host and port, into {@code s}; false on an evaluation error. */
  boolean collectCandidates(NetworkRequest request, EvaluationScratch s) {
    return collect(request, s);
  }

  @Override
  public String toString() {
    return "CompiledPolicy[" + entries.length + " entries, " + endpoints.length + " endpoints]";
  }
}
