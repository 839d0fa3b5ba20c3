package dev.sandboxpolicy.merge;

import static dev.sandboxpolicy.merge.Fixtures.BASELINE;
import static dev.sandboxpolicy.merge.Fixtures.policy;
import static dev.sandboxpolicy.merge.Fixtures.preset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.internal.Names;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresetMergerTest {

  private final Policy baseline = policy(BASELINE);

  @Test
  void newKeysAreAppendedInPresetOrder() throws Exception {
    Preset two = preset("""
        preset: {name: two, description: two keys}
        network_policies:
          zeta: {name: zeta, endpoints: [{host: z.example, port: 443, access: full}], binaries: [{path: /bin/z}]}
          alpha: {name: alpha, endpoints: [{host: a.example, port: 443, access: full}], binaries: [{path: /bin/a}]}
        """);
    MergeResult r = PresetMerger.merge(baseline, two);
    // A custom preset's keys go into its namespace (NemoClaw #10515), in the preset's order.
    assertEquals(List.of("nvidia", "managed_inference", "gateway_dialback", "pypi",
            "nemoclaw_custom__two__zeta", "nemoclaw_custom__two__alpha"),
        List.copyOf(r.policy().networkPolicies().keySet()));
    assertEquals(List.of("nemoclaw_custom__two__zeta", "nemoclaw_custom__two__alpha"), r.diff().addedKeys());
    assertEquals(List.of(), r.diff().replacedKeys());
  }

  @Test
  void anExistingKeyIsReplacedWholesaleAndKeepsItsPosition() throws Exception {
    Preset pypi = PresetCatalog.builtIn().require("pypi");
    MergeResult r = PresetMerger.merge(baseline, pypi);
    assertEquals(List.copyOf(baseline.networkPolicies().keySet()), List.copyOf(r.policy().networkPolicies().keySet()));
    NetworkPolicy merged = r.policy().networkPolicies().get("pypi");
    assertEquals(pypi.networkPolicies().get("pypi"), merged, "no union of endpoints, binaries or rules");
    assertEquals(2, merged.endpoints().size());
    assertFalse(merged.binaries().stream().anyMatch(b -> b.path().equals("/usr/bin/pip3")),
        "the baseline entry's binaries are gone: replacement is wholesale");
    KeyChange change = r.diff().changes().get(0);
    assertEquals(KeyChange.Kind.REPLACED, change.kind());
    assertEquals(Optional.of(baseline.networkPolicies().get("pypi")), change.before());
    assertEquals(Optional.of(merged), change.after());
  }

  @Test
  void theEntryNameFieldPlaysNoPart() throws Exception {
    Preset github = PresetCatalog.builtIn().require("github");
    Policy live = Policy.builder(baseline).putNetworkPolicies("github",
        NetworkPolicy.builder().name("something-else").addAllEndpoints(github.networkPolicies().get("github").endpoints())
            .build()).build();
    Policy merged = PresetMerger.merge(live, github).policy();
    assertEquals("github", merged.networkPolicies().get("github").name());
    assertEquals(4, List.copyOf(merged.networkPolicies().keySet()).indexOf("github"));
  }

  @Test
  void aCustomPresetCannotReplaceABaselineEntry() throws Exception {
    Preset renamed = preset("""
        preset: {name: renamed, description: same key, other display name}
        network_policies:
          nvidia: {name: something-else, endpoints: [{host: n.example, port: 443, access: full}], binaries: [{path: /bin/n}]}
        """);
    Policy merged = PresetMerger.merge(baseline, renamed).policy();
    assertSame(baseline.networkPolicies().get("nvidia"), merged.networkPolicies().get("nvidia"));
    assertEquals("something-else", merged.networkPolicies().get("nemoclaw_custom__renamed__nvidia").name());
  }

  @Test
  void everyOtherSectionIsKeptAndVersionIsFilledInWhenAbsent() throws Exception {
    Policy noVersion = policy("""
        filesystem_policy: {include_workdir: false, read_only: [/usr]}
        metadata: {owner: team-a}
        future_policy: {mode: strict}
        network_policies: {}
        """);
    MergeResult r = PresetMerger.merge(noVersion, Fixtures.preset("p", "k", "k.example"));
    assertEquals(Optional.of(1L), r.policy().version());
    assertTrue(r.diff().versionChanged());
    assertEquals(noVersion.filesystemPolicy(), r.policy().filesystemPolicy());
    assertEquals(noVersion.unknownFields(), r.policy().unknownFields());
    assertEquals(Map.of("owner", "team-a"), r.policy().unknownFields().get("metadata"));

    Policy v3 = Policy.builder(baseline).version(3L).build();
    assertEquals(Optional.of(3L), PresetMerger.merge(v3, Fixtures.preset("p", "k", "k.example")).policy().version());
  }

  @Test
  void mergedYamlPutsVersionFirstAndNetworkPoliciesLast() throws Exception {
    Policy live = policy("""
        network_policies: {}
        future_policy: {mode: strict}
        landlock: {compatibility: best_effort}
        """);
    String yaml = PresetMerger.merge(live, Fixtures.preset("p", "k", "k.example")).toYaml();
    List<String> topLevel = yaml.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0))).toList();
    assertTrue(topLevel.get(0).startsWith("version: 1"), yaml);
    assertTrue(topLevel.get(topLevel.size() - 1).startsWith("network_policies:"), yaml);
    assertEquals(4, topLevel.size(), yaml);
    assertEquals(PresetMerger.merge(live, Fixtures.preset("p", "k", "k.example")).policy(),
        policy(yaml), "the written YAML reads back to the merged policy");
  }

  @Test
  void providerKeysAreReservedOnBothSides() throws Exception {
    Policy live = policy(BASELINE.replace("  nvidia:\n", "  _provider_github:\n    name: x\n    endpoints: []\n    binaries: []\n  nvidia:\n"));
    Preset p = preset("""
        preset: {name: sneaky, description: tries a reserved key}
        network_policies:
          _provider_slack: {name: s, endpoints: [{host: slack.com, port: 443, access: full}], binaries: [{path: /bin/s}]}
          ok_key: {name: ok, endpoints: [{host: ok.example, port: 443, access: full}], binaries: [{path: /bin/o}]}
        """);
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> PresetMerger.merge(live, p));
    assertEquals("reserved_key", e.code(), "a custom preset may not use a _provider_ key at all");
    assertEquals(Optional.of("sneaky"), e.presetName());
    MergeResult r = PresetMerger.merge(live, PresetCatalog.builtIn().require("github"));
    assertFalse(r.policy().networkPolicies().keySet().stream().anyMatch(Names::isProviderKey));
    assertEquals(List.of("_provider_github", "github"), r.diff().changes().stream().map(KeyChange::key).toList());
    assertEquals(List.of("_provider_github"), r.diff().removedKeys(), "the live policy's reserved keys are dropped");
  }

  @Test
  void mergingTheSamePresetTwiceIsIdempotent() throws Exception {
    for (Preset p : PresetCatalog.builtIn().presets()) {
      Policy once = PresetMerger.merge(baseline, p).policy();
      MergeResult twice = PresetMerger.merge(once, p);
      assertEquals(once, twice.policy(), p.name());
      assertTrue(twice.isNoOp(), p.name());
      assertEquals(PolicyWriter.toYaml(once), PolicyWriter.toYaml(twice.policy()), p.name());
    }
  }

  @Test
  void addThenRemoveRestoresTheBaselineForEveryBuiltInPreset() throws Exception {
    for (String agent : List.of("", "hermes", "langchain-deepagents-code")) {
      for (Preset p : PresetCatalog.builtIn().forAgent(agent).presets()) {
        boolean shadows = p.networkPolicies().keySet().stream().anyMatch(baseline.networkPolicies()::containsKey);
        Policy added = PresetMerger.merge(baseline, p).policy();
        Policy removed = PresetMerger.remove(added, p).policy();
        if (shadows) {
          // Upstream's key-only removal loses the shadowed baseline entry (see PolicyStackTest for the fix).
          assertFalse(removed.networkPolicies().containsKey("pypi"), agent + "/" + p.name());
        } else {
          assertEquals(baseline, removed, agent + "/" + p.name());
        }
      }
    }
  }

  @Test
  void addThenRemoveOnNemoClawsOwnBaselineForEveryBuiltInPreset() throws Exception {
    String text = Fixtures.read(Fixtures.upstream("nemoclaw-blueprint/policies/openclaw-sandbox.yaml"));
    Policy nemoclaw = LivePolicy.parse(text).policy();
    for (Preset p : PresetCatalog.builtIn().presets()) {
      MergeResult added = PresetMerger.merge(nemoclaw, p);
      assertEquals(p.networkPolicies().keySet(), java.util.Set.copyOf(added.diff().addedKeys()), p.name());
      MergeResult removed = PresetMerger.remove(LivePolicy.parse(added.toYaml()).policy(), p);
      assertEquals(nemoclaw, removed.policy(), p.name());
      // The same content as text is a custom preset: a built-in name is refused.
      PresetLayerException e = assertThrows(PresetLayerException.class,
          () -> PresetMerger.mergeText(text, List.of(PolicyWriter.toYaml(p))));
      assertEquals(p.name().equals("npm") ? "reserved_key" : "preset_name_builtin_collision", e.code(),
          p.name() + ": keys are checked before the name collision, as upstream");
    }
  }

  @Test
  void removalIsByKeyOnlyAndKeepsOrderAndVersion() throws Exception {
    Policy live = policy("""
        network_policies:
          nemoclaw_custom__p__a: {name: a, endpoints: [{host: a.example, port: 443, access: full}], binaries: [{path: /bin/a}]}
          nemoclaw_custom__p__b: {name: b, endpoints: [{host: b.example, port: 443, access: full}], binaries: [{path: /bin/b}]}
          nemoclaw_custom__q__c: {name: c, endpoints: [{host: c.example, port: 443, access: full}], binaries: [{path: /bin/c}]}
        """);
    // The preset's entry for b differs from the live one: removal does not compare content.
    MergeResult r = PresetMerger.remove(live, Fixtures.preset("p", "b", "other.example"));
    assertEquals(List.of("nemoclaw_custom__p__a", "nemoclaw_custom__q__c"), List.copyOf(r.policy().networkPolicies().keySet()));
    assertEquals(Optional.empty(), r.policy().version(), "remove does not add version");
    assertEquals(List.of("nemoclaw_custom__p__b"), r.diff().removedKeys());
    assertEquals(live.networkPolicies().get("nemoclaw_custom__p__b"), r.diff().changes().get(0).before().orElseThrow());

    MergeResult all = PresetMerger.remove(r.policy(), List.of(Fixtures.preset("p", "a", "x"), Fixtures.preset("q", "c", "y")));
    assertTrue(all.policy().networkPolicies().isEmpty(), "an empty network_policies is allowed");
    MergeResult absent = PresetMerger.remove(live, Fixtures.preset("p", "zzz", "x"));
    assertEquals(live, absent.policy());
    assertTrue(absent.isNoOp());
  }

  @Test
  void aFailingPresetInABatchLeavesTheInputUntouched() throws Exception {
    String before = PolicyWriter.toYaml(baseline);
    Preset good = Fixtures.preset("good", "good_key", "good.example");
    Preset empty = Preset.builder().name("empty-one").description("no entries").build();
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> PresetMerger.merge(baseline, List.of(good, empty, Fixtures.preset("later", "l", "l.example"))));
    assertEquals("preset_entries_invalid", e.code());
    assertEquals(Optional.of("empty-one"), e.presetName());
    assertTrue(e.getMessage().startsWith("Preset 'empty-one': Cannot merge policy preset"), e.getMessage());
    assertEquals(before, PolicyWriter.toYaml(baseline));
    assertFalse(baseline.networkPolicies().containsKey("good_key"));

    PresetLayerException r = assertThrows(PresetLayerException.class,
        () -> PresetMerger.remove(baseline, List.of(good, empty)));
    assertTrue(r.getMessage().contains("Cannot remove policy preset"), r.getMessage());
  }

  @Test
  void aBatchEqualsSequentialMerges() throws Exception {
    List<Preset> ps = List.of(PresetCatalog.builtIn().require("npm"), PresetCatalog.builtIn().require("pypi"),
        PresetCatalog.builtIn().require("slack"), Fixtures.preset("again", "mirror", "mirror.example"),
        Fixtures.preset("again", "mirror", "mirror2.example"));
    Policy seq = baseline;
    for (Preset p : ps) {
      seq = PresetMerger.merge(seq, p).policy();
    }
    MergeResult batch = PresetMerger.merge(baseline, ps);
    assertEquals(seq, batch.policy());
    // Same changes; the batch lists them in the order it made them, between() in map order.
    assertEquals(java.util.Set.copyOf(PolicyDiff.between(baseline, seq).changes()),
        java.util.Set.copyOf(batch.diff().changes()));
    assertEquals(List.of("npm_yarn", "pypi", "slack", "nemoclaw_custom__again__mirror"),
        batch.diff().changes().stream().map(KeyChange::key).toList());
    assertEquals("mirror2.example",
        batch.policy().networkPolicies().get("nemoclaw_custom__again__mirror").endpoints().get(0).host());
  }

  @Test
  void unchangedEntriesAreSharedNotCopied() throws Exception {
    Policy merged = PresetMerger.merge(baseline, Fixtures.preset("p", "k", "k.example")).policy();
    assertSame(baseline.networkPolicies().get("nvidia"), merged.networkPolicies().get("nvidia"));
  }

  @Test
  void mergingIntoAThousandEntryPolicyIsLinear() throws Exception {
    Policy.Builder b = Policy.builder().version(1L);
    for (int i = 0; i < 1000; i++) {
      b.putNetworkPolicies("entry_" + i, Fixtures.preset("p", "entry_" + i, "h" + i + ".example").networkPolicies().get("entry_" + i));
    }
    Policy big = b.build();
    Preset p = PresetCatalog.builtIn().require("pypi");
    for (int i = 0; i < 500; i++) {
      PresetMerger.merge(big, p);
    }
    int runs = 500;
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      PresetMerger.merge(big, p);
    }
    double micros = (System.nanoTime() - start) / 1_000.0 / runs;
    // The target is < 1 ms (JMH measures it); this loose bound only catches a quadratic regression.
    assertTrue(micros < 5_000, "merge into 1,000 entries took " + micros + " us");
  }
}
