package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.DocumentMutator;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.Mutant;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PropertyCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 19 items 1-3 through the CLI and the stdio protocol: {@code decide} and {@code check} refuse exactly what
 * {@code validate} refuses, raw paths are canonicalized or refused with a code, and destinations are checked.
 */
class DecisionSafetyWireTest {

  @TempDir Path dir;

  private static final StdioServer SERVER = StdioServer.withAllOperations();

  private static JsonNode call(Object... fields) {
    ObjectNode o = Json.object();
    for (int i = 0; i < fields.length; i += 2) {
      o.set((String) fields[i], Json.tree(fields[i + 1]));
    }
    return Json.MAPPER.readTree(SERVER.handle(Json.write(o)));
  }

  private static Generator<Mutant> documents() {
    return (random, size) -> {
      Policy policy = PolicyGenerator.defaults().policy(random, 1 + random.nextInt(2));
      String yaml = PolicyWriter.toYaml(policy);
      return switch (random.nextInt(4)) {
        case 0 -> new Mutant(yaml, "unmutated", Mutant.Expectation.VALID_OR_REJECTED);
        case 1 -> new Mutant(yaml.replaceFirst("- path: [^\n]*", random.nextBoolean() ? "- {}" : "- path: \"\""),
            "empty binary", Mutant.Expectation.VALIDATION_ERROR);
        case 2 -> DocumentMutator.textual(yaml).generate(random, size);
        default -> DocumentMutator.structural(PolicyWriter.toTree(policy)).generate(random, size);
      };
    };
  }

  @Test
  void decideRefusesExactlyWhatValidateRefusesInTheSameMode() {
    Map<String, Integer> seen = new TreeMap<>();
    Map<String, Object> conn = Map.of("host", "api.example.com", "port", 443, "binary", "");
    PropertyCheck.forAll(documents()).seed(0x19_04L).count(24).maxSize(3).check(m -> {
      for (String mode : List.of("strict", "lenient")) {
        JsonNode validate = call("op", "validate", "yaml", m.text(), "mode", mode);
        JsonNode decide = call("op", "decide", "policy", m.text(), "mode", mode, "request", conn);
        boolean invalid = !validate.get("valid").booleanValue();
        boolean refused = !decide.get("ok").booleanValue();
        assertEquals(invalid, refused, () -> mode + " " + m.operator() + "\n" + validate + "\n" + decide);
        if (refused) {
          assertEquals("invalid_policy", decide.get("error").get("code").stringValue(), decide::toString);
        } else {
          assertFalse(decide.get("decision").stringValue().equals("allow"), "no binary never has an identity");
        }
        if (m.expectation() == Mutant.Expectation.VALIDATION_ERROR) {
          assertTrue(refused, m::toString);
        }
        seen.merge(mode + (refused ? " refused" : " decided"), 1, Integer::sum);
      }
    });
    assertTrue(seen.getOrDefault("strict refused", 0) > 3 && seen.getOrDefault("strict decided", 0) > 3,
        seen.toString());
  }

  @Test
  void theIssuesEmptyBinaryPoliciesAreRefusedByCheckAndDecide() {
    for (String binaries : List.of("[{path: \"\"}]", "[{}]")) {
      String policy = "version: 1\nnetwork_policies:\n  a:\n    endpoints: [{host: api.example.com, port: 443}]\n"
          + "    binaries: " + binaries + "\n";
      JsonNode decide = call("op", "decide", "policy", policy, "request",
          Map.of("host", "api.example.com", "port", 443));
      assertEquals("invalid_policy", decide.get("error").get("code").stringValue(), decide::toString);
      CliRun check = CliRun.run(dir, "check", CliRun.write(dir, "p.yaml", policy).toString(), "--host",
          "api.example.com", "--port", "443", "--no-binary-identity");
      assertEquals(ExitCode.FAILED, check.status(), check::toString);
      assertTrue(check.err().contains("is not a valid policy"), check::toString);
    }
  }

  @Test
  void rawPathsAreDecidedCanonicallyOrRefusedWithTheirCode() {
    String policy = """
        version: 1
        network_policies:
          repos:
            endpoints:
              - host: api.example.com
                port: 443
                protocol: rest
                rules: [{allow: {method: GET, path: "/repos/a/x/**"}}]
            binaries: [{path: /usr/bin/gh}]
        """;
    Map<String, Object> base = Map.of("host", "api.example.com", "port", 443, "binary", "/usr/bin/gh",
        "method", "GET");
    for (String raw : List.of("/repos/a/x/../secret/k", "/repos/a/x/..;/secret/k", "/repos/a/x/%2e%2e/secret/k")) {
      Map<String, Object> request = new java.util.HashMap<>(base);
      request.put("path", raw);
      JsonNode d = call("op", "decide", "policy", policy, "request", request);
      assertEquals("deny", d.get("decision").stringValue(), raw + " " + d);
    }
    Map<String, Object> traversal = new java.util.HashMap<>(base);
    traversal.put("path", "/repos/../../x");
    JsonNode refused = call("op", "decide", "policy", policy, "request", traversal);
    assertFalse(refused.get("ok").booleanValue());
    assertEquals("path_traversal", refused.get("error").get("code").stringValue());
  }

  @Test
  void destinationsAreCheckedOnTheWireAndOnTheCommandLine() {
    String policy = "version: 1\nnetwork_policies:\n  internal:\n    endpoints: [{port: 9000, allowed_ips: "
        + "[10.0.0.0/16]}]\n    binaries: [{path: /usr/bin/curl}]\n";
    for (String host : List.of("169.254.169.254", "127.0.0.1", "0x7f.1")) {
      JsonNode d = call("op", "decide", "policy", policy, "request",
          Map.of("host", host, "port", 9000, "binary", "/usr/bin/curl"));
      assertEquals("deny", d.get("decision").stringValue(), host + " " + d);
      assertTrue(d.get("reason").stringValue().contains("SSRF"), d::toString);
    }
    JsonNode resolved = call("op", "decide", "policy", policy, "request", Map.of("host", "svc.example", "port", 9000,
        "binary", "/usr/bin/curl", "resolved_ips", List.of("10.0.0.9", "169.254.169.254")));
    assertEquals("deny", resolved.get("decision").stringValue(), resolved::toString);
    JsonNode inside = call("op", "decide", "policy", policy, "request", Map.of("host", "svc.example", "port", 9000,
        "binary", "/usr/bin/curl", "resolved_ips", List.of("10.0.0.9")));
    assertEquals("allow", inside.get("decision").stringValue(), inside::toString);
    assertTrue(inside.get("reason").stringValue().startsWith("destination checked"), inside::toString);
    JsonNode bad = call("op", "decide", "policy", policy, "request", Map.of("host", "svc.example", "port", 9000,
        "binary", "/usr/bin/curl", "resolved_ips", List.of("not-an-ip")));
    assertEquals("bad_request", bad.get("error").get("code").stringValue(), bad::toString);

    Path file = CliRun.write(dir, "ssrf.yaml", policy);
    CliRun metadata = CliRun.run(dir, "check", file.toString(), "--host", "metadata.internal", "--port", "9000",
        "--binary", "/usr/bin/curl", "--resolved-ip", "169.254.169.254");
    assertEquals(ExitCode.FAILED, metadata.status(), metadata::toString);
    assertTrue(metadata.out().contains("always_blocked"), metadata::toString);
    CliRun name = CliRun.run(dir, "check", file.toString(), "--host", "svc.example", "--port", "9000",
        "--binary", "/usr/bin/curl");
    assertEquals(ExitCode.OK, name.status(), name::toString);
    assertTrue(name.out().contains("still the proxy's to do"), name::toString);
  }
}
