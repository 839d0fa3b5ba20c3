package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineExclusionsTest {

  private final Policy baseline = Fixtures.policy(Fixtures.BASELINE);
  private final PresetCatalog catalog = PresetCatalog.builtIn();

  @Test
  void excludeThenRestoreRoundTripsAndTheLivePolicyIsTheRecord() throws Exception {
    BaselineChange ex = BaselineExclusions.exclude(baseline, baseline, "nvidia", catalog);
    assertTrue(ex.isExclusion());
    Policy excluded = ex.result().policy();
    assertEquals(List.of("managed_inference", "gateway_dialback", "pypi"),
        List.copyOf(excluded.networkPolicies().keySet()));
    assertEquals(List.of("nvidia"), ex.result().diff().removedKeys());
    assertEquals(List.of("nvidia"), BaselineExclusions.excluded(excluded, baseline));

    BaselineChange again = BaselineExclusions.exclude(excluded, baseline, "nvidia", catalog);
    assertTrue(again.isNoOp(), "excluding an excluded entry changes nothing");

    BaselineChange back = BaselineExclusions.restore(excluded, baseline, "nvidia", catalog);
    assertEquals(baseline.networkPolicies().get("nvidia"), back.result().policy().networkPolicies().get("nvidia"));
    assertEquals(List.of("nvidia"), back.result().diff().addedKeys());
    assertEquals(List.of(), BaselineExclusions.excluded(back.result().policy(), baseline));
    assertTrue(BaselineExclusions.restore(baseline, baseline, "nvidia", catalog).isNoOp());
  }

  @Test
  void theDryRunListsEveryEndpointRuleAndBinary() throws Exception {
    BaselineChange ex = BaselineExclusions.exclude(baseline, baseline, "nvidia", catalog);
    assertEquals(List.of(
            "  nvidia:",
            "    endpoint: integrate.api.nvidia.com:443 (rest)",
            "      allow: POST /v1/chat/completions",
            "      allow: GET /v1/models",
            "    binary: /usr/local/bin/openclaw"),
        ex.scope());
    List<String> dialback = BaselineExclusions.exclude(baseline, baseline, "gateway_dialback", catalog).scope();
    assertEquals(List.of("  gateway_dialback:", "    endpoint: 10.200.0.2:18789", "      access: full",
        "    binary: /usr/local/bin/openclaw"), dialback);
  }

  @Test
  void refusals() throws Exception {
    PresetLayerException unknown = assertThrows(PresetLayerException.class,
        () -> BaselineExclusions.exclude(baseline, baseline, "nope", catalog));
    assertEquals("baseline_key_unknown", unknown.code());
    assertTrue(unknown.getMessage().contains("nvidia, managed_inference, gateway_dialback, pypi"), unknown.getMessage());
    assertEquals("baseline_key_unknown", assertThrows(PresetLayerException.class,
        () -> BaselineExclusions.restore(baseline, baseline, "nope", catalog)).code());

    PresetLayerException required = assertThrows(PresetLayerException.class,
        () -> BaselineExclusions.exclude(baseline, baseline, "managed_inference", catalog));
    assertEquals("baseline_key_protected", required.code());
    assertEquals("Baseline entry 'managed_inference' is required and cannot be excluded.", required.getMessage());

    // The pypi preset replaced the baseline's pypi entry: that key now belongs to the preset.
    Policy withPreset = PresetMerger.merge(baseline, catalog.require("pypi")).policy();
    for (boolean exclude : List.of(true, false)) {
      PresetLayerException owned = assertThrows(PresetLayerException.class, () -> {
        if (exclude) {
          BaselineExclusions.exclude(withPreset, baseline, "pypi", catalog);
        } else {
          BaselineExclusions.restore(withPreset, baseline, "pypi", catalog);
        }
      });
      assertEquals("baseline_key_owned_by_preset", owned.code());
      assertTrue(owned.getMessage().contains("owned by preset 'pypi'"), owned.getMessage());
    }

    NetworkPolicy edited = NetworkPolicy.builder(baseline.networkPolicies().get("nvidia")).name("edited").build();
    Policy drifted = Policy.builder(baseline).putNetworkPolicies("nvidia", edited).build();
    PresetLayerException changed = assertThrows(PresetLayerException.class,
        () -> BaselineExclusions.exclude(drifted, baseline, "nvidia", catalog));
    assertEquals("baseline_entry_changed", changed.code());
    assertEquals("/network_policies/nvidia", changed.problems().get(0).pointer());
  }

  @Test
  void theDigestBindsTheEntryNotItsLayout() {
    NetworkPolicy nvidia = baseline.networkPolicies().get("nvidia");
    String digest = BaselineExclusions.digest("nvidia", nvidia);
    assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
    Policy reordered = Fixtures.policy(Fixtures.BASELINE.replace(
        "              protocol: rest\n              enforcement: enforce\n              rules:\n"
            + "                - allow: {method: POST, path: /v1/chat/completions}",
        "              enforcement: enforce\n              protocol: rest\n              rules:\n"
            + "                - allow: {path: /v1/chat/completions, method: POST}"));
    assertEquals(digest, BaselineExclusions.digest("nvidia", reordered.networkPolicies().get("nvidia")));
    assertNotEquals(digest, BaselineExclusions.digest("nvidia",
        NetworkPolicy.builder(nvidia).name("other").build()));
    assertNotEquals(digest, BaselineExclusions.digest("other_key", nvidia));
  }

  @Test
  void onNemoClawsOwnBaselineEveryUnprotectedKeyCanBeExcludedAndRestored() throws Exception {
    Policy nemoclaw = LivePolicy.parse(
        Fixtures.read(Fixtures.upstream("nemoclaw-blueprint/policies/openclaw-sandbox.yaml"))).policy();
    for (String key : nemoclaw.networkPolicies().keySet()) {
      if (BaselineExclusions.PROTECTED_KEYS.contains(key)) {
        continue;
      }
      Policy excluded = BaselineExclusions.exclude(nemoclaw, nemoclaw, key, catalog).result().policy();
      assertEquals(List.of(key), BaselineExclusions.excluded(excluded, nemoclaw));
      Policy restored = BaselineExclusions.restore(excluded, nemoclaw, key, catalog).result().policy();
      assertEquals(nemoclaw.networkPolicies().get(key), restored.networkPolicies().get(key), key);
      assertEquals(nemoclaw.networkPolicies().keySet(), restored.networkPolicies().keySet(), key);
    }
  }
}
