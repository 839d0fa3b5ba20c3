package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.traffic.LogEvent;
import dev.sandboxpolicy.traffic.LogReader;
import dev.sandboxpolicy.traffic.ReadStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the traffic commands ({@code replay}, {@code advise}, {@code unused}) share: loading and compiling their
 * policies, and reading LOG arguments one event at a time ({@code -} is standard input), with a progress line on
 * standard error when it is a terminal.
 */
final class TrafficInputs {

  /** How often the progress line is redrawn, in milliseconds. */
  private static final long PROGRESS_INTERVAL_MILLIS = 500;
  /** Where Linux shows what a file descriptor is connected to; a terminal is a {@code /dev/pts} or tty device. */
  private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

  private TrafficInputs() {}

  /** The matcher options: endpoint-only mode with {@code --no-binary-identity}, else upstream's variable. */
  static MatcherOptions matcherOptions(boolean noBinaryIdentity, Terminal terminal) {
    if (noBinaryIdentity) {
      return MatcherOptions.defaults().withBinaryIdentity(false);
    }
    return MatcherOptions.fromEnvironmentValue(terminal.env(CheckCommand.BINARY_IDENTITY_VARIABLE).orElse(null));
  }

  /** Reads, validates and compiles a policy; its problems go to standard error and an invalid one fails (exit 1). */
  static CompiledPolicy compile(String file, ReadMode mode, MatcherOptions options, Terminal terminal)
      throws CommandFailure {
    InputDocument document = InputDocument.read(file, terminal);
    CompiledPolicies.Outcome outcome = CompiledPolicies.compile(document, mode, options);
    ProblemText.print(terminal.err(), document.name(), outcome.problems());
    if (!outcome.ok()) {
      throw CommandFailure.failed(
          document.name() + " is not a valid policy (" + ProblemText.counts(outcome.problems()) + ")");
    }
    return outcome.compiled();
  }

  /**
   * The checks every traffic command starts with (a policy, at least one LOG, at most one standard input among
   * them and {@code others}), then the compiled policy.
   */
  static CompiledPolicy start(String command, String helpHint, String policy, List<String> logs, List<String> others,
      ReadMode mode, boolean noBinaryIdentity, Terminal terminal) throws CommandFailure {
    if (policy == null) {
      throw CommandFailure.usage(command + " needs --policy " + helpHint);
    }
    if (logs.isEmpty()) {
      throw CommandFailure.usage(command + " needs at least one LOG " + helpHint);
    }
    List<String> inputs = new java.util.ArrayList<>(logs);
    inputs.add(policy);
    inputs.addAll(others);
    requireOneStdin(inputs, "the policies and the logs");
    return compile(policy, mode, matcherOptions(noBinaryIdentity, terminal), terminal);
  }

  /** Checks that at most one of the files is standard input. */
  static void requireOneStdin(List<String> files, String what) throws CommandFailure {
    if (files.stream().filter("-"::equals).count() > 1) {
      throw CommandFailure.usage("only one of " + what + " can be standard input");
    }
  }

  /**
   * Reads every event of every log, in order, handing each to {@code sink}; returns the read counts. A log that
   * cannot be opened or read is an I/O failure (exit 2); malformed lines are only counted.
   */
  static ReadStats read(List<String> logs, Terminal terminal, Consumer<LogEvent> sink) throws CommandFailure {
    ReadStats total = ReadStats.empty();
    Progress progress = new Progress(terminal);
    for (String log : logs) {
      try (LogReader reader = open(log, terminal)) {
        for (LogEvent e = reader.next(); e != null; e = reader.next()) {
          sink.accept(e);
          progress.tick(reader, total);
        }
        total = total.plus(reader.stats());
      } catch (NoSuchFileException e) {
        progress.clear();
        throw CommandFailure.io("cannot read " + log + ": no such file");
      } catch (IOException e) {
        progress.clear();
        throw CommandFailure.io("cannot read " + log + ": " + e.getMessage());
      }
    }
    progress.clear();
    return total;
  }

  private static LogReader open(String log, Terminal terminal) throws IOException {
    if (log.equals("-")) {
      return LogReader.of(terminal.in(), "-");
    }
    Path path = terminal.resolve(log);
    if (Files.isDirectory(path)) {
      throw new IOException("is a directory");
    }
    java.io.InputStream in = Files.newInputStream(path);
    try {
      return LogReader.of(in, log); // named as given on the command line
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The progress line: only when standard error is the process's own and a terminal. */
  private static final class Progress {
    private final PrintStream err;
    private final boolean enabled;
    private long next = System.currentTimeMillis() + PROGRESS_INTERVAL_MILLIS;
    private boolean drawn;

    Progress(Terminal terminal) {
      this.err = terminal.err();
      this.enabled = terminal.err() == System.err && stderrIsTerminal();
    }

    void tick(LogReader reader, ReadStats before) {
      if (!enabled) {
        return;
      }
      long now = System.currentTimeMillis();
      if (now < next) {
        return;
      }
      next = now + PROGRESS_INTERVAL_MILLIS;
      ReadStats s = reader.stats();
      err.print("\r  " + reader.source() + ": " + String.format("%,d", before.lines() + s.lines()) + " lines, "
          + String.format("%,d", reader.bytesRead() >> 20) + " MiB read ");
      err.flush();
      drawn = true;
    }

    void clear() {
      if (drawn) {
        err.print("\r\u001b[K");
        err.flush();
        drawn = false;
      }
    }

    private static boolean stderrIsTerminal() {
      try {
        String target = Files.readSymbolicLink(STDERR_LINK).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return System.console() != null;
      }
    }
  }
}
