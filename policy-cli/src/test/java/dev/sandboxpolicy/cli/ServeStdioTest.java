package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Drives {@code policyctl serve --stdio} through its real standard input and output. */
class ServeStdioTest {

  @TempDir Path dir;

  /** Sends {@code lines} (joined with \n) and returns the parsed response lines; asserts a clean exit. */
  private List<JsonNode> serve(String... lines) {
    CliRun r = CliRun.run(dir, Map.of(), String.join("\n", lines) + "\n", "serve", "--stdio");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals("", r.err(), "nothing on stderr");
    return r.out().lines().map(Json.MAPPER::readTree).toList();
  }

  private static String request(Object... fields) {
    ObjectNode o = Json.object();
    for (int i = 0; i < fields.length; i += 2) {
      o.set((String) fields[i], Json.tree(fields[i + 1]));
    }
    return Json.write(o);
  }

  @Test
  void helloAnnouncesProtocolVersionAndEveryOperation() {
    JsonNode hello = serve("{\"op\": \"hello\", \"id\": 1}").get(0);
    assertEquals(1, hello.get("id").intValue());
    assertTrue(hello.get("ok").booleanValue());
    assertEquals(1, hello.get("protocol").intValue());
    assertEquals(LibraryVersion.get(), hello.get("version").stringValue());
    List<String> ops = hello.get("ops").valueStream().map(JsonNode::stringValue).toList();
    assertTrue(ops.containsAll(List.of("hello", "validate", "decide", "canonicalize", "merge", "remove", "check_preset_name",
        "classify_address", "redact_host", "explain", "classify_failure")), ops::toString);
  }

  @Test
  void badLinesGetAnErrorAndTheServerCarriesOn() {
    List<JsonNode> r =
        serve(
            "this is not json",
            "[1, 2]",
            "",
            "{\"id\": \"x\"}",
            "{\"op\": 7, \"id\": [1]}",
            "{\"op\": \"frobnicate\", \"id\": {\"n\": 1}}",
            "{\"op\": \"hello\"} trailing",
            "{\"op\": \"hello\", \"op\": \"validate\"}",
            "{\"op\": \"validate\", \"id\": 9}",
            "{\"op\": \"validate\", \"yaml\": 12}",
            "{\"op\": \"validate\", \"yaml\": \"version: 1\", \"mode\": \"sloppy\"}",
            "{\"op\": \"hello\", \"id\": null}");
    assertEquals(12, r.size(), "one response per line");
    for (int i = 0; i < 11; i++) {
      assertFalse(r.get(i).get("ok").booleanValue(), r.get(i)::toString);
      String code = r.get(i).get("error").get("code").stringValue();
      assertEquals(i == 5 ? "unknown_op" : "bad_request", code, r.get(i)::toString);
      assertFalse(r.get(i).get("error").get("message").stringValue().isEmpty());
    }
    assertEquals("x", r.get(3).get("id").stringValue(), "id echoed even when op is missing");
    assertEquals(1, r.get(4).get("id").get(0).intValue());
    assertEquals(1, r.get(5).get("id").get("n").intValue());
    assertTrue(r.get(8).get("error").get("message").stringValue().contains("'yaml' is required"));
    assertEquals(9, r.get(8).get("id").intValue());
    assertTrue(r.get(10).get("error").get("message").stringValue().contains("'mode' must be one of"));
    assertTrue(r.get(11).get("ok").booleanValue());
    assertTrue(r.get(11).has("id") && r.get(11).get("id").isNull(), "an explicit null id is echoed");
  }

  @Test
  void responsesComeBackInOrderAndCrLfIsAccepted() {
    CliRun r =
        CliRun.run(
            dir, Map.of(), "{\"op\":\"hello\",\"id\":1}\r\n{\"op\":\"hello\",\"id\":2}", "serve", "--stdio");
    List<JsonNode> lines = r.out().lines().map(Json.MAPPER::readTree).toList();
    assertEquals(List.of(1, 2), lines.stream().map(n -> n.get("id").intValue()).toList());
    assertTrue(r.out().endsWith("}\n"), "a last line without a newline is still answered");
  }

  @Test
  void validateReportsProblemsWithPositionsAndStaysOk() {
    String invalid = "version: 1\nnetwork_policies:\n  x:\n    endpoints: 7\n";
    List<JsonNode> r =
        serve(
            request("op", "validate", "id", 1, "kind", "policy", "yaml", CliRun.POLICY),
            request("op", "validate", "id", 2, "yaml", invalid),
            request("op", "validate", "id", 3, "yaml", "network_policies: {}\nextra: 1\n", "mode", "lenient"),
            request("op", "validate", "id", 4, "yaml", "network_policies: {}\nextra: 1\n"),
            request("op", "validate", "id", 5, "kind", "preset", "yaml",
                "preset:\n  name: my-api\n  description: d\nnetwork_policies:\n  my_api:\n    endpoints: []\n"));
    assertTrue(r.get(0).get("valid").booleanValue(), r.get(0)::toString);
    assertEquals(0, r.get(0).get("problems").size());

    JsonNode bad = r.get(1);
    assertTrue(bad.get("ok").booleanValue(), "an invalid policy is still ok: true");
    assertFalse(bad.get("valid").booleanValue());
    JsonNode p = bad.get("problems").get(0);
    assertEquals("error", p.get("severity").stringValue());
    assertEquals("wrong_type", p.get("code").stringValue());
    assertEquals("/network_policies/x/endpoints", p.get("pointer").stringValue());
    assertEquals(4, p.get("line").intValue());
    assertTrue(p.get("column").intValue() > 0);

    assertTrue(r.get(2).get("valid").booleanValue(), "lenient: unknown key and missing version are fine");
    assertTrue(r.get(2).get("problems").valueStream().allMatch(x -> x.get("severity").stringValue().equals("warning")));
    assertFalse(r.get(3).get("valid").booleanValue(), "strict: they are errors");
    assertTrue(r.get(4).get("valid").booleanValue(), r.get(4)::toString);
  }

  @Test
  void oversizedLinesAreRejectedWithoutStoppingTheServer() throws Exception {
    StdioServer server = new StdioServer(Map.of(), 50);
    var in = new java.io.ByteArrayInputStream(
        ("{\"op\":\"hello\",\"pad\":\"" + "x".repeat(100) + "\"}\n{\"op\":\"hello\"}\n").getBytes());
    var out = new java.io.ByteArrayOutputStream();
    server.serve(in, Policyctl.utf8(out));
    List<JsonNode> r = out.toString().lines().map(Json.MAPPER::readTree).toList();
    assertEquals(2, r.size());
    assertEquals("bad_request", r.get(0).get("error").get("code").stringValue());
    assertTrue(r.get(0).get("error").get("message").stringValue().contains("longer than 50"));
    assertTrue(r.get(1).get("ok").booleanValue());
  }

  @Test
  void classifyAddressParsesLikeAUrlParserAndNamesTheRange() {
    List<JsonNode> r =
        serve(
            request("op", "classify_address", "address", "0x7f.1"),
            request("op", "classify_address", "address", "::ffff:10.1.2.3"),
            request("op", "classify_address", "address", "8.8.8.8"),
            request("op", "classify_address", "address", "printer.local"),
            request("op", "classify_address", "address", "example.com"),
            request("op", "classify_address"));
    assertTrue(r.get(0).get("blocked").booleanValue());
    assertEquals("127.0.0.0/8", r.get(0).get("range").stringValue());
    assertEquals("10.0.0.0/8", r.get(1).get("range").stringValue());
    assertFalse(r.get(2).get("blocked").booleanValue());
    assertTrue(r.get(2).get("range").isNull());
    assertTrue(r.get(3).get("blocked").booleanValue(), "a blocked name");
    assertTrue(r.get(3).get("range").isNull());
    assertFalse(r.get(4).get("blocked").booleanValue());
    assertEquals("bad_request", r.get(5).get("error").get("code").stringValue());
  }

  private static final String PRESET =
      "preset:\n  name: my-api\n  description: d\nnetwork_policies:\n  my_api:\n    endpoints:\n"
          + "      - host: api.example.com\n        port: 443\n    binaries:\n      - path: /usr/bin/curl\n";

  @Test
  void mergeAndRemoveReturnYamlAndDocumentAndAreAllOrNothing() {
    List<JsonNode> r =
        serve(
            request("op", "merge", "id", 1, "policy", CliRun.POLICY, "presets", List.of(PRESET)),
            request("op", "remove", "id", 2, "policy", "Version: 2\n---\n" + CliRun.POLICY
                + "  nemoclaw_custom__my-api__my_api:\n    endpoints: [{host: api.example.com, port: 443}]\n"
                + "    binaries: [{path: /usr/bin/curl}]\n", "presets", List.of(PRESET)),
            request("op", "merge", "id", 3, "policy", CliRun.POLICY, "presets",
                List.of(PRESET, "preset:\n  name: x\nnetwork_policies: []\n")),
            request("op", "merge", "id", 4, "policy", "network_policies: [1, 2]\n", "presets", List.of(PRESET)),
            request("op", "merge", "id", 5, "policy", CliRun.POLICY),
            request("op", "merge", "id", 6, "policy", CliRun.POLICY, "presets", List.of(7)));
    JsonNode merged = r.get(0);
    assertTrue(merged.get("ok").booleanValue(), merged::toString);
    assertTrue(merged.get("yaml").stringValue().contains("nemoclaw_custom__my-api__my_api:"));
    JsonNode np = merged.get("document").get("network_policies");
    assertEquals(List.of("github", "pypi", "nemoclaw_custom__my-api__my_api"), List.copyOf(np.propertyNames()),
        "preset texts are custom presets: their keys go into the custom namespace");
    assertEquals(1, merged.get("document").get("version").intValue());

    JsonNode removed = r.get(1);
    assertTrue(removed.get("ok").booleanValue(), removed::toString);
    assertEquals(List.of("github", "pypi"),
        List.copyOf(removed.get("document").get("network_policies").propertyNames()));

    assertFalse(r.get(2).get("ok").booleanValue());
    assertTrue(r.get(2).get("error").get("code").stringValue().startsWith("preset_"), r.get(2)::toString);
    assertEquals("invalid_policy", r.get(3).get("error").get("code").stringValue(), r.get(3)::toString);
    assertTrue(r.get(3).get("error").get("problems").size() > 0);
    assertEquals("bad_request", r.get(4).get("error").get("code").stringValue());
    assertEquals("bad_request", r.get(5).get("error").get("code").stringValue());
  }

  @Test
  void mergeAndRemoveCheckEveryCustomPresetAndNameTheBadOne() {
    String other = PRESET.replace("name: my-api", "name: bad-one");
    String metadata = other.replace("api.example.com", "169.254.169.254");
    String builtInName = PRESET.replace("name: my-api", "name: github");
    String badName = PRESET.replace("name: my-api", "name: Bad_Name");
    String provider = PRESET.replace("name: my-api", "name: _provider_x");
    String reservedKey = other.replace("  my_api:", "  npm_yarn:");
    String allowedIps = other.replace("        port: 443\n", "        port: 443\n        allowed_ips: [203.0.113.9]\n");
    List<String> bad = List.of(metadata, builtInName, badName, provider, reservedKey, allowedIps);
    List<String> codes = List.of("preset_host_private", "preset_name_builtin_collision", "preset_name_invalid",
        "preset_name_reserved", "reserved_key", "preset_allowed_ips");
    // A preset is named by its own name, or by its position when the name itself is refused.
    List<String> named = List.of("bad-one", "github", "#2", "#2", "bad-one", "bad-one");
    List<String> requests = new java.util.ArrayList<>();
    for (String op : List.of("merge", "remove")) {
      for (String preset : bad) {
        requests.add(request("op", op, "policy", CliRun.POLICY, "presets", List.of(PRESET, preset)));
      }
    }
    List<JsonNode> r = serve(requests.toArray(String[]::new));
    for (int i = 0; i < r.size(); i++) {
      JsonNode error = r.get(i).get("error");
      assertFalse(r.get(i).get("ok").booleanValue(), r.get(i)::toString);
      assertEquals(codes.get(i % codes.size()), error.get("code").stringValue(), r.get(i)::toString);
      assertEquals(named.get(i % named.size()), error.get("preset").stringValue(), r.get(i)::toString);
    }
    assertTrue(r.get(0).get("error").get("message").stringValue().contains(
        "endpoint host '169.254.169.254' is rejected. Add explicit trust only for RFC1918, CGNAT, or IPv6 unique local"
            + " destinations."), r.get(0)::toString);
  }

  @Test
  void trustedPrivateHostsArePinnedFromTheCallersAnswers() {
    String db = PRESET.replace("api.example.com", "db.corp.example");
    List<JsonNode> r =
        serve(
            request("op", "merge", "policy", CliRun.POLICY, "presets", List.of(db),
                "trusted_private_hosts", List.of("db.corp.example"),
                "resolved", Map.of("db.corp.example", List.of("10.20.30.40", "10.20.30.5"))),
            request("op", "merge", "policy", CliRun.POLICY, "presets", List.of(db),
                "trusted_private_hosts", List.of("db.corp.example")),
            request("op", "merge", "policy", CliRun.POLICY, "presets", List.of(db),
                "trusted_private_hosts", List.of("db.corp.example"),
                "resolved", Map.of("db.corp.example", List.of("169.254.169.254"))),
            request("op", "merge", "policy", CliRun.POLICY, "presets", List.of(PRESET),
                "trusted_private_hosts", List.of("db.corp.example"), "resolved", Map.of()),
            request("op", "merge", "policy", CliRun.POLICY, "presets", List.of(PRESET),
                "resolved", Map.of("db.corp.example", List.of("10.0.0.1"))));
    assertTrue(r.get(0).get("ok").booleanValue(), r.get(0)::toString);
    JsonNode pinned = r.get(0).get("document").get("network_policies").get("nemoclaw_custom__my-api__my_api")
        .get("endpoints").get(0).get("allowed_ips");
    assertEquals(List.of("10.20.30.40", "10.20.30.5"), pinned.valueStream().map(JsonNode::stringValue).toList());
    assertEquals("trusted_host_preflight_failed", r.get(1).get("error").get("code").stringValue(),
        "the server never asks DNS: " + r.get(1));
    assertEquals("trusted_host_preflight_failed", r.get(2).get("error").get("code").stringValue(), r.get(2)::toString);
    assertEquals("trusted_host_unmatched", r.get(3).get("error").get("code").stringValue(), r.get(3)::toString);
    assertEquals("bad_request", r.get(4).get("error").get("code").stringValue(), r.get(4)::toString);
  }

  @Test
  void validateTakesTheNemoclawProfile() {
    String noBinaries = "preset:\n  name: my-api\n  description: d\nnetwork_policies:\n  my_api:\n    name: m\n"
        + "    endpoints:\n      - {host: api.example.com, port: 443, access: full}\n";
    List<JsonNode> r =
        serve(
            request("op", "validate", "kind", "preset", "yaml", noBinaries),
            request("op", "validate", "kind", "preset", "yaml", noBinaries, "profile", "nemoclaw"),
            request("op", "validate", "kind", "preset", "yaml", noBinaries, "profile", "other"));
    assertTrue(r.get(0).get("valid").booleanValue(), r.get(0)::toString);
    assertFalse(r.get(1).get("valid").booleanValue(), r.get(1)::toString);
    assertTrue(r.get(1).get("problems").valueStream()
        .anyMatch(p -> p.get("code").stringValue().equals("nemoclaw_binaries_required")), r.get(1)::toString);
    assertEquals("bad_request", r.get(2).get("error").get("code").stringValue());
  }

  @Test
  void checkPresetNameRedactHostExplainAndClassifyFailure() {
    List<JsonNode> r =
        serve(
            request("op", "check_preset_name", "name", "my-internal-api", "custom", true),
            request("op", "check_preset_name", "name", "npm", "custom", true),
            request("op", "check_preset_name", "name", "npm"),
            request("op", "check_preset_name", "name", "Bad_Name"),
            request("op", "redact_host", "host", "db.corp"),
            request("op", "redact_host", "host", "api.github.com"),
            request("op", "explain", "sandbox", "alpha", "tier", "balanced", "applied", List.of("slack"),
                "custom", List.of(PRESET), "gateway_presets", List.of("slack")),
            request("op", "classify_failure", "applied", List.of("slack"), "gateway_presets", List.of("slack"),
                "host", "api.slack.com", "error", Map.of("status", 401)),
            request("op", "classify_failure", "applied", List.of(), "host", "x.example.com",
                "capability", Map.of("supported", false, "reason", "messaging not enabled")),
            request("op", "explain", "sandbox", "Not Valid"));
    assertTrue(r.get(0).get("valid").booleanValue());
    assertTrue(r.get(0).get("reason").isNull());
    assertFalse(r.get(1).get("valid").booleanValue());
    assertTrue(r.get(1).get("reason").stringValue().contains("collides"));
    assertTrue(r.get(2).get("valid").booleanValue(), "a built-in name is fine for a built-in preset");
    assertFalse(r.get(3).get("valid").booleanValue());
    assertTrue(r.get(4).get("redacted").booleanValue());
    assertFalse(r.get(5).get("redacted").booleanValue());

    JsonNode context = r.get(6).get("context");
    assertEquals("alpha", context.get("sandboxName").stringValue(), r.get(6)::toString);
    List<String> active =
        context.get("activePresets").valueStream().map(p -> p.get("name").stringValue()).toList();
    assertEquals(List.of("my-api", "slack"), active);
    assertEquals("custom", context.get("activePresets").get(0).get("source").stringValue());

    JsonNode missing = r.get(7);
    assertEquals("missing-approval", missing.get("kind").stringValue(), missing::toString);
    assertEquals("slack", missing.get("matched_preset").stringValue());
    assertFalse(missing.get("next_step").stringValue().isEmpty());
    assertEquals("unsupported", r.get(8).get("kind").stringValue(), r.get(8)::toString);
    assertEquals("high", r.get(8).get("confidence").stringValue());
    assertEquals("bad_request", r.get(9).get("error").get("code").stringValue());
  }

  @Test
  void decideAnswersNetworkAndRequestDecisionsAndReportsInvalidPolicies() {
    List<JsonNode> r =
        serve(
            request("op", "decide", "id", 1, "policy", CliRun.POLICY,
                "request", Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/gh")),
            request("op", "decide", "id", 2, "policy", CliRun.POLICY,
                "request", Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/curl")),
            request("op", "decide", "id", 3, "policy", CliRun.POLICY, "request",
                Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/gh", "method", "GET",
                    "path", "/repos/a/b", "query", Map.of("tag", List.of("a", "b")))),
            request("op", "decide", "id", 4, "policy", CliRun.POLICY, "request",
                Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/gh", "method", "DELETE",
                    "path", "/repos/a/b")),
            request("op", "decide", "id", 5, "policy", CliRun.POLICY, "binary_identity", false,
                "request", Map.of("host", "pypi.org", "port", 443, "binary", "/bin/sh")),
            request("op", "decide", "id", 6, "policy", "version: 1\nnetwork_policies: 5\n",
                "request", Map.of("host", "a", "port", 1)),
            request("op", "decide", "id", 7, "policy", CliRun.POLICY, "request", Map.of("host", "a")),
            request("op", "decide", "id", 8, "policy", CliRun.POLICY));
    assertEquals("allow", r.get(0).get("decision").stringValue(), r.get(0)::toString);
    assertEquals("github", r.get(0).get("matched_policy").stringValue());
    // A host name without resolved_ips: the reason says the destination check is still the proxy's to do.
    assertTrue(r.get(0).get("reason").stringValue().contains("still the proxy's to do"), r.get(0)::toString);
    assertEquals("deny", r.get(1).get("decision").stringValue());
    assertFalse(r.get(1).get("reason").stringValue().isEmpty());
    assertTrue(r.get(1).get("matched_policy").isNull());
    assertEquals("allow", r.get(2).get("decision").stringValue(), r.get(2)::toString);
    assertEquals("enforce", r.get(2).get("enforcement").stringValue());
    assertEquals("deny", r.get(3).get("decision").stringValue());
    assertEquals("allow", r.get(4).get("decision").stringValue(), "endpoint-only mode");
    assertEquals("invalid_policy", r.get(5).get("error").get("code").stringValue());
    assertEquals(2, r.get(5).get("error").get("problems").get(0).get("line").intValue());
    assertEquals("bad_request", r.get(6).get("error").get("code").stringValue());
    assertEquals("bad_request", r.get(7).get("error").get("code").stringValue());
  }

  @Test
  void anEvaluationErrorFailsClosedAsDecisionError() {
    String wildcard = "version: 1\nnetwork_policies:\n  w:\n    endpoints:\n      - host: \"*.example.com\"\n"
        + "        port: 443\n    binaries:\n      - path: /usr/bin/curl\n";
    List<JsonNode> r =
        serve(
            request("op", "decide", "policy", wildcard,
                "request", Map.of("host", "a\u0000.example.com", "port", 443, "binary", "/usr/bin/curl")),
            request("op", "decide", "policy", wildcard,
                "request", Map.of("host", "a.example.com", "port", 443, "binary", "/usr/bin/curl")));
    assertEquals("error", r.get(0).get("decision").stringValue(), r.get(0)::toString);
    assertTrue(r.get(0).get("reason").stringValue().startsWith("evaluation error"));
    assertEquals("allow", r.get(1).get("decision").stringValue(), "the cached compiled policy still answers");
  }

  @Test
  void canonicalizeReturnsPathAndQueryOrTheRejectionReason() {
    List<JsonNode> r =
        serve(
            request("op", "canonicalize", "target", "/a/./b%40c?x=1&x=2"),
            request("op", "canonicalize", "target", "/a%2Fb"),
            request("op", "canonicalize", "target", "/a%2Fb", "allow_encoded_slash", true),
            request("op", "canonicalize", "target", "/../etc"));
    assertEquals("/a/b@c", r.get(0).get("path").stringValue(), r.get(0)::toString);
    assertEquals(List.of("1", "2"), r.get(0).get("query").get("x").valueStream().map(JsonNode::stringValue).toList());
    assertFalse(r.get(1).get("ok").booleanValue());
    assertEquals("encoded_slash", r.get(1).get("error").get("code").stringValue());
    assertTrue(r.get(2).get("ok").booleanValue(), r.get(2)::toString);
    assertFalse(r.get(3).get("ok").booleanValue(), r.get(3)::toString);
  }
}
