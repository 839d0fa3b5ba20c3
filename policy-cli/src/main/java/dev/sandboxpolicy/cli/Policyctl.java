package dev.sandboxpolicy.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code policyctl}: the command line of the sandbox policy library.
 *
 * <p>{@code policyctl COMMAND [OPTIONS] [ARGS]}; {@code policyctl --help} lists the commands and
 * {@code policyctl COMMAND --help} describes one. Every run ends with an {@link ExitCode}: {@code 0} ok,
 * {@code 1} invalid policy / denied request / a difference, {@code 2} usage or I/O error. Errors are one-line
 * messages on standard error, never stack traces.
 *
 * <p>{@link #run} runs a command in-process with the given streams and environment, which is how tests and
 * embedding tools drive it; {@link #main} is the process entry point.
 */
public final class Policyctl {

  /** SLF4J's own diagnostics switch (SLF4J 2.0.10 and later). */
  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  /** The help layout of every command: usage first, then the one-line header, description, options, statuses. */
  private static final List<String> HELP_SECTIONS =
      List.of(
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING,
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER);

  private Policyctl() {}

  /**
   * The process entry point: runs {@link #run} with the real standard streams, environment and working
   * directory, then exits with its status.
   */
  public static void main(String[] args) {
    // The schema validator logs through SLF4J; without a provider SLF4J would print a three-line warning.
    if (System.getProperty(SLF4J_VERBOSITY) == null) {
      System.setProperty(SLF4J_VERBOSITY, "ERROR");
    }
    PrintStream stdout = utf8(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    // The stdio protocol owns standard output: anything else that prints goes to standard error.
    System.setOut(stderr);
    System.setErr(stderr);
    int status = run(args, System.in, stdout, stderr, System.getenv(), Path.of("").toAbsolutePath());
    stdout.flush();
    stderr.flush();
    System.exit(status);
  }

  /**
   * Runs one {@code policyctl} command line.
   *
   * @param args the arguments after {@code policyctl}
   * @param in standard input ({@code -} as a file name, and {@code serve --stdio})
   * @param out standard output: results only
   * @param err standard error: problems, warnings and error messages
   * @param environment the environment ({@code OPENSHELL_SANDBOX_POLICY} names the default policy file)
   * @param workingDirectory where relative file names are resolved
   * @return the {@link ExitCode}
   */
  public static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Path workingDirectory) {
    Terminal terminal = new Terminal(in, out, err, environment, workingDirectory);
    try {
      return commandLine(terminal).execute(args);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return internalError(err, e);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** A {@link PrintStream} over {@code stream} in UTF-8 (what {@link #main} and the tests use). */
  static PrintStream utf8(java.io.OutputStream stream) {
    return new PrintStream(stream, false, StandardCharsets.UTF_8);
  }

  /** The whole command tree, writing to {@code terminal}, with policyctl's error handling and help layout. */
  static CommandLine commandLine(Terminal terminal) {
    CommandLine commandLine = new CommandLine(new PolicyctlCommand(terminal));
    commandLine.setOut(new PrintWriter(terminal.out(), true));
    commandLine.setErr(new PrintWriter(terminal.err(), true));
    commandLine.setHelpSectionKeys(HELP_SECTIONS);
    commandLine.setParameterExceptionHandler(UsageErrors::handle);
    commandLine.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof CommandFailure failure) {
            terminal.err().println("policyctl: " + failure.getMessage());
            return failure.exitCode();
          }
          return internalError(terminal.err(), e);
        });
    return commandLine;
  }

  private static int internalError(PrintStream err, Throwable e) {
    err.println("policyctl: internal error: " + e + " (please report this)");
    return ExitCode.USAGE;
  }
}
