package dev.sandboxpolicy.cli;

/**
 * A subcommand could not finish: carries the message printed on standard error and the {@link ExitCode}.
 * Thrown instead of letting any exception reach the user.
 */
final class CommandFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** Bad options or arguments ({@link ExitCode#USAGE}). */
  static CommandFailure usage(String message) {
    return new CommandFailure(ExitCode.USAGE, message);
  }

  /** A file that cannot be read or written ({@link ExitCode#USAGE}). */
  static CommandFailure io(String message) {
    return new CommandFailure(ExitCode.USAGE, message);
  }

  /** The answer is "no", for example a policy that does not load ({@link ExitCode#FAILED}). */
  static CommandFailure failed(String message) {
    return new CommandFailure(ExitCode.FAILED, message);
  }

  int exitCode() {
    return exitCode;
  }
}
