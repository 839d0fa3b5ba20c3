package dev.sandboxpolicy.analysis;

import static dev.sandboxpolicy.analysis.Policies.entry;
import static dev.sandboxpolicy.analysis.Policies.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintTest {
  private static String rest(String rules) {
    return "host: api.example.com\nport: 443\nprotocol: rest\nenforcement: enforce\n" + rules;
  }

  private static List<Problem> lint(Policy p) throws Exception {
    return PolicyAnalysis.lint(p);
  }

  private static List<String> codes(List<Problem> problems) {
    return problems.stream().map(p -> p.code() + " " + p.pointer()).toList();
  }

  @Test
  void anAllowRuleCoveredByAnotherIsRedundant() throws Exception {
    Policy p = network(entry("gh", "/usr/bin/gh", rest("rules:\n  - allow: {method: GET, path: /repos/**}\n"
        + "  - allow: {method: GET, path: /repos/acme/**}")));
    List<Problem> found = lint(p);
    assertEquals(List.of("redundant_rule /network_policies/gh/endpoints/0/rules/1"), codes(found));
    Problem w = found.get(0);
    assertEquals(Severity.WARNING, w.severity());
    assertEquals(11, w.line(), w.toString());
    assertTrue(w.message().contains("/repos/acme/**"), w.message());
  }

  @Test
  void rulesThatEachAllowSomethingAloneAreNotRedundant() throws Exception {
    Policy p = network(entry("gh", "/usr/bin/gh", rest("rules:\n  - allow: {method: GET, path: /repos/**}\n"
        + "  - allow: {method: POST, path: /repos/acme/**}")));
    assertEquals(List.of(), codes(lint(p)));
  }

  @Test
  void aRuleCoveredOnlyByTwoOthersTogetherIsRedundant() throws Exception {
    Policy p = network(entry("gh", "/usr/bin/gh", rest("rules:\n  - allow: {method: GET, path: '/v[12]/x'}\n"
        + "  - allow: {method: GET, path: /v1/*}\n  - allow: {method: GET, path: /v2/*}")));
    assertEquals(List.of("redundant_rule /network_policies/gh/endpoints/0/rules/0"), codes(lint(p)));
  }

  @Test
  void manyEndpointsAreLintedEachAgainstItsOwnRules() throws Exception {
    // more than ten linted endpoints: synthetic keys sort as strings (l0, l1, l10, ...), which must not mix them up
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      entries.append(entry("e" + i, "/usr/bin/gh", rest("rules:\n  - allow: {method: GET, path: /a" + i + "}\n"
          + "  - allow: {method: POST, path: /b" + i + "}").replace("api.example.com", "h" + i + ".example.com")));
    }
    assertEquals(List.of(), codes(lint(network(entries.toString()))));
  }

  @Test
  void aDenyRuleOutsideWhatTheEndpointAllowsIsUnreachable() throws Exception {
    Policy p = network(entry("gh", "/usr/bin/gh", rest("rules:\n  - allow: {method: GET, path: /repos/**}\n"
        + "deny_rules:\n  - {method: DELETE, path: /repos/**}\n  - {method: GET, path: /repos/secret/**}")));
    assertEquals(List.of("unreachable_deny_rule /network_policies/gh/endpoints/0/deny_rules/0"), codes(lint(p)));
  }

  @Test
  void aDenyRuleIsNotJudgedWhereAnotherEndpointSharesTheHost() throws Exception {
    Policy p = network(entry("gh", "/usr/bin/gh", rest("rules:\n  - allow: {method: GET, path: /repos/**}\n"
        + "deny_rules:\n  - {method: DELETE, path: /repos/**}"))
        + entry("other", "/usr/bin/curl", rest("rules:\n  - allow: {method: DELETE, path: /repos/**}")));
    assertEquals(List.of(), codes(lint(p)));
  }

  @Test
  void aDuplicateEntryIsRedundantOnce() throws Exception {
    String ep = "host: api.example.com\nport: 443";
    Policy p = network(entry("a", "/usr/bin/curl", ep) + entry("b", "/usr/bin/curl", ep));
    assertEquals(List.of("redundant_entry /network_policies/b"), codes(lint(p)));
  }

  @Test
  void anEntryWithItsOwnBinaryIsNotRedundant() throws Exception {
    String ep = "host: api.example.com\nport: 443";
    Policy p = network(entry("a", "/usr/bin/curl", ep) + entry("b", "/usr/bin/wget", ep));
    assertEquals(List.of(), codes(lint(p)));
  }

  @Test
  void anEntryCoveredByAWildcardAndAGlobIsRedundant() throws Exception {
    Policy p = network(entry("wide", "'/usr/bin/*'", "host: '*.example.com'\nport: 443")
        + entry("narrow", "/usr/bin/curl", "host: api.example.com\nport: 443"));
    // the narrow entry declares an exact host (a different destination check), so it is not redundant...
    assertEquals(List.of(), codes(lint(p)));
    Policy q = network(entry("wide", "'/usr/bin/*'", "host: '*.example.com'\nport: 443")
        + entry("narrow", "/usr/bin/curl", "host: '*.example.com'\nport: 443"));
    // ...but the same wildcard for one of the globbed binaries is
    assertEquals(List.of("redundant_entry /network_policies/narrow"), codes(lint(q)));
  }
}
