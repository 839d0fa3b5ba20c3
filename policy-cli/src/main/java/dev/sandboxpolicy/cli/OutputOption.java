package dev.sandboxpolicy.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -o, --output OUT}, shared by every command that writes a policy: written atomically. */
final class OutputOption {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "write the result to OUT atomically (a temporary file moved into place) instead of standard output")
  String output;

  /** The file named with {@code -o}, if any. */
  Optional<String> file() {
    return Optional.ofNullable(output);
  }
}
