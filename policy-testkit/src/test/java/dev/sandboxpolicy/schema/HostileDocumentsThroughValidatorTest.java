package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.ValidationReport;
import dev.sandboxpolicy.testkit.Budget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile documents through {@link PolicyValidator#validateText} (read + JSON Schema + semantic rules), in both
 * modes, and the "empty where one item is required" and "negative and zero ports" cases that only the semantic
 * validator rejects: a located error with the expected code, within budget, never an exception.
 */
class HostileDocumentsThroughValidatorTest {

  static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  static final Duration TIME = Duration.ofSeconds(10);
  static final long MEMORY = 1L << 30;

  static final String ENDPOINT_HEAD = """
      version: 1
      network_policies:
        a:
          endpoints:
            - host: api.example.com
      """;

  static String endpoint(String lines) {
    return ENDPOINT_HEAD + lines.indent(8) + "    binaries: [{path: /usr/bin/curl}]\n";
  }

  static Stream<Arguments> documents() {
    List<Arguments> c = new ArrayList<>();
    // Empty maps and lists where one item is required (§2.3, §2.4, §1.9).
    c.add(Arguments.of("rules: []", endpoint("port: 443\nprotocol: rest\nrules: []"), Set.of("rules_empty")));
    c.add(Arguments.of("deny_rules: []", endpoint("port: 443\nprotocol: rest\naccess: full\ndeny_rules: []"), Set.of("deny_rules_empty")));
    c.add(Arguments.of("any: []", endpoint("port: 443\nprotocol: rest\nrules: [{allow: {method: GET, path: /x, query: {a: {any: []}}}}]"),
        Set.of("query_matcher_invalid", "size_invalid", "schema_violation")));
    c.add(Arguments.of("query matcher {}", endpoint("port: 443\nprotocol: rest\nrules: [{allow: {method: GET, path: /x, query: {a: {}}}}]"),
        Set.of("query_matcher_invalid", "size_invalid", "schema_violation", "missing_field")));
    c.add(Arguments.of("ports: []", endpoint("ports: []"), Set.of("port_missing")));
    c.add(Arguments.of("no port at all", endpoint("protocol: rest\naccess: full"), Set.of("port_missing")));
    c.add(Arguments.of("middleware include: []", """
        version: 1
        network_middlewares:
          m:
            middleware: acme/guard
            endpoints: {include: []}
        """, Set.of("middleware_include_empty", "size_invalid")));
    c.add(Arguments.of("middleware without selector", "version: 1\nnetwork_middlewares:\n  m: {middleware: acme/guard}\n",
        Set.of("middleware_selector_missing", "missing_field")));
    c.add(Arguments.of("protocol requires rules", endpoint("port: 443\nprotocol: rest"), Set.of("rules_required")));
    // Negative, zero and huge ports.
    c.add(Arguments.of("port: 0", endpoint("port: 0"), Set.of("port_missing", "port_invalid")));
    c.add(Arguments.of("ports: [0]", endpoint("ports: [0]"), Set.of("port_invalid", "port_missing")));
    c.add(Arguments.of("ports: [443, 0]", endpoint("ports: [443, 0]"), Set.of("port_invalid")));
    c.add(Arguments.of("port: -1", endpoint("port: -1"), Set.of("integer_out_of_range")));
    c.add(Arguments.of("port: 65536", endpoint("port: 65536"), Set.of("integer_out_of_range")));
    c.add(Arguments.of("port: 10^30", endpoint("port: 1000000000000000000000000000000"), Set.of("integer_out_of_range")));
    c.add(Arguments.of("graphql_max_body_bytes: -1", endpoint("port: 443\nprotocol: graphql\naccess: full\ngraphql_max_body_bytes: -1"),
        Set.of("integer_out_of_range", "body_limit_invalid")));
    c.add(Arguments.of("version: 2^64", "version: 18446744073709551616\n", Set.of("integer_out_of_range")));
    // The reader-level hostile documents.
    StringBuilder laughs = new StringBuilder("version: 1\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      laughs.append("x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        laughs.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      laughs.append("]\n");
    }
    c.add(Arguments.of("billion laughs", laughs.toString(), Set.of("too_many_nodes")));
    c.add(Arguments.of("10,000 nested flow sequences", "version: 1\nx: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", Set.of("nesting_too_deep")));
    c.add(Arguments.of("10,000 nested flow maps", "version: 1\nx: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n", Set.of("nesting_too_deep")));
    c.add(Arguments.of("50 MiB", "version: 1\n# " + "x".repeat(50 << 20) + "\n", Set.of("document_too_large")));
    c.add(Arguments.of("malformed", "version: 1\nnetwork_policies: {a: [}\n", Set.of("yaml_syntax")));
    c.add(Arguments.of("NUL", "version: 1\nnetwork_policies: {a\u0000: {}}\n", Set.of("yaml_syntax", "invalid_encoding")));
    return c.stream();
  }

  /**
   * §2.4: GraphQL rule {@code fields} "must be a non-empty array of non-empty strings". The model's
   * {@code RuleBody.fields()} is a plain list, so an empty list and an absent key cannot be told apart after reading;
   * the validator finds {@code fields: []} through the reader's source map (it once passed with no problem).
   */
  @org.junit.jupiter.api.Test
  void emptyGraphqlFieldsAreRejected() {
    String text = endpoint("port: 443\nprotocol: graphql\nrules: [{allow: {operation_type: query, fields: []}}]");
    rejectedWithALocatedCode("graphql fields: []", text, Set.of("graphql_fields_invalid", "size_invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void rejectedWithALocatedCode(String name, String text, Set<String> codes) {
    for (ReadMode mode : ReadMode.values()) {
      PolicyValidator validator = mode == ReadMode.STRICT ? PolicyValidator.strict() : PolicyValidator.legacyTolerant();
      ValidationReport report = Budget.run(name + " " + mode, TIME, MEMORY,
          () -> validator.validateText(DocumentKind.POLICY, text, mode)).value();
      assertTrue(report.hasErrors(), name + " " + mode + ": " + report.problems());
      for (Problem p : report.problems()) {
        assertTrue(SNAKE_CASE.matcher(p.code()).matches(), p.toString());
        assertFalse(p.message().isBlank(), p.toString());
      }
      Problem match = report.problems().stream().filter(p -> p.isError() && codes.contains(p.code())).findFirst()
          .orElseThrow(() -> new AssertionError(name + " " + mode + ": expected one of " + codes + ", got " + report.problems()));
      assertTrue(match.line() > 0 || !match.pointer().isEmpty() || match.code().equals("document_too_large"),
          name + ": no location: " + match);
    }
  }
}
