package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdviseUnusedCommandTest {

  @Test
  void adviseWritesAProvenPresetThatMergeAccepts(@TempDir Path dir) throws Exception {
    CliRun.write(dir, "policy.yaml", CliRun.POLICY);
    CliRun.write(dir, "sandbox.log", ReplayCommandTest.LOG);
    CliRun r = CliRun.run(dir, "advise", "--policy", "policy.yaml", "--name", "agent-extras", "-o", "extras.yaml",
        "sandbox.log");
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertTrue(r.out().contains("allow_example_org_443"), r.out());
    assertTrue(r.out().contains("proof by replay: holds"), r.out());
    assertTrue(r.out().contains("targeted denials now allowed   2 of 2"), r.out()); // DELETE and example.org
    String preset = Files.readString(dir.resolve("extras.yaml"));
    assertTrue(preset.contains("name: agent-extras"), preset);
    assertFalse(preset.contains("allowed_ips"), preset);
    // The preset applies with policyctl merge, and the merged policy replays the log without breaking anything.
    CliRun merged = CliRun.run(dir, "merge", "policy.yaml", "extras.yaml", "-o", "merged.yaml");
    assertEquals(ExitCode.OK, merged.status(), merged.toString());
    CliRun replay = CliRun.run(dir, "replay", "--policy", "merged.yaml", "--baseline", "policy.yaml",
        "--fail-on", "allow-to-deny", "sandbox.log");
    assertEquals(ExitCode.OK, replay.status(), replay.toString());
    assertTrue(replay.out().contains("deny -> allow             2"), replay.out());
  }

  @Test
  void adviseRefusesABadNameAndReportsJson(@TempDir Path dir) {
    CliRun.write(dir, "policy.yaml", CliRun.POLICY);
    CliRun.write(dir, "sandbox.log", ReplayCommandTest.LOG);
    CliRun bad = CliRun.run(dir, "advise", "--policy", "policy.yaml", "--name", "Not_Valid", "sandbox.log");
    assertEquals(ExitCode.USAGE, bad.status(), bad.toString());
    assertTrue(bad.err().contains("preset.name"), bad.err());
    CliRun json = CliRun.run(dir, "advise", "--policy", "policy.yaml", "--name", "agent-extras", "--json",
        "sandbox.log");
    assertEquals(ExitCode.OK, json.status(), json.toString());
    assertTrue(json.out().contains("\"holds\" : true"), json.out());
    assertTrue(json.out().contains("\"key\" : \"allow_example_org_443\""), json.out());
  }

  @Test
  void unusedListsThePypiEntryWhenNothingUsedIt(@TempDir Path dir) {
    CliRun.write(dir, "policy.yaml", CliRun.POLICY);
    CliRun.write(dir, "sandbox.log", ReplayCommandTest.LOG.lines()
        .filter(l -> !l.contains("pypi")).reduce("", (a, b) -> a + b + "\n"));
    CliRun r = CliRun.run(dir, "unused", "--policy", "policy.yaml", "-o", "narrow.yaml", "sandbox.log");
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertTrue(r.out().contains("entries no logged decision used:\n  pypi"), r.out());
    assertTrue(r.out().contains("path /repos/** was used only as /repos/o/r"), r.out());
    assertTrue(r.out().contains("proof by replay of the narrowed policy: holds"), r.out());
    assertTrue(Files.exists(dir.resolve("narrow.yaml")));
  }

  /** The walkthrough of docs/traffic.md on the bundled example log keeps saying what the document shows. */
  @Test
  void theDocumentedLoopOnTheBundledExample(@TempDir Path dir) throws Exception {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    Path policy = examples.resolve("policies/sandbox.yaml");
    Path log = examples.resolve("traffic/sandbox.log");
    CliRun replay = CliRun.run(dir, "replay", "--policy", policy.toString(), log.toString());
    assertEquals(ExitCode.OK, replay.status(), replay.toString());
    assertTrue(replay.out().contains("unchanged                15"), replay.out());
    assertTrue(replay.out().contains("malformed lines           1"), replay.out());
    CliRun advise = CliRun.run(dir, "advise", "--policy", policy.toString(), "--name", "agent-extras", "-o",
        "agent-extras.yaml", log.toString());
    assertEquals(ExitCode.OK, advise.status(), advise.toString());
    for (String expected : new String[] {"allow_registry_npmjs_org_443  3 denials",
        "github  (reuses the key and endpoint of 'github')", "always_blocked", "ssrf", "proof by replay: holds",
        "targeted denials now allowed   5 of 5"}) {
      assertTrue(advise.out().contains(expected), expected + " in " + advise.out());
    }
    assertEquals(ExitCode.OK, CliRun.run(dir, "merge", policy.toString(), "agent-extras.yaml", "-o", "merged.yaml")
        .status());
    CliRun again = CliRun.run(dir, "replay", "--policy", "merged.yaml", "--baseline", policy.toString(),
        "--fail-on", "allow-to-deny", log.toString());
    assertEquals(ExitCode.OK, again.status(), again.toString());
    assertTrue(again.out().contains("deny -> allow             5"), again.out());
  }
}
