package dev.sandboxpolicy.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PropertyCheck;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.RequestGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The analysis against the testkit's independent reference matcher, on generated policy pairs: an after-policy
 * derived from a generated before-policy by one change (an entry added, an allow rule removed, entries split,
 * renamed and reordered, a rule's path changed, or an unrelated policy). For every pair:
 *
 * <ul>
 *   <li>every region witness and every counterexample is let through by the reference under the wider policy and
 *       refused under the narrower one;
 *   <li>{@code prove(before, after)} exceeds exactly when {@code compare} finds a widened region;
 *   <li>no sampled connection or request (from the reference's request generator, for both policies) passes one
 *       policy and not the other unless {@code compare} reports a region in that direction (or names something it
 *       does not model).
 * </ul>
 *
 * <p>The seed of the failing case is printed; rerun one case with {@code -Dsandboxpolicy.seed=N}.
 */
class AnalysisDifferentialTest {
  private static final int CASES = 36;
  private static final int SAMPLES = 120;
  private static final int SHARED_HOST_CASES = 30;
  private static final int SHARED_HOST_SAMPLES = 300;
  private static final PolicyGenerator POLICIES = PolicyGenerator.defaults();
  /** Cases, complete cases, samples, differing samples, regions (printed with -Danalysis.stats=true). */
  private static final long[] STATS = new long[5];

  @Test
  void compareAndProveAgreeWithTheReferenceMatcher() {
    Long fixed = Long.getLong(PropertyCheck.SEED_PROPERTY);
    long base = fixed != null ? fixed : 20261205L;
    int cases = fixed != null ? 1 : CASES;
    java.util.Arrays.fill(STATS, 0);
    for (int i = 0; i < cases; i++) {
      long seed = base + i;
      SplittableRandom random = new SplittableRandom(seed);
      Policy before = POLICIES.policies().generate(random, 1 + random.nextInt(6));
      int change = (int) (seed % 6);
      Policy after = change(before, change, random);
      try {
        check(before, after, random);
      } catch (AssertionError | RuntimeException | PolicyCompileException e) {
        throw new AssertionError("seed " + seed + " (rerun with -D" + PropertyCheck.SEED_PROPERTY + "=" + seed
            + "), change " + change + "\nbefore:\n" + PolicyWriter.toYaml(before) + "after:\n"
            + PolicyWriter.toYaml(after), e);
      }
    }
    if (Boolean.getBoolean("analysis.stats")) {
      System.out.println("cases, complete, samples, differing samples, regions: " + java.util.Arrays.toString(STATS));
    }
  }

  /**
   * The same on policies whose entries share their hosts ({@link SharedHostPolicies}), where connections combine
   * entries through their executables and ancestors: the after-policy drops an entry, an allow rule, or widens a
   * path, renames and splits, or changes an entry's executables; samples carry ancestors from the policies'
   * binaries.
   */
  @Test
  void compareAndProveAgreeWithTheReferenceMatcherOnSharedHosts() {
    Long fixed = Long.getLong(PropertyCheck.SEED_PROPERTY);
    long base = fixed != null ? fixed : 20261207L;
    int cases = fixed != null ? 1 : SHARED_HOST_CASES;
    for (int i = 0; i < cases; i++) {
      long seed = base + i;
      SplittableRandom random = new SplittableRandom(seed);
      Policy before = SharedHostPolicies.policies().generate(random, 10);
      int change = (int) (seed % 6);
      Policy after = change == 0 ? binariesChanged(before, random)
          : change == 5 ? withoutEntry(before, random) : change(before, change, random);
      try {
        check(before, after, random, SharedHostPolicies.samples(before, random, SHARED_HOST_SAMPLES),
            SharedHostPolicies.samples(after, random, SHARED_HOST_SAMPLES));
      } catch (AssertionError | RuntimeException | PolicyCompileException e) {
        throw new AssertionError("seed " + seed + " (rerun with -D" + PropertyCheck.SEED_PROPERTY + "=" + seed
            + "), shared hosts, change " + change + "\nbefore:\n" + PolicyWriter.toYaml(before) + "after:\n"
            + PolicyWriter.toYaml(after), e);
      }
    }
  }

  /** One entry's executables replaced by another literal or a glob of the shared-host vocabulary. */
  private static Policy binariesChanged(Policy before, SplittableRandom random) {
    List<String> keys = new ArrayList<>(before.networkPolicies().keySet());
    String key = keys.get(random.nextInt(keys.size()));
    List<String> pool = new ArrayList<>(SharedHostPolicies.LITERAL_BINARIES);
    pool.addAll(SharedHostPolicies.BINARY_GLOBS);
    Map<String, NetworkPolicy> entries = new LinkedHashMap<>(before.networkPolicies());
    entries.put(key, NetworkPolicy.builder().from(entries.get(key)).binaries(List.of(
        dev.sandboxpolicy.model.Binary.builder().path(pool.get(random.nextInt(pool.size()))).build())).build());
    return Policy.builder().from(before).networkPolicies(entries).build();
  }

  private static Policy withoutEntry(Policy before, SplittableRandom random) {
    return change(before, 3, random);
  }

  private static void check(Policy before, Policy after, SplittableRandom random) throws PolicyCompileException {
    check(before, after, random, samples(before, after, random), List.of());
  }

  private static void check(Policy before, Policy after, SplittableRandom random, List<Witness.Network> samples,
      List<Witness.Network> more) throws PolicyCompileException {
    Comparison c;
    try {
      c = PolicyAnalysis.compare(before, after);
    } catch (PolicyCompileException e) {
      return; // the change made the after-policy invalid (for example an ambiguous endpoint): nothing to compare
    }
    ReferenceMatcher rb = ReferenceMatcher.of(before);
    ReferenceMatcher ra = ReferenceMatcher.of(after);
    // the reference does not model the destination check (spec §3.9): witnesses with a resolved address are the
    // compiled matcher's alone (it decided them twice before they were returned)
    for (Region r : c.widened()) {
      if (r.witness() instanceof Witness.Network w && w.connection().resolvedAddresses().isEmpty()) {
        assertTrue(Reference.passes(ra, w) && !Reference.passes(rb, w), "widened witness " + w.describe());
      }
    }
    for (Region r : c.narrowed()) {
      if (r.witness() instanceof Witness.Network w && w.connection().resolvedAddresses().isEmpty()) {
        assertTrue(Reference.passes(rb, w) && !Reference.passes(ra, w), "narrowed witness " + w.describe());
      }
    }
    for (String u : c.unsupported()) {
      assertFalse(u.startsWith("internal:"), u);
    }
    Containment k = PolicyAnalysis.prove(before, after);
    k.unsupported().forEach(u -> assertFalse(u.startsWith("internal:"), u));
    if (k.counterexample().isPresent() && k.counterexample().get() instanceof Witness.Network w
        && w.connection().resolvedAddresses().isEmpty()) {
      assertTrue(Reference.passes(ra, w) && !Reference.passes(rb, w), "counterexample " + w.describe());
    }
    // the network part is complete when nothing but the static sections (filesystem paths, process identity) is
    // left unmodelled
    boolean complete = c.unsupported().stream().allMatch(u -> u.startsWith("unresolved") || u.startsWith("process."));
    boolean widenedNetwork = c.widened().stream().anyMatch(r -> r.witness() instanceof Witness.Network);
    if (c.unsupported().isEmpty() && k.unsupported().isEmpty()) {
      assertEquals(!c.widened().isEmpty(), k.result() == Containment.Result.EXCEEDS_BOUNDARY, k.toString());
    }
    STATS[0]++;
    if (!complete) {
      if (Boolean.getBoolean("analysis.stats")) {
        System.out.println("incomplete: " + c.unsupported());
      }
      return;
    }
    STATS[1]++;
    STATS[4] += c.widened().size() + c.narrowed().size();
    boolean narrowedNetwork = c.narrowed().stream().anyMatch(r -> r.witness() instanceof Witness.Network);
    List<Witness.Network> all = new ArrayList<>(samples);
    all.addAll(more);
    for (Witness.Network s : all) {
      boolean pb = Reference.passes(rb, s);
      boolean pa = Reference.passes(ra, s);
      STATS[2]++;
      if (pa != pb) {
        STATS[3]++;
      }
      if (pa && !pb) {
        assertTrue(widenedNetwork, "sample passes after and not before, but no widened region: " + s.describe()
            + "\nregions: " + c);
      }
      if (pb && !pa) {
        assertTrue(narrowedNetwork, "sample passes before and not after, but no narrowed region: " + s.describe()
            + "\nregions: " + c);
      }
    }
  }

  /** Connections and requests from the reference's generator for both policies, inside the analysed universe. */
  private static List<Witness.Network> samples(Policy before, Policy after, SplittableRandom random) {
    List<Witness.Network> out = new ArrayList<>();
    for (Policy p : List.of(before, after)) {
      RequestGenerator g = RequestGenerator.forPolicy(p);
      for (int i = 0; i < SAMPLES; i++) {
        NetworkRequest c = g.connections().generate(random, 4);
        if (analysable(c)) {
          out.add(new Witness.Network(c, Optional.empty()));
        }
        L7Request r = g.requests().generate(random, 4);
        if (r.graphql().isEmpty() && r.jsonRpc().isEmpty() && analysable(r.connection()) && canonical(r.path())
            && textValues(r.query())) {
          out.add(new Witness.Network(r.connection(), Optional.of(r)));
        }
      }
    }
    return out;
  }

  /** Hosts the analysis covers (ASCII names without NUL), ports in range, executables that are kernel paths. */
  private static boolean analysable(NetworkRequest c) {
    String host = c.host().endsWith(".") ? c.host().substring(0, c.host().length() - 1) : c.host();
    boolean hostOk = !host.isEmpty() && host.chars().allMatch(ch -> ch > 0 && ch < 0x80);
    boolean portOk = c.port() >= 1 && c.port() <= 65535;
    boolean binariesOk = CallSiteLanguages.executablePaths().matches(c.binary().getBytes(StandardCharsets.UTF_8))
        && c.ancestors().stream().allMatch(a -> CallSiteLanguages.executablePaths().matches(
            a.getBytes(StandardCharsets.UTF_8)));
    return hostOk && portOk && binariesOk;
  }

  private static boolean canonical(String path) {
    return CallSiteLanguages.canonicalPath(false).matches(path.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean textValues(Map<String, List<String>> query) {
    return query.values().stream().flatMap(List::stream).allMatch(v -> v.indexOf('\0') < 0);
  }

  /** One change to a generated policy. */
  static Policy change(Policy before, int kind, SplittableRandom random) {
    List<String> keys = new ArrayList<>(before.networkPolicies().keySet());
    Policy.Builder b = Policy.builder().from(before);
    switch (kind) {
      case 0 -> { // an entry from another generated policy
        Policy other = POLICIES.policies().generate(random, 2);
        other.networkPolicies().forEach((k, v) -> b.putNetworkPolicies("added_" + k, v));
      }
      case 1 -> { // one allow rule removed where an endpoint has two or more
        Map<String, NetworkPolicy> entries = new LinkedHashMap<>(before.networkPolicies());
        outer:
        for (Map.Entry<String, NetworkPolicy> e : entries.entrySet()) {
          List<Endpoint> eps = new ArrayList<>(e.getValue().endpoints());
          for (int i = 0; i < eps.size(); i++) {
            List<AllowRule> rules = eps.get(i).allowRules();
            if (rules.size() >= 2) {
              List<AllowRule> fewer = new ArrayList<>(rules);
              fewer.remove(random.nextInt(fewer.size()));
              eps.set(i, Endpoint.builder().from(eps.get(i)).rules(fewer).build());
              entries.put(e.getKey(), NetworkPolicy.builder().from(e.getValue()).endpoints(eps).build());
              break outer;
            }
          }
        }
        b.networkPolicies(entries);
      }
      case 2 -> { // every entry renamed (so reordered) and the first entry with two endpoints split in two
        Map<String, NetworkPolicy> entries = new LinkedHashMap<>();
        boolean split = false;
        for (String k : keys) {
          NetworkPolicy e = before.networkPolicies().get(k);
          String renamed = "r" + Integer.toHexString(k.hashCode() & 0xfff) + "_" + k;
          if (!split && e.endpoints().size() >= 2) {
            split = true;
            int half = e.endpoints().size() / 2;
            entries.put(renamed, NetworkPolicy.builder().from(e).endpoints(e.endpoints().subList(0, half)).build());
            entries.put(renamed + "_split", NetworkPolicy.builder().from(e)
                .endpoints(e.endpoints().subList(half, e.endpoints().size())).build());
          } else {
            entries.put(renamed, e);
          }
        }
        b.networkPolicies(entries);
      }
      case 3 -> { // one entry removed
        if (!keys.isEmpty()) {
          Map<String, NetworkPolicy> entries = new LinkedHashMap<>(before.networkPolicies());
          entries.remove(keys.get(random.nextInt(keys.size())));
          b.networkPolicies(entries);
        }
      }
      case 4 -> { // a rule's path made wider
        Map<String, NetworkPolicy> entries = new LinkedHashMap<>(before.networkPolicies());
        outer:
        for (Map.Entry<String, NetworkPolicy> e : entries.entrySet()) {
          List<Endpoint> eps = new ArrayList<>(e.getValue().endpoints());
          for (int i = 0; i < eps.size(); i++) {
            List<AllowRule> rules = new ArrayList<>(eps.get(i).allowRules());
            if (!rules.isEmpty() && rules.get(0).allow().isPresent()) {
              rules.set(0, AllowRule.builder().from(rules.get(0)).allow(
                  dev.sandboxpolicy.model.RuleBody.builder().from(rules.get(0).allow().get()).path("/**").build())
                  .build());
              eps.set(i, Endpoint.builder().from(eps.get(i)).rules(rules).build());
              entries.put(e.getKey(), NetworkPolicy.builder().from(e.getValue()).endpoints(eps).build());
              break outer;
            }
          }
        }
        b.networkPolicies(entries);
      }
      default -> { // an unrelated policy
        return POLICIES.policies().generate(random, 1 + random.nextInt(6));
      }
    }
    return b.build();
  }
}
