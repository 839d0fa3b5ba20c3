package dev.sandboxpolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmbiguityCheckTest {

  @Test
  void hostOverlapFollowsLabelSemantics() {
    assertTrue(HostOverlap.overlap("*.example.com", "API.example.com"));
    assertFalse(HostOverlap.overlap("*.example.com", "example.com"));
    assertFalse(HostOverlap.overlap("*.example.com", "a.b.example.com"));
    assertTrue(HostOverlap.overlap("**.example.com", "a.b.example.com"));
    assertTrue(HostOverlap.overlap("**.example.com", "*.b.example.com"));
    assertTrue(HostOverlap.overlap("*-ai.x.com", "gen-*.x.com"));
    assertFalse(HostOverlap.overlap("*-ai.x.com", "*-ml.x.com"));
    assertTrue(HostOverlap.overlap("*.s3.*.amazonaws.com", "b.s3.eu.amazonaws.com"));
  }

  @Test
  void pathSelectorsOverlapLikeTheRouteSelector() {
    assertTrue(HostOverlap.pathsOverlap("", "/v1/x"));
    assertTrue(HostOverlap.pathsOverlap("/v1/**", "/v1"));
    assertFalse(HostOverlap.pathsOverlap("/v1/**", "/v2/**"));
    assertTrue(HostOverlap.pathsOverlap("/v1/*", "/v1/a/b")); // the selector's * crosses '/'
  }

  private static Endpoint ep(String host, String tls) {
    return Endpoint.builder().host(host).port(443).tls(tls).build();
  }

  private static Policy policyOf(int entries, java.util.function.IntFunction<Endpoint> endpoint) {
    Policy.Builder b = Policy.builder().version(1L);
    for (int i = 0; i < entries; i++) {
      b.putNetworkPolicies("e" + i, NetworkPolicy.builder().addEndpoints(endpoint.apply(i))
          .addBinaries(Binary.builder().path("/usr/bin/curl").build()).build());
    }
    return b.build();
  }

  private static List<Problem> ambiguities(Policy p) {
    return PolicyRules.strict().validate(p).problems().stream()
        .filter(x -> x.code().equals("endpoint_ambiguous")).toList();
  }

  @Test
  void tenThousandDistinctHostsAreCheckedQuicklyWithoutFalseConflicts() {
    Policy p = policyOf(10_000, i -> ep("h" + i + ".example.com", i % 2 == 0 ? "skip" : ""));
    long start = System.nanoTime();
    List<Problem> found = ambiguities(p);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(List.of(), found);
    assertTrue(millis < 3_000, "took " + millis + " ms");
  }

  @Test
  void tenThousandEndpointsOnOneHostAreGroupedBySignature() {
    // 10,000 identical-metadata endpoints plus one conflicting: exactly one pair per distinct signature pair
    Policy p = policyOf(10_001, i -> ep("api.example.com", i == 10_000 ? "skip" : ""));
    long start = System.nanoTime();
    List<Problem> found = ambiguities(p);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("tls=auto vs skip"), found.get(0).message());
    assertTrue(millis < 3_000, "took " + millis + " ms");
  }

  @Test
  void wildcardMeetsTheExactHostsBelowIt() {
    Policy p = policyOf(1_001, i -> i == 0 ? ep("*.example.com", "skip") : ep("h" + i + ".example.com", ""));
    List<Problem> found = ambiguities(p);
    // one conflict per exact host: the first MAX_REPORTS individually, the rest summarised in one problem
    assertEquals(AmbiguityCheck.MAX_REPORTS + 1, found.size());
    assertTrue(found.stream().anyMatch(x -> x.message().startsWith((1_000 - AmbiguityCheck.MAX_REPORTS) + " more")),
        found.get(found.size() - 1).message());
  }
}
