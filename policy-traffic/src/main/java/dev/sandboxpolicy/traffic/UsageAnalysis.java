package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.GlobMatcher;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds what of a policy the logged traffic never used, and globs much wider than what it used, as suggestions
 * to narrow; then proves by replay that the narrowed policy allows every logged request the current policy allows
 * (and nothing more).
 *
 * <pre>{@code
 * UsageAnalysis usage = UsageAnalysis.forPolicy(CompiledPolicy.compile(current));
 * events.forEach(usage::add);
 * UsageReport report = usage.report();
 * report.unusedEntries();   // [old_mirror]
 * report.narrowings();      // [/network_policies/github/endpoints/0: host *.github.com was used only as api.github.com]
 * }</pre>
 *
 * <p>"Used" means named by an allowing decision: the smallest allowing key, its deciding endpoint or rule (spec
 * §6 rule 10), and the binaries of that entry that match the request's binary or one of its ancestors. An entry
 * that only ever allowed traffic a smaller key also allowed is therefore unused, and the proof shows that dropping
 * it changes no logged decision. A glob is reported when logged traffic used at most {@value #MAX_NARROWING_VALUES}
 * distinct values of it; the narrowed policy lists exactly those values. Memory: one record per distinct logged
 * request, as {@link Advisor}.
 */
public final class UsageAnalysis {

  /** A glob used by at most this many distinct values is offered for narrowing to those values. */
  public static final int MAX_NARROWING_VALUES = 8;

  /** The document's field names in the pointers this report writes and reads. */
  private static final String NETWORK_POLICIES = "network_policies";
  private static final String ENDPOINTS = "endpoints";
  private static final String BINARIES = "binaries";
  private static final String RULES = "rules";

  private final CompiledPolicy current;
  private final PolicyEndpoints endpoints;
  private final DistinctRequests requests = new DistinctRequests(Advisor.MAX_DISTINCT_REQUESTS);

  private UsageAnalysis(CompiledPolicy current) {
    this.current = Objects.requireNonNull(current, "current");
    this.endpoints = new PolicyEndpoints(current.policy());
  }

  /**
   * An analysis of the given policy's use.
   *
   * @param current the policy
   * @return the analysis
   */
  public static UsageAnalysis forPolicy(CompiledPolicy current) {
    return new UsageAnalysis(current);
  }

  /**
   * Records one logged decision.
   *
   * @param e the event
   */
  public void add(LogEvent e) {
    requests.add(e);
  }

  /** Usage of one entry. */
  private static final class EntryUse {
    boolean used;
    final Map<Integer, Set<String>> endpointHosts = new HashMap<>();
    final Map<String, Set<String>> rulePaths = new HashMap<>(); // "i/j" -> paths
    final Map<Integer, Set<String>> binaries = new HashMap<>(); // binary index -> values
  }

  /**
   * Builds the report and its proof.
   *
   * @return the report
   */
  public UsageReport report() {
    Policy policy = current.policy();
    Map<String, EntryUse> use = new LinkedHashMap<>();
    policy.networkPolicies().keySet().forEach(k -> use.put(k, new EntryUse()));
    long decisions = 0;
    long allowed = 0;
    for (DistinctRequests.Tally t : requests.all()) {
      decisions += t.count;
      ReplayDecision d = Replay.decide(current, endpoints, t.first);
      if (!d.isDecided() || !d.verdict().passes() || d.policy().isEmpty()) {
        continue;
      }
      allowed += t.count;
      String key = d.policy().get();
      EntryUse u = use.get(key);
      if (u == null) {
        continue;
      }
      u.used = true;
      int[] at = parse(d.rulePointer(), key);
      LogEvent e = t.first;
      if (at[0] >= 0) {
        add(u.endpointHosts, at[0], e.host().toLowerCase(java.util.Locale.ROOT));
        if (at[1] >= 0 && e.path().isPresent()) {
          add(u.rulePaths, at[0] + "/" + at[1], e.path().get());
        }
      }
      List<Binary> bins = policy.networkPolicies().get(key).binaries();
      for (int i = 0; i < bins.size(); i++) {
        String value = matchingValue(bins.get(i).path(), e);
        if (value != null) {
          add(u.binaries, i, value);
        }
      }
    }
    List<String> unusedEntries = new ArrayList<>();
    List<String> unusedEndpoints = new ArrayList<>();
    List<String> unusedRules = new ArrayList<>();
    List<String> unusedBinaries = new ArrayList<>();
    List<UsageReport.Narrowing> narrowings = new ArrayList<>();
    Policy.Builder narrowed = Policy.builder(policy);
    Map<String, NetworkPolicy> entries = new LinkedHashMap<>();
    boolean identity = current.options().binaryIdentity();
    for (Map.Entry<String, NetworkPolicy> entry : policy.networkPolicies().entrySet()) {
      String key = entry.getKey();
      NetworkPolicy np = entry.getValue();
      EntryUse u = use.get(key);
      String base = JsonPointer.key("/" + NETWORK_POLICIES, key);
      if (!u.used) {
        unusedEntries.add(key);
        continue;
      }
      List<Endpoint> keptEndpoints = new ArrayList<>();
      for (int i = 0; i < np.endpoints().size(); i++) {
        Endpoint ep = np.endpoints().get(i);
        String pointer = JsonPointer.index(JsonPointer.key(base, ENDPOINTS), i);
        Set<String> hosts = u.endpointHosts.get(i);
        if (hosts == null) {
          unusedEndpoints.add(pointer + " " + ep.host() + ":" + ep.effectivePorts());
          continue;
        }
        Endpoint.Builder nb = Endpoint.builder(ep);
        List<AllowRule> keptRules = narrowRules(ep, i, u, pointer, unusedRules, narrowings);
        if (ep.rules().isPresent() && !keptRules.isEmpty()) {
          nb.rules(keptRules);
        }
        if (ep.host().indexOf('*') >= 0 && hosts.size() <= MAX_NARROWING_VALUES) {
          narrowings.add(new UsageReport.Narrowing(pointer, "host", ep.host(), List.copyOf(hosts)));
          for (String h : hosts) {
            keptEndpoints.add(Endpoint.builder(nb.build()).host(h).build());
          }
        } else {
          keptEndpoints.add(nb.build());
        }
      }
      List<Binary> keptBinaries = new ArrayList<>();
      for (int i = 0; i < np.binaries().size(); i++) {
        Binary b = np.binaries().get(i);
        Set<String> values = u.binaries.get(i);
        if (!identity) {
          keptBinaries.add(b);
        } else if (values == null) {
          unusedBinaries.add(key + ": " + b.path());
        } else if (b.path().indexOf('*') >= 0 && values.size() <= MAX_NARROWING_VALUES) {
          narrowings.add(new UsageReport.Narrowing(JsonPointer.index(JsonPointer.key(base, BINARIES), i), "binary", b.path(), List.copyOf(values)));
          values.forEach(v -> keptBinaries.add(Binary.builder(b).path(v).build()));
        } else {
          keptBinaries.add(b);
        }
      }
      entries.put(key, NetworkPolicy.builder(np).endpoints(keptEndpoints)
          .binaries(keptBinaries.isEmpty() ? np.binaries() : dedupe(keptBinaries)).build());
    }
    Policy narrowedPolicy = narrowed.networkPolicies(entries).build();
    return prove(decisions, allowed, unusedEntries, unusedEndpoints, unusedRules, unusedBinaries, narrowings,
        narrowedPolicy);
  }

  private List<AllowRule> narrowRules(Endpoint ep, int i, EntryUse u, String pointer, List<String> unusedRules,
      List<UsageReport.Narrowing> narrowings) {
    List<AllowRule> rules = ep.allowRules();
    boolean anyUsed = false;
    for (int j = 0; j < rules.size(); j++) {
      anyUsed |= u.rulePaths.containsKey(i + "/" + j);
    }
    List<AllowRule> kept = new ArrayList<>();
    for (int j = 0; j < rules.size(); j++) {
      AllowRule r = rules.get(j);
      Set<String> paths = u.rulePaths.get(i + "/" + j);
      String rulePointer = JsonPointer.index(JsonPointer.key(pointer, RULES), j);
      RuleBody body = r.allow().orElse(null);
      if (paths == null) {
        if (anyUsed) {
          unusedRules.add(rulePointer + (body == null ? "" : " " + body.method() + " " + body.path()));
          continue;
        }
        kept.add(r); // no rule of this endpoint was used by a request: leave them (an empty list is invalid)
        continue;
      }
      if (body != null && body.path().indexOf('*') >= 0 && body.query().isEmpty() && paths.size() <= MAX_NARROWING_VALUES
          && body.operationType().isEmpty() && body.fields().isEmpty()) {
        narrowings.add(new UsageReport.Narrowing(rulePointer, "path", body.path(), List.copyOf(paths)));
        for (String p : paths) {
          if (p.chars().noneMatch(c -> "*?[]{}".indexOf(c) >= 0)) {
            kept.add(AllowRule.builder(r).allow(RuleBody.builder(body).path(p).build()).build());
          } else {
            kept.add(r);
          }
        }
      } else {
        kept.add(r);
      }
    }
    return kept.stream().distinct().toList();
  }

  private UsageReport prove(long decisions, long allowed, List<String> unusedEntries, List<String> unusedEndpoints,
      List<String> unusedRules, List<String> unusedBinaries, List<UsageReport.Narrowing> narrowings, Policy narrowed) {
    CompiledPolicy candidate;
    try {
      candidate = CompiledPolicy.compile(narrowed, current.options());
    } catch (PolicyCompileException e) {
      // Narrowing only removes parts or replaces a glob by values; if that ever fails validation, say so.
      return new UsageReport(decisions, allowed, unusedEntries, unusedEndpoints, unusedRules, unusedBinaries,
          narrowings, narrowed, allowed, allowed, 0, 0, List.of("the narrowed policy does not compile: "
              + e.getMessage()), requests.complete());
    }
    PolicyEndpoints narrowedEndpoints = new PolicyEndpoints(narrowed);
    long subjects = 0;
    long broken = 0;
    long newlyAllowed = 0;
    long undecidable = 0;
    List<String> samples = new ArrayList<>();
    for (DistinctRequests.Tally t : requests.all()) {
      ReplayDecision before = Replay.decide(current, endpoints, t.first);
      ReplayDecision after = Replay.decide(candidate, narrowedEndpoints, t.first);
      if (!before.isDecided() || !after.isDecided()) {
        undecidable += t.count;
        continue;
      }
      if (before.verdict().passes()) {
        subjects += t.count;
        if (!after.verdict().passes()) {
          broken += t.count;
          sample(samples, t.first, after);
        }
      } else if (after.verdict().passes()) {
        newlyAllowed += t.count;
        sample(samples, t.first, after);
      }
    }
    return new UsageReport(decisions, allowed, unusedEntries, unusedEndpoints, unusedRules, unusedBinaries,
        narrowings, narrowed, subjects, broken, newlyAllowed, undecidable, samples, requests.complete());
  }

  private static void sample(List<String> samples, LogEvent e, ReplayDecision d) {
    if (samples.size() < Advisor.MAX_PROOF_SAMPLES) {
      samples.add(e.source() + ":" + e.line() + " " + e.describe() + ": " + d);
    }
  }

  /**
   * {@code [endpoint, rule]} indices of a decision's pointer ({@code /network_policies/KEY/endpoints/I[/rules/J]})
   * within entry {@code key}; -1 when absent.
   */
  private static int[] parse(String pointer, String key) {
    int[] out = {-1, -1};
    List<String> tokens = pointer.startsWith("/") ? JsonPointer.tokens(pointer) : List.of();
    if (tokens.size() < 4 || !tokens.get(0).equals(NETWORK_POLICIES) || !tokens.get(1).equals(key)
        || !tokens.get(2).equals(ENDPOINTS)) {
      return out;
    }
    try {
      out[0] = Integer.parseInt(tokens.get(3));
      if (tokens.size() >= 6 && tokens.get(4).equals(RULES)) {
        out[1] = Integer.parseInt(tokens.get(5));
      }
    } catch (NumberFormatException e) {
      out[0] = -1;
      out[1] = -1;
    }
    return out;
  }

  /** The event's binary or ancestor that the binary pattern matches, or null (binary globs per glob semantics). */
  private static String matchingValue(String pattern, LogEvent e) {
    List<String> candidates = new ArrayList<>();
    e.binary().ifPresent(candidates::add);
    e.ancestors().ifPresent(candidates::addAll);
    for (String c : candidates) {
      if (pattern.indexOf('*') < 0 ? pattern.equals(c) : globMatches(pattern, c)) {
        return c;
      }
    }
    return null;
  }

  private static boolean globMatches(String pattern, String value) {
    try {
      return GlobMatcher.compile(pattern, GlobDelimiters.SLASH).matches(value);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static <K> void add(Map<K, Set<String>> map, K key, String value) {
    Set<String> set = map.computeIfAbsent(key, k -> new TreeSet<>());
    if (set.size() <= MAX_NARROWING_VALUES) {
      set.add(value); // one past the limit marks "too many to narrow"
    }
  }

  private static List<Binary> dedupe(List<Binary> binaries) {
    return binaries.stream().distinct().toList();
  }
}
