package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PolicyShrinker;
import dev.sandboxpolicy.testkit.PropertyCheck;
import dev.sandboxpolicy.testkit.ReferenceDecision;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import dev.sandboxpolicy.testkit.RequestGenerator;
import dev.sandboxpolicy.testkit.Shrinker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The property the reference matcher exists for: on generated valid policies and generated connections and
 * requests, the compiled matcher decides exactly what the slow reference decides (outcome, and the matched map key
 * on allow).
 */
class ReferenceVsCompiledTest {

  /** A policy and the connections and requests to decide against it. */
  record Case(Policy policy, List<NetworkRequest> connections, List<L7Request> requests) {
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
      List<NetworkRequest> connections = new ArrayList<>();
      List<L7Request> http = new ArrayList<>();
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
        for (NetworkRequest conn : c.connections) {
          out.add(new Case(c.policy, List.of(conn), List.of()));
        }
        for (L7Request r : c.requests) {
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
    agree(c, true);
  }

  static void agree(Case c, boolean binaryIdentity) {
    CompiledPolicy compiled;
    try {
      compiled = CompiledPolicy.compile(c.policy,
          MatcherOptions.defaults().withValidation(false).withBinaryIdentity(binaryIdentity));
    } catch (PolicyCompileException e) {
      throw new AssertionError("does not compile: " + e.getMessage(), e);
    }
    ReferenceMatcher reference = ReferenceMatcher.of(c.policy, binaryIdentity);
    for (NetworkRequest conn : c.connections) {
      ReferenceDecision expected = reference.decideNetwork(conn);
      SEEN.merge("l4 " + expected.outcome(), 1, Integer::sum);
      if (conn.host().endsWith(".")) {
        SEEN.merge("l4 trailing-dot " + expected.outcome(), 1, Integer::sum);
      }
      Decision actual = compiled.decideNetwork(conn);
      assertTrue(expected.outcome() == ReferenceOutcome.of(actual), () -> conn + "\nreference: " + expected + "\ncompiled: " + actual);
      if (expected.allowed()) {
        assertEquals(expected.matchedPolicy(), actual.matchedPolicy().orElse(""), () -> "matched policy for " + conn);
      }
    }
    for (L7Request r : c.requests) {
      ReferenceDecision expected = reference.decideRequest(r);
      Decision actual = compiled.decideRequest(r);
      SEEN.merge("l7 " + expected.outcome(), 1, Integer::sum);
      if (r.graphql().isPresent() || r.jsonRpc().isPresent()) {
        String body = r.graphql().isPresent() ? "graphql" : "json-rpc/mcp";
        SEEN.merge("body " + body + " " + expected.outcome(), 1, Integer::sum);
      }
      if (r.jsonRpc().isPresent() && r.jsonRpc().get().calls().isEmpty() && r.jsonRpc().get().error().isEmpty()) {
        SEEN.merge("body method-less " + expected.outcome(), 1, Integer::sum);
      }
      if (actual.notInspected()) {
        // the matcher's contract: upstream relays, the matcher fails closed with a marked, blocking DENY
        assertTrue(actual.verdict() == Verdict.DENY && actual.blocks(), () -> "not-inspected must fail closed: " + actual);
      }
      if (!ArbitraryInputsTest.comparable(expected)) {
        continue; // GraphQL / JSON-RPC / MCP bodies are not modelled
      }
      assertTrue(expected.outcome() == ReferenceOutcome.of(actual), () -> r + "\nreference: " + expected + "\ncompiled: " + actual);
      if (expected.outcome() == ReferenceOutcome.DENY) {
        // 400 for a malformed MCP-Protocol-Version header, 403 for every other refusal.
        assertEquals(expected.httpStatus(), actual.refusalStatus().map(RefusalStatus::httpStatus).orElse(0),
            () -> "refusal status for " + r + "\nreference: " + expected + "\ncompiled: " + actual);
        SEEN.merge("l7 DENY " + expected.httpStatus(), 1, Integer::sum);
      }
      if (!r.mcpProtocolVersionHeaders().isEmpty() || expected.reason().startsWith("MCP revision")) {
        SEEN.merge("mcp-version " + expected.outcome() + " " + expected.httpStatus(), 1, Integer::sum);
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
    for (String kind : List.of("l4 ALLOW", "l4 DENY", "l7 ALLOW", "l7 DENY", "l7 AUDIT", "l7 NOT_INSPECTED",
        "l4 trailing-dot ALLOW", "l4 trailing-dot DENY")) {
      assertTrue(SEEN.getOrDefault(kind, 0) > 100, "too few " + kind + ": " + SEEN);
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void printCounts() {
    System.out.println("[robustness] reference-vs-compiled (all tests of this class) | " + SEEN);
  }

  static Stream<Path> upstreamPolicies() throws IOException {
    Path root = Path.of(System.getProperty("sandboxpolicy.shared", "../shared")).resolve("upstream");
    if (!Files.isDirectory(root)) {
      return Stream.of(Path.of("<shared-absent>"));
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /** Upstream policies and presets (read leniently, compiled without validation) against generated requests. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamPolicies")
  void agreesOnUpstreamDocuments(Path file) throws IOException {
    assumeTrue(Files.isRegularFile(file), "../shared is absent");
    String text = Files.readString(file);
    PolicyReader lenient = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
    Policy policy = text.lines().anyMatch(l -> l.startsWith("preset:"))
        ? lenient.readPreset(text).value().map(p -> Policy.builder().version(1L).networkPolicies(p.networkPolicies()).build()).orElse(null)
        : lenient.readPolicy(text).value().orElse(null);
    assumeTrue(policy != null && !policy.networkPolicies().isEmpty(), "not a policy with entries");
    PropertyCheck.forAll((random, size) -> {
      RequestGenerator requests = RequestGenerator.forPolicy(policy);
      List<NetworkRequest> connections = new ArrayList<>();
      List<L7Request> http = new ArrayList<>();
      for (int i = 0; i < PER_CASE; i++) {
        connections.add(requests.connections().generate(random, size));
        http.add(requests.requests().generate(random, size));
      }
      return new Case(policy, connections, http);
    }).seed(file.getFileName().toString().hashCode()).count(10).maxSize(4).shrinker(shrinker())
        .check(ReferenceVsCompiledTest::agree);
  }

  /**
   * One request with a U+0000 injected where a glob may or may not read it (§3.2 step 2): appended to or put first
   * among the values of a key the request already has (often one a rule constrains), as the value of an
   * unconstrained key, as a query key, or inside the path. The generated requests come from {@link #cases}.
   */
  static L7Request withNul(L7Request r, java.util.random.RandomGenerator random) {
    List<String> keys = new ArrayList<>(r.query().keySet());
    String key = keys.isEmpty() ? "q" : keys.get(random.nextInt(keys.size()));
    String nul = List.of("\0", "v\0", "a.\0.b").get(random.nextInt(3));
    return switch (random.nextInt(5)) {
      case 0 -> withQueryValue(r, key, nul);
      case 1 -> {
        Map<String, List<String>> q = new java.util.LinkedHashMap<>(r.query());
        List<String> values = new ArrayList<>(List.of(nul));
        values.addAll(q.getOrDefault(key, List.of()));
        q.put(key, values);
        yield L7Request.of(r.connection(), r.method(), r.path()).withQuery(q);
      }
      case 2 -> withQueryValue(r, "zz_unconstrained", nul);
      case 3 -> withQueryValue(r, key + "\0", "1");
      default -> {
        int at = 1 + random.nextInt(r.path().length());
        yield L7Request.of(r.connection(), r.method(), r.path().substring(0, at) + "\0" + r.path().substring(at)).withQuery(r.query());
      }
    };
  }

  /** {@code r} with one more value for {@code key}, appended after the values it already has. */
  static L7Request withQueryValue(L7Request r, String key, String value) {
    Map<String, List<String>> q = new java.util.LinkedHashMap<>(r.query());
    List<String> values = new ArrayList<>(q.getOrDefault(key, List.of()));
    values.add(value);
    q.put(key, values);
    return r.withQuery(q);
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
      List<L7Request> requests = new ArrayList<>();
      for (L7Request r : c.requests()) {
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

  /** GraphQL and JSON-RPC endpoints with generated operations and calls (§3.7, §3.8). */
  @Test
  void agreesOnGraphqlAndJsonRpc() {
    PolicyGenerator bodies = PolicyGenerator.builder().graphqlShare(0.3).jsonRpcShare(0.3).mcpShare(0.3).denyRuleShare(0.4).build();
    Map<String, Integer> before = Map.copyOf(SEEN);
    // Batches included: calls allowed by different entries are JsonRpcBatchAcrossEntriesTest.
    PropertyCheck.forAll(cases(bodies))
        .seed(0x6A9L)
        .count(200)
        .maxSize(8)
        .shrinker(shrinker())
        .check(ReferenceVsCompiledTest::agree);
    int allowed = SEEN.getOrDefault("l7 ALLOW", 0) - before.getOrDefault("l7 ALLOW", 0);
    int denied = SEEN.getOrDefault("l7 DENY", 0) - before.getOrDefault("l7 DENY", 0);
    assertTrue(allowed > 300 && denied > 300, "GraphQL/JSON-RPC cases both allowed and denied: " + SEEN);
    String methodless = "body method-less ";
    int methodlessAllowed = SEEN.getOrDefault(methodless + "ALLOW", 0) - before.getOrDefault(methodless + "ALLOW", 0);
    int methodlessDenied = SEEN.getOrDefault(methodless + "DENY", 0) - before.getOrDefault(methodless + "DENY", 0)
        + SEEN.getOrDefault(methodless + "AUDIT", 0) - before.getOrDefault(methodless + "AUDIT", 0);
    assertTrue(methodlessAllowed > 30 && methodlessDenied > 30, "method-less frames both allowed and denied: " + SEEN);
    // MCP-Protocol-Version: allowed with a listed revision, 403 outside the list, 400 when malformed.
    for (String kind : List.of("mcp-version ALLOW 0", "mcp-version DENY 403", "mcp-version DENY 400")) {
      assertTrue(SEEN.getOrDefault(kind, 0) - before.getOrDefault(kind, 0) > 30, "too few " + kind + ": " + SEEN);
    }
  }

  /** Endpoint-only authorization (upstream's {@code OPENSHELL_NETWORK_BINARY_IDENTITY=relaxed}). */
  @Test
  void agreesWithoutBinaryIdentity() {
    PropertyCheck.forAll(cases(PolicyGenerator.defaults()))
        .seed(0xB1AL)
        .count(100)
        .maxSize(10)
        .shrinker(shrinker())
        .check(c -> agree(c, false));
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
