package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --format sarif|github|json}: SARIF checked against the OASIS SARIF 2.1.0 JSON Schema, GitHub workflow
 * commands, and {@code --json} documents that are printed even when an input cannot be read.
 */
class ReportFormatTest {

  @TempDir Path dir;

  private static final String SCHEMA_ID =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private static final Schema SARIF_SCHEMA = sarifSchema();

  private static Schema sarifSchema() {
    try (InputStream in = ReportFormatTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, b -> b.schemas(Map.of(SCHEMA_ID, text)));
      return registry.getSchema(SchemaLocation.of(SCHEMA_ID));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SARIF 2.1.0 schema errors of {@code log} (also used by TestCommandTest). */
  static List<String> schemaErrors(JsonNode log) {
    return SARIF_SCHEMA.validate(log).stream().map(Error::toString).toList();
  }

  /** A policy with an error at a position and a warning (binaries_empty) on another line. */
  private static final String BROKEN =
      """
      version: 1
      network_policies:
        g:
          endpoints:
            - host: a.example.com
              port: 443
              acess: full
      """;

  @Test
  void sarifIsValidAgainstTheSarifSchemaAndLocatesEveryProblem() {
    CliRun.write(dir, "broken.yaml", BROKEN);
    CliRun.write(dir, "my dir/good.yaml", CliRun.POLICY);
    CliRun r = CliRun.run(dir, Map.of(), "version: 1\nnetwork_policies: 3\n",
        "validate", "--format", "sarif", "broken.yaml", "my dir/good.yaml", "missing.yaml", "-");
    assertEquals(ExitCode.USAGE, r.status(), "an unreadable input is exit 2:\n" + r);
    assertEquals("", r.err(), "the SARIF log carries everything");
    JsonNode log = Json.MAPPER.readTree(r.out());
    assertEquals(List.of(), schemaErrors(log));

    JsonNode run = log.get("runs").get(0);
    assertEquals("policyctl", run.get("tool").get("driver").get("name").stringValue());
    List<String> ruleIds = new ArrayList<>();
    run.get("tool").get("driver").get("rules").forEach(rule -> ruleIds.add(rule.get("id").stringValue()));
    JsonNode results = run.get("results");
    JsonNode unknown = find(results, "unknown_key");
    assertEquals("error", unknown.get("level").stringValue());
    assertEquals(ruleIds.indexOf("unknown_key"), unknown.get("ruleIndex").intValue());
    JsonNode physical = unknown.get("locations").get(0).get("physicalLocation");
    assertEquals("broken.yaml", physical.get("artifactLocation").get("uri").stringValue());
    assertEquals(Sarif.SOURCE_ROOT, physical.get("artifactLocation").get("uriBaseId").stringValue());
    assertEquals(7, physical.get("region").get("startLine").intValue());
    assertTrue(physical.get("region").get("startColumn").intValue() > 0);
    assertEquals("/network_policies/g/endpoints/0/acess",
        unknown.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").stringValue());
    assertEquals("warning", find(results, "binaries_empty").get("level").stringValue());
    JsonNode stdin = find(results, "wrong_type");
    assertEquals("%3Cstdin%3E",
        stdin.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").stringValue());

    JsonNode invocation = run.get("invocations").get(0);
    assertFalse(invocation.get("executionSuccessful").booleanValue());
    JsonNode notification = invocation.get("toolExecutionNotifications").get(0);
    assertEquals("io_error", notification.get("descriptor").get("id").stringValue());
    assertEquals("missing.yaml", notification.get("locations").get(0).get("physicalLocation")
        .get("artifactLocation").get("uri").stringValue());
    assertEquals(dir.toUri().toString(),
        run.get("originalUriBaseIds").get(Sarif.SOURCE_ROOT).get("uri").stringValue());
  }

  @Test
  void aValidRunIsSuccessfulWithNoResults() {
    CliRun.write(dir, "good.yaml", CliRun.POLICY);
    CliRun r = CliRun.run(dir, "validate", "--format=sarif", "good.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    JsonNode log = Json.MAPPER.readTree(r.out());
    assertEquals(List.of(), schemaErrors(log));
    assertEquals(0, log.get("runs").get(0).get("results").size());
    assertTrue(log.get("runs").get(0).get("invocations").get(0).get("executionSuccessful").booleanValue());
  }

  @Test
  void theSchemaCheckRejectsABrokenLog() {
    CliRun.write(dir, "broken.yaml", BROKEN);
    ObjectNode log = (ObjectNode) Json.MAPPER.readTree(CliRun.run(dir, "validate", "--format", "sarif", "broken.yaml").out());
    ObjectNode result = (ObjectNode) log.get("runs").get(0).get("results").get(0);
    result.put("level", "fatal");
    assertNotEquals(List.of(), schemaErrors(log), "a level SARIF does not define is caught");
    log.remove("version");
    assertTrue(schemaErrors(log).size() >= 2, "a log without version is caught");
  }

  @Test
  void relativeUrisAreEncodedAndNeverReadAsASchemeOrAuthority() {
    assertEquals("my%20dir/a.yaml", Sarif.relativeUri("my dir/a.yaml"));
    assertEquals("./c:x.yaml", Sarif.relativeUri("c:x.yaml"));
    assertEquals("a/b%25c.yaml", Sarif.relativeUri("a/b%c.yaml"));
    assertEquals("file:///tmp/a%20b.yaml", Sarif.artifact("/tmp/a b.yaml").get("uri").stringValue());
  }

  @Test
  void githubFormatPrintsOneWorkflowCommandPerProblem() {
    CliRun.write(dir, "broken.yaml", BROKEN);
    CliRun r = CliRun.run(dir, "validate", "--format", "github", "broken.yaml", "missing.yaml");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "::error file=broken\\.yaml,line=7,col=\\d+,title=unknown_key::unknown key 'acess' .*")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=broken.yaml,line=3,col=3,title=binaries_empty::")),
        r.out());
    assertTrue(lines.contains("broken.yaml: invalid (1 error, 1 warning)"), r.out());
    assertTrue(lines.contains("::error file=missing.yaml,title=io_error::cannot read missing.yaml: no such file"), r.out());
    assertEquals("::warning file=a%2Cb%3A.yaml,line=2,title=x::50%25%0Anext",
        GithubAnnotations.command("warning", "a,b:.yaml", 2, 0, "x", "50%\nnext"));
  }

  @Test
  void jsonReportsAnUnreadableFileWithTheOthers() {
    CliRun.write(dir, "good.yaml", CliRun.POLICY);
    CliRun r = CliRun.run(dir, "validate", "--json", "good.yaml", "missing.yaml");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertFalse(doc.get("valid").booleanValue());
    assertTrue(doc.get("files").get(0).get("valid").booleanValue());
    JsonNode missing = doc.get("files").get(1);
    assertEquals("missing.yaml", missing.get("file").stringValue());
    assertFalse(missing.get("valid").booleanValue());
    assertEquals("io_error", missing.get("error").get("code").stringValue());
    assertEquals("cannot read missing.yaml: no such file", missing.get("error").get("message").stringValue());
    CliRun text = CliRun.run(dir, "validate", "good.yaml", "missing.yaml");
    assertEquals("good.yaml: valid\n", text.out(), "the readable file is still validated");
    assertEquals("policyctl: cannot read missing.yaml: no such file\n", text.err());
    CliRun conflict = CliRun.run(dir, "validate", "--json", "--format", "sarif", "good.yaml");
    assertEquals(ExitCode.USAGE, conflict.status());
    assertEquals("usage_error", Json.MAPPER.readTree(conflict.out()).get("error").get("code").stringValue());
  }

  /**
   * One list of format names: {@code junit} is {@code test}'s only, and each command's usage error names exactly the
   * formats it takes ({@link ReportFormat#choose}); shell completion offers the same names.
   */
  @Test
  void eachCommandTakesItsFormatsAndNamesThemInItsUsageError() {
    CliRun.write(dir, "good.yaml", CliRun.POLICY);
    CliRun junit = CliRun.run(dir, "validate", "--format", "junit", "good.yaml");
    assertEquals(ExitCode.USAGE, junit.status(), junit.toString());
    assertTrue(junit.err().contains("--format must be text, json, sarif or github, not 'junit'"), junit.toString());
    CliRun test = CliRun.run(dir, "test", "--format", "xml", "missing.yaml");
    assertEquals(ExitCode.USAGE, test.status(), test.toString());
    assertTrue(test.err().contains("--format must be text, json, junit, sarif or github, not 'xml'"), test.toString());
    CliRun both = CliRun.run(dir, "test", "--json", "--format", "junit", "missing.yaml");
    assertEquals(ExitCode.USAGE, both.status(), both.toString());
    assertTrue(both.err().contains("--json is --format json; it cannot be combined with --format junit"),
        both.toString());
    List<String> problemLabels = new ArrayList<>();
    new ReportFormat.Labels().forEach(problemLabels::add);
    assertEquals(List.of("text", "json", "sarif", "github"), problemLabels);
    List<String> allLabels = new ArrayList<>();
    new ReportFormat.AllLabels().forEach(allLabels::add);
    assertEquals(List.of("text", "json", "junit", "sarif", "github"), allLabels);
  }

  /** Every command with --json prints a JSON document on stdout even when it fails, with snake_case names. */
  @Test
  void everyJsonCommandPrintsADocumentWhenItFails() {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "bad.yaml", BROKEN);
    String[][] failing = {
      {"validate", "--json", "missing.yaml"},
      {"check", "--json", "missing.yaml", "--host", "a", "--port", "1", "--binary", "b"},
      {"check", "--json", "bad.yaml", "--host", "a", "--port", "1", "--binary", "b"},
      {"check", "--json", "p.yaml", "--host", "a"},
      {"merge", "--json", "missing.yaml", "npm"},
      {"remove", "--json", "p.yaml", "missing-preset.yaml"},
      {"explain", "--json", "--custom", "missing.yaml"},
      {"presets", "--json", "--no-such-option"},
      {"diff", "--json", "p.yaml", "missing.yaml"},
      {"hash", "--json", "p.yaml", "missing.yaml", "bad.yaml"},
    };
    for (String[] args : failing) {
      CliRun r = CliRun.run(dir, args);
      String what = String.join(" ", args) + "\n" + r;
      assertNotEquals(ExitCode.OK, r.status(), what);
      JsonNode doc = Json.MAPPER.readTree(r.out());
      assertTrue(doc.isObject(), what);
      assertSnakeCase(doc, what);
      if (!args[0].equals("validate") && !args[0].equals("hash")) {
        assertFalse(doc.get("ok").booleanValue(), what);
        assertTrue(doc.get("error").get("code").stringValue().matches("[a-z_]+"), what);
        assertFalse(doc.get("error").get("message").stringValue().isEmpty(), what);
      }
    }
    JsonNode hash = Json.MAPPER.readTree(CliRun.run(dir, "hash", "--json", "p.yaml", "missing.yaml", "bad.yaml").out());
    assertTrue(hash.get("files").get(0).get("hash").stringValue().startsWith("sha256:"));
    assertEquals("io_error", hash.get("files").get(1).get("error").get("code").stringValue());
    assertEquals("invalid_policy", hash.get("files").get(2).get("error").get("code").stringValue());
    assertTrue(hash.get("files").get(2).get("error").get("problems").size() > 0);
  }

  private static void assertSnakeCase(JsonNode node, String what) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertTrue(e.getKey().matches("[a-z][a-z0-9_]*"), () -> "field " + e.getKey() + " in " + what);
        assertSnakeCase(e.getValue(), what);
      }
    } else if (node.isArray()) {
      node.forEach(child -> assertSnakeCase(child, what));
    }
  }

  private static JsonNode find(JsonNode results, String ruleId) {
    for (JsonNode r : results) {
      if (r.get("ruleId").stringValue().equals(ruleId)) {
        return r;
      }
    }
    throw new AssertionError("no result " + ruleId + " in " + results);
  }
}
