package dev.sandboxpolicy.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code policyctl completion}: the shell completion script, generated from the command tree by picocli. */
@Command(
    name = "completion",
    header = "print the shell completion script for bash or zsh",
    description = {
      "Prints a completion script for commands, options and option values (such as --kind). Load it in the"
          + " current shell, or install it for every shell:",
      "  source <(policyctl completion bash)        # bash",
      "  source <(policyctl completion zsh)         # zsh (uses bashcompinit)",
      "  policyctl completion bash > /etc/bash_completion.d/policyctl",
      "File names are completed where no other candidates apply."
    },
    exitCodeList = {"0:ok", "2:usage error (an unknown shell)"})
final class CompletionCommand extends Subcommand {

  /** The shells the script supports. */
  static final class Shells implements Iterable<String> {
    static final List<String> NAMES = List.of("bash", "zsh");

    @Override
    public java.util.Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  @Parameters(
      paramLabel = "SHELL",
      arity = "0..1",
      completionCandidates = Shells.class,
      description = "bash (default) or zsh")
  String shell = "bash";

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (!Shells.NAMES.contains(shell)) {
      throw CommandFailure.usage("SHELL must be bash or zsh, not '" + shell + "'");
    }
    // picocli's script is written for bash and works in zsh through bashcompinit, which it loads itself.
    terminal.out().print(AutoComplete.bash("policyctl", spec.root().commandLine()));
    return ExitCode.OK;
  }
}
