package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.Tier;
import java.util.Objects;

/**
 * The sandbox's policy tier as shown by {@code policy-explain} (spec nemoclaw-preset-layer §6.1 {@code tier}).
 *
 * @param name the tier name, for example {@code balanced}
 * @param label the display label, for example {@code Balanced}
 * @param description the tier description
 */
public record TierSummary(String name, String label, String description) {

  /** A summary; nothing may be null. */
  public TierSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(description, "description");
  }

  /**
   * The summary of a tier from tiers.yaml (its preset list is not part of the context).
   *
   * @param tier the tier
   * @return the summary
   */
  static TierSummary of(Tier tier) {
    return new TierSummary(tier.name(), tier.label(), tier.description());
  }
}
