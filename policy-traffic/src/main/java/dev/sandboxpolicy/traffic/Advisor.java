package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.analysis.Comparison;
import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.analysis.Region;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.merge.CustomPreset;
import dev.sandboxpolicy.merge.CustomPresetKeys;
import dev.sandboxpolicy.merge.CustomPresetLoader;
import dev.sandboxpolicy.merge.NameCheck;
import dev.sandboxpolicy.merge.PresetLayerError;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.merge.PresetName;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.net.IpAddress;
import dev.sandboxpolicy.model.net.PrivateNetworks;
import dev.sandboxpolicy.model.net.SpecialPurposeRanges;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proposes least privilege from decision logs: a custom preset that allows the logged denials and nothing the logs
 * do not justify, in the manner of upstream's mechanistic mapper (logs spec §2), then proves it by replay.
 *
 * <pre>{@code
 * Advisor advisor = Advisor.forPolicy(CompiledPolicy.compile(current));
 * try (LogReader reader = LogReader.open(Path.of("openshell.log"))) {
 *   for (LogEvent e = reader.next(); e != null; e = reader.next()) {
 *     advisor.add(e);
 *   }
 * }
 * Advice advice = advisor.advise("agent-extras");
 * }</pre>
 *
 * <p>What is proposed, per (host, port, binary) of the logged denials that the current policy still denies:
 *
 * <ul>
 *   <li>Nothing for always-blocked destinations (loopback, link-local, unspecified, {@code localhost}, metadata
 *       names), private or special-use hosts (a custom preset may not name them), SSRF refusals, refusals that are
 *       not policy decisions, lines without a binary, denials by a deny rule, and requests whose body the policy
 *       inspects: each is listed in {@link Advice#skipped()} with its {@link SkipReason}. Never {@code allowed_ips}.
 *   <li>When an entry of the current policy already has an endpoint on exactly that host and port (another binary
 *       uses it), the preset reuses that entry's key and endpoint contract, narrowed to the port, for the new
 *       binary only (upstream canonicalises mechanistic proposals the same way, §2.5). Otherwise a new entry
 *       {@code allow_<host>_<port>}, named like upstream's.
 *   <li>An L4 endpoint ({@code host}, {@code port}) when the logs carry no request; an inspected REST endpoint
 *       ({@code protocol: rest}, {@code enforcement: enforce}) whose rules are the logged (method, path) pairs when
 *       they do, each path generalised only in an ID-like last segment (§2.3), so {@code /posts/42} allows
 *       {@code /posts/*} and nothing more.
 * </ul>
 *
 * The preset passes every custom-preset check ({@link CustomPresetLoader#check}); {@link Advice#widening()} is the
 * semantic difference of the merged policy ({@link PolicyAnalysis#compare}); {@link Advice#proof()} replays
 * every distinct logged request under the current policy with the preset merged. Memory: one record per distinct
 * logged request (up to {@value #MAX_DISTINCT_REQUESTS}), not per line. Not thread-safe.
 */
public final class Advisor {

  /**
   * How many distinct logged requests are kept for advice and its proof. Identical requests are counted, not kept;
   * beyond this many distinct ones the proof reports itself incomplete.
   */
  public static final int MAX_DISTINCT_REQUESTS = 1_000_000;

  /** How many example lines a proof failure lists. */
  static final int MAX_PROOF_SAMPLES = 5;

  /**
   * Hostnames the mapper never proposes (logs spec §2.2), compared case-insensitively without a trailing dot; its
   * always-blocked addresses are {@link SpecialPurposeRanges#ALWAYS_BLOCKED}.
   */
  private static final Set<String> ALWAYS_BLOCKED_NAMES = Set.of("localhost", "metadata.google.internal");

  /** The characters a rule path treats as glob syntax; a logged path holding one cannot be written literally. */
  private static final String GLOB_CHARACTERS = "*?[]{}";

  /** The targeted denials of one (host, port, binary). */
  private static final class Target {
    final String host;
    final int port;
    final String binary;
    boolean connectionDenied;
    final Set<List<String>> rules = new TreeSet<>((a, b) -> (a.get(0) + " " + a.get(1)).compareTo(b.get(0) + " " + b.get(1)));
    final Set<String> why = new LinkedHashSet<>();
    final List<DistinctRequests.Tally> events = new ArrayList<>();
    long denials;

    Target(String host, int port, String binary) {
      this.host = host;
      this.port = port;
      this.binary = binary;
    }
  }

  private final CompiledPolicy current;
  private final PolicyEndpoints endpoints;
  private final DistinctRequests requests = new DistinctRequests(MAX_DISTINCT_REQUESTS);

  private Advisor(CompiledPolicy current) {
    this.current = Objects.requireNonNull(current, "current");
    this.endpoints = new PolicyEndpoints(current.policy());
  }

  /**
   * An advisor for the policy the sandbox runs now.
   *
   * @param current the current policy
   * @return the advisor
   */
  public static Advisor forPolicy(CompiledPolicy current) {
    return new Advisor(current);
  }

  /**
   * Records one logged decision.
   *
   * @param e the event
   */
  public void add(LogEvent e) {
    requests.add(e);
  }

  /**
   * Proposes a custom preset named {@code presetName} for the recorded denials and proves it by replay.
   *
   * @param presetName the preset name: a lowercase RFC 1123 label that is not a built-in preset's
   * @return the advice (with no preset when nothing is to be proposed)
   * @throws AdviceException {@code preset_name_invalid} (or another preset-name code) for an unacceptable name;
   *     {@code advice_invalid} if the proposal fails a custom-preset check
   */
  public Advice advise(String presetName) throws AdviceException {
    NameCheck name = PresetName.check(presetName, true);
    if (!name.isValid()) {
      throw new AdviceException(name.error().orElseThrow().wireName(), name.reason().orElseThrow(), null);
    }
    Map<String, SkippedDenial> skipped = new TreeMap<>();
    Map<String, Target> targets = new TreeMap<>();
    for (DistinctRequests.Tally t : requests.all()) {
      LogEvent e = t.first;
      if (e.loggedDecision() != TrafficVerdict.DENY) {
        continue;
      }
      SkipReason skip = classify(e);
      if (skip != null) {
        skip(skipped, e, skip, t.count);
        continue;
      }
      String binary = e.binary().orElseThrow();
      String groupKey = e.host().toLowerCase(Locale.ROOT) + "\u0000" + String.format("%05d", e.port()) + "\u0000"
          + binary;
      Target target = targets.computeIfAbsent(groupKey, k -> new Target(e.host().toLowerCase(Locale.ROOT),
          e.port(), binary));
      NetworkRequest connection = NetworkRequest.of(e.host(), e.port(), binary)
          .withAncestors(e.ancestors().orElse(List.of()));
      target.connectionDenied |= !current.decideNetwork(connection).isAllowed();
      target.events.add(t);
      target.denials += t.count;
      if (e.layer() == Layer.L7) {
        String method = e.method().orElseThrow().toUpperCase(Locale.ROOT);
        String path = PathGeneralizer.generalize(e.path().orElseThrow());
        target.rules.add(List.of(method, path));
        target.why.add(method + " " + e.path().orElseThrow() + " by " + binary);
      } else {
        target.why.add("connect by " + binary);
      }
    }
    // Request-level denials need rules; without any usable one there is nothing narrow to propose.
    targets.values().removeIf(t -> {
      if (!t.connectionDenied && t.rules.isEmpty()) {
        t.events.forEach(tally -> skip(skipped, tally.first, SkipReason.PATH_NOT_WRITABLE, tally.count));
        return true;
      }
      return false;
    });
    List<Proposal> proposals = proposals(targets.values(), true);
    if (proposals.isEmpty()) {
      AdviceProof proof = prove(current, Set.of());
      return new Advice(null, "", List.of(), List.copyOf(skipped.values()), Advice.Widening.NONE, proof,
          current.policy());
    }
    String yaml = PolicyWriter.toYaml(preset(presetName, proposals));
    CustomPreset checked;
    try {
      checked = CustomPresetLoader.check(yaml, Path.of(presetName + ".yaml"));
    } catch (PresetLayerException reserved) {
      if (reserved.error() != PresetLayerError.RESERVED_KEY) {
        throw invalid(reserved);
      }
      // A reused key is reserved for built-in content (npm_yarn, ...): name every entry like the mapper instead.
      proposals = proposals(targets.values(), false);
      yaml = PolicyWriter.toYaml(preset(presetName, proposals));
      try {
        checked = CustomPresetLoader.check(yaml, Path.of(presetName + ".yaml"));
      } catch (PresetLayerException ex) {
        throw invalid(ex);
      }
    }
    if (checked.validation().hasErrors()) {
      throw new AdviceException("advice_invalid", "the proposed preset is not valid: "
          + checked.validation().problems().get(0), null);
    }
    Policy merged;
    CompiledPolicy candidate;
    try {
      merged = PresetMerger.merge(current.policy(), checked.preset()).policy();
      candidate = CompiledPolicy.compile(merged, current.options());
    } catch (PresetLayerException | PolicyCompileException ex) {
      throw new AdviceException("advice_invalid", "the proposed preset does not merge: " + ex.getMessage(), ex);
    }
    Set<DistinctRequests.Key> targeted = new LinkedHashSet<>();
    for (Target t : targets.values()) {
      for (DistinctRequests.Tally tally : t.events) {
        targeted.add(tally.key);
      }
    }
    AdviceProof proof = prove(candidate, targeted);
    return new Advice(checked.preset(), yaml, proposals, List.copyOf(skipped.values()), compare(merged), proof,
        merged);
  }

  /** The semantic difference between the current and the merged policy ({@link PolicyAnalysis#compare}). */
  private Advice.Widening compare(Policy merged) {
    try {
      Comparison c = PolicyAnalysis.compare(current.policy(), merged);
      List<String> widened = new ArrayList<>();
      for (Region r : c.widened()) {
        widened.add(describe(r));
      }
      List<String> narrowed = new ArrayList<>();
      for (Region r : c.narrowed()) {
        narrowed.add(describe(r));
      }
      return new Advice.Widening(c.relation().wireName(), widened, narrowed, c.unsupported());
    } catch (PolicyCompileException e) {
      // Both policies compiled above; should the analysis still refuse one, say so rather than guess.
      return new Advice.Widening("unsupported", List.of(), List.of(),
          List.of("the semantic comparison failed: " + e.getMessage()));
    }
  }

  private static String describe(Region r) {
    String scope = r.scope().describe();
    return r.witness().describe() + (scope.isEmpty() ? "" : "  [" + scope + "]") + ": " + r.after().describe();
  }

  private static Preset preset(String presetName, List<Proposal> proposals) {
    Preset.Builder preset = Preset.builder().name(presetName)
        .description("Proposed by policyctl advise from " + proposals.stream().mapToLong(Proposal::denials).sum()
            + " logged denials; review before applying");
    for (Proposal p : proposals) {
      preset.putNetworkPolicies(p.key(), p.entry());
    }
    return preset.build();
  }

  private static AdviceException invalid(PresetLayerException ex) {
    return new AdviceException("advice_invalid",
        "the proposed preset fails a custom-preset check (" + ex.code() + "): " + ex.reason(), ex);
  }

  /** Why a logged denial gets no proposal, or null when it is a target. */
  private SkipReason classify(LogEvent e) {
    if (!e.kind().isPolicyDecision()) {
      return SkipReason.NOT_A_POLICY_DECISION;
    }
    if (e.kind() == EventKind.CONNECT_SSRF || e.kind() == EventKind.FORWARD_SSRF) {
      return SkipReason.SSRF;
    }
    if (e.binary().isEmpty()) {
      return SkipReason.NO_BINARY;
    }
    if (alwaysBlocked(e.host())) {
      return SkipReason.ALWAYS_BLOCKED;
    }
    if (!PresetOrigin.isHostGateway(e.host()) && PrivateNetworks.nemoClaw().isPrivateHostname(e.host())) {
      return SkipReason.PRIVATE_HOST;
    }
    if (e.layer() == Layer.L7 && (e.graphql().isPresent() || e.jsonRpc().isPresent()
        || EventClassifier.inspectsBody(e.engine()))) {
      return SkipReason.BODY_RULES;
    }
    if (e.layer() == Layer.L7 && !writablePath(e.path().orElseThrow())) {
      return SkipReason.PATH_NOT_WRITABLE;
    }
    ReplayDecision now = Replay.decide(current, endpoints, e);
    if (!now.isDecided()) {
      return SkipReason.UNDECIDABLE;
    }
    if (now.verdict().passes()) {
      return SkipReason.ALREADY_ALLOWED;
    }
    if (now.policy().isPresent()) {
      return SkipReason.DENY_RULE;
    }
    if (e.layer() == Layer.L7 && endpoints.readsBody(e.host(), e.port())) {
      return SkipReason.BODY_RULES;
    }
    return null;
  }

  private static void skip(Map<String, SkippedDenial> skipped, LogEvent e, SkipReason reason, long count) {
    String binary = e.binary().orElse("-");
    String key = e.host().toLowerCase(Locale.ROOT) + "\u0000" + String.format("%05d", e.port()) + "\u0000" + binary
        + "\u0000" + reason.ordinal();
    SkippedDenial known = skipped.get(key);
    skipped.put(key, known == null
        ? new SkippedDenial(e.host(), e.port(), binary, reason, count, e.source(), e.line()) : known.plus(count));
  }

  /** The mapper's always-blocked destinations (logs spec §2.2). */
  static boolean alwaysBlocked(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (ALWAYS_BLOCKED_NAMES.contains(h)) {
      return true;
    }
    return IpAddress.tryParse(h).map(SpecialPurposeRanges::isAlwaysBlocked).orElse(false);
  }

  private static boolean writablePath(String path) {
    if (!path.startsWith("/")) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      if (GLOB_CHARACTERS.indexOf(path.charAt(i)) >= 0) {
        return false; // also [CREDENTIAL] and [INVALID_REQUEST_TARGET]
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------- proposals

  /** One proposed (key, endpoint, binary) before entries sharing a key are put together. */
  private record Piece(String key, String reused, String name, Endpoint endpoint, String binary, Target target) {}

  private List<Proposal> proposals(Iterable<Target> targets, boolean reuseKeys) {
    List<Piece> pieces = new ArrayList<>();
    for (Target t : targets) {
      PolicyEndpoints.Slot contract = contract(t.host, t.port);
      String key;
      boolean reuse = contract != null && reuseKeys;
      String reused = null;
      String name;
      Endpoint endpoint;
      if (contract != null) {
        endpoint = adopt(contract.endpoint, t);
        reused = reuse ? contract.key : null;
        key = reuse ? CustomPresetKeys.originalKey(contract.key).orElse(contract.key) : allowKey(t.host, t.port);
        name = reuse ? current.policy().networkPolicies().get(contract.key).displayName(contract.key) : key;
      } else {
        key = allowKey(t.host, t.port);
        name = key;
        endpoint = fresh(t);
      }
      pieces.add(new Piece(key, reused, name, endpoint, t.binary, t));
    }
    // Per key: the binaries that share the same endpoints become one entry; different endpoint sets get _2, _3...
    Map<String, Map<String, List<Piece>>> byKey = new TreeMap<>();
    for (Piece p : pieces) {
      byKey.computeIfAbsent(p.key, k -> new TreeMap<>()).computeIfAbsent(p.binary, b -> new ArrayList<>()).add(p);
    }
    List<Proposal> out = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (Map.Entry<String, Map<String, List<Piece>>> k : byKey.entrySet()) {
      Map<List<Endpoint>, List<List<Piece>>> byEndpoints = new LinkedHashMap<>();
      for (List<Piece> ofBinary : k.getValue().values()) {
        List<Endpoint> eps = ofBinary.stream().map(Piece::endpoint).distinct().toList();
        byEndpoints.computeIfAbsent(eps, e -> new ArrayList<>()).add(ofBinary);
      }
      int n = 0;
      for (Map.Entry<List<Endpoint>, List<List<Piece>>> group : byEndpoints.entrySet()) {
        n++;
        String key = n == 1 ? k.getKey() : k.getKey() + "_" + n;
        while (!used.add(key)) {
          key = key + "_" + n;
        }
        List<Piece> all = group.getValue().stream().flatMap(List::stream).toList();
        Piece first = all.get(0);
        NetworkPolicy.Builder entry = NetworkPolicy.builder().name(n == 1 ? first.name : key)
            .endpoints(group.getKey());
        Set<String> binaries = new TreeSet<>();
        all.forEach(p -> binaries.add(p.binary));
        for (String b : binaries) {
          entry.addBinaries(Binary.builder().path(b).build());
        }
        List<String> why = new ArrayList<>();
        long denials = 0;
        Set<Target> seen = new LinkedHashSet<>();
        for (Piece p : all) {
          if (seen.add(p.target)) {
            why.addAll(p.target.why);
            denials += p.target.denials;
          }
        }
        out.add(new Proposal(key, entry.build(), first.reused, denials, why));
      }
    }
    return out;
  }

  /** The first entry (by key) with an endpoint on exactly this host (no wildcard) and port, or null. */
  private PolicyEndpoints.Slot contract(String host, int port) {
    for (PolicyEndpoints.Slot s : endpoints.matching(host, port)) {
      if (s.hasExactHost(host) && s.endpoint.allowedIps().isEmpty()) {
        return s;
      }
    }
    return null;
  }

  /**
   * The contract of an existing endpoint for a new binary: narrowed to the one port, without {@code allowed_ips};
   * an inspected contract gets exactly the logged rules when the logs carry requests.
   */
  private static Endpoint adopt(Endpoint contract, Target t) {
    Endpoint.Builder b = Endpoint.builder(contract).port(t.port).ports(List.of()).allowedIps(List.of())
        .location(SourceLocation.NONE);
    if (PolicyEndpoints.isInspected(contract) && !t.rules.isEmpty()) {
      b.access("").rules(rules(t));
    }
    return b.build();
  }

  /** A new endpoint: L4 without logged requests, else inspected REST with the logged rules. */
  private static Endpoint fresh(Target t) {
    Endpoint.Builder b = Endpoint.builder().host(t.host).port(t.port);
    if (!t.rules.isEmpty()) {
      b.protocol(Protocol.REST.wireName()).enforcement(Enforcement.ENFORCE.wireName()).rules(rules(t));
    }
    return b.build();
  }

  private static List<AllowRule> rules(Target t) {
    List<AllowRule> rules = new ArrayList<>();
    for (List<String> r : t.rules) {
      rules.add(AllowRule.builder().allow(RuleBody.builder().method(r.get(0)).path(r.get(1)).build()).build());
    }
    return rules;
  }

  /**
   * Upstream's proposal name (logs spec §2.2): {@code .} and {@code -} become {@code _}, any other character that is
   * not a letter, digit or {@code _} is dropped: {@code allow_api_github_com_443}.
   */
  static String allowKey(String host, int port) {
    StringBuilder sb = new StringBuilder("allow_");
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.' || c == '-') {
        sb.append('_');
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        sb.append(c);
      }
    }
    return sb.append('_').append(port).toString();
  }

  // ------------------------------------------------------------------------------------------- proof

  private AdviceProof prove(CompiledPolicy candidate, Set<DistinctRequests.Key> targeted) {
    PolicyEndpoints candidateEndpoints = new PolicyEndpoints(candidate.policy());
    long targets = 0;
    long targetsAllowed = 0;
    List<String> stillDenied = new ArrayList<>();
    long allows = 0;
    long broken = 0;
    List<String> brokenSamples = new ArrayList<>();
    long undecidable = 0;
    for (DistinctRequests.Tally t : requests.all()) {
      LogEvent e = t.first;
      if (targeted.contains(t.key)) {
        targets += t.count;
        ReplayDecision d = Replay.decide(candidate, candidateEndpoints, e);
        if (d.isDecided() && d.verdict().passes()) {
          targetsAllowed += t.count;
        } else if (stillDenied.size() < MAX_PROOF_SAMPLES) {
          stillDenied.add(sample(e, d));
        }
      } else if (e.loggedDecision().passes()) {
        allows += t.count;
        ReplayDecision before = Replay.decide(current, endpoints, e);
        ReplayDecision after = Replay.decide(candidate, candidateEndpoints, e);
        if (!before.isDecided() || !after.isDecided()) {
          undecidable += t.count;
        } else if (before.verdict().passes() && !after.verdict().passes()) {
          broken += t.count;
          if (brokenSamples.size() < MAX_PROOF_SAMPLES) {
            brokenSamples.add(sample(e, after));
          }
        }
      }
    }
    return new AdviceProof(targets, targetsAllowed, stillDenied, allows, broken, brokenSamples, undecidable,
        requests.complete());
  }

  private static String sample(LogEvent e, ReplayDecision d) {
    return e.source() + ":" + e.line() + " " + e.describe() + ": " + d;
  }

  /** {@code host:port: any request (L4)} or {@code host:port: GET /a, POST /b} or the access preset. */
  static String describe(Endpoint e) {
    String where = e.host() + ":" + e.effectivePorts().stream().map(String::valueOf)
        .reduce((a, b) -> a + "," + b).orElse("?");
    if (!PolicyEndpoints.isInspected(e)) {
      return where + " any request (L4, not inspected)";
    }
    if (!e.access().isEmpty()) {
      return where + " " + e.protocol() + " access " + e.access();
    }
    List<String> rules = new ArrayList<>();
    for (AllowRule r : e.allowRules()) {
      r.allow().ifPresent(body -> rules.add(body.method() + " " + body.path()));
    }
    return where + " " + e.protocol() + ": " + String.join(", ", rules)
        + (e.denyRuleBodies().isEmpty() ? "" : " (minus " + e.denyRuleBodies().size() + " deny rules)");
  }
}
