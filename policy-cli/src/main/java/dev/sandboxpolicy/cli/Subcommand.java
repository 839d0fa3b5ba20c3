package dev.sandboxpolicy.cli;

/**
 * One {@code policyctl} subcommand: its name, its help and what it does. Implementations are stateless; all
 * input and output goes through the {@link Terminal}.
 */
interface Subcommand {

  /** The name typed after {@code policyctl}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** The usage line(s) without the leading {@code policyctl }, e.g. {@code fmt [FILE] [-o FILE]}. */
  String synopsis();

  /** What the command does, its output and its exit statuses: the body of {@code --help}. */
  String description();

  /** The options it accepts. */
  OptionSpec options();

  /**
   * Runs the command.
   *
   * @return an {@link ExitCode}
   * @throws CommandFailure when the command cannot finish; its message goes to standard error
   */
  int run(ParsedArgs args, Terminal terminal) throws CommandFailure;
}
