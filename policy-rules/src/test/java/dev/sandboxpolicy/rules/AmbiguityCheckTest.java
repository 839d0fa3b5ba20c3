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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmbiguityCheckTest {

  /**
   * The two 10,000-endpoint cases guard against a quadratic check: their budget is this thread's CPU time, not wall
   * time, so that a machine busy with other builds does not fail them.
   */
  private static long threadCpuNanos() {
    try {
      // reflection: this module does not read java.management (tests run on the class path)
      Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
          .invoke(null);
      return (long) Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime")
          .invoke(threads);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("thread CPU time is not available", e);
    }
  }

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

  /** Truth table of route-selector overlap over canonical request paths (spec §2.6, §3.5 step 2, §3.6). */
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "''|/v1/x|true",
    "**|/v1/x|true",
    "/**|/anything|true",
    "/v1/**|/v1|true",          // P/** selects P itself
    "/v1/**|/v1x|false",
    "/v1/**|/v2/**|false",
    "/v1/*|/v1/a/b|true",       // the selector's * crosses '/'
    "/v[12]|/v[34]|false",      // disjoint classes: the case issue 12 names
    "/v[12]|/v[23]|true",
    "/v[!1]|/v1|false",
    "/v?|/v1|true",
    "/v?|/v12|false",
    "/a/**/b|/a/b|true",        // a whole-component ** may be empty
    "/a/**/b|/a/x/y/b|true",
    "/a/**/b|/a/xb|false",
    "/API|/api|false",          // paths are case-sensitive
    "/a%20b|/a*|true",
    "/a b|/a*|false",           // a raw space never survives canonicalization (it is %20)
    "/{a,b}|/*|false",          // '{' is always %7B in a canonical path, and the glob crate has no braces
    "/a/./b|/a/*|false",        // a canonical path has no dot segments
    "/a[|/a*|false",            // invalid for the glob crate: only the literal, which is not canonical
    "/x/*/y|/x/**|true",
  })
  void pathSelectorsOverlapExactlyOnTheAutomata(String a, String b, boolean expected) {
    PathSelectorOverlap overlap = new PathSelectorOverlap();
    assertEquals(expected, overlap.overlap(a, b, false), a + " vs " + b);
    assertEquals(expected, overlap.overlap(b, a, false), b + " vs " + a);
  }

  @Test
  void anEncodedSlashOverlapsOnlyWhereAnEndpointAllowsIt() {
    PathSelectorOverlap overlap = new PathSelectorOverlap();
    assertFalse(overlap.overlap("/a%2Fb", "/a*", false));
    assertTrue(overlap.overlap("/a%2Fb", "/a*", true));
  }

  private static Policy twoRestEntries(String pathA, String pathB) {
    Endpoint.Builder base = Endpoint.builder().host("api.example.com").port(443).protocol("rest").access("read-only");
    return Policy.builder().version(1L)
        .putNetworkPolicies("a", NetworkPolicy.builder()
            .addEndpoints(Endpoint.builder().from(base.build()).path(pathA).enforcement("enforce").build())
            .addBinaries(Binary.builder().path("/usr/bin/curl").build()).build())
        .putNetworkPolicies("b", NetworkPolicy.builder()
            .addEndpoints(Endpoint.builder().from(base.build()).path(pathB).enforcement("audit").build())
            .addBinaries(Binary.builder().path("/usr/bin/curl").build()).build())
        .build();
  }

  @Test
  void disjointPathClassesOnOneHostAndPortAreAccepted() {
    assertEquals(List.of(), ambiguities(twoRestEntries("/v[12]", "/v[34]")));
  }

  @Test
  void overlappingPathClassesWithConflictingEnforcementAreStillRejected() {
    List<Problem> found = ambiguities(twoRestEntries("/v[12]", "/v[23]"));
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("enforcement=enforce vs audit"), found.get(0).message());
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
    long start = threadCpuNanos();
    List<Problem> found = ambiguities(p);
    long millis = (threadCpuNanos() - start) / 1_000_000;
    assertEquals(List.of(), found);
    assertTrue(millis < 3_000, "took " + millis + " ms of thread CPU time");
  }

  @Test
  void tenThousandEndpointsOnOneHostAreGroupedBySignature() {
    // 10,000 identical-metadata endpoints plus one conflicting: exactly one pair per distinct signature pair
    Policy p = policyOf(10_001, i -> ep("api.example.com", i == 10_000 ? "skip" : ""));
    long start = threadCpuNanos();
    List<Problem> found = ambiguities(p);
    long millis = (threadCpuNanos() - start) / 1_000_000;
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("tls=auto vs skip"), found.get(0).message());
    assertTrue(millis < 3_000, "took " + millis + " ms of thread CPU time");
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
