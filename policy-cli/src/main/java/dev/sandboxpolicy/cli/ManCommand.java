package dev.sandboxpolicy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code policyctl man}: the manual page, generated from the same command model as {@code --help}. */
@Command(
    name = "man",
    header = "print the manual page (troff) of policyctl or of one command",
    description = {
      "Prints policyctl(1), with every command, or policyctl-COMMAND(1) for one command, in the man(7) format:",
      "  policyctl man > policyctl.1 && man ./policyctl.1",
      "  policyctl man validate | man -l -"
    },
    exitCodeList = {"0:ok", "2:usage error (an unknown command)"})
final class ManCommand extends Subcommand {

  @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "a command (default: the whole program)")
  String command;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    CommandLine root = spec.root().commandLine();
    if (command == null) {
      terminal.out().print(ManPage.program(root));
      return ExitCode.OK;
    }
    CommandLine sub = root.getSubcommands().get(command);
    if (sub == null) {
      throw HelpCommand.unknownCommand(command, root);
    }
    terminal.out().print(ManPage.command(sub));
    return ExitCode.OK;
  }
}
