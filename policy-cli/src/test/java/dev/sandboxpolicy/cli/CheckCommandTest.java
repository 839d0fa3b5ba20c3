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

/** {@code policyctl check}, driven as a user would: single decisions, request decisions and batches. */
class CheckCommandTest {

  @TempDir Path dir;

  private CliRun check(String... args) {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    String[] all = new String[args.length + 2];
    all[0] = "check";
    all[1] = "p.yaml";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(dir, all);
  }

  @Test
  void anAllowedConnectionNamesTheEntryTheRulePositionAndExitsZero() {
    CliRun r = check("--host", "API.GitHub.com", "--port", "443", "--binary", "/usr/bin/gh");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("allow  API.GitHub.com:443 /usr/bin/gh", lines.get(0));
    assertEquals("  policy:       github", lines.get(1));
    assertEquals("  rule:         /network_policies/github/endpoints/0 (p.yaml:5:9)", lines.get(2));
    assertEquals("  enforcement:  enforce", lines.get(3));
    assertTrue(lines.get(4).startsWith("  reason:       "), r.out());
  }

  @Test
  void aDeniedConnectionGivesTheReasonAndExitsOne() {
    CliRun wrongBinary = check("--host", "api.github.com", "--port", "443", "--binary", "/usr/bin/curl");
    assertEquals(ExitCode.FAILED, wrongBinary.status(), wrongBinary::toString);
    assertTrue(wrongBinary.out().startsWith("deny  api.github.com:443 /usr/bin/curl\n"), wrongBinary.out());
    assertTrue(wrongBinary.out().contains("/usr/bin/curl"), wrongBinary.out());
    CliRun wrongPort = check("--host", "api.github.com", "--port", "80", "--binary", "/usr/bin/gh");
    assertEquals(ExitCode.FAILED, wrongPort.status());
    assertTrue(wrongPort.out().contains("not allowed by any policy"), wrongPort.out());
  }

  @Test
  void ancestorsAndEndpointOnlyModeWidenWhoMayConnect() {
    assertEquals(ExitCode.OK,
        check("--host", "pypi.org", "--port", "443", "--binary", "/usr/bin/python3", "--ancestor", "/usr/bin/pip")
            .status());
    assertEquals(ExitCode.FAILED, check("--host", "pypi.org", "--port", "443", "--binary", "/bin/sh").status());
    assertEquals(ExitCode.OK,
        check("--host", "pypi.org", "--port", "443", "--binary", "/bin/sh", "--no-binary-identity").status());
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun env = CliRun.run(dir, Map.of("OPENSHELL_NETWORK_BINARY_IDENTITY", "disabled"), "",
        "check", "p.yaml", "--host", "pypi.org", "--port", "443", "--binary", "/bin/sh");
    assertEquals(ExitCode.OK, env.status(), "the upstream variable is honoured:\n" + env);
  }

  @Test
  void aRequestDecisionCanonicalizesTheTargetAndAppliesTheRules() {
    CliRun ok = check("--host", "api.github.com", "--port", "443", "--binary", "/usr/bin/gh",
        "--method", "GET", "--target", "/repos/./acme/x%40y?tag=a");
    assertEquals(ExitCode.OK, ok.status(), ok::toString);
    assertTrue(ok.out().startsWith("allow  api.github.com:443 /usr/bin/gh GET /repos/./acme/x%40y?tag=a\n"), ok.out());
    assertTrue(ok.out().contains("  rule:         /network_policies/github/endpoints/0/rules/0 (p.yaml:"), ok.out());

    CliRun post = check("--host", "api.github.com", "--port", "443", "--binary", "/usr/bin/gh",
        "--method", "POST", "--target", "/repos/acme/x");
    assertEquals(ExitCode.FAILED, post.status(), post::toString);
    assertTrue(post.out().contains("  network:      allow (network policy github)"), post.out());

    CliRun rejected = check("--host", "api.github.com", "--port", "443", "--binary", "/usr/bin/gh",
        "--method", "GET", "--target", "/repos/a%2Fb");
    assertEquals(ExitCode.FAILED, rejected.status(), rejected::toString);
    assertTrue(rejected.out().contains("encoded_slash"), rejected.out());

    CliRun json = check("--host", "api.github.com", "--port", "443", "--binary", "/usr/bin/gh",
        "--method", "GET", "--target", "/repos/acme/x", "--json");
    JsonNode j = Json.MAPPER.readTree(json.out());
    assertEquals("allow", j.get("decision").stringValue());
    assertEquals("github", j.get("matched_policy").stringValue());
    assertEquals("enforce", j.get("enforcement").stringValue());
    assertEquals("/network_policies/github/endpoints/0/rules/0", j.get("rule").get("pointer").stringValue());
    assertTrue(j.get("rule").get("line").intValue() > 5);
    assertEquals("allow", j.get("network").get("decision").stringValue());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(ExitCode.USAGE, check("--port", "443", "--binary", "/usr/bin/gh").status());
    assertEquals(ExitCode.USAGE, check("--host", "a", "--port", "https", "--binary", "b").status());
    CliRun pair = check("--host", "a", "--port", "1", "--binary", "b", "--method", "GET");
    assertEquals(ExitCode.USAGE, pair.status());
    assertTrue(pair.err().contains("--method and --target go together"), pair.err());
    CliRun mixed = check("--requests", "r.jsonl", "--host", "a");
    assertEquals(ExitCode.USAGE, mixed.status());
  }

  @Test
  void anInvalidPolicyIsReportedWithPositionsAndExitsOne() {
    CliRun.write(dir, "bad.yaml", CliRun.POLICY.replace("      rules:\n", "      access: full\n      rules:\n"));
    CliRun r = CliRun.run(dir, "check", "bad.yaml", "--host", "api.github.com", "--port", "443", "--binary", "/usr/bin/gh");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    assertEquals("", r.out());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("bad\\.yaml:\\d+:\\d+: error \\S+ .*")), r.err());
    assertTrue(r.err().contains("policyctl: bad.yaml is not a valid policy"), r.err());
  }

  @Test
  void aBatchPrintsOneLinePerRequestAndTheWorstStatus() {
    CliRun.write(dir, "r.jsonl", String.join("\n",
        "{\"host\": \"api.github.com\", \"port\": 443, \"binary\": \"/usr/bin/gh\"}",
        "",
        "{\"host\": \"api.github.com\", \"port\": 443, \"binary\": \"/usr/bin/gh\", \"method\": \"GET\", \"target\": \"/repos/a/b\"}",
        "{\"host\": \"pypi.org\", \"port\": 443, \"binary\": \"/usr/bin/curl\"}") + "\n");
    CliRun r = check("--requests", "r.jsonl");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("allow  github"), lines.get(0));
    assertTrue(lines.get(1).startsWith("allow  github") && lines.get(1).endsWith("GET /repos/a/b"), lines.get(1));
    assertTrue(lines.get(2).startsWith("deny "), lines.get(2));

    CliRun json = check("--requests", "r.jsonl", "--json");
    List<JsonNode> out = json.out().lines().map(Json.MAPPER::readTree).toList();
    assertEquals(List.of(1, 3, 4), out.stream().map(n -> n.get("line").intValue()).toList());
    assertEquals("deny", out.get(2).get("decision").stringValue());

    CliRun.write(dir, "bad.jsonl", "{\"host\": \"a\", \"port\": 443, \"binary\": \"/usr/bin/gh\"}\nnot json\n");
    CliRun bad = check("--requests", "bad.jsonl");
    assertEquals(ExitCode.USAGE, bad.status(), "a malformed line is exit 2");
    assertTrue(bad.err().contains("bad.jsonl:2: error bad_request"), bad.err());
    assertEquals(1, bad.out().lines().count(), "the good line is still decided");
  }

  @Test
  void theBundledExampleAnswersTheReadmeCommand() {
    Path example = Path.of("..", "examples", "policies", "sandbox.yaml").toAbsolutePath().normalize();
    CliRun r = CliRun.run(dir, "check", example.toString(), "--host", "api.github.com", "--port", "443",
        "--binary", "/usr/bin/gh");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().contains("policy:       github"), r.out());
    Path requests = example.resolveSibling("requests.jsonl");
    CliRun batch = CliRun.run(dir, "check", example.toString(), "--requests", requests.toString());
    assertEquals(ExitCode.FAILED, batch.status(), "the example batch has denials:\n" + batch);
    assertFalse(batch.out().isEmpty());
  }
}
