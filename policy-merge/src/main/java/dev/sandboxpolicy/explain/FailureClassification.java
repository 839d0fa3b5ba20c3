package dev.sandboxpolicy.explain;

import java.util.Objects;
import java.util.Optional;

/**
 * The classifier's verdict (spec nemoclaw-preset-layer §7 output {@code {kind, reason, nextStep, matchedPreset?,
 * confidence}}; wire protocol {@code kind, confidence, matched_preset, reason, next_step}).
 *
 * @param kind the verdict
 * @param confidence how sure
 * @param matchedPreset the preset whose host stems matched, if any
 * @param reason one or two sentences for the agent
 * @param nextStep what to do next
 * @param rule the number (1-10) of the §7 rule that fired, for diagnostics and tests
 */
public record FailureClassification(
    FailureKind kind,
    Confidence confidence,
    Optional<String> matchedPreset,
    String reason,
    String nextStep,
    int rule) {

  /** A verdict; nothing may be null. */
  public FailureClassification {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(matchedPreset, "matchedPreset");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(nextStep, "nextStep");
  }
}
