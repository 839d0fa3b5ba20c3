package dev.sandboxpolicy.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code policyctl help [COMMAND]}: the same text as {@code policyctl [COMMAND] --help}. */
@Command(
    name = "help",
    helpCommand = true,
    header = "show the help of policyctl or of one command (the same as COMMAND --help)",
    exitCodeList = {"0:ok", "2:usage error (an unknown command)"})
final class HelpCommand extends Subcommand {

  @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "a command (default: the list of commands)")
  String command;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    CommandLine root = spec.root().commandLine();
    if (command == null) {
      root.usage(root.getOut());
      return ExitCode.OK;
    }
    CommandLine sub = root.getSubcommands().get(command);
    if (sub == null) {
      throw unknownCommand(command, root);
    }
    sub.usage(root.getOut());
    return ExitCode.OK;
  }

  /** The usage error for a command name that does not exist, with the closest names as a suggestion. */
  static CommandFailure unknownCommand(String name, CommandLine root) {
    List<String> closest = UsageErrors.closest(name, List.copyOf(root.getSubcommands().keySet()));
    String suggestion = closest.isEmpty() ? "" : ": did you mean '" + String.join("' or '", closest) + "'?";
    return CommandFailure.usage("unknown command '" + name + "'" + suggestion + " (see 'policyctl --help')");
  }
}
