package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.model.Policy;

/**
 * The realistic workload's policy: the {@link BaselinePolicy} with every preset of our built-in catalog ({@link
 * PresetCatalog#builtIn()}, the OpenClaw view) applied in listing order by {@link PresetMerger}, as {@code nemoclaw
 * policy-add} would do one after the other.
 */
public final class RealisticPolicy {
  private RealisticPolicy() {}

  /**
   * Builds the policy.
   *
   * @return the baseline with every built-in preset merged in
   * @throws IllegalStateException if the catalog refuses (a bug in the catalog or in this module)
   */
  public static Policy withEveryPreset() {
    try {
      return PresetMerger.merge(BaselinePolicy.read(), PresetCatalog.builtIn().presets()).policy();
    } catch (PresetLayerException e) {
      throw new IllegalStateException("the built-in catalog does not merge into the baseline", e);
    }
  }
}
