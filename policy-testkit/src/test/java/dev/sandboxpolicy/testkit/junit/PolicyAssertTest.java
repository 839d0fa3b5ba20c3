package dev.sandboxpolicy.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.matcher.Verdict;
import dev.sandboxpolicy.model.Policy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link PolicyAssert}: passes return the decision; failures show the entry, the rule and the reason. */
class PolicyAssertTest {

  private static final String YAML = """
      version: 1
      network_policies:
        github:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              rules:
                - allow: {method: GET, path: /repos/**}
              deny_rules:
                - {method: GET, path: /repos/*/*/secrets}
          binaries:
            - path: /usr/bin/gh
      """;

  private static final Policy POLICY = PolicyReader.of(ReadMode.STRICT).readPolicy(YAML).value().orElseThrow();

  private static final NetworkRequest GH = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");

  private static CompiledPolicy compiled() throws PolicyCompileException {
    return CompiledPolicy.compile(POLICY);
  }

  @Test
  void passingAssertionsReturnTheDecision() throws PolicyCompileException {
    Decision d = PolicyAssert.assertAllows(POLICY, L7Request.of(GH, "GET", "/repos/a/b"));
    assertEquals("/network_policies/github/endpoints/0/rules/0", d.rulePointer());
    assertEquals(Optional.of("github"), PolicyAssert.assertAllowedBy(compiled(), GH, "github").matchedPolicy());
    PolicyAssert.assertDenies(POLICY, NetworkRequest.of("api.github.com", 443, "/usr/bin/curl"));
    PolicyAssert.assertDecides(compiled(), NetworkRequest.of("api.github.com\u0000", 443, "/usr/bin/gh"),
        Verdict.DENY);
  }

  @Test
  void aFailedAllowShowsTheRequestEntryRuleAndReason() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> PolicyAssert.assertAllows(POLICY, L7Request.of(GH, "GET", "/repos/a/b/secrets")));
    assertEquals("""
        expected allow but was deny
          request: GET /repos/a/b/secrets on api.github.com:443 /usr/bin/gh
          entry:   github
          rule:    /network_policies/github/endpoints/0/deny_rules/0 (line 11, column 13)
          reason:  GET /repos/a/b/secrets blocked by a deny rule of policy 'github'""", e.getMessage());
    assertEquals("allow", e.getExpected().getValue());
    assertEquals("deny", e.getActual().getValue());
  }

  @Test
  void aFailedDenyShowsTheAllowingRule() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> PolicyAssert.assertDenies(POLICY, L7Request.of(GH, "GET", "/repos/a/b")));
    assertTrue(e.getMessage().startsWith("expected deny but was allow\n"), e.getMessage());
    assertTrue(e.getMessage().contains("  rule:    /network_policies/github/endpoints/0/rules/0 (line 9,"),
        e.getMessage());
  }

  @Test
  void aRefusedConnectionHasNoEntryOrRule() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> PolicyAssert.assertAllows(POLICY,
        NetworkRequest.of("api.github.com", 443, "/usr/bin/curl").withAncestors(java.util.List.of("/bin/sh"))));
    assertTrue(e.getMessage().contains("  request: api.github.com:443 /usr/bin/curl (ancestors /bin/sh)\n"
        + "  entry:   none\n  rule:    none\n  reason:  binary '/usr/bin/curl' not allowed in policy 'github'"),
        e.getMessage());
  }

  @Test
  void theWrongEntryAndAnErrorAreFailuresToo() throws PolicyCompileException {
    AssertionFailedError wrongEntry = assertThrows(AssertionFailedError.class,
        () -> PolicyAssert.assertAllowedBy(compiled(), GH, "pypi"));
    assertEquals("pypi", wrongEntry.getExpected().getValue());
    assertEquals("github", wrongEntry.getActual().getValue());
    // A NUL in a host that a wildcard endpoint's glob reads fails closed: an error, not a deny.
    Policy wild = PolicyReader.of(ReadMode.STRICT).readPolicy("version: 1\nnetwork_policies:\n  w:\n"
        + "    endpoints: [{host: '*.example.com', port: 443}]\n    binaries: [{path: /usr/bin/gh}]\n")
        .value().orElseThrow();
    AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> PolicyAssert.assertDecides(
        CompiledPolicy.compile(wild), NetworkRequest.of("a.example.com\u0000", 443, "/usr/bin/gh"), Verdict.DENY));
    assertEquals("error", error.getActual().getValue());
  }

  @Test
  void aPolicyThatDoesNotCompileFailsWithItsProblems() {
    Policy broken = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(
        "network_policies:\n  a:\n    endpoints: [{host: '*', port: 443}]\n    binaries: [{path: /x}]\n")
        .value().orElseThrow();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> PolicyAssert.assertDenies(broken, GH));
    assertTrue(e.getMessage().startsWith("the policy does not compile:\n"), e.getMessage());
  }
}
