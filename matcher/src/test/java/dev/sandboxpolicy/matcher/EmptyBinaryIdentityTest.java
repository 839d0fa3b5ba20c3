package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An unknown executable ({@code ""}) has no identity: an empty binary entry is a validation error, and even when a
 * policy holding one is compiled without validation, neither an empty executable nor an empty ancestor matches a
 * literal {@code ""}, {@code *} or {@code **} entry (issue 19, item 1).
 */
class EmptyBinaryIdentityTest {
  private static final String EMPTY_ENTRY = TestPolicies.oneEndpoint("a", "api.example.com", "\"\"", "");

  private static NetworkRequest conn(String exe, String... ancestors) {
    return NetworkRequest.of("api.example.com", 443, exe).withAncestors(List.of(ancestors));
  }

  @Test
  void anEmptyBinaryPathIsRefusedByCompile() {
    PolicyCompileException e = assertThrows(
        PolicyCompileException.class, () -> CompiledPolicy.compile(TestPolicies.policy(EMPTY_ENTRY)));
    assertTrue(e.problems().stream().anyMatch(p -> p.isError() && p.code().equals("binary_path_empty")
        && p.pointer().equals("/network_policies/a/binaries/0/path")), e.problems().toString());
  }

  @Test
  void anEmptyEntryCompiledWithoutValidationMatchesNothing() {
    CompiledPolicy p = TestPolicies.runtime(EMPTY_ENTRY);
    assertFalse(p.decideNetwork(conn("")).isAllowed());
    assertFalse(p.decideNetwork(conn("/usr/bin/curl", "")).isAllowed());
    assertFalse(p.decideNetwork(conn("", "", "")).isAllowed());
  }

  @Test
  void globsNeverMatchAnEmptyExecutableOrAncestor() {
    for (String glob : List.of("\"*\"", "\"**\"", "\"{,/usr/bin/curl}\"")) {
      CompiledPolicy p = TestPolicies.compile(TestPolicies.oneEndpoint("a", "api.example.com", glob, ""));
      assertFalse(p.decideNetwork(conn("")).isAllowed(), glob);
      assertFalse(p.decideNetwork(conn("", "")).isAllowed(), glob);
      assertEquals(Verdict.DENY, p.decideNetwork(conn("", "")).verdict(), glob);
    }
    CompiledPolicy any = TestPolicies.compile(TestPolicies.oneEndpoint("a", "api.example.com", "\"**\"", ""));
    assertTrue(any.decideNetwork(conn("/usr/bin/curl")).isAllowed());
    assertTrue(any.decideNetwork(conn("", "/usr/bin/bash")).isAllowed(), "a known ancestor still counts");
  }

  @Test
  void endpointOnlyModeIgnoresBinariesAltogether() {
    CompiledPolicy p = TestPolicies.compile(
        TestPolicies.oneEndpoint("a", "api.example.com", "/usr/bin/curl", ""),
        MatcherOptions.defaults().withBinaryIdentity(false));
    assertTrue(p.decideNetwork(conn("")).isAllowed());
  }
}
