package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.ValidationReport;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truth tables and hostile inputs for the language changes of September 2026 (upstream #3334, #3027, #2541, the
 * built-in middleware catalogue): every cell is checked through {@link PolicyValidator#validateText} in both
 * reading modes, with the exact set of error codes the cell must produce (empty: valid).
 */
class UpstreamChangesValidationTest {

  private static final ReadMode[] MODES = {ReadMode.STRICT, ReadMode.LEGACY_TOLERANT};

  private static Set<String> errors(String text, ReadMode mode) {
    ValidationReport report = PolicyValidator.strict().validateText(DocumentKind.POLICY, text, mode);
    return report.problems().stream().filter(Problem::isError).map(Problem::code)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> codes(String csv) {
    return csv == null || csv.isBlank() ? Set.of() : new TreeSet<>(List.of(csv.trim().split("\\s*\\+\\s*")));
  }

  private static void assertBothModes(String text, Set<String> expected) {
    for (ReadMode mode : MODES) {
      assertEquals(expected, errors(text, mode), mode + ":\n" + text);
    }
  }

  // ---------------------------------------------------------------- mcp.versions

  /** One MCP-capable endpoint with {@code protocol} and an {@code mcp} block holding {@code versions}. */
  private static String versionsDoc(String protocol, String versions) {
    String rules = switch (protocol) {
      case "mcp" -> "        mcp: {allow_all_known_mcp_methods: true%s}\n";
      case "rest" -> "        access: full\n        mcp: {%s}\n";
      default -> "        mcp: {%s}\n";
    };
    String mcp = versions == null ? "" : (protocol.equals("mcp") ? ", " : "") + "versions: " + versions;
    String protocolLine = protocol.isEmpty() ? "" : "        protocol: " + protocol + "\n";
    return "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: mcp.example.com\n        port: 443\n"
        + protocolLine + rules.formatted(mcp) + "    binaries: [{path: /usr/bin/agent}]\n";
  }

  @ParameterizedTest(name = "{0} versions: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // protocol | versions | error codes (both modes)
      "mcp||",
      "mcp|[2025-11-25]|",
      "mcp|[2025-03-26, 2025-06-18, 2025-11-25]|",
      "mcp|[2025-11-25, 2025-03-26]|",
      "mcp|[]|mcp_versions_empty",
      "mcp|[2025-11-25, 2025-11-25]|mcp_version_duplicate",
      "mcp|[latest]|mcp_version_unknown",
      "mcp|[draft]|mcp_version_unknown",
      "mcp|[LATEST]|mcp_version_unknown",
      "mcp|[2024-11-05]|mcp_version_unknown",
      "mcp|[2026-07-28]|mcp_version_unknown",
      "mcp|[\" 2025-11-25\"]|mcp_version_unknown",
      "mcp|[\"2025-11-25 \"]|mcp_version_unknown",
      "mcp|[\"2025-11-25\\t\"]|mcp_version_unknown",
      "mcp|[\"2025-11-25\\0\"]|mcp_version_unknown",
      "mcp|[\"\"]|mcp_version_unknown",
      "mcp|[latest, latest]|mcp_version_unknown",
      "mcp|[2025-06-18, latest, 2025-06-18]|mcp_version_unknown + mcp_version_duplicate",
      "rest|[2025-11-25]|mcp_options_wrong_protocol",
      "rest|[]|mcp_options_wrong_protocol + mcp_versions_empty",
      "json-rpc|[2025-11-25]|mcp_options_wrong_protocol + rules_required",
      "tcp|[2025-11-25]|tcp_l7_fields",
      "|[2025-11-25]|mcp_options_wrong_protocol",
  })
  void mcpVersionsTruthTable(String protocol, String versions, String expected) {
    assertBothModes(versionsDoc(protocol == null ? "" : protocol, versions), codes(expected));
  }

  @Test
  void versionsOfTheWrongTypeAreWrongTypesNotRevisions() {
    assertEquals(Set.of("wrong_type"), errors(versionsDoc("mcp", "2025-11-25"), ReadMode.STRICT));
    assertEquals(Set.of("wrong_type"), errors(versionsDoc("mcp", "{v: 2025-11-25}"), ReadMode.LEGACY_TOLERANT));
    assertEquals(Set.of("wrong_type", "mcp_version_unknown"), errors(versionsDoc("mcp", "[20251125]"), ReadMode.STRICT),
        "the value rules still run, on a tolerant reading of the same text");
    assertEquals(Set.of("mcp_version_unknown"), errors(versionsDoc("mcp", "[20251125]"), ReadMode.LEGACY_TOLERANT),
        "the legacy reading coerces the number to its text, which is not a revision");
  }

  @Test
  void aHugeHostileListIsReportedBoundedAndEscaped() {
    StringBuilder list = new StringBuilder("mcp:\n          allow_all_known_mcp_methods: true\n          versions:");
    for (int i = 0; i < 30_000; i++) {
      list.append("\n            - \"2025-11-25\\0").append(i).append('"');
    }
    String text = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: mcp.example.com\n"
        + "        port: 443\n        protocol: mcp\n        " + list + "\n    binaries: [{path: /usr/bin/agent}]\n";
    List<Problem> problems = PolicyValidator.strict().validateText(DocumentKind.POLICY, text, ReadMode.STRICT)
        .problems().stream().filter(p -> p.code().equals("mcp_version_unknown")).toList();
    assertEquals(9, problems.size(), "8 entries one by one, then one summary");
    assertEquals(1, problems.stream().filter(p -> p.message().contains("29992 more entries")).count(), "summary");
    for (Problem p : problems) {
      assertFalse(p.message().indexOf('\0') >= 0, "a NUL is shown escaped, never written into a message");
    }
    assertTrue(problems.stream().anyMatch(p -> p.message().contains("'2025-11-25\\u00000'")), problems.toString());
  }

  // ---------------------------------------------------------------- landlock.compatibility (#2541)

  static Stream<Arguments> landlockCells() {
    List<String[]> compat = List.of(
        new String[] {null, ""}, new String[] {"\"\"", ""}, new String[] {"best_effort", ""},
        new String[] {"hard_requirement", "hard"}, new String[] {"strict", "unknown"},
        new String[] {"Hard_Requirement", "unknown"}, new String[] {"hard-requirement", "unknown"},
        new String[] {"\" best_effort\"", "unknown"}, new String[] {"\"hard_requirement\\0\"", "unknown"},
        new String[] {"\"" + "x".repeat(5000) + "\"", "unknown"});
    List<String[]> filesystems = List.of(
        new String[] {null, "workdir"}, new String[] {"{}", "none"}, new String[] {"{include_workdir: false}", "none"},
        new String[] {"{include_workdir: true}", "workdir"}, new String[] {"{read_only: [/usr]}", "paths"},
        new String[] {"{read_write: [/sandbox]}", "paths"}, new String[] {"{read_only: []}", "none"});
    Stream.Builder<Arguments> out = Stream.builder();
    for (String[] c : compat) {
      for (String[] f : filesystems) {
        String expected = switch (c[1]) {
          case "unknown" -> "landlock_compatibility_unknown";
          case "hard" -> f[1].equals("none") ? "landlock_hard_requirement_without_paths" : "";
          default -> "";
        };
        out.add(Arguments.of(c[0], f[0], expected));
      }
    }
    return out.build();
  }

  @ParameterizedTest(name = "compatibility {0}, filesystem_policy {1} -> {2}")
  @MethodSource("landlockCells")
  void landlockTruthTable(String compatibility, String filesystem, String expected) {
    String text = "version: 1\n" + (filesystem == null ? "" : "filesystem_policy: " + filesystem + "\n")
        + "landlock:" + (compatibility == null ? " {}" : "\n  compatibility: " + compatibility) + "\n";
    assertBothModes(text, codes(expected));
  }

  @Test
  void theLandlockMessageIsUpstreamsAndBounded() {
    ValidationReport r = PolicyValidator.strict().validateText(DocumentKind.POLICY,
        "version: 1\nlandlock:\n  compatibility: \"" + "y".repeat(100_000) + "\"\n", ReadMode.STRICT);
    Problem p = r.problems().get(0);
    assertTrue(p.message().startsWith("invalid landlock.compatibility 'yyyy"), p.message());
    assertTrue(p.message().endsWith("...'; accepted: best_effort, hard_requirement"), p.message());
    assertTrue(p.message().length() < 200, "a hostile value does not make a hostile message");
  }

  // ---------------------------------------------------------------- filesystem_policy presence (#3334)

  @Test
  void anExplicitNullFilesystemPolicyIsRefusedOnlyByTheStrictReading() {
    String text = "version: 1\nfilesystem_policy:\n";
    assertEquals(Set.of("wrong_type"), errors(text, ReadMode.STRICT));
    assertEquals(Set.of(), errors(text, ReadMode.LEGACY_TOLERANT), "the legacy reading keeps null = absent");
    assertEquals(Set.of(), errors("version: 1\nfilesystem_policy: {}\n", ReadMode.STRICT));
    assertEquals(Set.of(), errors("version: 1\n", ReadMode.STRICT));
  }

  // ---------------------------------------------------------------- matcher values

  /** A REST endpoint with an allow rule whose query holds {@code value}, in an allow or a deny rule. */
  private static String queryDoc(boolean deny, String value) {
    String rule = deny
        ? "        access: full\n        deny_rules: [{method: POST, path: /x, query: {force: " + value + "}}]\n"
        : "        rules: [{allow: {method: GET, path: /x, query: {force: " + value + "}}}]\n";
    return "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: api.example.com\n        port: 443\n"
        + "        protocol: rest\n" + rule + "    binaries: [{path: /usr/bin/curl}]\n";
  }

  @ParameterizedTest(name = "deny={0} force: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "true|\"123\"|", "false|\"123\"|", "true|\"*\"|", "true|{any: [a, b]}|",
      "true|123|matcher_value_invalid", "false|123|matcher_value_invalid",
      "true|1.5|matcher_value_invalid", "true|true|matcher_value_invalid", "false|false|matcher_value_invalid",
      "true|null|matcher_value_invalid", "false||matcher_value_invalid",
      "true|[a, b]|matcher_value_invalid", "false|[]|matcher_value_invalid",
      // {}: the schema's size_invalid at the matcher is left to the rule's specific code, at the same place
      "true|{}|query_matcher_invalid", "true|{any: []}|query_matcher_invalid + size_invalid",
  })
  void matcherValuesTruthTable(boolean deny, String value, String expected) {
    assertBothModes(queryDoc(deny, value == null ? "" : value), codes(expected));
  }

  @Test
  void toolAndParamsLeavesFollowTheSameRule() {
    String mcp = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: mcp.example.com\n"
        + "        port: 443\n        protocol: mcp\n        rules: [{allow: {method: tools/call, %s}}]\n"
        + "    binaries: [{path: /usr/bin/agent}]\n";
    assertBothModes(mcp.formatted("tool: 7"), Set.of("matcher_value_invalid"));
    assertBothModes(mcp.formatted("tool: [a]"), Set.of("matcher_value_invalid"));
    assertBothModes(mcp.formatted("params: {name: true}"), Set.of("matcher_value_invalid"));
    assertBothModes(mcp.formatted("params: {name: search}"), Set.of());
  }

  // ---------------------------------------------------------------- json_rpc options

  @ParameterizedTest(name = "json_rpc: {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{}|", "{max_body_bytes: 4096}|",
      "{on_parse_error: allow}|json_rpc_option_unknown",
      "{max_body_bytes: 4096, on_parse_error: deny}|json_rpc_option_unknown",
      "{max_body_byte: 4096}|json_rpc_option_unknown",
      "{\"\": 1}|json_rpc_option_unknown",
      "{\"on_parse_error\\0\": 1}|json_rpc_option_unknown",
  })
  void jsonRpcOptionsAreClosedInEveryMode(String block, String expected) {
    String text = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: rpc.example.com\n"
        + "        port: 443\n        protocol: json-rpc\n        rules: [{allow: {method: ping}}]\n"
        + "        json_rpc: " + block + "\n    binaries: [{path: /usr/bin/agent}]\n";
    assertBothModes(text, codes(expected));
  }

  @Test
  void aMisspelledOptionGetsASuggestion() {
    String text = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: rpc.example.com\n"
        + "        port: 443\n        protocol: json-rpc\n        rules: [{allow: {method: ping}}]\n"
        + "        json_rpc: {max_body_byte: 4096}\n    binaries: [{path: /usr/bin/agent}]\n";
    Problem p = PolicyValidator.strict().validateText(DocumentKind.POLICY, text, ReadMode.STRICT).problems().stream()
        .filter(x -> x.code().equals("json_rpc_option_unknown")).findFirst().orElseThrow();
    assertTrue(p.message().contains("did you mean 'max_body_bytes'?"), p.message());
    assertEquals(9, p.line());
  }

  // ---------------------------------------------------------------- built-in middlewares

  private static String middlewareDoc(String name, String config) {
    return "version: 1\nnetwork_middlewares:\n  m:\n    middleware: " + name + "\n"
        + (config == null ? "" : "    config: " + config + "\n") + "    endpoints: {include: [api.example.com]}\n";
  }

  @ParameterizedTest(name = "{0} config {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "openshell/regex||", "openshell/regex|{}|", "openshell/regex|{mode: redact}|",
      "openshell/regex|{mode: REDACT}|middleware_config_invalid",
      "openshell/regex|{mode: allow}|middleware_config_invalid",
      "openshell/regex|{mode: null}|middleware_config_invalid",
      "openshell/regex|{mode: 42}|middleware_config_invalid",
      "openshell/regex|{mode: [redact]}|middleware_config_invalid",
      "openshell/regex|{mode: {x: redact}}|middleware_config_invalid",
      "openshell/regex|{mode: redact, patterns: [x]}|middleware_config_invalid",
      "openshell/regex|{patterns: [x]}|middleware_config_invalid",
      "openshell/Regex||middleware_builtin_unknown",
      "openshell/secrets|{secrets: redact}|middleware_builtin_unknown",
      "openshell/||middleware_builtin_unknown",
      "\"openshell/regex \"||middleware_builtin_unknown",
      "\"openshell/regex\\0\"||middleware_builtin_unknown",
      "OpenShell/regex|{patterns: [x]}|",
      "acme/guard|{anything: {nested: [1, 2]}}|",
      "regex|{mode: allow}|",
  })
  void builtinMiddlewaresTruthTable(String name, String config, String expected) {
    assertBothModes(middlewareDoc(name, config), codes(expected));
  }

  @Test
  void aHostileBuiltinNameIsShownEscapedAndBounded() {
    Problem p = PolicyValidator.strict().validateText(DocumentKind.POLICY,
        middlewareDoc("\"openshell/" + "\\0".repeat(2000) + "\"", null), ReadMode.STRICT).problems().get(0);
    assertEquals("middleware_builtin_unknown", p.code());
    assertFalse(p.message().indexOf('\0') >= 0);
    assertTrue(p.message().length() < 800, p.message());
  }

  // ---------------------------------------------------------------- unknown keys after #3334

  @Test
  void unknownKeyMessagesNameThePathSuggestAndStayBounded() {
    String text = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: api.example.com\n"
        + "        port: 443\n        alowed_ips: [10.0.0.0/16]\n    binaries: [{path: /usr/bin/curl}]\n";
    Problem p = PolicyValidator.strict().validateText(DocumentKind.POLICY, text, ReadMode.STRICT).problems().stream()
        .filter(x -> x.code().equals("unknown_key")).findFirst().orElseThrow();
    assertTrue(p.message().contains("at /network_policies/a/endpoints/0 (did you mean 'allowed_ips'?)"),
        p.message());
    String longKey = "k".repeat(100_000);
    Problem huge = PolicyValidator.strict().validateText(DocumentKind.POLICY, "version: 1\n? " + longKey + "\n: 1\n",
        ReadMode.STRICT).problems().stream().filter(x -> x.code().equals("unknown_key")).findFirst().orElseThrow();
    assertEquals("/" + longKey, huge.pointer(), "the pointer is complete");
    assertTrue(huge.message().length() < 400, "the message is bounded: " + huge.message().length());
  }
}
