package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import picocli.CommandLine.Option;

/**
 * {@code --legacy-tolerant} (alias {@code --lenient}), shared by every command that reads a policy. Without it a
 * document is read the way current OpenShell reads it on every load path (#3334): unknown keys are errors and
 * {@code version} is required.
 */
final class ReadModeOption {

  @Option(
      names = {"--legacy-tolerant", "--lenient"},
      description = "read an older file the way OpenShell's local-YAML loader did before #3334 (unknown keys are"
          + " warnings, version may be missing), to see what to change; current OpenShell loads none of that")
  boolean legacyTolerant;

  /** {@link ReadMode#LEGACY_TOLERANT} with the option, else {@link ReadMode#STRICT}. */
  ReadMode mode() {
    return legacyTolerant ? ReadMode.LEGACY_TOLERANT : ReadMode.STRICT;
  }
}
