package dev.sandboxpolicy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code policyctl} subcommand: a picocli {@link Command} whose options and parameters are
 * annotated fields, run through {@link #run(Terminal)} with the {@link Terminal} of the current invocation.
 *
 * <p>The attributes below are inherited by every subclass, so each subcommand gets {@code -h, --help},
 * {@code -V, --version} and the same help layout without repeating them. A subclass adds its own
 * {@code @Command(name = ..., header = ..., description = ..., exitCodeList = ...)}; see docs/cli.md, "Adding a
 * subcommand".
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = LibraryVersion.Provider.class,
    abbreviateSynopsis = true,
    sortOptions = true,
    usageHelpWidth = Subcommand.HELP_WIDTH,
    headerHeading = "%n",
    descriptionHeading = "%n",
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit status:%n")
abstract class Subcommand implements Callable<Integer> {

  /** The width of help text, in columns. */
  static final int HELP_WIDTH = 100;

  /** Injected by picocli: this command's model (its name, and the root command that holds the terminal). */
  @Spec CommandSpec spec;

  /**
   * Runs the command.
   *
   * @return an {@link ExitCode}
   * @throws CommandFailure when the command cannot finish; its message goes to standard error
   */
  abstract int run(Terminal terminal) throws CommandFailure;

  @Override
  public final Integer call() throws CommandFailure {
    return run(terminal());
  }

  /** The name typed after {@code policyctl}. */
  final String name() {
    return spec.name();
  }

  /** The terminal of this invocation (held by the root command). */
  final Terminal terminal() {
    return ((PolicyctlCommand) spec.root().userObject()).terminal();
  }

  /** The usage hint that ends usage errors, e.g. {@code (see 'policyctl fmt --help')}. */
  final String helpHint() {
    return "(see '" + spec.qualifiedName() + " --help')";
  }
}
