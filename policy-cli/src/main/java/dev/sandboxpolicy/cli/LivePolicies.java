package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.LivePolicy;
import dev.sandboxpolicy.merge.PresetLayerException;

/**
 * Reads a live policy named on the command line ({@code openshell policy get [--full|--base]} output or plain
 * YAML) with the preset layer's strictness ({@link LivePolicy#parse}): an empty, unreadable or diagnostic read is a
 * refusal with its {@code live_policy_*} code, never an empty policy.
 */
final class LivePolicies {

  private LivePolicies() {}

  /** The live policy in {@code arg} (a file, or {@code -}), or a failure naming the refusal. */
  static LivePolicy read(String arg, Terminal terminal) throws CommandFailure {
    InputDocument document = InputDocument.read(arg, terminal);
    String text = document.utf8Text().orElseThrow(() -> CommandFailure.failed(document.name() + " is not UTF-8 text"));
    try {
      return LivePolicy.parse(text);
    } catch (PresetLayerException e) {
      throw PresetFailures.refused(document.name(), e, terminal);
    }
  }
}
