package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code merge}, {@code remove} and {@code presets}, driven as a user would. */
class PresetLayerCommandTest {

  @TempDir Path dir;

  private static final String MY_API =
      """
      preset:
        name: my-api
        description: Our internal API
      network_policies:
        my_api:
          endpoints:
            - host: api.internal.example.com
              port: 443
          binaries:
            - path: /usr/bin/curl
        pypi:
          endpoints:
            - host: mirror.example.com
              port: 443
          binaries:
            - path: /usr/bin/pip
      """;

  @Test
  void mergeAppendsNewKeysReplacesExistingOnesInPlaceAndPrintsThePolicy() {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "my-api.yaml", MY_API);
    CliRun r = CliRun.run(dir, "merge", "p.yaml", "my-api.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    String out = r.out();
    assertTrue(out.indexOf("github:") < out.indexOf("  pypi:")
            && out.indexOf("  pypi:") < out.indexOf("nemoclaw_custom__my-api__my_api:")
            && out.indexOf("nemoclaw_custom__my-api__my_api:") < out.indexOf("nemoclaw_custom__my-api__pypi:"),
        "a custom preset's keys are appended in its namespace, in its order:\n" + out);
    assertTrue(out.contains("mirror.example.com") && out.contains("host: pypi.org"),
        "a custom preset cannot replace the policy's own pypi entry");
    CliRun.write(dir, "merged.yaml", out);
    assertEquals(ExitCode.OK, CliRun.run(dir, "validate", "merged.yaml").status(), "the result is a valid policy");
  }

  @Test
  void dryRunShowsTheChangesAndWritesNothing() {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "my-api.yaml", MY_API);
    CliRun r = CliRun.run(dir, "merge", "--dry-run", "p.yaml", "my-api.yaml", "-o", "p.yaml");
    assertEquals(ExitCode.USAGE, r.status(), "--dry-run with -o is contradictory");
    r = CliRun.run(dir, "merge", "--dry-run", "p.yaml", "my-api.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals(List.of("+ network_policies.nemoclaw_custom__my-api__my_api",
            "+ network_policies.nemoclaw_custom__my-api__pypi"), keyChanges(r), "in the preset's order");
    // then what the change does to what is allowed: both custom entries open new connections
    List<String> semantic = r.out().lines().dropWhile(l -> !l.equals("what it allows:")).toList();
    assertEquals("relation: wider", semantic.get(1), r.out());
    assertTrue(semantic.contains("+ connect api.internal.example.com:443 by /usr/bin/curl"), r.out());
    CliRun remove = CliRun.run(dir, "remove", "--dry-run", "p.yaml", "my-api.yaml");
    assertEquals(List.of("no changes"), remove.out().lines().toList(), "only keys that exist go");
    assertEquals(ExitCode.OK, CliRun.run(dir, "merge", "p.yaml", "my-api.yaml", "-o", "p.yaml").status());
    CliRun afterMerge = CliRun.run(dir, "remove", "--dry-run", "p.yaml", "my-api.yaml");
    assertEquals(List.of("- network_policies.nemoclaw_custom__my-api__my_api",
        "- network_policies.nemoclaw_custom__my-api__pypi"), keyChanges(afterMerge));
    assertTrue(afterMerge.out().contains("relation: narrower"), afterMerge.out());
  }

  /** The key lines of a dry run (before the semantic section). */
  private static List<String> keyChanges(CliRun r) {
    return r.out().lines().takeWhile(l -> !l.isEmpty()).toList();
  }

  @Test
  void outputIsWrittenAtomicallyAndRemoveUndoesAnAppendOnlyMerge() throws IOException {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    String npmOnly = MY_API.replace("  pypi:\n", "  other_api:\n");
    CliRun.write(dir, "my-api.yaml", npmOnly);
    assertEquals(ExitCode.OK, CliRun.run(dir, "merge", "p.yaml", "my-api.yaml", "-o", "p.yaml").status());
    assertTrue(Files.readString(dir.resolve("p.yaml")).contains("other_api:"));
    assertEquals(ExitCode.OK, CliRun.run(dir, "remove", "p.yaml", "my-api.yaml", "-o", "p.yaml").status());
    CliRun.write(dir, "orig.yaml", CliRun.POLICY);
    CliRun diff = CliRun.run(dir, "diff", "orig.yaml", "p.yaml");
    assertEquals(ExitCode.OK, diff.status(), "merge then remove of new keys is the identity:\n" + diff);
  }

  @Test
  void builtInPresetNamesWorkInPlaceOfFiles() {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun r = CliRun.run(dir, "merge", "p.yaml", "NPM", "--dry-run");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().startsWith("+ network_policies."), r.out());
    CliRun unknown = CliRun.run(dir, "merge", "p.yaml", "no-such-preset");
    assertEquals(ExitCode.USAGE, unknown.status());
    assertTrue(unknown.err().contains("'no-such-preset' is neither a preset file nor a built-in preset"), unknown.err());
  }

  @Test
  void thePolicyComesFromTheEnvironmentWhenTheFirstArgumentIsAPreset() {
    Path policy = CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "my-api.yaml", MY_API);
    Map<String, String> env = Map.of("OPENSHELL_SANDBOX_POLICY", policy.toString());
    CliRun r = CliRun.run(dir, env, "", "merge", "my-api.yaml", "--dry-run");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals(List.of("+ network_policies.nemoclaw_custom__my-api__my_api",
        "+ network_policies.nemoclaw_custom__my-api__pypi"), keyChanges(r));
    CliRun builtIn = CliRun.run(dir, env, "", "merge", "pypi", "--dry-run");
    assertEquals(ExitCode.OK, builtIn.status(), builtIn::toString);
  }

  @Test
  void policyGetFullOutputIsAccepted() {
    CliRun.write(dir, "live.txt", "Version: 4\nHash: sha256:0f\nStatus: Loaded\n---\n" + CliRun.POLICY);
    CliRun.write(dir, "my-api.yaml", MY_API);
    CliRun r = CliRun.run(dir, "merge", "live.txt", "my-api.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertFalse(r.out().contains("Hash:"), r.out());
    assertTrue(r.out().startsWith("version: 1\n"), r.out());
  }

  @Test
  void aBadPresetOrPolicyFailsWithExitOneAndLeavesTheOutputAlone() throws IOException {
    Path p = CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "empty.yaml", "preset:\n  name: empty\n  description: x\nnetwork_policies: {}\n");
    CliRun r = CliRun.run(dir, "merge", "p.yaml", "empty.yaml", "-o", "p.yaml");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    assertTrue(r.err().contains("preset network_policies entries must be a valid YAML mapping"), r.err());
    assertEquals(CliRun.POLICY, Files.readString(p), "the input is never half-written");

    CliRun.write(dir, "diag.yaml", "error: sandbox not found\n");
    CliRun.write(dir, "my-api.yaml", MY_API);
    CliRun notPolicy = CliRun.run(dir, "merge", "diag.yaml", "my-api.yaml");
    assertEquals(ExitCode.FAILED, notPolicy.status());
    assertTrue(notPolicy.err().contains("live_policy_not_a_policy"), notPolicy.err());

    CliRun.write(dir, "nonp.yaml", "version: 1\n");
    CliRun notRemovable = CliRun.run(dir, "remove", "nonp.yaml", "my-api.yaml");
    assertEquals(ExitCode.FAILED, notRemovable.status());
    assertTrue(notRemovable.err().contains("preset_not_removable"), notRemovable.err());
  }

  @Test
  void jsonOutputCarriesTheYamlTheDocumentAndTheChanges() {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "my-api.yaml", MY_API);
    JsonNode json = Json.MAPPER.readTree(CliRun.run(dir, "merge", "p.yaml", "my-api.yaml", "--json").out());
    assertTrue(json.get("yaml").stringValue().contains("nemoclaw_custom__my-api__my_api:"));
    assertEquals("api.internal.example.com", json.get("document").get("network_policies")
        .get("nemoclaw_custom__my-api__my_api").get("endpoints").get(0).get("host").stringValue());
    assertEquals("added", json.get("changes").get(0).get("change").stringValue());
    assertEquals("nemoclaw_custom__my-api__pypi", json.get("changes").get(1).get("key").stringValue());
    assertEquals("added", json.get("changes").get(1).get("change").stringValue());
  }

  @Test
  void presetsListsBuiltInsAndTiers() {
    CliRun r = CliRun.run(dir, "presets");
    assertEquals(ExitCode.OK, r.status());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("  pypi +\\S.*")), r.out());
    assertTrue(r.out().contains("\nTiers:\n"), r.out());
    JsonNode json = Json.MAPPER.readTree(CliRun.run(dir, "presets", "--json").out());
    List<String> names = json.get("presets").valueStream().map(p -> p.get("name").stringValue()).toList();
    assertTrue(names.containsAll(List.of("npm", "pypi", "github", "slack")), names::toString);
    assertTrue(json.get("tiers").valueStream().anyMatch(t -> t.get("name").stringValue().equals("balanced")));
    for (String name : names) {
      assertTrue(r.out().contains("  " + name + " "), name);
    }
  }

  @Test
  void explainPrintsMarkdownAndJson() {
    CliRun md = CliRun.run(dir, "explain", "--sandbox", "alpha", "--tier", "balanced", "--applied", "npm,pypi",
        "--gateway-presets", "npm");
    assertEquals(ExitCode.OK, md.status(), md::toString);
    assertTrue(md.out().startsWith("# Sandbox policy context: alpha\n"), md.out());
    JsonNode json = Json.MAPPER.readTree(CliRun.run(dir, "explain", "--sandbox", "alpha", "--applied", "npm",
        "--applied", "pypi", "--gateway-presets", "npm", "--json").out());
    assertEquals("alpha", json.get("sandboxName").stringValue());
    List<JsonNode> active = json.get("activePresets").valueStream().toList();
    assertEquals(List.of("npm", "pypi"), active.stream().map(p -> p.get("name").stringValue()).toList());
    assertEquals("verified", active.get(0).get("verification").stringValue());
    assertEquals("registry-only", active.get(1).get("verification").stringValue());
    CliRun bad = CliRun.run(dir, "explain", "--sandbox", "Bad Name");
    assertEquals(ExitCode.USAGE, bad.status());
  }

  @Test
  void aResultThatUpstreamWouldRejectIsReportedAndNotWritten() throws IOException {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    // brew reaches github.com:443 with tls: skip, github with TLS auto: an ambiguous generation (spec §2.6).
    CliRun dry = CliRun.run(dir, "merge", "--dry-run", "p.yaml", "brew", "github");
    assertEquals(ExitCode.FAILED, dry.status(), dry::toString);
    assertTrue(dry.out().contains("+ network_policies.brew"), dry::toString);
    assertTrue(dry.err().contains("<result>:") && dry.err().contains("endpoint_ambiguous"), dry::toString);

    String before = Files.readString(dir.resolve("p.yaml"));
    CliRun written = CliRun.run(dir, "merge", "p.yaml", "brew", "github", "-o", "p.yaml");
    assertEquals(ExitCode.FAILED, written.status(), written::toString);
    assertTrue(written.err().contains("p.yaml:") && written.err().contains("nothing was written"), written::toString);
    assertEquals(before, Files.readString(dir.resolve("p.yaml")), "-o leaves the file untouched");

    CliRun json = CliRun.run(dir, "merge", "--json", "p.yaml", "brew", "github");
    assertEquals(ExitCode.FAILED, json.status());
    JsonNode tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.out());
    assertFalse(tree.get("valid").asBoolean());
    assertEquals("endpoint_ambiguous", tree.get("problems").get(0).get("code").asString());

    CliRun ok = CliRun.run(dir, "merge", "p.yaml", "brew");
    assertEquals(ExitCode.OK, ok.status(), "brew alone is fine: " + ok);
  }
}
