package dev.sandboxpolicy.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The naive baseline against the decision rules of spec §3.3–§3.5, on a small hand-written policy. */
class NaiveRegexPolicyTest {
  private static final String POLICY =
      """
      version: 1
      network_policies:
        zeta:
          endpoints:
            - { host: api.example.com, port: 443 }
          binaries:
            - { path: /usr/bin/curl }
        alpha:
          endpoints:
            - host: api.example.com
              port: 443
              protocol: rest
              rules:
                - allow: { method: GET, path: "/v1/**" }
                - allow:
                    method: GET
                    path: /search
                    query:
                      tag: "v*"
                - allow: { method: POST }
              deny_rules:
                - { method: GET, path: "/v1/secret/**" }
                - method: GET
                  path: /search
                  query:
                    tag: { any: ["vbad"] }
          binaries:
            - { path: /usr/bin/curl }
        wild:
          endpoints:
            - { host: "*.cdn.example.com", ports: [443, 8443], protocol: rest, access: read-only }
          binaries:
            - { path: "/opt/venv/bin/python3*" }
      """;

  private final NaiveRegexPolicy naive = NaiveRegexPolicy.of(read(POLICY));

  private static Policy read(String yaml) {
    try {
      return PolicyReader.of(ReadMode.STRICT).readPolicy(yaml).orElseThrow();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private BaselineDecision net(String host, int port, String binary, String... ancestors) {
    return naive.decideNetwork(host, port, binary, List.of(ancestors));
  }

  private BaselineDecision rest(String method, String path, Map<String, List<String>> query) {
    return naive.decideRequest("api.example.com", 443, "/usr/bin/curl", List.of(), method, path, query);
  }

  @Test
  void exactHostIsCaseInsensitiveAndTheSmallestAllowingKeyIsReported() {
    BaselineDecision d = net("API.Example.com", 443, "/usr/bin/curl");
    assertEquals(BaselineDecision.Outcome.ALLOW, d.outcome());
    assertEquals("alpha", d.matchedPolicy());
  }

  @Test
  void portAndUnknownHostDeny() {
    assertEquals("endpoint api.example.com:80 is not allowed by any policy", net("api.example.com", 80, "/usr/bin/curl").reason());
    assertEquals(BaselineDecision.Outcome.DENY, net("other.example.com", 443, "/usr/bin/curl").outcome());
  }

  @Test
  void binaryMayBeAnAncestorOrAGlob() {
    assertEquals(BaselineDecision.Outcome.ALLOW, net("api.example.com", 443, "/bin/sh", "/usr/bin/curl").outcome());
    assertEquals(BaselineDecision.Outcome.DENY, net("api.example.com", 443, "/bin/sh", "/bin/bash").outcome());
    assertEquals(BaselineDecision.Outcome.ALLOW, net("x.cdn.example.com", 8443, "/opt/venv/bin/python3.11").outcome());
    assertEquals(BaselineDecision.Outcome.DENY, net("cdn.example.com", 443, "/opt/venv/bin/python3.11").outcome());
  }

  @Test
  void restRulesFollowMethodPathQueryAndDenyWins() {
    assertEquals(BaselineDecision.Outcome.ALLOW, rest("GET", "/v1/models/x", Map.of()).outcome());
    assertEquals(BaselineDecision.Outcome.ALLOW, rest("head", "/v1/models/x", Map.of()).outcome());
    assertEquals(BaselineDecision.Outcome.DENY, rest("GET", "/v1", Map.of()).outcome());
    assertEquals(BaselineDecision.Outcome.DENY, rest("GET", "/v1/secret/key", Map.of()).outcome());
    assertEquals(BaselineDecision.Outcome.DENY, rest("POST", "/anything", Map.of()).outcome(), "a rule without path never matches");
  }

  @Test
  void queryAllowNeedsEveryValueAndDenyNeedsOne() {
    assertEquals(BaselineDecision.Outcome.ALLOW, rest("GET", "/search", Map.of("tag", List.of("v1", "v2"))).outcome());
    assertEquals(BaselineDecision.Outcome.DENY, rest("GET", "/search", Map.of("tag", List.of("v1", "x"))).outcome());
    assertEquals(BaselineDecision.Outcome.DENY, rest("GET", "/search", Map.of()).outcome());
    assertEquals(BaselineDecision.Outcome.DENY, rest("GET", "/search", Map.of("tag", List.of("v1", "vbad"))).outcome());
  }

  @Test
  void accessPresetExpandsAndNulFailsClosed() {
    BaselineDecision get =
        naive.decideRequest("a.cdn.example.com", 443, "/opt/venv/bin/python3", List.of(), "GET", "/x", Map.of());
    BaselineDecision post =
        naive.decideRequest("a.cdn.example.com", 443, "/opt/venv/bin/python3", List.of(), "POST", "/x", Map.of());
    assertEquals(BaselineDecision.Outcome.ALLOW, get.outcome());
    assertEquals(BaselineDecision.Outcome.DENY, post.outcome());
    assertEquals(BaselineDecision.Outcome.ERROR, rest("GET", "/search", Map.of("tag", List.of("v\0"))).outcome());
  }
}
