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

/** {@code policyctl prove}, {@code diff --semantic}, {@code lint} and the stdio prove/compare/lint operations. */
class AnalysisCommandsTest {
  @TempDir Path dir;

  private static final String BOUNDARY = """
      version: 1
      network_policies:
        gh:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: GET, path: /repos/**}
          binaries:
            - path: /usr/bin/gh
      """;

  private static final String WIDER = BOUNDARY.replace("method: GET, path: /repos/**", "method: '*', path: /repos/**");

  private static final String GRAPHQL = BOUNDARY.replace("protocol: rest", "protocol: graphql").replace(
      "- allow: {method: GET, path: /repos/**}", "- allow: {operation_type: query}");

  @Test
  void proveExitsZeroWithinOneExceedsTwoInvalidThreeUnsupported() {
    CliRun.write(dir, "b.yaml", BOUNDARY);
    CliRun.write(dir, "c.yaml", WIDER);
    CliRun.write(dir, "g.yaml", GRAPHQL);
    CliRun.write(dir, "bad.yaml", "version: 1\nnetwork_policies: {x: {endpoints: [{host: '*', port: 443}]}}\n");
    CliRun within = CliRun.run(dir, "prove", "--within", "c.yaml", "b.yaml");
    assertEquals(ExitCode.OK, within.status(), within::toString);
    assertEquals("result: within_boundary\n", within.out());
    CliRun exceeds = CliRun.run(dir, "prove", "--within", "b.yaml", "c.yaml");
    assertEquals(ExitCode.FAILED, exceeds.status(), exceeds::toString);
    assertTrue(exceeds.out().startsWith("result: exceeds_boundary\ncounterexample: "), exceeds.out());
    assertTrue(exceeds.out().contains("api.github.com:443/repos/ by /usr/bin/gh"), exceeds.out());
    assertTrue(exceeds.out().contains("candidate: allowed by gh (/network_policies/gh/endpoints/0/rules/0, line 10)"),
        exceeds.out());
    CliRun invalid = CliRun.run(dir, "prove", "--within", "b.yaml", "bad.yaml");
    assertEquals(ExitCode.USAGE, invalid.status(), invalid::toString);
    assertTrue(invalid.err().contains("bad.yaml"), invalid.err());
    CliRun unsupported = CliRun.run(dir, "prove", "--within", "g.yaml", "g.yaml".replace("g", "g"));
    assertEquals(ExitCode.OK, unsupported.status(), "identical inputs are within: " + unsupported);
    CliRun graphql = CliRun.run(dir, "prove", "--within", "b.yaml", "g.yaml");
    assertEquals(ExitCode.UNSUPPORTED, graphql.status(), graphql::toString);
    assertTrue(graphql.out().contains("protocol graphql at /network_policies/gh/endpoints/0"), graphql.out());
    CliRun usage = CliRun.run(dir, "prove", "b.yaml");
    assertEquals(ExitCode.USAGE, usage.status());
  }

  @Test
  void proveJsonCarriesTheDecideRequestObject() {
    CliRun.write(dir, "b.yaml", BOUNDARY);
    CliRun.write(dir, "c.yaml", WIDER);
    CliRun r = CliRun.run(dir, "prove", "--json", "--within", "b.yaml", "c.yaml");
    JsonNode o = Json.MAPPER.readTree(r.out());
    assertEquals("exceeds_boundary", o.get("result").stringValue());
    assertEquals("network", o.get("domain").stringValue());
    JsonNode ce = o.get("counterexample");
    assertEquals("api.github.com", ce.get("host").stringValue());
    assertEquals(443, ce.get("port").intValue());
    assertEquals("/usr/bin/gh", ce.get("binary").stringValue());
    assertFalse(ce.get("method").stringValue().equals("GET"), ce.toString());
    assertEquals("allowed", o.get("candidate").get("outcome").stringValue());
    assertEquals("denied", o.get("boundary").get("outcome").stringValue());
    assertEquals(0, o.get("unsupported").size());
  }

  @Test
  void semanticDiffListsRegionsAndExitsByRelation() {
    CliRun.write(dir, "b.yaml", BOUNDARY);
    CliRun.write(dir, "c.yaml", WIDER);
    CliRun same = CliRun.run(dir, "diff", "--semantic", "b.yaml", "b.yaml");
    assertEquals(ExitCode.OK, same.status(), same::toString);
    assertEquals("relation: equivalent\n", same.out());
    CliRun wider = CliRun.run(dir, "diff", "--semantic", "b.yaml", "c.yaml");
    assertEquals(ExitCode.FAILED, wider.status(), wider::toString);
    assertTrue(wider.out().startsWith("relation: wider\n+ "), wider.out());
    assertTrue(wider.out().contains("    from:   [/usr/bin/gh] x api.github.com x [443] x * /repos/**"), wider.out());
    CliRun json = CliRun.run(dir, "diff", "--semantic", "--json", "c.yaml", "b.yaml");
    JsonNode o = Json.MAPPER.readTree(json.out());
    assertEquals("narrower", o.get("relation").stringValue());
    assertEquals(0, o.get("widened").size());
    JsonNode region = o.get("narrowed").get(0);
    assertEquals("request", region.get("layer").stringValue());
    assertTrue(region.get("witness").has("method"), region.toString());
    assertEquals("allowed", region.get("before").get("outcome").stringValue());
  }

  @Test
  void lintPrintsLocatedWarnings() {
    CliRun.write(dir, "p.yaml", BOUNDARY.replace("- allow: {method: GET, path: /repos/**}",
        "- allow: {method: GET, path: /repos/**}\n          - allow: {method: GET, path: /repos/a/**}"));
    CliRun r = CliRun.run(dir, "lint", "p.yaml");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    assertTrue(r.out().startsWith("p.yaml:11:13: warning redundant_rule "), r.out());
    CliRun clean = CliRun.run(dir, "lint", "--surprises", write("q.yaml", BOUNDARY));
    assertEquals(ExitCode.OK, clean.status(), clean::toString);
    assertTrue(clean.out().contains("path_without_slash GET api.github.com:443/repos by /usr/bin/gh -> denied"),
        clean.out());
  }

  private String write(String name, String text) {
    CliRun.write(dir, name, text);
    return name;
  }

  private List<JsonNode> serve(String... lines) {
    CliRun r = CliRun.run(dir, Map.of(), String.join("\n", lines) + "\n", "serve", "--stdio");
    assertEquals(ExitCode.OK, r.status(), r::toString);
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
  void stdioProveCompareAndLint() {
    List<JsonNode> r = serve(
        "{\"op\": \"hello\"}",
        request("op", "prove", "id", 1, "boundary", BOUNDARY, "candidate", WIDER),
        request("op", "compare", "id", 2, "before", BOUNDARY, "after", WIDER),
        request("op", "lint", "id", 3, "policy", BOUNDARY, "surprises", true),
        request("op", "prove", "id", 4, "boundary", BOUNDARY, "candidate", "version: 1\nnetwork_policies: [\n"),
        request("op", "compare", "id", 5, "before", BOUNDARY));
    List<String> ops = r.get(0).get("ops").valueStream().map(JsonNode::stringValue).toList();
    assertTrue(ops.containsAll(List.of("prove", "compare", "lint")), ops::toString);
    JsonNode prove = r.get(1);
    assertTrue(prove.get("ok").booleanValue(), prove::toString);
    assertEquals("exceeds_boundary", prove.get("result").stringValue());
    assertEquals("api.github.com", prove.get("counterexample").get("host").stringValue());
    assertTrue(prove.get("unsupported").isArray());
    JsonNode compare = r.get(2);
    assertEquals("wider", compare.get("relation").stringValue());
    assertTrue(compare.get("widened").get(0).has("witness"), compare::toString);
    JsonNode lint = r.get(3);
    assertEquals(0, lint.get("problems").size(), lint::toString);
    assertTrue(lint.get("surprises").size() > 0, lint::toString);
    assertEquals("invalid_policy", r.get(4).get("error").get("code").stringValue(), r.get(4)::toString);
    assertTrue(r.get(4).get("error").get("message").stringValue().contains("'candidate'"), r.get(4)::toString);
    assertEquals("bad_request", r.get(5).get("error").get("code").stringValue(), r.get(5)::toString);
  }
}
