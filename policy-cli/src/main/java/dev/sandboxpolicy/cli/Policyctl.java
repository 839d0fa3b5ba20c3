package dev.sandboxpolicy.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  private static final List<Subcommand> COMMANDS =
      List.of(
          new ValidateCommand(),
          new CheckCommand(),
          PresetLayerCommand.merge(),
          PresetLayerCommand.remove(),
          new ExplainCommand(),
          new PresetsCommand(),
          new FmtCommand(),
          new HashCommand(),
          new DiffCommand(),
          new ReplayCommand(),
          new ServeCommand());

  /** SLF4J's own diagnostics switch (SLF4J 2.0.10 and later). */
  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

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
      return dispatch(Arrays.asList(args), terminal);
    } catch (CommandFailure failure) {
      err.println("policyctl: " + failure.getMessage());
      return failure.exitCode();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      err.println("policyctl: internal error: " + e + " (please report this)");
      return ExitCode.USAGE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** A {@link PrintStream} over {@code stream} in UTF-8 (what {@link #main} and the tests use). */
  static PrintStream utf8(java.io.OutputStream stream) {
    return new PrintStream(stream, false, StandardCharsets.UTF_8);
  }

  private static int dispatch(List<String> args, Terminal terminal) throws CommandFailure {
    if (args.isEmpty()) {
      terminal.err().print(HelpText.program(COMMANDS));
      return ExitCode.USAGE;
    }
    String first = args.get(0);
    switch (first) {
      case "--help", "-h" -> {
        terminal.out().print(HelpText.program(COMMANDS));
        return ExitCode.OK;
      }
      case "--version", "version" -> {
        terminal.out().println("policyctl " + LibraryVersion.get());
        return ExitCode.OK;
      }
      case "help" -> {
        if (args.size() == 1) {
          terminal.out().print(HelpText.program(COMMANDS));
          return ExitCode.OK;
        }
        terminal.out().print(HelpText.of(command(args.get(1))));
        return ExitCode.OK;
      }
      default -> {
        Subcommand command = command(first);
        ParsedArgs parsed = ParsedArgs.parse(command.name(), command.options(), args.subList(1, args.size()));
        if (parsed.help()) {
          terminal.out().print(HelpText.of(command));
          return ExitCode.OK;
        }
        return command.run(parsed, terminal);
      }
    }
  }

  private static Subcommand command(String name) throws CommandFailure {
    Optional<Subcommand> found = COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    if (name.startsWith("-")) {
      throw CommandFailure.usage("unknown option " + name + " (see 'policyctl --help')");
    }
    throw CommandFailure.usage("unknown command '" + name + "' (see 'policyctl --help')");
  }
}
