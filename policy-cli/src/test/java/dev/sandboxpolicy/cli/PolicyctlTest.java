package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line itself: dispatch, help, version, usage errors and typo suggestions. */
class PolicyctlTest {

  @TempDir Path dir;

  /** Every subcommand, read from the command tree so that a new one is tested without editing this list. */
  static List<String> commands() {
    return List.copyOf(Policyctl.commandLine(CliRun.terminal()).getSubcommands().keySet());
  }

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
    for (String command : List.of("validate", "check", "merge", "remove", "explain", "presets", "diff", "hash", "fmt",
        "serve", "completion", "man", "help")) {
      assertTrue(r.out().contains("\n  " + command + " "), () -> command + " missing from\n" + r.out());
    }
    assertTrue(r.out().contains("Exit status:\n  0   ok"), r.out());
    assertTrue(r.out().contains("\n  2   the command could not answer"), r.out());
    assertEquals(r.out(), CliRun.run(dir, "help").out(), "'help' equals '--help'");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everySubcommandHasTheSameHelpLayout(String command) {
    CliRun r = CliRun.run(dir, command, "--help");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().startsWith("Usage: policyctl " + command), r::toString);
    assertTrue(r.out().contains("\n  -h, --help "), r::toString);
    if (!command.equals("help")) {
      assertTrue(r.out().contains("\nExit status:\n  0   "), r::toString);
      assertTrue(r.out().contains("\n  -V, --version "), r::toString);
      assertEquals(r.out(), CliRun.run(dir, "help", command).out(), "'help CMD' equals 'CMD --help'");
      assertEquals(r.out(), CliRun.run(dir, command, "-h").out());
    }
    assertTrue(r.out().lines().allMatch(l -> l.length() <= Subcommand.HELP_WIDTH), r::toString);
  }

  @Test
  void versionNamesTheLibraryVersionOnEveryCommand() {
    CliRun r = CliRun.run(dir, "--version");
    assertEquals(ExitCode.OK, r.status());
    assertTrue(r.out().matches("policyctl \\d+\\.\\d+\\.\\d+\\S*\n"), r.out());
    assertEquals(r.out(), CliRun.run(dir, "-V").out());
    assertEquals(r.out(), CliRun.run(dir, "validate", "-V").out());
  }

  @Test
  void unknownCommandIsAUsageErrorWithoutStackTrace() {
    CliRun r = CliRun.run(dir, "frobnicate");
    assertEquals(ExitCode.USAGE, r.status());
    assertEquals("policyctl: unknown command 'frobnicate' (see 'policyctl --help')\n", r.err());
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    CliRun r = CliRun.run(dir, "valdate", "p.yaml");
    assertEquals(ExitCode.USAGE, r.status());
    assertEquals("policyctl: unknown command 'valdate': did you mean 'validate'? (see 'policyctl --help')\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownOptionNamesTheOptionTheCommandAndTheClosestOption() {
    CliRun r = CliRun.run(dir, "fmt", "--colour", "x.yaml");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(r.err().startsWith("policyctl: unknown option --colour for 'fmt'"), r.err());
    assertTrue(r.err().endsWith("(see 'policyctl fmt --help')\n"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    CliRun typo = CliRun.run(dir, "validate", "--lenint", "x.yaml");
    assertEquals(
        "policyctl: unknown option --lenint for 'validate': did you mean --lenient? (see 'policyctl validate --help')\n",
        typo.err());
  }

  @Test
  void optionValuesAreCheckedWithOneLineMessages() {
    CliRun missing = CliRun.run(dir, "check", "p.yaml", "--host");
    assertEquals(ExitCode.USAGE, missing.status());
    assertEquals("policyctl: --host needs a value (H) (see 'policyctl check --help')\n", missing.err());
    CliRun twice = CliRun.run(dir, "check", "p.yaml", "--host", "a", "--host=b", "--port", "1", "--binary", "x");
    assertEquals(ExitCode.USAGE, twice.status());
    assertTrue(twice.err().startsWith("policyctl: --host was given more than once"), twice.err());
    CliRun flagValue = CliRun.run(dir, "validate", "--json=yes", "p.yaml");
    assertEquals(ExitCode.USAGE, flagValue.status());
    assertEquals(1, flagValue.err().lines().count(), flagValue.err());
    CliRun extra = CliRun.run(dir, "presets", "surplus");
    assertEquals("policyctl: unexpected argument 'surplus' for 'presets' (see 'policyctl presets --help')\n", extra.err());
  }

  @Test
  void onlyTheSubcommandThatRunsIsBuilt() {
    assertEquals(List.of("validate"),
        List.copyOf(Policyctl.commandLine(CliRun.terminal(), "validate").getSubcommands().keySet()));
    assertEquals(List.of("merge"), List.copyOf(Policyctl.commandLine(CliRun.terminal(), "merge").getSubcommands().keySet()));
    for (String first : List.of("", "--help", "valdate", "help", "completion", "man")) {
      assertEquals(commands(), List.copyOf(Policyctl.commandLine(CliRun.terminal(), first).getSubcommands().keySet()),
          "the help, the suggestions, completion and man need every command: " + first);
    }
  }

  @Test
  void doubleDashEndsOptionsAndLoneDashIsStandardInput() {
    CliRun.write(dir, "--json", CliRun.POLICY);
    CliRun r = CliRun.run(dir, "validate", "--", "--json");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals("--json: valid\n", r.out());
    CliRun stdin = CliRun.run(dir, java.util.Map.of(), CliRun.POLICY, "validate", "-");
    assertEquals("<stdin>: valid\n", stdin.out(), stdin::toString);
  }
}
