package dev.sandboxpolicy.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference matcher against the rules of the language spec §3 and §6 that are most often implemented wrong. */
class ReferenceMatcherTest {

  private static ReferenceMatcher ref(String yaml) {
    return ReferenceMatcher.of(PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(yaml).value().orElseThrow());
  }

  private static final String REST = """
      version: 1
      network_policies:
        b_api:
          endpoints:
            - host: api.example.com
              port: 443
              protocol: rest
              %s
              rules:
                - allow: {method: GET, path: "/api/**"}
                - allow: {method: POST, path: /upload, query: {tag: "v*"}}
                - allow: {method: PUT, path: /norule}
                - allow: {method: PATCH}
              deny_rules:
                - {method: GET, path: /api/secret}
                - {method: POST, path: /upload, query: {force: "true", tag: "*"}}
          binaries: [{path: /usr/bin/curl}, {path: "/opt/*/bin/tool"}]
        a_other:
          endpoints:
            - {host: "*.example.com", port: 443}
            - {host: "**.deep.org", port: 8443}
            - {host: "", port: 5432, allowed_ips: [10.0.0.0/8]}
          binaries: [{path: /usr/bin/curl}]
      """;

  private static L7Request get(String method, String path, Map<String, List<String>> query) {
    return L7Request.of(NetworkRequest.of("api.example.com", 443, "/usr/bin/curl"), method, path).withQuery(query);
  }

  @Test
  void enforcementDefaultsToAuditAndOnlyEnforceBlocks() {
    assertEquals(ReferenceOutcome.AUDIT, ref(REST.formatted("")).decideRequest(get("DELETE", "/api/x", Map.of())).outcome());
    assertEquals(ReferenceOutcome.AUDIT, ref(REST.formatted("enforcement: Enforce")).decideRequest(get("DELETE", "/api/x", Map.of())).outcome());
    assertEquals(ReferenceOutcome.DENY, ref(REST.formatted("enforcement: enforce")).decideRequest(get("DELETE", "/api/x", Map.of())).outcome());
  }

  @Test
  void pathGlobsFollowRegoSemantics() {
    ReferenceMatcher r = ref(REST.formatted("enforcement: enforce"));
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(get("GET", "/api/v1/x", Map.of())).outcome());
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("GET", "/api", Map.of())).outcome(), "/api/** does not match /api");
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(get("GET", "/api/", Map.of())).outcome());
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("PATCH", "/anything", Map.of())).outcome(), "rule without path never matches");
  }

  @Test
  void headSatisfiesGetAndGetDenyBlocksHead() {
    ReferenceMatcher r = ref(REST.formatted("enforcement: enforce"));
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(get("HEAD", "/api/x", Map.of())).outcome());
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(get("get", "/api/x", Map.of())).outcome(), "methods are case-insensitive");
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("HEAD", "/api/secret", Map.of())).outcome());
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("OPTIONS", "/api/x", Map.of())).outcome(), "GET does not imply OPTIONS");
  }

  @Test
  void querySemanticsAllowEveryValueDenyAnyValue() {
    ReferenceMatcher r = ref(REST.formatted("enforcement: enforce"));
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(get("POST", "/upload", Map.of("tag", List.of("v1", "v2")))).outcome());
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("POST", "/upload", Map.of("tag", List.of("v1", "x")))).outcome(), "every value");
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("POST", "/upload", Map.of("tag", List.of("v1.2")))).outcome(), "* stops at .");
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("POST", "/upload", Map.of())).outcome(), "missing key");
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(get("POST", "/upload", Map.of("tag", List.of("v1"), "force", List.of("no", "true")))).outcome(), "deny: any value");
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(get("POST", "/upload", Map.of("tag", List.of("v1"), "force", List.of("no")))).outcome());
  }

  @Test
  void hostMatching() {
    ReferenceMatcher r = ref(REST.formatted(""));
    assertTrue(r.decideNetwork(NetworkRequest.of("API.Example.COM", 443, "/usr/bin/curl")).allowed());
    assertEquals("a_other", r.decideNetwork(NetworkRequest.of("api.example.com", 443, "/usr/bin/curl")).matchedPolicy(), "smallest key");
    assertTrue(r.decideNetwork(NetworkRequest.of("www.example.com", 443, "/usr/bin/curl")).allowed());
    assertEquals(ReferenceOutcome.DENY, r.decideNetwork(NetworkRequest.of("example.com", 443, "/usr/bin/curl")).outcome(), "*. not apex");
    assertEquals(ReferenceOutcome.DENY, r.decideNetwork(NetworkRequest.of("a.b.example.com", 443, "/usr/bin/curl")).outcome(), "* one label");
    assertTrue(r.decideNetwork(NetworkRequest.of("api.example.com.", 443, "/usr/bin/curl")).allowed(), "one trailing dot removed");
    assertEquals(ReferenceOutcome.DENY, r.decideNetwork(NetworkRequest.of("api.example.com..", 443, "/usr/bin/curl")).outcome(), "two are not one");
    assertEquals("endpoint api.other.org.:443 is not allowed by any policy",
        r.decideNetwork(NetworkRequest.of("api.other.org.", 443, "/usr/bin/curl")).reason(), "the host as given");
    assertTrue(r.decideNetwork(NetworkRequest.of("WWW.example.com.", 443, "/usr/bin/curl")).allowed(), "wildcard, any case");
    assertEquals(ReferenceOutcome.DENY, r.decideNetwork(NetworkRequest.of("example.com.", 443, "/usr/bin/curl")).outcome(), "*. not apex, dot or not");
    assertTrue(r.decideNetwork(NetworkRequest.of("a.b.deep.org", 8443, "/usr/bin/curl")).allowed());
    assertEquals(ReferenceOutcome.DENY, r.decideNetwork(NetworkRequest.of("deep.org", 8443, "/usr/bin/curl")).outcome(), "**. needs a label");
    assertTrue(r.decideNetwork(NetworkRequest.of("anything.at.all", 5432, "/usr/bin/curl")).allowed(), "hostless + allowed_ips");
    assertEquals(ReferenceOutcome.ERROR, r.decideNetwork(NetworkRequest.of("a\u0000.example.com", 443, "/usr/bin/curl")).outcome());
  }

  @Test
  void binariesAndL4Reasons() {
    ReferenceMatcher r = ref(REST.formatted(""));
    assertTrue(r.decideNetwork(NetworkRequest.of("api.example.com", 443, "/opt/x/bin/tool")).allowed(), "glob binary");
    assertEquals(ReferenceOutcome.DENY, r.decideNetwork(NetworkRequest.of("api.example.com", 443, "/opt/x/y/bin/tool")).outcome(), "* stays in one segment");
    assertTrue(r.decideNetwork(NetworkRequest.of("api.example.com", 443, "/usr/bin/python3").withAncestors(List.of("/bin/sh", "/usr/bin/curl"))).allowed(), "ancestor");
    ReferenceDecision wrongBinary = r.decideNetwork(NetworkRequest.of("api.example.com", 443, "/usr/bin/nc"));
    assertEquals("binary '/usr/bin/nc' not allowed in policy 'a_other' (ancestors: [], cmdline: []); "
        + "binary '/usr/bin/nc' not allowed in policy 'b_api' (ancestors: [], cmdline: [])", wrongBinary.reason());
    assertEquals("endpoint api.example.com:444 is not allowed by any policy",
        r.decideNetwork(NetworkRequest.of("api.example.com", 444, "/usr/bin/curl")).reason());
    assertEquals("network connections not allowed by policy",
        ReferenceMatcher.of(Policy.builder().version(1L).build()).decideNetwork(NetworkRequest.of("a", 1, "/b")).reason());
  }

  @Test
  void unknownAccessAllowsNothingAndPresetsExpand() {
    String yaml = """
        version: 1
        network_policies:
          p:
            endpoints:
              - {host: a.com, port: 443, protocol: rest, enforcement: enforce, access: read-only}
              - {host: b.com, port: 443, protocol: rest, enforcement: enforce, access: allow}
              - {host: c.com, port: 443, protocol: websocket, enforcement: enforce, access: read-write}
            binaries: [{path: /usr/bin/curl}]
        """;
    ReferenceMatcher r = ref(yaml);
    L7Request base = L7Request.of(NetworkRequest.of("a.com", 443, "/usr/bin/curl"), "GET", "/x/y");
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(base).outcome());
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(L7Request.of(base.connection(), "POST", "/x").withQuery(Map.of())).outcome());
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(L7Request.of(NetworkRequest.of("b.com", 443, "/usr/bin/curl"), "GET", "/")).outcome());
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(L7Request.of(NetworkRequest.of("c.com", 443, "/usr/bin/curl"), "WEBSOCKET_TEXT", "/s")).outcome());
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(L7Request.of(NetworkRequest.of("c.com", 443, "/usr/bin/curl"), "POST", "/s")).outcome());
  }

  @Test
  void denyOnAnyMatchingEndpointOfAnyRuleWins() {
    String yaml = """
        version: 1
        network_policies:
          allow_all:
            endpoints: [{host: a.com, port: 443, protocol: rest, enforcement: enforce, access: full}]
            binaries: [{path: /usr/bin/curl}]
          deny_admin:
            endpoints:
              - host: a.com
                port: 443
                protocol: rest
                enforcement: enforce
                access: full
                deny_rules: [{method: "*", path: "/admin/**"}]
            binaries: [{path: /usr/bin/curl}]
        """;
    ReferenceMatcher r = ref(yaml);
    ReferenceDecision d = r.decideRequest(L7Request.of(NetworkRequest.of("a.com", 443, "/usr/bin/curl"), "GET", "/admin/x"));
    assertEquals(ReferenceOutcome.DENY, d.outcome());
    assertEquals("deny_admin", d.matchedPolicy());
    // The deny only applies to callers whose binary matched the denying entry.
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(L7Request.of(NetworkRequest.of("a.com", 443, "/usr/bin/curl"), "GET", "/ok")).outcome());
  }

  @Test
  void invalidGlobAtRequestTimeFailsClosed() {
    String yaml = """
        version: 1
        network_policies:
          p:
            endpoints:
              - host: a.com
                port: 443
                protocol: rest
                rules: [{allow: {method: GET, path: "/x/[ab"}}, {allow: {method: GET, path: "/**"}}]
            binaries: [{path: /usr/bin/curl}]
        """;
    ReferenceDecision d = ref(yaml).decideRequest(L7Request.of(NetworkRequest.of("a.com", 443, "/usr/bin/curl"), "GET", "/y"));
    assertEquals(ReferenceOutcome.ERROR, d.outcome(), d.reason());
  }
}
