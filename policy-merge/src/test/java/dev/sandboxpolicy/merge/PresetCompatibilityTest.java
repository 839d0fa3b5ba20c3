package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which built-in presets cannot be applied together: their merged policy has two endpoints on the same host and
 * port with conflicting connection or request metadata, which upstream OpenShell rejects as ambiguous (language
 * spec §2.6). The set is pinned so that a catalog change that adds or removes a conflict is noticed and
 * documented in docs/presets-and-merging.md.
 */
class PresetCompatibilityTest {

  private static final Set<String> KNOWN_CONFLICTS =
      Set.of("brew+github", "brew+openclaw-pricing", "brew+whatsapp", "outlook+teams");

  @Test
  void everyBuiltInPresetIsValidAloneAndOnlyTheKnownPairsConflict() throws Exception {
    PolicyValidator validator = PolicyValidator.strict();
    Policy empty = Policy.builder().version(1L).build();
    List<Preset> presets = PresetCatalog.builtIn().presets();
    for (Preset p : presets) {
      List<Problem> errors = validator.validate(PresetMerger.merge(empty, p).policy()).errors();
      assertEquals(List.of(), errors, () -> p.name() + " alone");
    }
    Set<String> conflicts = new TreeSet<>();
    for (int i = 0; i < presets.size(); i++) {
      for (int j = i + 1; j < presets.size(); j++) {
        String a = presets.get(i).name();
        String b = presets.get(j).name();
        Policy merged = PresetMerger.merge(empty, List.of(presets.get(i), presets.get(j))).policy();
        List<Problem> errors = validator.validate(merged).errors();
        if (!errors.isEmpty()) {
          assertTrue(
              errors.stream().allMatch(e -> e.code().equals("endpoint_ambiguous")), () -> a + "+" + b + ": " + errors);
          conflicts.add(a.compareTo(b) < 0 ? a + "+" + b : b + "+" + a);
        }
      }
    }
    assertEquals(new TreeSet<>(KNOWN_CONFLICTS), conflicts);
  }
}
