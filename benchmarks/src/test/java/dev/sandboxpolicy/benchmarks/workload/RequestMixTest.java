package dev.sandboxpolicy.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.model.Policy;
import org.junit.jupiter.api.Test;

/** The mixes drawn from the baseline policy are full, deterministic, varied and classified as they claim. */
class RequestMixTest {
  private final Policy policy = BaselinePolicy.read();

  @Test
  void mixesAreFullAndDeterministic() {
    RequestMix a = RequestMix.draw(policy, 42);
    RequestMix b = RequestMix.draw(policy, 42);
    assertEquals(RequestMix.SIZE, a.allowedConnections().size());
    assertEquals(RequestMix.SIZE, a.deniedConnections().size());
    assertEquals(RequestMix.SIZE, a.allowedRequests().size());
    assertEquals(RequestMix.SIZE, a.deniedRequests().size());
    assertEquals(a.allowedConnections(), b.allowedConnections());
    assertEquals(a.deniedRequests(), b.deniedRequests());
  }

  @Test
  void mixesCoverWildcardHostsAncestorsAndQueries() {
    RequestMix mix = RequestMix.draw(policy, 42);
    assertTrue(mix.allowedConnections().stream().anyMatch(c -> c.host().endsWith(".telemetry.openclaw.ai")),
        "a ** wildcard host");
    assertTrue(mix.allowedConnections().stream().anyMatch(c -> !c.ancestors().isEmpty()), "an ancestor");
    assertTrue(mix.allowedRequests().stream().anyMatch(r -> !r.query().isEmpty()), "a query rule");
    assertTrue(mix.allowedRequests().stream().anyMatch(r -> !r.connection().ancestors().isEmpty()),
        "a request through an ancestor");
  }

  @Test
  void theOracleAgreesWithTheLabels() {
    RequestMix mix = RequestMix.draw(policy, 7);
    NaiveRegexPolicy naive = NaiveRegexPolicy.of(policy);
    for (NetworkCase c : mix.allowedConnections()) {
      assertTrue(naive.decideNetwork(c.host(), c.port(), c.binary(), c.ancestors()).allowed(), c::toString);
    }
    for (NetworkCase c : mix.deniedConnections()) {
      assertTrue(!naive.decideNetwork(c.host(), c.port(), c.binary(), c.ancestors()).allowed(), c::toString);
    }
    for (RestCase r : mix.deniedRequests()) {
      NetworkCase c = r.connection();
      assertTrue(!naive.decideRequest(c.host(), c.port(), c.binary(), c.ancestors(), r.method(), r.path(), r.query())
          .allowed(), r::toString);
    }
  }
}
