package dev.sandboxpolicy.cli;

import java.util.List;
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
 * <p>To add a subcommand, add its class to {@link #SUBCOMMANDS} (in the order of the help's command list); see
 * docs/cli.md, "Adding a subcommand".
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
    })
final class PolicyctlCommand implements Callable<Integer> {

  /**
   * The subcommands, in the order of the help's command list. Only the one that runs is built (picocli reflects
   * over a command's fields when it is added), so adding a command here does not slow the others down.
   */
  static final List<Class<? extends Subcommand>> SUBCOMMANDS =
      List.of(
          ValidateCommand.class,
          CheckCommand.class,
          TestCommand.class,
          PresetLayerCommand.Merge.class,
          PresetLayerCommand.Remove.class,
          BaselineCommand.Exclude.class,
          BaselineCommand.Restore.class,
          PolicyGetCommand.class,
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
          SchemaCommand.class,
          ServeCommand.class,
          LspCommand.class,
          CompletionCommand.class,
          ManCommand.class,
          HelpCommand.class);

  private final Terminal terminal;
  private CommandFailure failure;

  @Spec CommandSpec spec;

  PolicyctlCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  Terminal terminal() {
    return terminal;
  }

  /** Records the failure that ended this invocation (for the {@code --json} failure document). */
  void failed(CommandFailure failure) {
    this.failure = failure;
  }

  /** The failure that ended this invocation, or {@code null}. */
  CommandFailure failure() {
    return failure;
  }

  /** The name of a subcommand class, from its {@code @Command} annotation. */
  static String name(Class<? extends Subcommand> command) {
    return command.getAnnotation(Command.class).name();
  }

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    commandLine.usage(commandLine.getErr());
    return ExitCode.USAGE;
  }
}
