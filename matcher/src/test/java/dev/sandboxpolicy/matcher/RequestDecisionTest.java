package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Enforcement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request (L7) decisions: spec §3.5 and §6 rules 1–8, 13, 15. */
class RequestDecisionTest {
  private static final NetworkRequest CONN = NetworkRequest.of("api.example.com", 443, "/bin/agent");

  private static Decision req(CompiledPolicy p, String method, String path) {
    return p.decideRequest(L7Request.of(CONN, method, path));
  }

  private static Decision req(CompiledPolicy p, String method, String path, Map<String, List<String>> query) {
    return p.decideRequest(L7Request.of(CONN, method, path).withQuery(query));
  }

  private static CompiledPolicy one(String endpointYaml) {
    return TestPolicies.compile(TestPolicies.oneEndpoint("api", "api.example.com", "/bin/agent", endpointYaml));
  }

  @Test
  void rule1EnforcementDefaultsToAuditAndOnlyExactEnforceBlocks() {
    String rules = "protocol: rest\nrules: [{allow: {method: GET, path: /ok}}]\n";
    Decision absent = req(one(rules), "POST", "/x");
    assertEquals(Verdict.DENY, absent.verdict());
    assertEquals(Optional.of(Enforcement.AUDIT), absent.enforcement());
    assertFalse(absent.blocks());
    Decision typo = req(one(rules + "enforcement: Enforce\n"), "POST", "/x");
    assertEquals(Optional.of(Enforcement.AUDIT), typo.enforcement());
    Decision enforced = req(one(rules + "enforcement: enforce\n"), "POST", "/x");
    assertEquals(Optional.of(Enforcement.ENFORCE), enforced.enforcement());
    assertTrue(enforced.blocks());
    assertEquals("POST /x not permitted by policy", enforced.reason());
  }

  @Test
  void rule2RulePathNeedsTheSlashButRouteSelectorDoesNot() {
    CompiledPolicy single = one("protocol: rest\nenforcement: enforce\nrules: [{allow: {method: GET, path: /api/**}}]\n");
    assertTrue(req(single, "GET", "/api/").isAllowed());
    assertTrue(req(single, "GET", "/api/v1/x").isAllowed());
    assertFalse(req(single, "GET", "/api").isAllowed());

    CompiledPolicy routed = TestPolicies.compile("""
        network_policies:
          api:
            endpoints:
              - {host: api.example.com, port: 443, path: "/v1/**", protocol: rest, enforcement: enforce, access: full}
              - {host: api.example.com, port: 443, path: "/v2/**", protocol: rest, access: full}
            binaries: [{path: /bin/agent}]
        """);
    // The Rust selector picks the /v1/** config for /v1 (enforce), but Rego's selector check fails: denied.
    Decision v1 = req(routed, "GET", "/v1");
    assertEquals(Verdict.DENY, v1.verdict());
    assertEquals(Optional.of(Enforcement.ENFORCE), v1.enforcement());
    assertTrue(req(routed, "GET", "/v1/x").isAllowed());
    assertEquals(Optional.of(Enforcement.AUDIT), req(routed, "GET", "/v2/x").enforcement());
    // Several inspected configs and none selected: a hard denial, not relaxed by audit.
    Decision none = req(routed, "GET", "/v3/x");
    assertEquals("no L7 endpoint path matched request", none.reason());
    assertTrue(none.blocks());
  }

  @Test
  void routeSelectionPrefersTheMostSpecificSelector() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          api:
            endpoints:
              - {host: api.example.com, port: 443, path: "/**", protocol: rest, access: full}
              - {host: api.example.com, port: 443, path: "/admin/*", protocol: rest, enforcement: enforce, access: read-only}
            binaries: [{path: /bin/agent}]
        """);
    // The Rust selector's '*' crosses '/', so /admin/* is selected for /admin/a/b (enforce) ...
    Decision d = req(p, "DELETE", "/admin/a/b");
    assertEquals(Optional.of(Enforcement.ENFORCE), d.enforcement());
    // ... yet the rule verdict comes from all endpoints: the /** endpoint's full access allows it.
    assertTrue(d.isAllowed());
    assertEquals(Optional.of(Enforcement.AUDIT), req(p, "GET", "/public").enforcement());
  }

  @Test
  void rule3StarNeverCrossesSlashAndApiStarStarIsApiStar() {
    CompiledPolicy p = one("protocol: rest\nrules:\n  - allow: {method: GET, path: /api/*}\n  - allow: {method: GET, path: /v**}\n");
    assertTrue(req(p, "GET", "/api/users").isAllowed());
    assertFalse(req(p, "GET", "/api/users/1").isAllowed());
    assertTrue(req(p, "GET", "/v1").isAllowed());
    assertFalse(req(p, "GET", "/v1/users").isAllowed());
  }

  @Test
  void rule4QueryGlobsTreatDotAsSeparatorAndSlashAsOrdinary() {
    CompiledPolicy p = one("protocol: rest\nrules: [{allow: {method: GET, path: /x, query: {tag: \"*\"}}}]\n");
    assertTrue(req(p, "GET", "/x", Map.of("tag", List.of("v1"))).isAllowed());
    assertFalse(req(p, "GET", "/x", Map.of("tag", List.of("v1.2"))).isAllowed());
    assertTrue(req(p, "GET", "/x", Map.of("tag", List.of("a/b"))).isAllowed());
  }

  @Test
  void rule5HeadSatisfiesGetAndGetDenyBlocksHead() {
    CompiledPolicy p = one("""
        protocol: rest
        rules: [{allow: {method: get, path: "**"}}]
        deny_rules: [{method: GET, path: /secret}]
        """);
    assertTrue(req(p, "HEAD", "/x").isAllowed());
    assertTrue(req(p, "Get", "/x").isAllowed()); // ASCII case-insensitive
    assertFalse(req(p, "OPTIONS", "/x").isAllowed()); // OPTIONS is not implied by GET
    Decision head = req(p, "HEAD", "/secret");
    assertEquals(Verdict.DENY, head.verdict());
    assertEquals("/network_policies/api/endpoints/0/deny_rules/0", head.rulePointer());
    assertEquals(Optional.of("api"), head.matchedPolicy());
  }

  @Test
  void rule6QueryAllowNeedsEveryValueDenyNeedsAnyValueAndMissingKeyDisablesDeny() {
    CompiledPolicy p = one("""
        protocol: rest
        rules: [{allow: {method: GET, path: /s, query: {q: "ok-*"}}}]
        deny_rules: [{method: GET, path: /s, query: {debug: "true", q: "*"}}]
        """);
    assertTrue(req(p, "GET", "/s", Map.of("q", List.of("ok-1", "ok-2"))).isAllowed());
    // Parameter pollution: one bad value is enough to fail the allow side.
    assertFalse(req(p, "GET", "/s", Map.of("q", List.of("ok-1", "bad"))).isAllowed());
    // The key must be present on the allow side.
    assertFalse(req(p, "GET", "/s").isAllowed());
    // Deny: every key present and some value matches.
    assertEquals(Verdict.DENY, req(p, "GET", "/s", Map.of("q", List.of("ok-1"), "debug", List.of("no", "true")))
        .verdict());
    assertTrue(req(p, "GET", "/s", Map.of("q", List.of("ok-1"), "debug", List.of("no"))).isAllowed());
    // A missing deny key disables the deny rule.
    assertTrue(req(p, "GET", "/s", Map.of("q", List.of("ok-1"), "extra", List.of("true"))).isAllowed());
  }

  @Test
  void rule7DenyOnAnyMatchingEntryWinsOverAnotherEntrysAllow() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          a-allows:
            endpoints: [{host: api.example.com, port: 443, protocol: rest, access: full}]
            binaries: [{path: /bin/agent}]
          b-denies:
            endpoints:
              - host: "*.example.com"
                port: 443
                protocol: rest
                access: read-only
                deny_rules: [{method: "*", path: "/admin/**"}]
            binaries: [{path: /bin/agent}]
          c-other-binary:
            endpoints:
              - host: api.example.com
                port: 443
                protocol: rest
                access: full
                deny_rules: [{method: "*", path: "/**"}]
            binaries: [{path: /bin/other}]
        """);
    Decision d = req(p, "POST", "/admin/users");
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals(Optional.of("b-denies"), d.matchedPolicy());
    // A deny in an entry whose binary does not match does not apply.
    Decision ok = req(p, "POST", "/users");
    assertTrue(ok.isAllowed());
    assertEquals(Optional.of("a-allows"), ok.matchedPolicy());
  }

  @Test
  void rule8AllowIsExistentialOverAllEndpointsIncludingProtocolLessAccess() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          strict:
            endpoints: [{host: api.example.com, port: 443, protocol: rest, enforcement: enforce,
                         rules: [{allow: {method: GET, path: /a}}]}]
            binaries: [{path: /bin/agent}]
          loose:
            endpoints: [{host: api.example.com, port: 443, access: read-write}]
            binaries: [{path: /bin/agent}]
        """);
    Decision d = req(p, "POST", "/b");
    assertTrue(d.isAllowed());
    assertEquals(Optional.of("loose"), d.matchedPolicy());
    assertEquals("/network_policies/loose/endpoints/0/access", d.rulePointer());
    assertEquals(Optional.of(Enforcement.ENFORCE), d.enforcement()); // from the one inspected config
    assertFalse(req(p, "DELETE", "/b").isAllowed()); // DELETE only through full
  }

  @Test
  void rule13NulInAQueryValueAndABadRuleGlobFailClosed() {
    CompiledPolicy p = one("protocol: rest\nrules: [{allow: {method: GET, path: /x, query: {a: \"*\"}}}]\n");
    Decision nul = req(p, "GET", "/x", Map.of("a", List.of("x\0y")));
    assertEquals(Verdict.ERROR, nul.verdict());
    assertTrue(nul.blocks());
    CompiledPolicy bad = one("protocol: rest\nrules: [{allow: {method: GET, path: \"/x/{a\"}}, {allow: {method: POST, path: /y}}]\n");
    assertTrue(bad.warnings().stream().anyMatch(w -> w.code().equals("glob_invalid")));
    Decision d = req(bad, "GET", "/x/a");
    assertEquals(Verdict.ERROR, d.verdict());
    assertTrue(d.reason().contains("glob_unclosed_alternates"), d.reason());
  }

  @Test
  void rule15UnknownAccessAllowsNothingAndPathlessRulesNeverMatch() {
    assertFalse(req(one("protocol: rest\naccess: allow\n"), "GET", "/").isAllowed());
    CompiledPolicy p = one("""
        protocol: rest
        rules: [{allow: {method: GET}}, {allow: {method: POST, path: "**"}}]
        deny_rules: [{method: POST}]
        """);
    assertFalse(req(p, "GET", "/x").isAllowed());
    // The path-less deny rule never fires.
    assertTrue(req(p, "POST", "/x").isAllowed());
  }

  @Test
  void accessPresetsExpandPerProtocol() {
    CompiledPolicy ro = one("protocol: rest\naccess: read-only\n");
    assertTrue(req(ro, "OPTIONS", "/a/b").isAllowed());
    assertFalse(req(ro, "POST", "/a").isAllowed());
    CompiledPolicy ws = one("protocol: websocket\naccess: read-write\n");
    assertTrue(req(ws, "WEBSOCKET_TEXT", "/socket").isAllowed());
    assertFalse(req(ws, "POST", "/socket").isAllowed());
    CompiledPolicy wsRo = one("protocol: websocket\naccess: read-only\n");
    assertFalse(req(wsRo, "WEBSOCKET_TEXT", "/socket").isAllowed());
    CompiledPolicy full = one("protocol: rest\naccess: full\n");
    assertTrue(req(full, "DELETE", "/a").isAllowed());
    assertTrue(req(full, "PURGE", "/a").isAllowed());
  }

  @Test
  void endpointPathSelectorUsesTheRegoGlobForRules() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          api:
            endpoints:
              - {host: api.example.com, port: 443, protocol: rest, path: "/v1/*", access: full}
            binaries: [{path: /bin/agent}]
        """);
    assertTrue(req(p, "GET", "/v1/x").isAllowed());
    assertFalse(req(p, "GET", "/v1/x/y").isAllowed());
  }

  @Test
  void encodedSlashNeedsTheSelectedConfigToAllowIt() {
    assertTrue(req(one("protocol: rest\naccess: full\n"), "GET", "/a%2Fb").blocks());
    assertTrue(req(one("protocol: rest\naccess: full\nallow_encoded_slash: true\n"), "GET", "/a%2Fb").isAllowed());
  }

  @Test
  void allowPathIsAConstantPerRule() {
    CompiledPolicy p = one("protocol: rest\nrules: [{allow: {method: GET, path: \"/x/*\"}}]\n");
    Decision a = req(p, "GET", "/x/1");
    assertSame(a, req(p, "GET", "/x/2"));
    assertEquals("/network_policies/api/endpoints/0/rules/0", a.rulePointer());
    assertTrue(a.ruleLocation().line() > 0, "source line of the rule");
  }
}
