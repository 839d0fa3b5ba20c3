package dev.sandboxpolicy.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.testkit.ReferenceDecision;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled matcher and the naive baseline agree, case by case, on the benchmark request mixes: same verdict
 * (allow, deny, error) and, for allowed connections, the same matched network-policy key. Otherwise the benchmarks
 * would compare two programs that compute different things.
 */
class DifferentialTest {

  @Test
  void realisticMixesAgree() {
    PreparedWorkload w = PreparedWorkload.of(RealisticPolicy.withEveryPreset());
    assertFullMix(w);
    List<String> disagreements = w.disagreements();
    assertEquals(List.of(), disagreements, () -> disagreements.size() + " disagreements");
  }

  @ParameterizedTest(name = "{0} entries")
  @ValueSource(ints = {10, 100})
  void scaleSeriesMixesAgree(int entries) {
    Policy policy = ScalePolicy.withEntries(entries);
    assertEquals(entries, policy.networkPolicies().size());
    PreparedWorkload w = PreparedWorkload.of(policy);
    assertFullMix(w);
    List<String> disagreements = w.disagreements();
    assertEquals(List.of(), disagreements, () -> disagreements.size() + " disagreements");
  }

  /**
   * A third opinion: {@code policy-testkit}'s reference matcher (written by another hand from the same spec) allows
   * exactly the cases the naive port allows. Audit outcomes count as "not allowed"; unsupported ones are skipped.
   */
  @Test
  void testkitReferenceMatcherAgreesWithTheNaivePort() {
    Policy policy = RealisticPolicy.withEveryPreset();
    RequestMix mix = RequestMix.draw(policy, PreparedWorkload.MIX_SEED);
    NaiveRegexPolicy naive = NaiveRegexPolicy.of(policy);
    ReferenceMatcher reference = ReferenceMatcher.of(policy);
    List<String> disagreements = new ArrayList<>();
    List<NetworkCase> connections = new ArrayList<>(mix.allowedConnections());
    connections.addAll(mix.deniedConnections());
    for (NetworkCase c : connections) {
      ReferenceDecision r = reference.decideNetwork(connection(c));
      boolean naiveAllows = naive.decideNetwork(c.host(), c.port(), c.binary(), c.ancestors()).allowed();
      if (r.outcome() != ReferenceOutcome.UNSUPPORTED && r.allowed() != naiveAllows) {
        disagreements.add("network " + c + ": reference " + r + ", naive allows " + naiveAllows);
      }
    }
    List<RestCase> requests = new ArrayList<>(mix.allowedRequests());
    requests.addAll(mix.deniedRequests());
    for (RestCase q : requests) {
      NetworkCase c = q.connection();
      ReferenceDecision r =
          reference.decideRequest(L7Request.of(connection(c), q.method(), q.path()).withQuery(q.query()));
      boolean naiveAllows =
          naive.decideRequest(c.host(), c.port(), c.binary(), c.ancestors(), q.method(), q.path(), q.query())
              .allowed();
      // The naive port models Rego's allow_request only; on a connection without an inspected endpoint upstream
      // makes no L7 decision at all (NOT_INSPECTED), so there is nothing to compare.
      boolean comparable = r.outcome() != ReferenceOutcome.UNSUPPORTED && r.outcome() != ReferenceOutcome.NOT_INSPECTED;
      if (comparable && r.allowed() != naiveAllows) {
        disagreements.add("request " + q + ": reference " + r + ", naive allows " + naiveAllows);
      }
    }
    assertEquals(List.of(), disagreements, () -> disagreements.size() + " disagreements");
  }

  private static NetworkRequest connection(NetworkCase c) {
    return NetworkRequest.of(c.host(), c.port(), c.binary()).withAncestors(c.ancestors());
  }

  private static void assertFullMix(PreparedWorkload w) {
    RequestMix mix = w.mix();
    assertEquals(RequestMix.SIZE, mix.allowedConnections().size(), mix::toString);
    assertEquals(RequestMix.SIZE, mix.deniedConnections().size(), mix::toString);
    assertEquals(RequestMix.SIZE, mix.allowedRequests().size(), mix::toString);
    assertEquals(RequestMix.SIZE, mix.deniedRequests().size(), mix::toString);
  }
}
