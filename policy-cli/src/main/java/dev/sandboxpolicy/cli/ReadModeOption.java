package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import picocli.CommandLine.Option;

/** {@code --lenient}, shared by every command that reads a policy: the read mode of the upstream loaders. */
final class ReadModeOption {

  @Option(
      names = "--lenient",
      description = "read like the upstream supervisor: unknown keys are warnings and version may be missing")
  boolean lenient;

  /** {@link ReadMode#LENIENT} with {@code --lenient}, else {@link ReadMode#STRICT} (the gateway's reader). */
  ReadMode mode() {
    return lenient ? ReadMode.LENIENT : ReadMode.STRICT;
  }
}
