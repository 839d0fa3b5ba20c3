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

/** {@code policyctl validate}, driven as a user would. */
class ValidateCommandTest {

  @TempDir Path dir;

  private static final String TYPO = CliRun.POLICY.replace("    binaries:\n      - path: /usr/bin/pip", "    binares:\n      - path: /usr/bin/pip");

  private static final String CUSTOM_PRESET =
      """
      preset:
        name: corp-db
        description: d
      network_policies:
        corp_db:
          endpoints:
            - host: db.corp.example.com
              port: 5432
              allowed_ips: [10.0.0.0/8]
          binaries:
            - path: /usr/bin/psql
      """;

  @Test
  void problemsArePrintedCompilerStyleWithAValidityLinePerFile() {
    CliRun.write(dir, "good.yaml", CliRun.POLICY);
    CliRun.write(dir, "bad.yaml", TYPO);
    CliRun r = CliRun.run(dir, "validate", "good.yaml", "bad.yaml");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("good.yaml: valid", lines.get(0));
    // the key is on line 19; the validator may point at the key or at its value on the next line
    assertTrue(lines.stream().anyMatch(l -> l.matches("bad\\.yaml:(19:5|20:7): error unknown_key .*binares.*")), r.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("bad.yaml: invalid ("), r.out());
    assertEquals("", r.err(), "validate's problems are its result, on stdout");
    assertEquals(ExitCode.OK, CliRun.run(dir, "validate", "good.yaml").status());
  }

  @Test
  void lenientModeTurnsUnknownKeysIntoWarnings() {
    CliRun.write(dir, "bad.yaml", TYPO);
    CliRun r = CliRun.run(dir, "validate", "--lenient", "bad.yaml");
    assertTrue(r.out().lines().anyMatch(l -> l.matches("bad\\.yaml:(19:5|20:7): warning unknown_key .*")), r.out());
    assertFalse(r.out().contains("error unknown_key"), r.out());
  }

  @Test
  void jsonHasTheProtocolProblemShape() {
    CliRun.write(dir, "bad.yaml", TYPO);
    CliRun.write(dir, "good.yaml", CliRun.POLICY);
    JsonNode j = Json.MAPPER.readTree(CliRun.run(dir, "validate", "--json", "bad.yaml", "good.yaml").out());
    assertFalse(j.get("valid").booleanValue());
    JsonNode bad = j.get("files").get(0);
    assertEquals("bad.yaml", bad.get("file").stringValue());
    JsonNode p = bad.get("problems").valueStream()
        .filter(x -> x.get("code").stringValue().equals("unknown_key")).findFirst().orElseThrow();
    assertEquals("/network_policies/pypi/binares", p.get("pointer").stringValue());
    assertTrue(p.get("line").intValue() == 19 || p.get("line").intValue() == 20, p::toString);
    assertTrue(p.get("column").intValue() > 0, p::toString);
    assertTrue(j.get("files").get(1).get("valid").booleanValue());
  }

  @Test
  void presetsAndCustomPresetRules() {
    CliRun.write(dir, "corp-db.yaml", CUSTOM_PRESET);
    CliRun builtInRules = CliRun.run(dir, "validate", "--kind", "preset", "corp-db.yaml");
    assertEquals(ExitCode.OK, builtInRules.status(), builtInRules::toString);
    CliRun custom = CliRun.run(dir, "validate", "--kind", "preset", "--custom", "corp-db.yaml");
    assertEquals(ExitCode.FAILED, custom.status(), custom::toString);
    assertTrue(custom.out().contains("allowed_ips"), custom.out());
    CliRun misuse = CliRun.run(dir, "validate", "--custom", "corp-db.yaml");
    assertEquals(ExitCode.USAGE, misuse.status());
    CliRun kind = CliRun.run(dir, "validate", "--kind", "recipe", "corp-db.yaml");
    assertEquals(ExitCode.USAGE, kind.status());
    assertTrue(kind.err().contains("--kind must be policy, preset or blueprint"), kind.err());
  }

  @Test
  void theNemoclawProfileAddsNemoClawsOwnSchemas() {
    String noBinaries = "preset:\n  name: my-api\n  description: d\nnetwork_policies:\n  my_api:\n    name: m\n"
        + "    endpoints:\n      - {host: api.example.com, port: 443, access: full}\n";
    CliRun.write(dir, "nb.yaml", noBinaries);
    CliRun plain = CliRun.run(dir, "validate", "--kind", "preset", "nb.yaml");
    assertEquals(ExitCode.OK, plain.status(), plain::toString);
    CliRun profiled = CliRun.run(dir, "validate", "--kind", "preset", "--profile", "nemoclaw", "nb.yaml");
    assertEquals(ExitCode.FAILED, profiled.status(), profiled::toString);
    assertTrue(profiled.out().contains("nb.yaml:5:3: error nemoclaw_binaries_required NemoClaw schema:")
        || profiled.out().contains("error nemoclaw_binaries_required NemoClaw schema:"), profiled.out());
    CliRun.write(dir, "policy.yaml", "version: 1\n");
    assertEquals(ExitCode.OK, CliRun.run(dir, "validate", "policy.yaml").status());
    CliRun empty = CliRun.run(dir, "validate", "--profile", "nemoclaw", "policy.yaml");
    assertTrue(empty.out().contains("nemoclaw_network_policies_required"), empty.out());
    CliRun bad = CliRun.run(dir, "validate", "--profile", "strictest", "policy.yaml");
    assertEquals(ExitCode.USAGE, bad.status());
    assertTrue(bad.err().contains("--profile must be openshell or nemoclaw"), bad.err());
  }

  @Test
  void theDefaultFileComesFromTheEnvironment() {
    Path p = CliRun.write(dir, "bad.yaml", TYPO);
    CliRun r = CliRun.run(dir, Map.of("OPENSHELL_SANDBOX_POLICY", p.toString()), "", "validate");
    assertEquals(ExitCode.FAILED, r.status());
    assertTrue(r.out().contains("error unknown_key"), r.out());
  }
}
