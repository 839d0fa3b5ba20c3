package dev.sandboxpolicy.explain;

import static dev.sandboxpolicy.explain.ExplainFixtures.liveKeys;
import static dev.sandboxpolicy.explain.ExplainFixtures.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicyExplainerTest {

  private static Map<String, PresetEntry> byName(List<PresetEntry> entries) {
    return entries.stream().collect(Collectors.toMap(PresetEntry::name, Function.identity()));
  }

  private static List<String> names(List<PresetEntry> entries) {
    return entries.stream().map(PresetEntry::name).collect(Collectors.toList());
  }

  @Test
  void partitionsAndVerifiesAgainstLiveKeys() {
    PolicyContext ctx = scenario(liveKeys()).build().explain();
    assertEquals("alpha", ctx.sandboxName());
    assertEquals(List.of("github", "local-inference", "my-api", "npm", "slack"), names(ctx.activePresets()));
    assertEquals(List.of("brave", "pypi"), names(ctx.knownUnappliedPresets()));
    Map<String, PresetEntry> active = byName(ctx.activePresets());
    assertEquals(Verification.VERIFIED, active.get("npm").verification());
    assertEquals(Verification.REGISTRY_ONLY, active.get("slack").verification());
    assertEquals(Verification.REGISTRY_ONLY, active.get("local-inference").verification());
    assertEquals(Verification.GATEWAY_ONLY, active.get("github").verification());
    assertEquals(Verification.VERIFIED, active.get("my-api").verification());
    assertEquals(PresetOrigin.CUSTOM, active.get("my-api").source());
    assertEquals(PresetOrigin.BUILT_IN, active.get("github").source());
    Map<String, PresetEntry> unapplied = byName(ctx.knownUnappliedPresets());
    assertEquals(Verification.GATEWAY_UNAVAILABLE, unapplied.get("pypi").verification(), "§6.4 last row");
    assertEquals("Balanced", ctx.tier().orElseThrow().label());
    assertEquals("tier: Balanced", ctx.supportBoundaries().get(0).note());
    assertEquals("nemoclaw alpha policy-add <preset>", ctx.approvalPath().add());
    assertEquals("2026-06-07T00:00:00.000Z", ctx.generatedAtText());
  }

  @Test
  void hostCategoriesComeFromTheParsedModelIncludingFlowStyle() {
    Map<String, PresetEntry> active = byName(scenario(liveKeys()).build().explain().activePresets());
    assertEquals(List.of("registry.npmjs.org", "registry.yarnpkg.com"), active.get("npm").allowedHostCategories());
    assertEquals(0, active.get("npm").redactedHostCount());
    assertEquals(
        List.of("api.slack.com", "slack.com", "wss-primary.slack.com"), active.get("slack").allowedHostCategories());
    assertEquals(1, active.get("slack").redactedHostCount(), "the wildcard");
    assertEquals(List.of(), active.get("local-inference").allowedHostCategories());
    assertEquals(3, active.get("local-inference").redactedHostCount());
    assertEquals(List.of("api.example.com"), active.get("my-api").allowedHostCategories());
    assertEquals(1, active.get("my-api").redactedHostCount(), "db.corp; the URL form is a public duplicate");
  }

  @Test
  void unreachableGatewayMakesEverythingUnavailableAndGatewayOnlyDisappears() {
    PolicyContext ctx = scenario(GatewaySnapshot.unavailable()).build().explain();
    assertEquals(List.of("local-inference", "my-api", "npm", "slack"), names(ctx.activePresets()));
    assertEquals(List.of("brave", "github", "pypi"), names(ctx.knownUnappliedPresets()));
    for (PresetEntry e : ctx.activePresets()) {
      assertEquals(Verification.GATEWAY_UNAVAILABLE, e.verification(), e.name());
    }
  }

  @Test
  void everyKeyMustBeLiveAndProviderKeysAreIgnored() {
    PolicyContext partial =
        scenario(GatewaySnapshot.ofPolicyKeys(List.of("github", "npm_yarn"))).build().explain();
    assertFalse(names(partial.activePresets()).contains("github"), "github_api missing -> not enforced");
    Preset providerOnly =
        ExplainFixtures.preset(
            "preset: {name: prov}\nnetwork_policies:\n  _provider_x: {name: x, endpoints: [{host: a.example, port: 443}]}\n");
    assertFalse(GatewaySnapshot.ofPolicyKeys(List.of("_provider_x")).enforces(providerOnly), "no usable key");
    assertTrue(GatewaySnapshot.ofEnforcedPresets(List.of("prov")).enforces(providerOnly));
    assertFalse(GatewaySnapshot.ofPolicyKeys(List.of()).enforces(providerOnly));
    assertTrue(GatewaySnapshot.ofPolicyKeys(List.of()).isAvailable(), "an empty live policy still answered");
  }

  @Test
  void enforcedPresetNamesAreAnAlternativeSnapshot() {
    PolicyContext ctx = scenario(GatewaySnapshot.ofEnforcedPresets(List.of("slack", "pypi"))).build().explain();
    Map<String, PresetEntry> active = byName(ctx.activePresets());
    assertEquals(Verification.VERIFIED, active.get("slack").verification());
    assertEquals(Verification.REGISTRY_ONLY, active.get("npm").verification());
    assertEquals(Verification.GATEWAY_ONLY, active.get("pypi").verification());
  }

  @Test
  void unknownOrMissingTierIsNull() {
    PolicyContext unknown = scenario(liveKeys()).tier("nope", ExplainFixtures.tiers()).build().explain();
    assertTrue(unknown.tier().isEmpty());
    assertEquals("no tier recorded", unknown.supportBoundaries().get(0).note());
    PolicyContext none = scenario(liveKeys()).tier(null, ExplainFixtures.tiers()).build().explain();
    assertTrue(none.tier().isEmpty());
  }

  @Test
  void verificationTable() {
    assertEquals(Verification.GATEWAY_UNAVAILABLE, Verification.of(false, true, true));
    assertEquals(Verification.VERIFIED, Verification.of(true, true, true));
    assertEquals(Verification.REGISTRY_ONLY, Verification.of(true, true, false));
    assertEquals(Verification.GATEWAY_ONLY, Verification.of(true, false, true));
    assertEquals(Verification.GATEWAY_UNAVAILABLE, Verification.of(true, false, false));
  }

  @Test
  void sandboxNamesAreChecked() {
    for (String bad : new String[] {"", "Alpha", "-a", "a-", "a b", "a`b", "a\nb", "x".repeat(64)}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PolicyExplainer.builder().sandboxName(bad));
      assertTrue(e.getMessage().startsWith("sandbox_name_invalid"), bad);
    }
    assertTrue(dev.sandboxpolicy.merge.SandboxName.check("a").isValid());
    assertTrue(dev.sandboxpolicy.merge.SandboxName.check("my-box-2").isValid());
    assertThrows(IllegalStateException.class, () -> PolicyExplainer.builder().build());
  }
}
