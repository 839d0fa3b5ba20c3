package dev.sandboxpolicy.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -o, --output OUT}, shared by every command that writes a policy: written atomically by {@link AtomicFile},
 * which refuses anything but a regular file or a new path; {@code -o -} is standard output.
 */
final class OutputOption {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "write the result to OUT atomically (a temporary file moved into place) instead of standard"
          + " output; OUT must be a regular file or a new path (its mode and owner are kept); - is standard output")
  String output;

  /** The file named with {@code -o}, if any ({@code -o -} names standard output, not a file). */
  Optional<String> file() {
    return output == null || output.equals("-") ? Optional.empty() : Optional.of(output);
  }
}
