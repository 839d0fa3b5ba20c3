package dev.sandboxpolicy.explain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent-safe summary of a sandbox's network policy produced by {@code policy-explain} (spec nemoclaw-preset-layer
 * §6.1). It names presets and public host stems only; it never contains rule bodies, binaries, enforcement modes,
 * credential metadata or internal hosts. Build it with {@link PolicyExplainer}; render it with
 * {@link ExplainJson} or {@link PolicyContextMarkdown}.
 *
 * @param sandboxName the sandbox
 * @param tier the recorded tier, empty when none or unknown (JSON {@code null})
 * @param activePresets applied or gateway-only built-ins and every custom preset, sorted by name
 * @param knownUnappliedPresets the other built-ins, sorted by name
 * @param approvalPath how to inspect and change presets
 * @param supportBoundaries who owns what
 * @param generatedAt when the context was built
 */
public record PolicyContext(
    String sandboxName,
    Optional<TierSummary> tier,
    List<PresetEntry> activePresets,
    List<PresetEntry> knownUnappliedPresets,
    ApprovalPath approvalPath,
    List<SupportBoundary> supportBoundaries,
    Instant generatedAt) {

  /** JavaScript {@code Date.toISOString()}: UTC with exactly three fraction digits. */
  static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** A context; lists are copied, nothing may be null. */
  public PolicyContext {
    Objects.requireNonNull(sandboxName, "sandboxName");
    Objects.requireNonNull(tier, "tier");
    activePresets = List.copyOf(activePresets);
    knownUnappliedPresets = List.copyOf(knownUnappliedPresets);
    Objects.requireNonNull(approvalPath, "approvalPath");
    supportBoundaries = List.copyOf(supportBoundaries);
    Objects.requireNonNull(generatedAt, "generatedAt");
  }

  /**
   * {@link #generatedAt()} as upstream prints it, for example {@code 2026-06-07T00:00:00.000Z}.
   *
   * @return the timestamp text
   */
  public String generatedAtText() {
    return ISO_MILLIS.format(generatedAt);
  }
}
