package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The host index finds exactly the entries a scan of every endpoint finds: random exact and wildcard host patterns
 * over a small label alphabet, compared with a naive key-order scan using the spec's host rule directly.
 */
class HostIndexDifferentialTest {
  private static final String[] LABELS = {"a", "b", "api", "x-ai", "A", "*", "**", "*-ai", "a*", "{a,b}", "[ab]"};

  @Test
  void indexAgreesWithAScanOfAllEndpoints() throws Exception {
    long seed = Long.getLong("index.seed", 11L);
    Random random = new Random(seed);
    for (int round = 0; round < 40; round++) {
      Map<String, String[]> hosts = new TreeMap<>();
      Policy.Builder b = Policy.builder().version(1L);
      for (int i = 0; i < 25; i++) {
        String key = "k" + random.nextInt(1000);
        String host = randomHost(random, true);
        int port = 440 + random.nextInt(4);
        hosts.put(key, new String[] {host, String.valueOf(port)});
        b.putNetworkPolicies(key, NetworkPolicy.builder()
            .addEndpoints(Endpoint.builder().host(host).port(port).build())
            .addBinaries(Binary.builder().path("/bin/x").build())
            .build());
      }
      CompiledPolicy p = CompiledPolicy.compile(b.build(), MatcherOptions.defaults().withValidation(false));
      for (int q = 0; q < 60; q++) {
        String host = randomHost(random, false);
        int port = 440 + random.nextInt(4);
        Optional<String> expected = Optional.empty();
        // Upstream-changes item 4: one trailing dot of the requested host is removed before comparing.
        String compared = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (Map.Entry<String, String[]> e : hosts.entrySet()) {
          if (Integer.parseInt(e.getValue()[1]) == port && hostMatches(e.getValue()[0], compared)) {
            expected = Optional.of(e.getKey());
            break;
          }
        }
        Decision d = p.decideNetwork(NetworkRequest.of(host, port, "/bin/x"));
        if (d.verdict() == Verdict.ERROR) {
          continue; // a wildcard that does not compile: fails closed, covered elsewhere
        }
        final Optional<String> want = expected;
        assertEquals(want, d.matchedPolicy(), () -> "seed " + seed + ": host " + host + ":" + port + " in " + hosts);
      }
    }
  }

  /** A requested port no endpoint lists, negative ones included, matches no endpoint, wildcard or exact. */
  @Test
  void aPortNoEndpointListsMatchesNothing() throws Exception {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          w:
            endpoints: [{host: "*.example.com", port: 443}, {host: api.example.com, port: 443}]
            binaries: [{path: /bin/x}]
        """);
    for (int port : new int[] {-1, 0, 80, Integer.MIN_VALUE, 65_536}) {
      assertEquals(Verdict.DENY, p.decideNetwork(NetworkRequest.of("a.example.com", port, "/bin/x")).verdict());
      assertEquals(Verdict.DENY, p.decideNetwork(NetworkRequest.of("api.example.com", port, "/bin/x")).verdict());
    }
    assertEquals(Verdict.ALLOW, p.decideNetwork(NetworkRequest.of("a.example.com", 443, "/bin/x")).verdict());
  }

  /** Spec §3.3 literally (after the trailing dot is gone): lower-cased equality, or G(lower(pattern), ["."], lower(host)) when it has a '*'. */
  private static boolean hostMatches(String pattern, String host) {
    if (pattern.indexOf('*') < 0) {
      return pattern.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
    }
    GlobPattern g;
    try {
      g = GlobPattern.parse(pattern.toLowerCase(Locale.ROOT), GlobDelimiters.DOT);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return GlobMatcher.compile(g).matches(host.toLowerCase(Locale.ROOT));
  }

  private static String randomHost(Random r, boolean pattern) {
    int labels = 1 + r.nextInt(4);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < labels; i++) {
      String label = LABELS[r.nextInt(pattern ? LABELS.length : 5)];
      sb.append(i == 0 ? "" : ".").append(label);
    }
    if (!pattern && r.nextInt(10) == 0) {
      sb.append(r.nextBoolean() ? "." : ".."); // one trailing dot is removed, two are not one
    }
    return sb.toString();
  }
}
