package dev.sandboxpolicy.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The realistic policy compiles and carries nearly the whole catalog; what is left out is said. */
class RealisticPolicyTest {
  private static final int MOST_PRESETS_SKIPPED = 3;

  @Test
  void compilesWithAllButAFewPresets() {
    Policy policy = RealisticPolicy.withEveryPreset();
    assertDoesNotThrow(() -> CompiledPolicy.compile(policy));
    List<String> skipped = RealisticPolicy.skippedPresets();
    assertTrue(skipped.size() <= MOST_PRESETS_SKIPPED, () -> "too many presets skipped: " + skipped);
    for (Preset preset : PresetCatalog.builtIn().presets()) {
      boolean wasSkipped = skipped.stream().anyMatch(line -> line.startsWith(preset.name() + ": "));
      boolean present = policy.networkPolicies().keySet().containsAll(preset.networkPolicies().keySet());
      assertTrue(wasSkipped || present, () -> preset.name() + " neither applied nor reported as skipped");
    }
    assertTrue(policy.networkPolicies().size() > BaselinePolicy.read().networkPolicies().size() + 20);
  }
}
