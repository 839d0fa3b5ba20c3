package dev.sandboxpolicy.merge;

import static dev.sandboxpolicy.merge.Fixtures.BASELINE;
import static dev.sandboxpolicy.merge.Fixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyStackTest {

  private final Policy baseline = policy(BASELINE);
  private final PresetCatalog catalog = PresetCatalog.builtIn();

  @Test
  void removingAPresetRestoresTheBaselineEntryItShadowed() throws Exception {
    Preset pypi = catalog.require("pypi");
    PolicyStack stack = PolicyStack.of(baseline).apply(StackLayer.builtIn(pypi)).stack();
    assertEquals(pypi.networkPolicies().get("pypi"), stack.effective().networkPolicies().get("pypi"));
    assertEquals(Optional.of("pypi"), stack.contributorOf("pypi").map(StackLayer::name));
    assertTrue(stack.isFromBaseline("nvidia"));

    StackChange removed = stack.remove("pypi");
    assertEquals(baseline, removed.stack().effective(), "the baseline pypi entry is back");
    assertTrue(removed.stack().isFromBaseline("pypi"));
    assertEquals(List.of("pypi"), removed.diff().replacedKeys());
    assertEquals(baseline.networkPolicies().get("pypi"), removed.diff().changes().get(0).after().orElseThrow());

    // Upstream's key-only removal on the same state loses the entry.
    assertFalse(PresetMerger.remove(stack.effective(), pypi).policy().networkPolicies().containsKey("pypi"));
  }

  @Test
  void addThenRemoveThroughTheStackReturnsTheBaselineForEveryBuiltInPreset() throws Exception {
    for (String agent : List.of("", "hermes", "langchain-deepagents-code")) {
      for (Preset p : catalog.forAgent(agent).presets()) {
        PolicyStack s = PolicyStack.of(baseline).apply(StackLayer.builtIn(p)).stack();
        assertEquals(PresetMerger.merge(baseline, p).policy(), s.effective(), p.name());
        assertEquals(baseline, s.remove(p.name()).stack().effective(), agent + "/" + p.name());
      }
    }
  }

  @Test
  void onNemoClawsHermesBaselineThePypiPresetIsRestoredOnlyByTheStack() throws Exception {
    Policy hermes = dev.sandboxpolicy.io.PolicyReader.of(dev.sandboxpolicy.io.ReadMode.LEGACY_TOLERANT)
        .readPolicy(Fixtures.upstream("agents/hermes/policy-permissive.yaml")).orElseThrow();
    Policy hermesBase = dev.sandboxpolicy.io.PolicyReader.of(dev.sandboxpolicy.io.ReadMode.LEGACY_TOLERANT)
        .readPolicy(Fixtures.upstream("agents/hermes/policy-additions.yaml")).orElseThrow();
    for (Policy base : List.of(hermes, hermesBase)) {
      for (Preset p : catalog.presets()) {
        PolicyStack s = PolicyStack.of(base).apply(StackLayer.builtIn(p)).stack();
        assertEquals(base, s.remove(p.name()).stack().effective(), p.name());
      }
    }
    Preset pypi = catalog.require("pypi");
    Policy added = PresetMerger.merge(hermesBase, pypi).policy();
    assertFalse(PresetMerger.remove(added, pypi).policy().networkPolicies().containsKey("pypi"));
  }

  @Test
  void customPresetsWithTheSameKeyDoNotShareAnEntry() throws Exception {
    Preset a = Fixtures.preset("team-a", "shared", "a.example");
    Preset b = Fixtures.preset("team-b", "shared", "b.example");
    PolicyStack s = PolicyStack.of(baseline).applyAll(List.of(StackLayer.custom(a, null), StackLayer.custom(b, null)))
        .stack();
    // Each custom preset owns its key in its namespace (NemoClaw #10515), so neither shadows the other.
    assertEquals("a.example", host(s.effective(), "nemoclaw_custom__team-a__shared"));
    assertEquals("b.example", host(s.effective(), "nemoclaw_custom__team-b__shared"));
    assertEquals(Optional.of("team-b"), s.contributorOf("nemoclaw_custom__team-b__shared").map(StackLayer::name));

    PolicyStack withoutB = s.remove("team-b").stack();
    assertEquals("a.example", host(withoutB.effective(), "nemoclaw_custom__team-a__shared"));
    assertFalse(withoutB.effective().networkPolicies().containsKey("nemoclaw_custom__team-b__shared"));
    assertEquals(baseline.networkPolicies().size() + 1, withoutB.effective().networkPolicies().size());
    assertEquals(baseline, withoutB.remove("team-a").stack().effective());
  }

  @Test
  void reapplyingReplacesTheLayerAndMovesItOnTop() throws Exception {
    Preset a1 = Fixtures.preset("team-a", "shared", "a.example");
    Preset b = Fixtures.preset("team-b", "shared", "b.example");
    Preset a2 = Fixtures.preset("team-a", "shared", "a2.example");
    PolicyStack s = PolicyStack.of(baseline).apply(StackLayer.custom(a1, null)).stack()
        .apply(StackLayer.custom(b, null)).stack();
    StackChange again = s.apply(StackLayer.custom(a2, null));
    assertEquals(List.of("team-b", "team-a"), again.stack().layerNames());
    assertEquals("a2.example", host(again.stack().effective(), "nemoclaw_custom__team-a__shared"));
    StackChange same = again.stack().apply(StackLayer.custom(a2, null));
    assertTrue(same.diff().isEmpty(), "re-applying the top layer changes nothing");
    assertEquals(again.stack(), same.stack());
  }

  @Test
  void aBuiltInLabelDoesNotMakeContentTrusted() throws Exception {
    Preset fake = Fixtures.preset("github", "github", "169.254.169.254");
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> PolicyStack.of(baseline).apply(StackLayer.builtIn(fake)));
    assertEquals("preset_name_builtin_collision", e.code());
    PresetLayerException host = assertThrows(PresetLayerException.class,
        () -> PolicyStack.of(baseline).apply(StackLayer.builtIn(Fixtures.preset("meta", "m", "169.254.169.254"))));
    assertEquals("preset_host_private", host.code());
    assertEquals(List.of(), PolicyStack.of(baseline).layerNames());
  }

  @Test
  void aFailingLayerInABatchLeavesTheStackUntouched() throws Exception {
    PolicyStack s = PolicyStack.of(baseline).apply(StackLayer.builtIn(catalog.require("npm"))).stack();
    Preset empty = Preset.builder().name("empty").description("nothing").build();
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> s.applyAll(List.of(StackLayer.builtIn(catalog.require("pypi")), StackLayer.custom(empty, null))));
    assertEquals(Optional.of("empty"), e.presetName());
    assertEquals(List.of("npm"), s.layerNames());
    PresetLayerException notApplied = assertThrows(PresetLayerException.class, () -> s.remove("pypi"));
    assertEquals("preset_not_applied", notApplied.code());
  }

  @Test
  void serializesToYamlAndJsonAndReplays() throws Exception {
    Preset custom = Fixtures.preset("my-api", "my_api", "api.internal.example");
    PolicyStack s = PolicyStack.of(baseline)
        .applyAll(List.of(StackLayer.builtIn(catalog.require("pypi")), StackLayer.custom(custom, "/home/u/my-api.yaml"),
            StackLayer.builtIn(catalog.require("slack"))))
        .stack();
    for (String text : List.of(s.toYaml(), s.toJson())) {
      PolicyStack back = PolicyStack.read(text, catalog);
      assertEquals(s, back);
      assertEquals(s.effective(), back.effective());
      assertEquals(Optional.of("/home/u/my-api.yaml"), back.layer("my-api").orElseThrow().sourcePath());
      assertEquals(baseline.networkPolicies().get("pypi"), back.remove("pypi").stack().effective().networkPolicies().get("pypi"));
    }
    assertTrue(s.toYaml().contains("source: built-in"));
    assertFalse(s.toYaml().contains("pythonhosted"), "built-in layers are written by name only");
    assertTrue(s.toYaml().contains("api.internal.example"), "custom layers carry their full content");
  }

  @Test
  void builtInLayersAreResolvedInTheAgentsView() throws Exception {
    PolicyStack s = PolicyStack.of(baseline).apply(StackLayer.builtIn(catalog.require("pypi"))).stack();
    PolicyStack hermes = PolicyStack.read(s.toYaml(), catalog.forAgent("hermes"));
    assertEquals(catalog.forAgent("hermes").require("pypi"), hermes.layers().get(0).preset());
  }

  @Test
  void unreadableStackDocumentsAreRefused() {
    String base = "policy_stack: 1\nbaseline: {version: 1, network_policies: {}}\n";
    List<String> bad = List.of(
        "just text",
        "policy_stack: 2\nbaseline: {version: 1}\n",
        "policy_stack: 1\n",
        base + "layers: {a: 1}\n",
        base + "layers: [{source: built-in}]\n",
        base + "layers: [{name: x, source: somewhere}]\n",
        base + "layers: [{name: x, source: custom}]\n",
        base + "layers: [{name: x, source: custom, preset: {preset: {name: y, description: d}, network_policies: {}}}]\n",
        "policy_stack: 1\nbaseline: {version: 1, network_policies: []}\n",
        "policy_stack: 1\npolicy_stack: 1\n");
    for (String text : bad) {
      PresetLayerException e = assertThrows(PresetLayerException.class, () -> PolicyStack.read(text, catalog), text);
      assertEquals("stack_unreadable", e.code(), text);
    }
    PresetLayerException unknown = assertThrows(PresetLayerException.class,
        () -> PolicyStack.read(base + "layers: [{name: docker, source: built-in}]\n", catalog));
    assertEquals("preset_unknown", unknown.code());
  }

  private static String host(Policy p, String key) {
    NetworkPolicy e = p.networkPolicies().get(key);
    return e.endpoints().get(0).host();
  }
}
