package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

  private static final String BROKEN = """
      version: 1
      process:
        run_as_user: root
      network_policies:
        a:
          endpoints:
            - host: "*.com"
              port: 0
              protocol: rest
              surprise: true
          binaries: [{path: /usr/bin/curl}]
      """;

  @Test
  void oneReportCollectsEveryProblemEvenWhenTheStrictReadFails() {
    ValidationReport report = PolicyValidator.strict().validateText(DocumentKind.POLICY, BROKEN, ReadMode.STRICT);
    List<String> codes = report.problems().stream().map(Problem::code).toList();
    assertTrue(codes.containsAll(List.of("unknown_key", "process_identity_invalid", "host_wildcard_tld",
        "port_missing", "rules_required")), codes.toString());
    assertEquals(1, codes.stream().filter("unknown_key"::equals).count(), "schema and reader agree once: " + codes);
    Problem unknown = report.problems().stream().filter(p -> p.code().equals("unknown_key")).findFirst().get();
    assertEquals("/network_policies/a/endpoints/0/surprise", unknown.pointer());
    assertEquals(10, unknown.line());
    assertEquals(19, unknown.column()); // the value, not the key
    List<Problem> sorted = report.problems();
    for (int i = 1; i < sorted.size(); i++) {
      assertTrue(sorted.get(i - 1).line() <= sorted.get(i).line(), "ordered by position");
    }
  }

  @Test
  void validateReadResultUsesTheSourceMap() {
    ReadResult<Policy> read = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(BROKEN);
    ValidationReport report = PolicyValidator.legacyTolerant().validate(read);
    Problem tld = report.problems().stream().filter(p -> p.code().equals("host_wildcard_tld")).findFirst().get();
    assertEquals(7, tld.line());
    assertTrue(report.problems().stream().anyMatch(p -> p.code().equals("unknown_key") && !p.isError()));
    // the bare model still carries the reader's node locations
    Problem fromModel = PolicyValidator.legacyTolerant().validate(read.value().get()).problems().stream()
        .filter(p -> p.code().equals("host_wildcard_tld")).findFirst().get();
    assertEquals("/network_policies/a/endpoints/0/host", fromModel.pointer());
    assertTrue(fromModel.line() >= 6 && fromModel.line() <= 7, fromModel.toString());
  }

  @Test
  void validateModelBuiltInCodeHasPointersButNoPositions() {
    Policy policy = Policy.builder().version(1L)
        .putNetworkPolicies("a", NetworkPolicy.builder()
            .addEndpoints(Endpoint.builder().host("api.example.com").port(70_000).build()).build())
        .build();
    ValidationReport report = PolicyValidator.strict().validate(policy);
    Problem port = report.errors().get(0);
    assertEquals("port_invalid", port.code());
    assertEquals("/network_policies/a/endpoints/0/port", port.pointer());
    assertEquals(0, port.line());
    assertFalse(report.isValid());
    assertEquals(1, report.warnings().size()); // binaries_empty
  }

  @Test
  void lenientAcceptsMissingVersionAndStrictDoesNot() {
    String partial = "network_policies: {}\n";
    assertTrue(PolicyValidator.legacyTolerant().validateText(DocumentKind.POLICY, partial).isValid());
    assertFalse(PolicyValidator.strict().validateText(DocumentKind.POLICY, partial).isValid());
  }

  @Test
  void lenientAcceptsScalarsWhereStringsAreExpectedWithTheReadersWarning() {
    String text = "process:\n  run_as_user: 1000\n";
    ValidationReport lenient = PolicyValidator.legacyTolerant().validateText(DocumentKind.POLICY, text);
    assertTrue(lenient.isValid(), lenient.toString());
    assertTrue(lenient.problems().stream().anyMatch(p -> p.code().equals("coerced_scalar")), lenient.toString());
    ValidationReport strict = PolicyValidator.strict().validateText(DocumentKind.POLICY, "version: 1\n" + text);
    assertEquals(List.of("wrong_type"), strict.errors().stream().map(Problem::code).toList());
  }

  @Test
  void presetOriginDecidesTheCustomPresetRules() {
    String text = Docs.preset("npm", "host: api.example.com", "port: 443", "allowed_ips: [10.1.0.0/16]");
    List<String> custom = PolicyValidator.strict().validateText(DocumentKind.PRESET, text).problems().stream()
        .map(Problem::code).toList();
    assertTrue(custom.containsAll(List.of("preset_name_builtin_collision", "preset_allowed_ips")), custom.toString());
    assertTrue(PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN)
        .validateText(DocumentKind.PRESET, text).isValid());
  }

  @Test
  void hostileTextGivesProblemsNotExceptions() {
    for (String text : List.of("", "[]", "- a\n- b\n", "version: {", "\u0000", "a: &x [*x]")) {
      for (DocumentKind kind : DocumentKind.values()) {
        ValidationReport report = PolicyValidator.strict().validateText(kind, text);
        assertFalse(report.isValid(), kind + " " + text);
      }
    }
  }

  private static final String EMPTY_FIELDS = """
      version: 1
      network_policies:
        a:
          endpoints:
            - host: api.example.com
              port: 443
              protocol: %s
              rules: [{allow: {operation_type: query, method: GET, path: /, fields: []}}]
          binaries: [{path: /usr/bin/curl}]
      """;

  /** §2.4: {@code fields: []} on a GraphQL rule is an error, located at the empty list, in both modes. */
  @Test
  void emptyGraphqlFieldsAreLocatedFromTheText() {
    String text = EMPTY_FIELDS.formatted("graphql").replace("method: GET, path: /, ", "");
    for (ReadMode mode : ReadMode.values()) {
      PolicyValidator validator = mode == ReadMode.STRICT ? PolicyValidator.strict() : PolicyValidator.legacyTolerant();
      ReadResult<Policy> read = PolicyReader.of(mode).readPolicy(text);
      for (ValidationReport report : List.of(validator.validateText(DocumentKind.POLICY, text, mode),
          validator.validate(read))) {
        Problem p = report.problems().stream().filter(x -> x.code().equals("graphql_fields_invalid")).findFirst()
            .orElseThrow(() -> new AssertionError(mode + ": " + report));
        assertTrue(p.isError(), p.toString());
        assertEquals("/network_policies/a/endpoints/0/rules/0/allow/fields", p.pointer());
        assertEquals(8, p.line(), p.toString());
        assertEquals(text.lines().toList().get(7).indexOf("[]") + 1, p.column(), p.toString());
      }
      // The model alone cannot tell `fields: []` from an absent key (documented on validate(Policy)).
      assertTrue(validator.validate(read.value().orElseThrow()).problems().stream()
          .noneMatch(x -> x.code().equals("graphql_fields_invalid")));
    }
  }

  /** GraphQL rule fields on a REST endpoint only warn (§2.4), so an empty list there is no error either. */
  @Test
  void emptyFieldsOnARestRuleAreNotAGraphqlError() {
    ValidationReport report =
        PolicyValidator.strict().validateText(DocumentKind.POLICY, EMPTY_FIELDS.formatted("rest"), ReadMode.STRICT);
    assertTrue(report.problems().stream().noneMatch(x -> x.code().equals("graphql_fields_invalid")), report.toString());
    assertTrue(report.isValid(), report.toString());
  }
}
