package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlueprintAdditionsTest {

  private static String blueprint(String endpoint) {
    return """
        version: "0.1.0"
        profiles: [default]
        components:
          sandbox: {image: img, name: box}
          policy:
            base: sandboxes/box/policy.yaml
            additions:
              model_service:
                name: model_service
                endpoints:
                  - %s
        """.formatted(endpoint);
  }

  @Test
  void readsValidAdditions() throws Exception {
    Map<String, NetworkPolicy> a = BlueprintAdditions.read(blueprint(
        "{host: models.local, port: 8000, protocol: rest, enforcement: enforce, tls: skip, "
            + "rules: [{allow: {method: GET, path: /v1/models}}]}"));
    assertEquals(List.of("model_service"), List.copyOf(a.keySet()));
    assertEquals("models.local", a.get("model_service").endpoints().get(0).host());
  }

  @Test
  void readsTheUpstreamBlueprint() throws Exception {
    Map<String, NetworkPolicy> a = BlueprintAdditions.read(Fixtures.read(Fixtures.upstream("nemoclaw-blueprint/blueprint.yaml")));
    assertEquals(8000, a.get("nim_service").endpoints().get(0).port());
    assertTrue(a.get("nim_service").binaries().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{host: m.local, port: 8000, access: full, path: /v1}",
      "{host: m.local, port: 8000, access: full, allowed_ips: [10.0.0.1]}",
      "{host: m.local, port: 8000, access: full, future_key: 1}",
      "{host: m.local, port: 8000, protocol: websocket, rules: [{allow: {method: GET, path: /}}]}",
      "{host: m.local, port: 8000, protocol: rest}",
      "{host: m.local, port: 8000, access: read-only}",
      "{host: m.local, port: 8000, enforcement: block, access: full}",
      "{host: m.local, port: 8000, tls: sometimes, access: full}",
      "{host: m.local, access: full}",
      "{host: m.local, port: 8000, rules: []}",
      "{host: m.local, port: 8000, rules: [{allow: {method: '*', path: /}}]}",
      "{host: m.local, port: 8000, rules: [{allow: {method: GET, path: v1}}]}",
      "{host: m.local, port: 8000, rules: [{allow: {method: GET, path: /, query: {a: b}}}]}",
      "{port: 8000, access: full}",
  })
  void refusesWhatTheNarrowerRulesForbid(String endpoint) {
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> BlueprintAdditions.read(blueprint(endpoint)));
    assertEquals("blueprint_additions_invalid", e.code(), endpoint);
    assertFalse(e.problems().isEmpty());
  }

  @Test
  void refusesBinariesAndTaggedMappings() {
    String withBinaries = blueprint("{host: m.local, port: 8000, access: full}")
        + "        binaries: [{path: /bin/x}]\n";
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> BlueprintAdditions.read(withBinaries));
    assertTrue(e.problems().stream().anyMatch(p -> p.pointer().endsWith("/binaries")), Fixtures.codes(e.problems()));
    String noEndpoints = blueprint("{host: m.local, port: 8000, access: full}").replace("endpoints:\n", "endpoints: []\n")
        .replace("          - {host: m.local, port: 8000, access: full}\n", "");
    assertEquals("blueprint_additions_invalid",
        assertThrows(PresetLayerException.class, () -> BlueprintAdditions.read(noEndpoints)).code());
    String tagged = blueprint("{host: m.local, port: 8000, access: full}").replace("additions:", "additions: !!set");
    assertThrows(PresetLayerException.class, () -> BlueprintAdditions.read(tagged));
  }

  @Test
  void mergeLaysAdditionsOverByKeyAndPutsVersionBeforeNetworkPolicies() throws Exception {
    String live = """
        network_policies:
          model_service: {name: old, endpoints: [{host: old.local, port: 1, access: full}], binaries: [{path: /b}]}
          _provider_x: {name: p, endpoints: [], binaries: []}
          keep: {name: keep, endpoints: [{host: k.local, port: 2, access: full}], binaries: [{path: /b}]}
        landlock: {compatibility: best_effort}
        future_section: {a: 1}
        """;
    String bp = blueprint("{host: models.local, port: 8000, access: full}");
    // NemoClaw's own reading of an older live policy (no version, an unknown section kept)
    MergeResult r = BlueprintAdditions.merge(
        LivePolicy.parse("Version: 2\n---\n" + live, ReadMode.LEGACY_TOLERANT).policy(), BlueprintAdditions.read(bp));
    Policy p = r.policy();
    assertEquals(List.of("model_service", "keep"), List.copyOf(p.networkPolicies().keySet()));
    assertEquals("models.local", p.networkPolicies().get("model_service").endpoints().get(0).host());
    assertTrue(p.networkPolicies().get("model_service").binaries().isEmpty(), "written through as given");
    assertEquals(Optional.of(1L), p.version());
    List<String> topLevel = r.toYaml().lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0))).toList();
    assertEquals(List.of("landlock:", "future_section:", "version: 1", "network_policies:"),
        topLevel.stream().map(l -> l.startsWith("version") ? l : l.substring(0, l.indexOf(':') + 1)).toList());
  }

  @Test
  void mergeRefusesNonMappingTopLevelFieldsAndStrictlyUnreadableLivePolicies() throws Exception {
    String bp = blueprint("{host: models.local, port: 8000, access: full}");
    String live = "version: 1\nfuture_mode: strict\nnetwork_policies: {}\n";
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> BlueprintAdditions.merge(
        LivePolicy.parse(live, ReadMode.LEGACY_TOLERANT).policy(), BlueprintAdditions.read(bp)));
    assertEquals("live_policy_bad_section", e.code());
    assertEquals("Current policy top-level field \"future_mode\" must be a YAML mapping", e.getMessage());
    PresetLayerException strict = assertThrows(PresetLayerException.class, () -> BlueprintAdditions.mergeText(live, bp));
    assertEquals("live_policy_bad_section", strict.code());
    assertEquals("unknown_key", strict.problems().get(0).code(), "the strict reading refuses the unknown key itself");
    assertEquals("live_policy_bad_network_policies", assertThrows(PresetLayerException.class,
        () -> BlueprintAdditions.mergeText("version: 1\nnetwork_policies: [a]\n", bp)).code());
    assertEquals("live_policy_empty", assertThrows(PresetLayerException.class,
        () -> BlueprintAdditions.mergeText("Version: 1\n---\n", bp)).code());
  }

  @Test
  void noAdditionsMeansNoChange() throws Exception {
    String bp = "version: \"0.1.0\"\nprofiles: [default]\ncomponents:\n  policy: {base: b.yaml, additions: {}}\n";
    assertTrue(BlueprintAdditions.read(bp).isEmpty());
    MergeResult r = BlueprintAdditions.merge(
        LivePolicy.parse("network_policies: {}\n", ReadMode.LEGACY_TOLERANT).policy(), BlueprintAdditions.read(bp));
    assertTrue(r.isNoOp());
    assertEquals(Optional.empty(), r.policy().version(), "version is written only when additions are merged");
  }
}
