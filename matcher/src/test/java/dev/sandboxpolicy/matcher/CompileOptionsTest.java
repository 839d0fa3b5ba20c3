package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompileOptionsTest {
  private static final String LITERAL_JSON_RPC_GLOB = """
      network_policies:
        rpc:
          endpoints:
            - {host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{allow: {method: "reports.*"}}]}
          binaries: [{path: /bin/x}]
      """;

  @Test
  void strictValidationRejectsWhatTheGatewayRejectsWithLocatedProblems() {
    PolicyCompileException e = assertThrows(PolicyCompileException.class,
        () -> CompiledPolicy.compile(TestPolicies.policy(LITERAL_JSON_RPC_GLOB)));
    Problem p = e.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    assertEquals("json_rpc_rule_invalid", p.code());
    assertTrue(p.line() > 0, "the problem has a line");
    assertTrue(e.getMessage().contains("json_rpc_rule_invalid"));
  }

  @Test
  void emptyRuleListsAreErrorsButAnUnknownAccessPresetIsOnlyAWarning() {
    PolicyCompileException e = assertThrows(PolicyCompileException.class, () -> CompiledPolicy.compile(
        TestPolicies.policy("""
            network_policies:
              a:
                endpoints: [{host: a.com, port: 443, protocol: rest, rules: []}]
                binaries: [{path: /bin/x}]
            """)));
    assertTrue(e.problems().stream().anyMatch(Problem::isError), e.problems().toString());
    CompiledPolicy unknown = TestPolicies.compile("""
        network_policies:
          a:
            endpoints: [{host: a.com, port: 443, protocol: rest, access: allow}]
            binaries: [{path: /bin/x}]
        """);
    assertTrue(unknown.warnings().stream().noneMatch(Problem::isError));
    assertFalse(unknown.warnings().isEmpty());
  }

  @Test
  void runtimeModeCompilesItAndReportsTheProblemAsAWarning() {
    CompiledPolicy p = TestPolicies.runtime(LITERAL_JSON_RPC_GLOB);
    assertTrue(p.warnings().stream().anyMatch(w -> w.code().equals("json_rpc_rule_invalid")));
    assertTrue(p.warnings().stream().noneMatch(Problem::isError));
  }

  @ParameterizedTest
  @ValueSource(strings = {"relaxed", "disabled", "endpoint-only", "false", "0"})
  void binaryIdentityEnvironmentValuesThatTurnItOff(String value) {
    assertFalse(MatcherOptions.fromEnvironmentValue(value).binaryIdentity());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "true", "1", "Disabled", "strict"})
  void everyOtherValueKeepsBinaryIdentity(String value) {
    assertTrue(MatcherOptions.fromEnvironmentValue(value).binaryIdentity());
    assertTrue(MatcherOptions.fromEnvironmentValue(null).binaryIdentity());
  }

  @Test
  void enforcementOnlyForTheExactString() {
    assertEquals(Enforcement.ENFORCE, Enforcement.of("enforce"));
    for (String s : List.of("", "audit", "Enforce", "ENFORCE", "enforced", " enforce")) {
      assertEquals(Enforcement.AUDIT, Enforcement.of(s), s);
    }
  }
}
