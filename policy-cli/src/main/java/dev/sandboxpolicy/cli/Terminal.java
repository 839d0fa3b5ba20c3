package dev.sandboxpolicy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a subcommand may touch of the outside world: standard input, output and error, the environment and the
 * working directory. Tests pass their own, so every subcommand runs in-process with captured output.
 */
final class Terminal {

  /** Names the default policy file, as in the upstream {@code openshell} CLI. */
  static final String POLICY_ENVIRONMENT_VARIABLE = "OPENSHELL_SANDBOX_POLICY";

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final Path workingDirectory;

  Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory.toAbsolutePath();
  }

  /** This terminal with standard error discarded, for a caller that reports failures its own way. */
  Terminal withoutErr() {
    return new Terminal(in, out, new PrintStream(java.io.OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8), environment, workingDirectory);
  }

  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** A non-empty environment variable. */
  Optional<String> env(String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** {@code file} resolved against the working directory. */
  Path resolve(String file) {
    return workingDirectory.resolve(file);
  }
}
