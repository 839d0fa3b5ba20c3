package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.io.PolicyWriter;
import dev.sandboxpolicy.testkit.Connection;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.HttpRequest;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PolicyShrinker;
import dev.sandboxpolicy.testkit.PropertyCheck;
import dev.sandboxpolicy.testkit.ReferenceDecision;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import dev.sandboxpolicy.testkit.RequestGenerator;
import dev.sandboxpolicy.testkit.Shrinker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

/**
 * The property the reference matcher exists for: on generated valid policies and generated connections and
 * requests, the compiled matcher decides exactly what the slow reference decides (outcome, and the matched map key
 * on allow).
 */
class ReferenceVsCompiledTest {

  /** A policy and the connections and requests to decide against it. */
  record Case(Policy policy, List<Connection> connections, List<HttpRequest> requests) {
    @Override
    public String toString() {
      return PolicyWriter.toYaml(policy) + "connections: " + connections + "\nrequests: " + requests;
    }
  }

  static final int PER_CASE = 40;

  static Generator<Case> cases(PolicyGenerator policies) {
    return (random, size) -> {
      Policy policy = policies.policies().generate(random, size);
      RequestGenerator requests = RequestGenerator.forPolicy(policy);
      List<Connection> connections = new ArrayList<>();
      List<HttpRequest> http = new ArrayList<>();
      for (int i = 0; i < PER_CASE; i++) {
        connections.add(requests.connections().generate(random, size));
        http.add(requests.requests().generate(random, size));
      }
      return new Case(policy, connections, http);
    };
  }

  static Shrinker<Case> shrinker() {
    Shrinker<Policy> policies = PolicyShrinker.policies();
    return c -> {
      List<Case> out = new ArrayList<>();
      if (c.connections.size() + c.requests.size() > 1) {
        for (Connection conn : c.connections) {
          out.add(new Case(c.policy, List.of(conn), List.of()));
        }
        for (HttpRequest r : c.requests) {
          out.add(new Case(c.policy, List.of(), List.of(r)));
        }
      }
      for (Policy p : policies.candidates(c.policy)) {
        out.add(new Case(p, c.connections, c.requests));
      }
      return out;
    };
  }

  /** Outcomes compared, by kind ("l4 ALLOW", "l7 AUDIT", "l7 NOT_INSPECTED" ...), to show the test is not vacuous. */
  static final Map<String, Integer> SEEN = new ConcurrentSkipListMap<>();

  static void agree(Case c) {
    CompiledPolicy compiled;
    try {
      compiled = CompiledPolicy.compile(c.policy, MatcherOptions.defaults().withValidation(false));
    } catch (PolicyCompileException e) {
      throw new AssertionError("does not compile: " + e.getMessage(), e);
    }
    ReferenceMatcher reference = ReferenceMatcher.of(c.policy);
    for (Connection conn : c.connections) {
      ReferenceDecision expected = reference.decideConnection(conn);
      SEEN.merge("l4 " + expected.outcome(), 1, Integer::sum);
      Decision actual = compiled.decideNetwork(Adapters.network(conn));
      assertEquals(expected.outcome().name(), Adapters.outcome(actual), () -> conn + "\nreference: " + expected + "\ncompiled: " + actual);
      if (expected.allowed()) {
        assertEquals(expected.matchedPolicy(), actual.matchedPolicy().orElse(""), () -> "matched policy for " + conn);
      }
    }
    for (HttpRequest r : c.requests) {
      ReferenceDecision expected = reference.decideRequest(r);
      Decision actual = compiled.decideRequest(Adapters.l7(r));
      SEEN.merge("l7 " + expected.outcome(), 1, Integer::sum);
      if (expected.outcome() == ReferenceOutcome.UNSUPPORTED) {
        continue; // the reference does not model it
      }
      // NOT_INSPECTED: upstream relays; the matcher's contract is a blocking DENY marked notInspected() (and that
      // mark on nothing else), see NotInspectedConnectionTest.
      assertEquals(expected.outcome().name(), Adapters.outcome(actual), () -> r + "\nreference: " + expected + "\ncompiled: " + actual);
      if (actual.notInspected()) {
        assertTrue(actual.verdict() == Verdict.DENY && actual.blocks(), () -> "not-inspected must fail closed: " + actual);
      }
    }
  }

  @Test
  void compiledMatcherAgreesWithTheReference() {
    PropertyCheck.forAll(cases(PolicyGenerator.defaults()))
        .seed(0xC0FFEEL)
        .count(300)
        .maxSize(12)
        .shrinker(shrinker())
        .check(ReferenceVsCompiledTest::agree);
    for (String kind : List.of("l4 ALLOW", "l4 DENY", "l7 ALLOW", "l7 DENY", "l7 AUDIT", "l7 NOT_INSPECTED")) {
      assertTrue(SEEN.getOrDefault(kind, 0) > 100, "too few " + kind + ": " + SEEN);
    }
    System.out.println("[robustness] reference-vs-compiled | " + SEEN);
  }

  /**
   * One request with a U+0000 injected where a glob may or may not read it (§3.2 step 2): appended to or put first
   * among the values of a key the request already has (often one a rule constrains), as the value of an
   * unconstrained key, as a query key, or inside the path. The generated requests come from {@link #cases}.
   */
  static HttpRequest withNul(HttpRequest r, java.util.random.RandomGenerator random) {
    List<String> keys = new ArrayList<>(r.query().keySet());
    String key = keys.isEmpty() ? "q" : keys.get(random.nextInt(keys.size()));
    String nul = List.of("\0", "v\0", "a.\0.b").get(random.nextInt(3));
    return switch (random.nextInt(5)) {
      case 0 -> r.withQueryValue(key, nul);
      case 1 -> {
        Map<String, List<String>> q = new java.util.LinkedHashMap<>(r.query());
        List<String> values = new ArrayList<>(List.of(nul));
        values.addAll(q.getOrDefault(key, List.of()));
        q.put(key, values);
        yield new HttpRequest(r.connection(), r.method(), r.path(), q);
      }
      case 2 -> r.withQueryValue("zz_unconstrained", nul);
      case 3 -> r.withQueryValue(key + "\0", "1");
      default -> {
        int at = 1 + random.nextInt(r.path().length());
        yield new HttpRequest(r.connection(), r.method(), r.path().substring(0, at) + "\0" + r.path().substring(at), r.query());
      }
    };
  }

  /**
   * The NUL fix (NulAfterMatchingQueryValueTest) generalised: wherever a U+0000 lands, the compiled matcher errs
   * exactly when the reference (which evaluates every glob over every value, as upstream's Rego) does.
   */
  @Test
  void agreesOnRequestsCarryingNul() {
    PolicyGenerator heavy = PolicyGenerator.builder()
        .globPathShare(0.7).queryRuleShare(0.7).denyRuleShare(0.6).l7Share(0.9)
        .build();
    Generator<Case> base = cases(heavy);
    Generator<Case> withNul = (random, size) -> {
      Case c = base.generate(random, size);
      List<HttpRequest> requests = new ArrayList<>();
      for (HttpRequest r : c.requests()) {
        requests.add(withNul(r, random));
      }
      return new Case(c.policy(), List.of(), requests);
    };
    Map<String, Integer> before = Map.copyOf(SEEN);
    PropertyCheck.forAll(withNul)
        .seed(0x0DDBA11L)
        .count(200)
        .maxSize(8)
        .shrinker(shrinker())
        .check(ReferenceVsCompiledTest::agree);
    int errors = SEEN.getOrDefault("l7 ERROR", 0) - before.getOrDefault("l7 ERROR", 0);
    int allowed = SEEN.getOrDefault("l7 ALLOW", 0) - before.getOrDefault("l7 ALLOW", 0);
    assertTrue(errors > 500 && allowed > 100, "NUL cases must both err and (where no glob reads it) pass: " + SEEN);
  }

  @Test
  void agreesOnWildcardAndGlobHeavyPolicies() {
    PolicyGenerator heavy = PolicyGenerator.builder()
        .wildcardHostShare(0.8).globPathShare(0.9).queryRuleShare(0.5).denyRuleShare(0.6).l7Share(0.9).binaryGlobShare(0.6)
        .build();
    PropertyCheck.forAll(cases(heavy))
        .seed(0xBADC0DEL)
        .count(200)
        .maxSize(8)
        .shrinker(shrinker())
        .check(ReferenceVsCompiledTest::agree);
  }
}
