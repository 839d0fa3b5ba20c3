package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierPreset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresetCatalogTest {

  private static final List<String> CENTRAL = List.of(
      "brave", "brew", "claude-code", "github", "huggingface", "jira", "local-inference", "nous-audio",
      "nous-browser", "nous-code", "nous-image", "nous-web", "npm", "observability-otlp-local",
      "openclaw-diagnostics-otel-local", "openclaw-pricing", "outlook", "public-reference", "pypi", "tavily",
      "weather");
  private static final List<String> MESSAGING = List.of("telegram", "discord", "wechat", "slack", "whatsapp", "teams");

  private final PresetCatalog catalog = PresetCatalog.builtIn();

  @Test
  void defaultViewListsCentralPresetsThenMessagingPresets() {
    List<String> expected = new java.util.ArrayList<>(CENTRAL);
    expected.addAll(MESSAGING);
    assertEquals(expected, catalog.names());
    assertEquals(27, catalog.presets().size());
    for (Preset p : catalog.presets()) {
      assertFalse(p.description().isBlank(), p.name());
      assertFalse(p.networkPolicies().isEmpty(), p.name());
      assertTrue(PresetName.check(p.name(), false).isValid(), p.name());
    }
  }

  @Test
  void presetNamesAndPolicyKeysDiffer() {
    assertEquals(Set.of("npm_yarn"), catalog.find("npm").orElseThrow().networkPolicies().keySet());
    assertEquals(Set.of("atlassian"), catalog.find("jira").orElseThrow().networkPolicies().keySet());
    assertEquals(Set.of("telegram_bot"), catalog.find("telegram").orElseThrow().networkPolicies().keySet());
    assertEquals(Set.of("local_inference"),
        catalog.find("local-inference").orElseThrow().networkPolicies().keySet());
  }

  @Test
  void presetContentCarriesTheFacts() {
    NetworkPolicy pypi = catalog.find("pypi").orElseThrow().networkPolicies().get("pypi");
    assertEquals(List.of("pypi.org", "files.pythonhosted.org"), pypi.endpoints().stream().map(Endpoint::host).toList());
    assertTrue(pypi.binaries().stream().map(Binary::path).anyMatch("/sandbox/.uv/python/**/python*"::equals));
    Endpoint tavily = catalog.find("tavily").orElseThrow().networkPolicies().get("tavily").endpoints().get(0);
    assertTrue(tavily.requestBodyCredentialRewrite());
    assertEquals(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
        catalog.find("local-inference").orElseThrow().networkPolicies().get("local_inference").endpoints().get(0).allowedIps());
    assertEquals("Brave Search API access", catalog.find("brave").orElseThrow().description());
  }

  @Test
  void unknownAndPathLikeNamesAreNotFound() {
    assertTrue(catalog.find("../../etc/passwd").isEmpty());
    assertTrue(catalog.find("PYPI").isEmpty(), "lookup is exact; callers normalise typed names");
    assertTrue(catalog.find(PresetName.normalize("  PyPI ")).isPresent());
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> catalog.require("docker"));
    assertEquals("preset_unknown", e.code());
    assertTrue(e.getMessage().contains("Valid presets: brave, brew"), e.getMessage());
  }

  @Test
  void hermesGetsItsOwnMessagingContentAndAgentSpecificPypi() {
    PresetCatalog hermes = catalog.forAgent("hermes");
    assertEquals(27, hermes.names().size());
    assertEquals(Set.of("telegram"), hermes.find("telegram").orElseThrow().networkPolicies().keySet());
    Preset pypi = hermes.find("pypi").orElseThrow();
    assertEquals("Hermes Agent pypi policy", pypi.description());
    NetworkPolicy entry = pypi.networkPolicies().get("pypi");
    assertTrue(entry.binaries().stream().map(Binary::path).anyMatch("/opt/hermes/.venv/bin/python"::equals));
    assertNotEquals(catalog.find("pypi").orElseThrow().networkPolicies(), pypi.networkPolicies());
    // Presets the agent has no entries for keep the central content.
    assertEquals(catalog.find("brave"), hermes.find("brave"));
  }

  @Test
  void agentsWithoutMessagingSeeCentralPresetsOnly() {
    PresetCatalog dcode = catalog.forAgent("langchain-deepagents-code");
    assertEquals(CENTRAL, dcode.names());
    Preset github = dcode.find("github").orElseThrow();
    assertEquals("LangChain Deep Agents Code github policy", github.description());
    assertTrue(github.networkPolicies().get("github").binaries().stream().map(Binary::path)
        .anyMatch("/usr/local/bin/dcode"::equals));
    PresetCatalog other = catalog.forAgent("some-future-agent");
    assertEquals(CENTRAL, other.names());
    assertEquals(catalog.find("github"), other.find("github"));
    assertTrue(other.isBuiltInName("slack"), "messaging names stay reserved for custom presets");
  }

  @Test
  void viewsAreCachedAndTheDefaultViewIsTheOpenClawContent() {
    assertSame(catalog.forAgent("hermes"), catalog.forAgent("hermes"));
    assertSame(catalog, catalog.forAgent(""));
    assertEquals(catalog.presets(), catalog.forAgent("openclaw").presets());
  }

  @Test
  void pickerHidesAgentSpecificPresets() {
    assertFalse(names(catalog.pickerPresets()).contains("nous-web"));
    assertTrue(names(catalog.pickerPresets()).contains("openclaw-pricing"));
    assertFalse(names(catalog.pickerPresets()).contains("observability-otlp-local"));
    List<String> hermes = names(catalog.forAgent("hermes").pickerPresets());
    assertTrue(hermes.containsAll(List.of("nous-audio", "nous-browser", "nous-code", "nous-image", "nous-web")));
    assertFalse(hermes.contains("openclaw-pricing"));
    List<String> dcode = names(catalog.forAgent("langchain-deepagents-code").pickerPresets());
    assertTrue(dcode.contains("observability-otlp-local"));
    assertFalse(dcode.contains("openclaw-diagnostics-otel-local"));
  }

  @Test
  void tiersResolveInFileOrderWithOverridesAndSelection() throws Exception {
    assertEquals(List.of("restricted", "balanced", "open"),
        catalog.tiers().tiers().stream().map(t -> t.name()).toList());
    assertEquals(List.of(), catalog.resolveTierPresets("restricted"));
    assertEquals(List.of("npm", "pypi", "huggingface", "brew", "brave"),
        catalog.resolveTierPresets(PresetCatalog.DEFAULT_TIER).stream().map(TierPreset::name).toList());
    List<TierPreset> open = catalog.resolveTierPresets("open");
    assertEquals(15, open.size());
    assertEquals("read", open.stream().filter(t -> t.name().equals("weather")).findFirst().orElseThrow().access());
    for (TierPreset tp : open) {
      assertTrue(catalog.find(tp.name()).isPresent(), "tier names a preset the catalog lacks: " + tp.name());
    }
    List<TierPreset> picked = catalog.resolveTierPresets(
        "open", Map.of("npm", "read", "pypi", "write-everything"), List.of("pypi", "npm", "slack"));
    assertEquals(List.of("npm", "pypi", "slack"), picked.stream().map(TierPreset::name).toList());
    assertEquals("read", picked.get(0).access());
    assertEquals("read-write", picked.get(1).access(), "an invalid override is ignored");
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> catalog.resolveTierPresets("wide-open"));
    assertEquals("tier_unknown", e.code());
    assertEquals("Unknown tier: wide-open", e.getMessage());
    assertTrue(catalog.tier("wide-open").isEmpty());
  }

  private static List<String> names(List<Preset> ps) {
    return ps.stream().map(Preset::name).toList();
  }
}
