package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 2: a request decision never depends on the caller having canonicalized the path. Each raw path is
 * decided as its canonical form, or refused with the canonicalization code.
 */
class RawPathDecisionTest {
  private static final NetworkRequest CONN = NetworkRequest.of("api.example.com", 443, "/usr/bin/gh");
  private static final CompiledPolicy POLICY = TestPolicies.compile(TestPolicies.oneEndpoint("repos",
      "api.example.com", "/usr/bin/gh", """
          protocol: rest
          rules:
            - allow: {method: GET, path: "/repos/**"}
          deny_rules:
            - {method: GET, path: "/repos/a/secret/*"}
          """));

  private static Decision get(String path) {
    return POLICY.decideRequest(L7Request.of(CONN, "GET", path));
  }

  @Test
  void theIssuesRawPathsAreDecidedAsTheirCanonicalForm() {
    assertEquals(Verdict.DENY, get("/repos/a/secret/k").verdict(), "the canonical path is denied");
    for (String raw : List.of("/repos/a/x/../secret/k", "/repos/a//secret/k", "/repos/a/secret;x/k",
        "/repos/a/./secret/k", "/repos/a/secret/k;v=1", "/repos/a/%73ecret/k", "//repos///a/secret/k",
        "/repos/a/secret/x/../k", "/repos/a/%2e/secret/k", "/repos/b/..;/a/secret/k")) {
      Decision d = get(raw);
      assertEquals(Verdict.DENY, d.verdict(), raw + ": " + d);
      assertEquals("/network_policies/repos/endpoints/0/deny_rules/0", d.rulePointer(), raw);
    }
    assertEquals("/repos/a/secret/k", L7Request.of(CONN, "GET", "/repos/a/x/../secret/k").path());
    assertTrue(get("/repos/a/x/../public/k").isAllowed());
  }

  @Test
  void aPathTheProxyMustRejectIsABlockingDenialNamingTheCode() {
    record Case(String path, String code) {}
    for (Case c : List.of(new Case("/repos/../../etc", "path_traversal"), new Case("/repos/%zz", "invalid_percent_encoding"),
        new Case("/repos/%00", "encoded_control_character"), new Case("/repos/a\r\nb", "control_character"),
        new Case("/repos/é", "non_ascii"), new Case("/repos/a#b", "fragment"), new Case("repos/a", "path_not_absolute"),
        new Case("/" + "a".repeat(CanonicalTarget.MAX_PATH_BYTES), "path_too_long"),
        new Case("/repos/a%2F..%2Fsecret", "dot_segment"))) {
      L7Request r = L7Request.of(CONN, "GET", c.path());
      assertEquals(c.code(), r.pathRejection().orElseThrow().code(), c.path());
      Decision d = POLICY.decideRequest(r);
      assertEquals(Verdict.DENY, d.verdict(), c.path());
      assertTrue(d.blocks(), c.path());
      assertTrue(d.reason().startsWith("request path rejected (" + c.code() + ")"), d.reason());
    }
  }

  @Test
  void anEncodedSlashIsKeptAndRefusedUnlessTheEndpointAllowsIt() {
    assertEquals("/repos/a%2Fb", L7Request.of(CONN, "GET", "/repos/a%2fb").path());
    Decision d = get("/repos/a%2Fb");
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.reason().contains("encoded slash"), d.reason());
    CompiledPolicy allowing = TestPolicies.compile(TestPolicies.oneEndpoint("r", "api.example.com", "/usr/bin/gh", """
        protocol: rest
        allow_encoded_slash: true
        rules: [{allow: {method: GET, path: "/repos/*"}}]
        """));
    assertTrue(allowing.decideRequest(L7Request.of(CONN, "GET", "/repos/a%2Fb")).isAllowed());
  }

  @Test
  void canonicalPathsAreKeptAsGivenAndTheFastCheckAgreesWithTheCanonicalizer() throws RequestTargetException {
    String canonical = "/repos/acme/widgets/issues/42/comments";
    assertSame(canonical, L7Request.of(CONN, "GET", canonical).path());
    assertSame(canonical, CanonicalTarget.canonicalPath(canonical, false));
    for (String p : List.of("/", "/a/", "/a%20b", "/a@b:c", "/%C3%A9", "/a~b.c-d_e!$&'()*+,=", "/a%25b")) {
      assertTrue(CanonicalTarget.isCanonicalPath(p), p);
      assertEquals(p, CanonicalTarget.canonicalPath(p, false));
    }
    for (String p : List.of("", "a", "//", "/a//b", "/.", "/a/..", "/a;b", "/a%2f", "/a%40", "/%c3%a9", "/a?b", "/a b",
        "/a%2F", "/%3B")) {
      assertTrue(!CanonicalTarget.isCanonicalPath(p), p);
    }
    assertEquals("/a%3Fb", CanonicalTarget.canonicalPath("/a?b", false), "? is an ordinary character in a path");
    assertThrows(RequestTargetException.class, () -> CanonicalTarget.canonicalPath("/a%2Fb", false));
  }
}
