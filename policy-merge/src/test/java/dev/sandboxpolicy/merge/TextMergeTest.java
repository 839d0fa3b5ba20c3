package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** policy-add / policy-remove on text, as {@code policyctl merge|remove} and the stdio server use them. */
class TextMergeTest {

  private static final String HEADER = "Version: 7\nHash: sha256:abc\nStatus: Loaded\n---\n";

  @Test
  void mergesPresetTextIntoPolicyGetFullOutput() throws Exception {
    String pypi = PolicyWriter.toYaml(PresetCatalog.builtIn().require("pypi"));
    MergeResult r = PresetMerger.mergeText(HEADER + Fixtures.BASELINE, List.of(pypi));
    assertEquals(List.of("pypi"), r.diff().replacedKeys());
    assertEquals(PresetCatalog.builtIn().require("pypi").networkPolicies().get("pypi"),
        r.policy().networkPolicies().get("pypi"));
    assertEquals(r.policy(), Fixtures.policy(r.toYaml()));
    assertTrue(r.toJson().trim().startsWith("{"));
  }

  @Test
  void anUnreadableLivePolicyRefusesInsteadOfStartingFromEmpty() {
    String preset = Fixtures.presetYaml("p", "k", "k.example");
    for (String live : List.of("", "Version: 3\nHash: x\n---\n", "error: not found", "version: [")) {
      PresetLayerException e =
          assertThrows(PresetLayerException.class, () -> PresetMerger.mergeText(live, List.of(preset)));
      assertTrue(e.code().startsWith("live_policy_"), e.code());
    }
  }

  @Test
  void presetTextProblemsNameThePresetAndChangeNothing() {
    String good = Fixtures.presetYaml("good", "g", "g.example");
    String noSection = "preset: {name: bare, description: no entries}\n";
    String emptyMap = "preset: {name: hollow, description: empty}\nnetwork_policies: {}\n";
    String scalarEntry = "preset: {name: scalar, description: bad entry}\nnetwork_policies:\n  k: just-text\n";
    String list = "preset: {name: listy, description: list}\nnetwork_policies:\n  - a\n";

    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(good, noSection)));
    assertEquals("preset_no_network_policies", e.code());
    assertEquals(Optional.of("bare"), e.presetName());
    assertTrue(e.getMessage().contains("Preset bare has no network_policies section."), e.getMessage());

    for (String bad : List.of(emptyMap, scalarEntry, list)) {
      PresetLayerException b = assertThrows(PresetLayerException.class,
          () -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(good, bad)));
      assertEquals("preset_entries_invalid", b.code(), bad);
      assertTrue(b.getMessage().contains("no policy changes were made"), b.getMessage());
    }
    PresetLayerException rm = assertThrows(PresetLayerException.class,
        () -> PresetMerger.removeText(Fixtures.BASELINE, List.of(emptyMap)));
    assertTrue(rm.getMessage().contains("Cannot remove policy preset"), rm.getMessage());

    PresetLayerException unnamed = assertThrows(PresetLayerException.class,
        () -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(good, "network_policies: [")));
    assertEquals(Optional.of("#2"), unnamed.presetName(), "an unnamed preset is named by its position");
  }

  @Test
  void inlineNetworkPoliciesWorkBecauseWeParseInsteadOfScanningText() throws Exception {
    String inline = "preset: {name: inline, description: flow style}\r\n"
        + "network_policies: {k: {name: k, endpoints: [{host: k.example, port: 443, access: full}],"
        + " binaries: [{path: /bin/k}]}}  # trailing comment\r\n";
    MergeResult r = PresetMerger.mergeText(Fixtures.BASELINE, List.of(inline));
    assertEquals(List.of("k"), r.diff().addedKeys());
  }

  @Test
  void removeTextNeedsANetworkPoliciesMapping() throws Exception {
    String preset = Fixtures.presetYaml("p", "k", "k.example");
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> PresetMerger.removeText("version: 1\nlandlock: {compatibility: best_effort}\n", List.of(preset)));
    assertEquals("preset_not_removable", e.code());
    assertEquals("Preset 'p': Preset 'p' could not be removed from the current policy.", e.getMessage());

    MergeResult absentKey = PresetMerger.removeText("version: 1\nnetwork_policies: {}\n", List.of(preset));
    assertTrue(absentKey.isNoOp(), "absent keys: an unchanged (but successful) result, like upstream");
  }

  @Test
  void removeTextUndoesMergeText() throws Exception {
    String live = HEADER + Fixtures.BASELINE;
    List<String> presets = List.of(PolicyWriter.toYaml(PresetCatalog.builtIn().require("npm")),
        PolicyWriter.toYaml(PresetCatalog.builtIn().require("slack")));
    MergeResult added = PresetMerger.mergeText(live, presets);
    MergeResult removed = PresetMerger.removeText(added.toYaml(), presets);
    Policy original = LivePolicy.parse(live).policy();
    assertEquals(original, removed.policy());
    assertEquals(List.of("npm_yarn", "slack"), removed.diff().removedKeys());
    assertFalse(removed.diff().versionChanged());
  }
}
