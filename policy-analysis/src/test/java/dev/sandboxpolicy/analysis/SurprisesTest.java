package dev.sandboxpolicy.analysis;

import static dev.sandboxpolicy.analysis.Policies.entry;
import static dev.sandboxpolicy.analysis.Policies.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SurprisesTest {
  private static final Policy POLICY = network(
      entry("gh", "/usr/bin/gh",
          "host: api.github.com\nport: 443\nprotocol: rest\nenforcement: enforce\nrules:\n"
              + "  - allow: {method: GET, path: /repos/**}\n"
              + "  - allow: {method: GET, path: /search/code, query: {tag: 'v*'}}")
      + entry("wild", "/usr/bin/curl", "host: '*.example.com'\nport: 443")
      + entry("typo", "/usr/bin/curl", "host: api.typo.dev\nport: 443\nprotocol: rest\nenforcement: enforced\n"
          + "rules:\n  - allow: {method: GET, path: /status}")
      + entry("ip", "/usr/bin/curl", "host: 10.200.0.2\nport: 18789\nallowed_ips: [10.200.0.2]"));

  private static Map<String, String> byKind(List<Surprise> surprises) {
    Map<String, String> out = new TreeMap<>();
    for (Surprise s : surprises) {
      out.merge(s.kind().wireName(), s.outcome() + " " + s.request(), (a, b) -> a + " | " + b);
    }
    return out;
  }

  @Test
  void eachBoundaryRequestIsDecidedByTheMatcher() throws Exception {
    List<Surprise> found = PolicyAnalysis.surprises(POLICY);
    Map<String, String> kinds = byKind(found);
    assertEquals("denied connect example.com:443 by /usr/bin/curl", kinds.get("wildcard_apex"));
    assertEquals("denied connect a.b.example.com:443 by /usr/bin/curl", kinds.get("wildcard_depth"));
    assertTrue(kinds.get("host_case").startsWith("allowed connect API.GITHUB.COM:443"), kinds.toString());
    // the trailing-dot surprise reports whatever the compiled matcher decides for the dotted spelling
    String dotted = dev.sandboxpolicy.matcher.CompiledPolicy.compile(POLICY).decideNetwork(
        dev.sandboxpolicy.matcher.NetworkRequest.of("api.github.com.", 443, "/usr/bin/gh")).isAllowed()
        ? "allowed" : "denied";
    assertTrue(kinds.get("trailing_dot").startsWith(dotted + " connect api.github.com.:443"), kinds.toString());
    assertEquals("denied GET api.github.com:443/repos by /usr/bin/gh", kinds.get("path_without_slash"));
    // HEAD satisfies GET, but the GET rule on /search/code also needs the tag query, which the probe lacks
    assertTrue(kinds.get("head_under_get").contains("allowed HEAD api.typo.dev:443/status"), kinds.toString());
    assertEquals("denied GET api.github.com:443/search/code?tag=v1.2 by /usr/bin/gh", kinds.get("query_dot"));
    assertTrue(kinds.get("encoded_slash").startsWith("rejected GET api.github.com:443/search%2Fcode"),
        kinds.toString());
    assertEquals("audited TRACE api.typo.dev:443/ by /usr/bin/curl", kinds.get("audit_enforcement"));
    assertTrue(kinds.get("ipv4_mapped").startsWith("denied connect ::ffff:10.200.0.2:18789"), kinds.toString());
    assertTrue(kinds.get("path_case").contains("/Repos") || kinds.get("path_case").contains("/Search"),
        kinds.toString());
  }

  @Test
  void everySurpriseNamesItsPatternAndLine() throws Exception {
    for (Surprise s : PolicyAnalysis.surprises(POLICY)) {
      assertTrue(s.pointer().startsWith("/network_policies/"), s.toString());
      assertTrue(s.location().line() > 0, s.toString());
      assertTrue(!s.explanation().isEmpty() && !s.pattern().isEmpty(), s.toString());
    }
  }

  @Test
  void anEnforcedEndpointHasNoAuditSurprise() throws Exception {
    Policy p = network(entry("gh", "/usr/bin/gh",
        "host: api.github.com\nport: 443\nprotocol: rest\nenforcement: enforce\nrules:\n"
            + "  - allow: {method: POST, path: /x}"));
    assertTrue(PolicyAnalysis.surprises(p).stream().noneMatch(s -> s.kind() == Surprise.Kind.AUDIT_ENFORCEMENT));
  }
}
