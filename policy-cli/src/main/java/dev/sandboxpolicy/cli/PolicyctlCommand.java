package dev.sandboxpolicy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root of the {@code policyctl} command tree: the list of subcommands, the program help, and the
 * {@link Terminal} of the current invocation, which every {@link Subcommand} reaches through
 * {@code spec.root()}. Without a subcommand it prints the usage on standard error and exits
 * {@link ExitCode#USAGE}.
 *
 * <p>To add a subcommand, add its class to {@code subcommands} below (in the order of the help's command list);
 * see docs/cli.md, "Adding a subcommand".
 */
@Command(
    name = "policyctl",
    mixinStandardHelpOptions = true,
    versionProvider = LibraryVersion.Provider.class,
    usageHelpWidth = Subcommand.HELP_WIDTH,
    headerHeading = "%n",
    optionListHeading = "%nOptions:%n",
    synopsisSubcommandLabel = "COMMAND",
    customSynopsis = "policyctl COMMAND [OPTIONS] [ARGS]",
    header = "Reads, checks and edits OpenShell / NemoClaw sandbox policies.",
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Run 'policyctl COMMAND --help' for the options of a command; 'policyctl --version' for the version.",
      "Where a command takes a policy file and none is given, $" + Terminal.POLICY_ENVIRONMENT_VARIABLE
          + " names it."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCode.OK + ":ok: valid, allowed, identical, written",
      ExitCode.FAILED + ":the answer is no: invalid policy, denied request, a difference",
      ExitCode.USAGE + ":the command could not answer: usage or I/O error",
      ExitCode.UNSUPPORTED + ":prove, diff --semantic: not proven, something in use is not modelled"
    },
    subcommands = {
      ValidateCommand.class,
      CheckCommand.class,
      PresetLayerCommand.Merge.class,
      PresetLayerCommand.Remove.class,
      ExplainCommand.class,
      PresetsCommand.class,
      FmtCommand.class,
      HashCommand.class,
      DiffCommand.class,
      ReplayCommand.class,
      AdviseCommand.class,
      UnusedCommand.class,
      ProveCommand.class,
      LintCommand.class,
      ServeCommand.class,
      CompletionCommand.class,
      ManCommand.class,
      HelpCommand.class
    })
final class PolicyctlCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Spec CommandSpec spec;

  PolicyctlCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  Terminal terminal() {
    return terminal;
  }

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    commandLine.usage(commandLine.getErr());
    return ExitCode.USAGE;
  }
}
