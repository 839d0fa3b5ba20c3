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
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ObjectNode;

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
    WrittenTo written = new WrittenTo(out);
    PrintStream watchedOut = utf8(written);
    Terminal terminal = new Terminal(in, watchedOut, err, environment, workingDirectory);
    int status;
    CommandFailure failure = null;
    try {
      CommandLine commandLine = commandLine(terminal, args.length > 0 ? args[0] : "");
      status = commandLine.execute(args);
      failure = ((PolicyctlCommand) commandLine.getCommand()).failure();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      status = internalError(err, e);
    }
    watchedOut.flush();
    if (status != ExitCode.OK && !written.any && wantsJson(args)) {
      // --json always prints a JSON document: a failure that printed nothing prints the protocol's error shape.
      ObjectNode document = Json.object().put("ok", false);
      document.set("error", failure != null ? failure.toJson()
          : Json.object().put("code", ProtocolError.INTERNAL_ERROR).put("message", "internal error (see standard error)"));
      out.println(Json.write(document));
    }
    out.flush();
    err.flush();
    return status;
  }

  /** Whether the command line asks for JSON output: {@code --json} or {@code --format json} before any {@code --}. */
  static boolean wantsJson(String[] args) {
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      if (args[i].equals("--json") || args[i].equals("--format=json")
          || (args[i].equals("--format") && i + 1 < args.length && args[i + 1].equals("json"))) {
        return true;
      }
    }
    return false;
  }

  /** Passes bytes to standard output and remembers whether any were written. */
  private static final class WrittenTo extends java.io.FilterOutputStream {
    boolean any;

    WrittenTo(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws java.io.IOException {
      any = true;
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      any |= len > 0;
      out.write(b, off, len);
    }

    /** Flushes, and reports a failure of the underlying stream (a closed pipe) so that checkError() sees it. */
    @Override
    public void flush() throws java.io.IOException {
      out.flush();
      if (out instanceof PrintStream print && print.checkError()) {
        throw new java.io.IOException("standard output failed");
      }
    }
  }

  /** A {@link PrintStream} over {@code stream} in UTF-8 (what {@link #main} and the tests use). */
  static PrintStream utf8(java.io.OutputStream stream) {
    return new PrintStream(stream, false, StandardCharsets.UTF_8);
  }

  /** The whole command tree, writing to {@code terminal}, with policyctl's error handling and help layout. */
  static CommandLine commandLine(Terminal terminal) {
    return commandLine(terminal, "");
  }

  /**
   * The command tree for a command line whose first argument is {@code first}: when that names a subcommand, the
   * tree holds only that one (building a picocli command costs start-up time); otherwise (help, a mistyped
   * command, an option) every subcommand, so the help lists them all and a typo gets suggestions.
   */
  static CommandLine commandLine(Terminal terminal, String first) {
    // The commands on the start-up path have generated models (CommandModels, from their annotations): reading
    // annotations costs JDK 17 a generated proxy class per annotation type. The others are built from theirs.
    CommandLine commandLine = new CommandLine(CommandModels.policyctl(new PolicyctlCommand(terminal)));
    CommandSpec generated = CommandModels.subcommand(first);
    if (generated != null) {
      commandLine.addSubcommand(generated);
    } else {
      // The first match ends the search: each name read parses a command's @Command annotation (start-up time).
      List<Class<? extends Subcommand>> chosen =
          PolicyctlCommand.SUBCOMMANDS.stream().filter(c -> PolicyctlCommand.name(c).equals(first)).limit(1).toList();
      boolean needsAll = chosen.isEmpty() || chosen.get(0) == HelpCommand.class
          || chosen.get(0) == CompletionCommand.class || chosen.get(0) == ManCommand.class;
      for (Class<? extends Subcommand> command : needsAll ? PolicyctlCommand.SUBCOMMANDS : chosen) {
        CommandSpec model = CommandModels.subcommand(PolicyctlCommand.name(command));
        commandLine.addSubcommand(model != null ? model : command);
      }
    }
    commandLine.setOut(new PrintWriter(terminal.out(), true));
    commandLine.setErr(new PrintWriter(terminal.err(), true));
    commandLine.setHelpSectionKeys(HELP_SECTIONS);
    PolicyctlCommand root = commandLine.getCommand();
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          root.failed(CommandFailure.usage(UsageErrors.message(e)));
          return UsageErrors.handle(e, args);
        });
    commandLine.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof CommandFailure failure) {
            root.failed(failure);
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
