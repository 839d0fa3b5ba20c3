package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyctlTest {

  @TempDir Path dir;

  @Test
  void noArgumentsPrintsUsageOnStandardErrorAndExitsTwo() {
    CliRun r = CliRun.run(dir);
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertTrue(r.err().startsWith("Usage: policyctl COMMAND"), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void helpListsEveryCommandAndTheExitStatuses() {
    CliRun r = CliRun.run(dir, "--help");
    assertEquals(ExitCode.OK, r.status());
    for (String command : new String[] {"validate", "check", "merge", "remove", "explain", "presets", "diff", "hash", "fmt", "serve"}) {
      assertTrue(r.out().contains("\n  " + command + " "), () -> command + " missing from\n" + r.out());
    }
    assertTrue(r.out().contains("Exit status: 0 ok; 1"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "check", "merge", "remove", "explain", "presets", "diff", "hash", "fmt", "serve"})
  void everySubcommandHasHelp(String command) {
    CliRun r = CliRun.run(dir, command, "--help");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().startsWith("Usage: policyctl " + command), r::toString);
    assertTrue(r.out().contains("Exit status:"), r::toString);
    assertTrue(r.out().contains("-h, --help"), r::toString);
    assertEquals(r.out(), CliRun.run(dir, "help", command).out(), "'help CMD' equals 'CMD --help'");
  }

  @Test
  void versionNamesTheLibraryVersion() {
    CliRun r = CliRun.run(dir, "--version");
    assertEquals(ExitCode.OK, r.status());
    assertTrue(r.out().matches("policyctl \\d+\\.\\d+\\.\\d+\\S*\n"), r.out());
  }

  @Test
  void unknownCommandIsAUsageErrorWithoutStackTrace() {
    CliRun r = CliRun.run(dir, "frobnicate");
    assertEquals(ExitCode.USAGE, r.status());
    assertEquals("policyctl: unknown command 'frobnicate' (see 'policyctl --help')\n", r.err());
  }

  @Test
  void unknownOptionNamesTheOptionAndTheCommand() {
    CliRun r = CliRun.run(dir, "fmt", "--colour", "x.yaml");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(r.err().contains("unknown option --colour for 'fmt'"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
