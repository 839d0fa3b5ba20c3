package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The commands that treat the live policy as the only state: {@code policy-get}, {@code presets --applied},
 * {@code exclude}/{@code restore}, and custom presets removed by name; plus trusted private hosts on {@code merge}.
 */
class LivePolicyCommandsTest {

  @TempDir Path dir;

  private static final String HEADER = "Version: 3\nHash: sha256:0f4c2e\nStatus: Loaded\n---\n";

  private static final String DB =
      "preset:\n  name: db\n  description: our database proxy\nnetwork_policies:\n  db_proxy:\n    name: db_proxy\n"
          + "    endpoints:\n      - host: db.corp.example\n        port: 5432\n        access: full\n"
          + "    binaries:\n      - path: /usr/bin/psql\n";

  @Test
  void policyGetPrintsTheBodyReadyToSetAgain() throws IOException {
    String commented = CliRun.POLICY.replace("network_policies:\n", "# reviewed\nnetwork_policies:\n");
    CliRun.write(dir, "full.txt", HEADER + commented);
    CliRun r = CliRun.run(dir, "policy-get", "full.txt");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals(commented, r.out(), "the header is gone; comments and layout are kept");
    assertEquals(ExitCode.OK, CliRun.run(dir, "policy-get", "full.txt", "-o", "edit.yaml").status());
    assertEquals(commented, Files.readString(dir.resolve("edit.yaml")));
    CliRun stdin = CliRun.run(dir, java.util.Map.of(), HEADER + commented, "policy-get", "-");
    assertEquals(commented, stdin.out());

    CliRun.write(dir, "composed.txt", HEADER + CliRun.POLICY
        + "  _provider_github:\n    endpoints: [{host: api.github.com, port: 443, access: full}]\n"
        + "    binaries: [{path: /usr/bin/gh}]\n");
    CliRun composed = CliRun.run(dir, "policy-get", "composed.txt");
    assertEquals(ExitCode.OK, composed.status(), composed::toString);
    assertFalse(composed.out().contains("_provider_"), composed.out());
    assertTrue(composed.err().contains("left out the _provider_ keys"), composed.err());
  }

  @Test
  void policyGetFailsClosedOnEveryBadRead() {
    String[][] reads = {
      {"", "live_policy_empty"},
      {"Version: 3\nHash: x\n---\n", "live_policy_empty"},
      {"error: sandbox 'alpha' not found\n", "live_policy_not_a_policy"},
      {HEADER + "version: [\n", "live_policy_not_yaml"},
      {HEADER + "version: 1\nnetwork_policies: [a, b]\n", "live_policy_bad_network_policies"},
      {HEADER + "version: \"1\"\n", "live_policy_bad_version"},
    };
    for (String[] read : reads) {
      CliRun.write(dir, "bad.txt", read[0]);
      CliRun r = CliRun.run(dir, "policy-get", "bad.txt", "-o", "out.yaml");
      assertEquals(ExitCode.FAILED, r.status(), read[1]);
      assertTrue(r.err().contains("(" + read[1] + ")"), r.err());
      assertEquals("", r.out());
      assertFalse(Files.exists(dir.resolve("out.yaml")));
    }
    CliRun.write(dir, "invalid.txt", HEADER + "version: 1\nnetwork_policies:\n  a:\n    endpoints: [{host: \"*\","
        + " port: 443}]\n    binaries: [{path: /usr/bin/curl}]\n");
    CliRun invalid = CliRun.run(dir, "policy-get", "invalid.txt");
    assertEquals(ExitCode.FAILED, invalid.status(), invalid::toString);
    assertTrue(invalid.err().contains("host_wildcard_all") && invalid.err().contains("nothing was printed"),
        invalid.err());
    assertEquals("", invalid.out());
  }

  @Test
  void presetsAppliedReadsThePresetsFromTheKeysAlone() throws IOException {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "my-api.yaml", DB.replace("name: db\n", "name: my-api\n").replace("db.corp.example", "api.example.com"));
    assertEquals(ExitCode.OK, CliRun.run(dir, "merge", "p.yaml", "npm", "my-api.yaml", "-o", "live.yaml").status());
    CliRun text = CliRun.run(dir, "presets", "--applied", "live.yaml");
    assertEquals(ExitCode.OK, text.status(), text::toString);
    assertTrue(text.out().lines().anyMatch(l -> l.matches("\u25cf npm +verified +npm_yarn")), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.matches("\u25cf my-api +custom +nemoclaw_custom__my-api__db_proxy")),
        text.out());
    JsonNode json = Json.MAPPER.readTree(
        CliRun.run(dir, "presets", "--applied", "live.yaml", "--baseline", "p.yaml", "--json").out());
    List<String> names = json.get("applied").valueStream().map(a -> a.get("name").stringValue()).toList();
    assertTrue(names.containsAll(List.of("npm", "my-api")), names::toString);
    JsonNode custom = json.get("applied").valueStream().filter(a -> a.get("name").stringValue().equals("my-api"))
        .findFirst().orElseThrow();
    assertEquals("custom", custom.get("source").stringValue());
    assertTrue(custom.get("applied").booleanValue());
    assertEquals(0, json.get("excluded").size());
    CliRun.write(dir, "diag.txt", "error: no such sandbox\n");
    CliRun diag = CliRun.run(dir, "presets", "--applied", "diag.txt");
    assertEquals(ExitCode.FAILED, diag.status());
    assertTrue(diag.err().contains("(live_policy_not_a_policy)"), diag.err());
  }

  @Test
  void aCustomPresetIsRemovedByNameWithoutItsFile() throws IOException {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "my-api.yaml", DB.replace("name: db\n", "name: my-api\n").replace("db.corp.example", "api.example.com"));
    assertEquals(ExitCode.OK, CliRun.run(dir, "merge", "p.yaml", "my-api.yaml", "-o", "live.yaml").status());
    Files.delete(dir.resolve("my-api.yaml"));
    CliRun dry = CliRun.run(dir, "remove", "live.yaml", "my-api", "--dry-run");
    assertEquals(List.of("- network_policies.nemoclaw_custom__my-api__db_proxy"),
        dry.out().lines().takeWhile(l -> !l.isEmpty()).toList(), dry::toString);
    assertTrue(dry.out().contains("- connect api.example.com:5432 by /usr/bin/psql"), "what the removal narrows");
    assertEquals(ExitCode.OK, CliRun.run(dir, "remove", "live.yaml", "my-api", "-o", "live.yaml").status());
    assertEquals(ExitCode.OK, CliRun.run(dir, "diff", "p.yaml", "live.yaml").status(), "back to the original");
    CliRun again = CliRun.run(dir, "remove", "live.yaml", "my-api");
    assertEquals(ExitCode.FAILED, again.status());
    assertTrue(again.err().contains("Preset 'my-api' is not applied.") && again.err().contains("(preset_not_applied)"),
        again.err());
  }

  @Test
  void excludeAndRestoreABaselineEntry() throws IOException {
    CliRun.write(dir, "base.yaml", CliRun.POLICY);
    CliRun.write(dir, "live.txt", HEADER + CliRun.POLICY);
    CliRun dry = CliRun.run(dir, "exclude", "live.txt", "github", "--baseline", "base.yaml", "--dry-run");
    assertEquals(ExitCode.OK, dry.status(), dry::toString);
    List<String> lines = dry.out().lines().toList();
    assertTrue(lines.get(0).matches("would exclude baseline entry 'github' \\(sha256:[0-9a-f]{64}\\):"), lines.get(0));
    assertEquals(List.of("  github:", "    endpoint: api.github.com:443 (rest)", "      allow: GET /repos/**",
        "    binary: /usr/bin/gh"), lines.subList(1, 5));
    assertTrue(lines.get(5).startsWith("Excluded egress leaves dependent agent features unsupported"), lines.get(5));

    assertEquals(ExitCode.OK,
        CliRun.run(dir, "exclude", "live.txt", "github", "--baseline", "base.yaml", "-o", "excluded.yaml").status());
    assertFalse(Files.readString(dir.resolve("excluded.yaml")).contains("github:"));
    JsonNode applied = Json.MAPPER.readTree(CliRun.run(dir, "presets", "--applied", "excluded.yaml", "--baseline",
        "base.yaml", "--json").out());
    assertEquals("github", applied.get("excluded").get(0).stringValue(), "the policy records the exclusion");
    CliRun again = CliRun.run(dir, "exclude", "excluded.yaml", "github", "--baseline", "base.yaml", "--dry-run");
    assertTrue(again.out().contains("already excluded"), again::toString);

    CliRun restored = CliRun.run(dir, "restore", "excluded.yaml", "github", "--baseline", "base.yaml");
    assertEquals(ExitCode.OK, restored.status(), restored::toString);
    CliRun.write(dir, "restored.yaml", restored.out());
    assertEquals(ExitCode.OK, CliRun.run(dir, "diff", "base.yaml", "restored.yaml").status());
    JsonNode json = Json.MAPPER.readTree(
        CliRun.run(dir, "restore", "excluded.yaml", "github", "--baseline", "base.yaml", "--json").out());
    assertEquals("added", json.get("changes").get(0).get("change").stringValue());
    assertFalse(json.get("no_op").booleanValue());
  }

  @Test
  void trustedPrivateHostsArePinnedAndEverythingElseStaysRefused() throws IOException {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "db.yaml", DB);
    CliRun untrusted = CliRun.run(dir, "merge", "p.yaml", "db.yaml", "--trusted-private-host", "db.corp.example",
        "--resolve", "db.corp.example=127.0.0.1");
    assertEquals(ExitCode.FAILED, untrusted.status());
    assertTrue(untrusted.err().contains("Trusted private host 'db.corp.example' failed destination preflight:"
        + " endpoint host \"db.corp.example\" resolves to private/internal address \"127.0.0.1\"."), untrusted.err());
    CliRun pinned = CliRun.run(dir, "merge", "p.yaml", "db.yaml", "--trusted-private-host", "DB.corp.example.",
        "--resolve", "db.corp.example=10.9.0.12,10.9.0.2");
    assertEquals(ExitCode.OK, pinned.status(), pinned::toString);
    assertTrue(pinned.out().contains("allowed_ips:\n          - \"10.9.0.12\"\n          - \"10.9.0.2\""), pinned.out());
    CliRun ambient = CliRun.run(dir, java.util.Map.of("NEMOCLAW_TRUSTED_PRIVATE_HOSTS", "db.corp.example,other.example"),
        "", "merge", "p.yaml", "db.yaml", "--resolve", "db.corp.example=100.64.0.9");
    assertEquals(ExitCode.OK, ambient.status(), ambient::toString);
    assertTrue(ambient.out().contains("\"100.64.0.9\""), ambient.out());
    CliRun noTrust = CliRun.run(dir, "merge", "p.yaml", "db.yaml", "--resolve", "db.corp.example=10.0.0.1");
    assertEquals(ExitCode.USAGE, noTrust.status(), "--resolve alone is a usage error");
  }
}
