package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link ReferenceVsCompiledTest} (seed 0xbadc0de): a U+0000 query value ({@code ?q=v1.2&q=%00}) after a
 * value that already matched a deny rule's query. §3.2 and §6 rule 13 make a NUL reaching a glob an evaluation
 * error that fails the whole decision closed (ERROR, blocks even under audit). The compiled matcher used to stop at
 * the first matching value, never evaluated the NUL, and returned a deny that an audit endpoint forwards; the same on
 * the allow side (a rule without query allowed before a rule with a query saw the NUL value). Fixed: the matcher
 * screens every field an evaluated endpoint's globs read for U+0000 before its rules (see
 * {@link CompiledPolicy#decideRequest}), as the reference (and upstream's Rego) evaluates every glob over every value.
 */
class NulAfterMatchingQueryValueTest {

  static final String YAML = """
      version: 1
      network_policies:
        cloud:
          endpoints:
            - host: api.store.ai
              port: 443
              protocol: rest
              rules: [{allow: {method: POST, path: /x}}]
              deny_rules: [{method: GET, path: "/**", query: {q: {any: [v1.2, "2"]}}}]
          binaries: [{path: /usr/bin/curl}]
      """;

  @Test
  void referenceFailsClosed() {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(YAML).value().orElseThrow();
    L7Request r = L7Request.of(NetworkRequest.of("api.store.ai", 443, "/usr/bin/curl"), "GET", "/").withQuery(Map.of("q", List.of("v1.2", "v\u0000")));
    assertEquals(ReferenceOutcome.ERROR, ReferenceMatcher.of(policy).decideRequest(r).outcome());
  }

  @Test
  void compiledMatcherFailsClosedOnTheAllowSide() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy("""
        version: 1
        network_policies:
          git:
            endpoints:
              - host: auth.news.org
                port: 9000
                protocol: rest
                rules:
                  - allow: {method: "*", path: "/**"}
                  - allow: {method: OPTIONS, path: "/orgs/users/*", query: {format: a b}}
            binaries: [{path: "/opt/*/bin/*"}]
        """).value().orElseThrow();
    assertEquals(ReferenceOutcome.ERROR, ReferenceMatcher.of(policy).decideRequest(L7Request.of(NetworkRequest.of("auth.news.org", 9000, "/opt/v2/bin/bar"), "OPTIONS", "/orgs/users/a").withQuery(Map.of("format", List.of("v\u0000")))).outcome(), "the reference errs too");
    L7Request r = L7Request.of(NetworkRequest.of("auth.news.org", 9000, "/opt/v2/bin/bar"), "OPTIONS", "/orgs/users/a")
        .withQuery(Map.of("format", List.of("v\u0000")));
    Decision d = CompiledPolicy.compile(policy).decideRequest(r);
    assertEquals(Verdict.ERROR, d.verdict(), d.toString());
    assertTrue(d.blocks());
    assertTrue(d.reason().contains("query parameter 'format' contains U+0000"), d.reason());
    assertTrue(d.reason().contains("fails closed"), d.reason());
  }

  @Test
  void compiledMatcherFailsClosed() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(YAML).value().orElseThrow();
    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    L7Request r = L7Request.of(NetworkRequest.of("api.store.ai", 443, "/usr/bin/curl"), "GET", "/")
        .withQuery(Map.of("q", List.of("v1.2", "v\u0000")));
    Decision d = compiled.decideRequest(r);
    assertEquals(Verdict.ERROR, d.verdict(), d.toString());
    assertTrue(d.blocks(), "an error blocks even where a deny would be audited");
    assertTrue(d.reason().startsWith("evaluation error: value 2 of query parameter 'q' contains U+0000"), d.reason());
    assertTrue(d.reason().contains("fails closed"), d.reason());
  }
}
