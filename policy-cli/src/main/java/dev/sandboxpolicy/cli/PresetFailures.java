package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.PresetLayerException;

/**
 * How a refusal of the preset layer becomes a command failure: its located problems on standard error as
 * {@code NAME:LINE:COLUMN} lines, then one message that ends with the refusal's code, exit status 1. Every command
 * that touches presets reports refusals this way, so a dry run and an apply refuse with the same words and code
 * (and, with {@code --json}, the same failure document).
 */
final class PresetFailures {

  private PresetFailures() {}

  /** The failure for {@code e}, after printing its problems under {@code name}. */
  static CommandFailure refused(String name, PresetLayerException e, Terminal terminal) {
    ProblemText.print(terminal.err(), name, e.problems());
    return CommandFailure.failed(e.code(), name + ": " + e.getMessage() + " (" + e.code() + ")", e.problems());
  }
}
