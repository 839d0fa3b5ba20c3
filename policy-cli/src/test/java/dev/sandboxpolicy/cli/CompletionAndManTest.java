package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated completion script, run by a real bash (and zsh when installed), and the generated man page, checked
 * by groff. Skipped where the shell or groff is not installed.
 */
class CompletionAndManTest {

  @TempDir Path dir;

  private record Shell(int status, String out, String err) {}

  private Shell exec(String... command) throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "finished in time");
    return new Shell(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static boolean installed(String program) {
    return List.of("/bin", "/usr/bin", "/usr/local/bin").stream().anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

  /** What bash completes for {@code words}, the last one being the word under the cursor. */
  private String complete(Path script, String... words) throws Exception {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append('\'');
    }
    String program = "source '" + script + "' 2>/dev/null; COMP_WORDS=(policyctl" + array + "); COMP_CWORD="
        + words.length + "; _complete_policyctl 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Shell r = exec("bash", "-c", program);
    assertEquals(0, r.status(), r::toString);
    return r.out();
  }

  @Test
  void bashCompletesCommandsOptionsAndOptionValues() throws Exception {
    assumeTrue(installed("bash"), "bash is installed");
    CliRun r = CliRun.run(dir, "completion", "bash");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    Path script = Files.writeString(dir.resolve("policyctl.bash"), r.out(), StandardCharsets.UTF_8);

    assertEquals("validate\n", complete(script, "val"));
    List<String> all = complete(script, "").lines().toList();
    assertEquals(PolicyctlTest.commands().stream().sorted().toList(), all.stream().sorted().toList());
    assertEquals("--legacy-tolerant\n", complete(script, "validate", "--leg"));
    assertEquals("--lenient\n", complete(script, "validate", "--len"));
    assertEquals(List.of("blueprint", "policy", "preset"),
        complete(script, "validate", "--kind", "").lines().sorted().toList());
    assertEquals(List.of("bash", "zsh"), complete(script, "completion", "").lines().sorted().toList());
    assertTrue(complete(script, "check", "--").lines().toList().containsAll(List.of("--host", "--port", "--binary")));
  }

  @Test
  void zshLoadsTheSameScript() throws Exception {
    assumeTrue(installed("zsh"), "zsh is installed");
    CliRun r = CliRun.run(dir, "completion", "zsh");
    assertEquals(CliRun.run(dir, "completion", "bash").out(), r.out(), "one script serves both shells");
    Path script = Files.writeString(dir.resolve("policyctl.zsh"), r.out(), StandardCharsets.UTF_8);
    Shell zsh = exec("zsh", "-f", "-c", "source '" + script + "' && whence -w _complete_policyctl");
    assertEquals(0, zsh.status(), zsh::toString);
    assertTrue(zsh.out().contains("_complete_policyctl: function"), zsh::toString);
  }

  @Test
  void anUnknownShellIsAUsageError() {
    CliRun r = CliRun.run(dir, "completion", "fish");
    assertEquals(ExitCode.USAGE, r.status());
    assertEquals("policyctl: SHELL must be bash or zsh, not 'fish'\n", r.err());
  }

  @Test
  void theManPageFormatsWithoutWarningsAndDescribesEveryCommand() throws Exception {
    assumeTrue(installed("groff"), "groff is installed");
    CliRun r = CliRun.run(dir, "man");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    Path page = Files.writeString(dir.resolve("policyctl.1"), r.out(), StandardCharsets.UTF_8);
    Shell warnings = exec("groff", "-man", "-Tutf8", "-ww", "-z", page.toString());
    assertEquals(0, warnings.status(), warnings::toString);
    assertEquals("", warnings.err(), "groff warnings");
    Shell rendered = exec("groff", "-man", "-Tascii", "-P", "-cbou", page.toString());
    for (String command : PolicyctlTest.commands()) {
      if (!command.equals("help")) {
        assertTrue(rendered.out().contains("POLICYCTL " + command.toUpperCase(java.util.Locale.ROOT)),
            () -> command + " has no section:\n" + rendered.out());
      }
    }
    assertTrue(rendered.out().contains("--lenient"), "option names survive the escaping");
    assertTrue(rendered.out().contains("OPENSHELL_SANDBOX_POLICY"), rendered.out());

    CliRun one = CliRun.run(dir, "man", "validate");
    Path validate = Files.writeString(dir.resolve("policyctl-validate.1"), one.out(), StandardCharsets.UTF_8);
    Shell oneWarnings = exec("groff", "-man", "-Tutf8", "-ww", "-z", validate.toString());
    assertEquals("", oneWarnings.err(), "groff warnings");
    Shell oneRendered = exec("groff", "-man", "-Tascii", "-P", "-cbou", validate.toString());
    assertTrue(oneRendered.out().replaceAll("\\s+", " ").contains("policyctl-validate - check policies"),
        oneRendered.out());
    assertTrue(oneRendered.out().contains("FILE:LINE:COLUMN: SEVERITY CODE MESSAGE"), oneRendered.out());
  }

  @Test
  void manAndHelpOfAMistypedCommandSuggestTheRightOne() {
    CliRun man = CliRun.run(dir, "man", "valdate");
    assertEquals(ExitCode.USAGE, man.status());
    assertEquals("policyctl: unknown command 'valdate': did you mean 'validate'? (see 'policyctl --help')\n", man.err());
    CliRun help = CliRun.run(dir, "help", "hsah");
    assertEquals("policyctl: unknown command 'hsah': did you mean 'hash'? (see 'policyctl --help')\n", help.err());
  }

  @Test
  void editDistanceCountsSwapsAsOneEdit() {
    assertEquals(1, UsageErrors.edits("valdate", "validate"));
    assertEquals(1, UsageErrors.edits("hsah", "hash"));
    assertEquals(0, UsageErrors.edits("fmt", "fmt"));
    assertEquals(3, UsageErrors.edits("", "fmt"));
    assertEquals(List.of(), UsageErrors.closest("frobnicate", List.of("validate", "fmt")));
    assertEquals(List.of("--lenient"), UsageErrors.closest("--lenint", List.of("--json", "--lenient", "--kind")));
  }
}
