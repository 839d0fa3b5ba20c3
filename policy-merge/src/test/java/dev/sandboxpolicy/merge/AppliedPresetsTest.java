package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AppliedPresetsTest {

  private final Policy baseline = Fixtures.policy(Fixtures.BASELINE);
  private final PresetCatalog catalog = PresetCatalog.builtIn();

  private static Map<String, String> states(List<AppliedPreset> applied) {
    Map<String, String> out = new LinkedHashMap<>();
    applied.forEach(a -> out.put(a.name(), a.state().wireName()));
    return out;
  }

  @Test
  void appliedPresetsAreReadBackFromTheLivePolicyAlone() throws Exception {
    Preset mine = Fixtures.preset("my-api", "my_api", "api.example.com");
    Preset other = Fixtures.preset("another", "a", "a.example.com");
    Policy live = PresetMerger.merge(baseline,
        List.of(catalog.require("npm"), catalog.require("slack"), mine, other)).policy();
    List<AppliedPreset> applied = AppliedPresets.derive(live, catalog, baseline);
    // Built-in presets in catalog order, then custom presets by name; the baseline's own pypi is not a preset.
    assertEquals(Map.of("npm", "verified", "pypi", "baseline", "slack", "verified", "another", "custom",
            "my-api", "custom"),
        states(applied));
    assertEquals(List.of("npm", "pypi", "slack", "another", "my-api"), applied.stream().map(AppliedPreset::name).toList());
    AppliedPreset custom = applied.get(4);
    assertEquals(List.of("nemoclaw_custom__my-api__my_api"), custom.keys());
    assertEquals(mine.networkPolicies(), custom.preset().networkPolicies(), "the content is recovered, original keys");
    assertEquals(List.of("npm", "slack", "another", "my-api"), applied.stream()
        .filter(AppliedPreset::isApplied).map(AppliedPreset::name).filter(n -> !n.equals("pypi")).toList());
  }

  @Test
  void withoutTheBaselineAKeyItSharesWithAPresetLooksDrifted() {
    List<AppliedPreset> applied = AppliedPresets.derive(baseline, catalog);
    assertEquals(Map.of("pypi", "drifted"), states(applied));
    assertTrue(applied.get(0).isApplied(), "NemoClaw's rule: every key is live");
  }

  @Test
  void anEditedEntryIsDriftedAndTheAgentsViewDecides() throws Exception {
    Policy live = PresetMerger.merge(baseline, catalog.require("github")).policy();
    NetworkPolicy edited = NetworkPolicy.builder(live.networkPolicies().get("github")).name("edited").build();
    Policy drifted = Policy.builder(live).putNetworkPolicies("github", edited).build();
    assertEquals("drifted", states(AppliedPresets.derive(drifted, catalog, baseline)).get("github"));
    assertEquals("verified", states(AppliedPresets.derive(live, catalog, baseline)).get("github"));

    // Hermes' pypi content is not OpenClaw's: applied through the Hermes view it is verified there only.
    Policy hermes = PresetMerger.merge(baseline, catalog.forAgent("hermes").require("pypi")).policy();
    assertEquals("verified", states(AppliedPresets.derive(hermes, catalog.forAgent("hermes"), baseline)).get("pypi"));
    assertEquals("drifted", states(AppliedPresets.derive(hermes, catalog, baseline)).get("pypi"));
  }

  @Test
  void removingByNameUsesTheSameState() throws Exception {
    Policy live = PresetMerger.merge(baseline, Fixtures.preset("team-a", "k", "a.example")).policy();
    assertEquals(Set.of("team-a"), AppliedPresets.derive(live).stream().filter(AppliedPreset::isCustom)
        .map(AppliedPreset::name).collect(Collectors.toSet()));
    Policy removed = PresetMerger.removeCustom(live, "team-a").policy();
    assertFalse(AppliedPresets.derive(removed).stream().anyMatch(AppliedPreset::isCustom));
  }

  @Test
  void aPresetWithOnlySomeOfItsKeysLiveIsPartialAndNotApplied() {
    // No shipped preset has two keys, so this uses a two-key preset in a catalog built for the test.
    NetworkPolicy a = baseline.networkPolicies().get("nvidia");
    NetworkPolicy b = baseline.networkPolicies().get("pypi");
    Preset two = Preset.builder().name("two").description("two keys").putNetworkPolicies("k_a", a)
        .putNetworkPolicies("k_b", b).build();
    CatalogData data = new CatalogData(List.of(new CatalogEntry("two", false, two, Map.of(), List.of())), Map.of(),
        TierCatalog.builder().build(), Set.of("two"));
    PresetCatalog small = PresetCatalog.root(data);
    Policy onlyA = Policy.builder().version(1L).putNetworkPolicies("k_a", a).build();
    List<AppliedPreset> partial = AppliedPresets.derive(onlyA, small);
    assertEquals(Map.of("two", "partial"), states(partial));
    assertFalse(partial.get(0).isApplied());
    Policy both = Policy.builder(onlyA).putNetworkPolicies("k_b", b).build();
    assertEquals(Map.of("two", "verified"), states(AppliedPresets.derive(both, small)));
  }
}
