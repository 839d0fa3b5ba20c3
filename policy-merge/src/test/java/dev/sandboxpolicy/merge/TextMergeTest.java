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
    String mine = Fixtures.presetYaml("my-pypi", "pypi", "pypi.example");
    MergeResult r = PresetMerger.mergeText(HEADER + Fixtures.BASELINE, List.of(mine));
    assertEquals(List.of("nemoclaw_custom__my-pypi__pypi"), r.diff().addedKeys(), "preset texts are custom presets");
    assertEquals(Fixtures.preset("my-pypi", "pypi", "pypi.example").networkPolicies().get("pypi"),
        r.policy().networkPolicies().get("nemoclaw_custom__my-pypi__pypi"));
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
    assertTrue(e.getMessage().contains("Preset missing network_policies section"), e.getMessage());

    PresetLayerException l = assertThrows(PresetLayerException.class,
        () -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(good, list)));
    assertEquals("preset_no_network_policies", l.code(), "a list is not a section (the loader's rule)");
    for (String bad : List.of(emptyMap, scalarEntry)) {
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
    assertEquals(List.of("nemoclaw_custom__inline__k"), r.diff().addedKeys());
  }

  @Test
  void removeTextNeedsANetworkPoliciesMapping() throws Exception {
    String preset = Fixtures.presetYaml("p", "k", "k.example");
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> PresetMerger.removeText("version: 1\nlandlock: {compatibility: best_effort}\n", List.of(preset)));
    assertEquals("preset_not_removable", e.code());
    assertEquals("Preset 'p' could not be removed from the current policy.", e.getMessage());

    MergeResult absentKey = PresetMerger.removeText("version: 1\nnetwork_policies: {}\n", List.of(preset));
    assertTrue(absentKey.isNoOp(), "absent keys: an unchanged (but successful) result, like upstream");
  }

  @Test
  void removeTextUndoesMergeText() throws Exception {
    String live = HEADER + Fixtures.BASELINE;
    List<String> presets = List.of(Fixtures.presetYaml("my-npm", "npm_mirror", "npm.example"),
        Fixtures.presetYaml("my-slack", "slack", "slack.example"));
    MergeResult added = PresetMerger.mergeText(live, presets);
    MergeResult removed = PresetMerger.removeText(added.toYaml(), presets);
    Policy original = LivePolicy.parse(live).policy();
    assertEquals(original, removed.policy());
    assertEquals(List.of("nemoclaw_custom__my-npm__npm_mirror", "nemoclaw_custom__my-slack__slack"),
        removed.diff().removedKeys());
    assertFalse(removed.diff().versionChanged());
  }
}
