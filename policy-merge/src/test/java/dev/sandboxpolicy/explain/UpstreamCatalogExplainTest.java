package dev.sandboxpolicy.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReadException;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Explain over the real upstream preset catalog and tiers from ../shared (skipped when absent). */
class UpstreamCatalogExplainTest {

  private static Path blueprint() {
    String shared = System.getProperty("sandboxpolicy.shared");
    Assumptions.assumeTrue(shared != null, "sandboxpolicy.shared not set");
    Path dir = Path.of(shared, "upstream/nemoclaw/nemoclaw-blueprint");
    Assumptions.assumeTrue(Files.isDirectory(dir.resolve("policies/presets")), "no upstream presets");
    return dir;
  }

  private static List<Preset> presets(Path dir) throws IOException, PolicyReadException {
    PolicyReader reader = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
    List<Preset> presets = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("policies/presets"))) {
      for (Path file : files.sorted().collect(Collectors.toList())) {
        presets.add(reader.readPreset(file).orElseThrow());
      }
    }
    return presets;
  }

  /**
   * Upstream's classifier test: {@code api.github.com} failing with only {@code slack} applied names {@code github}.
   * With the shipped catalog, {@code brew} (parent {@code github.com}) sorts before {@code github} (exact
   * {@code api.github.com}); the most specific declaration decides.
   */
  @Test
  void whenSeveralKnownPresetsDeclareAHostTheMostSpecificIsNamed() throws IOException, PolicyReadException {
    List<Preset> presets = presets(blueprint());
    PolicyContext ctx = PolicyExplainer.builder().sandboxName("alpha").builtInPresets(presets)
        .applied(List.of("slack")).gateway(GatewaySnapshot.unavailable()).clock(ExplainFixtures.CLOCK).build()
        .explain();
    List<String> declaring = ctx.knownUnappliedPresets().stream()
        .filter(p -> p.allowedHostCategories().stream().anyMatch(s -> "api.github.com".endsWith(s)))
        .map(PresetEntry::name).toList();
    assertEquals(List.of("brew", "github"), declaring, "both declare it; brew comes first by name");
    FailureClassification c = FailureClassifier.classify(
        AccessFailure.of("api.github.com", AccessError.networkCode("EHOSTUNREACH")), ctx);
    assertEquals(FailureKind.BLOCKED_BY_POLICY, c.kind());
    assertEquals(java.util.Optional.of("github"), c.matchedPreset());
    // A host only brew declares still names brew.
    assertEquals(java.util.Optional.of("brew"),
        FailureClassifier.classify(AccessFailure.of("formulae.brew.sh", null), ctx).matchedPreset());
    assertEquals(java.util.Optional.of("brew"),
        FailureClassifier.classify(AccessFailure.of("github.com", null), ctx).matchedPreset(),
        "equally specific (both declare github.com): name order, as upstream");
  }

  @Test
  void balancedSandboxWithSeveralPresets() throws IOException, PolicyReadException {
    Path dir = blueprint();
    PolicyReader reader = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
    List<Preset> presets = presets(dir);
    TierCatalog tiers = reader.readTiers(dir.resolve("policies/tiers.yaml")).orElseThrow();
    List<String> applied = List.of("npm", "pypi", "huggingface", "brew", "brave", "local-inference", "jira");
    PolicyContext ctx =
        PolicyExplainer.builder()
            .sandboxName("alpha")
            .tier("balanced", tiers)
            .builtInPresets(presets)
            .applied(applied)
            .gateway(GatewaySnapshot.ofEnforcedPresets(List.of("npm", "pypi", "github")))
            .clock(ExplainFixtures.CLOCK)
            .build()
            .explain();
    assertEquals("Balanced", ctx.tier().orElseThrow().label());
    Map<String, PresetEntry> active =
        ctx.activePresets().stream().collect(Collectors.toMap(PresetEntry::name, Function.identity()));
    assertTrue(active.keySet().containsAll(applied));
    assertEquals(Verification.GATEWAY_ONLY, active.get("github").verification());
    assertEquals(Verification.VERIFIED, active.get("npm").verification());
    assertEquals(Verification.REGISTRY_ONLY, active.get("brave").verification());
    assertEquals(presets.size(), ctx.activePresets().size() + ctx.knownUnappliedPresets().size());
    // local-inference only talks to the host gateway: all internal
    assertTrue(active.get("local-inference").allowedHostCategories().isEmpty());
    assertTrue(active.get("local-inference").redactedHostCount() > 0);
    // jira's wildcard is dropped and counted, its public hosts stay
    assertTrue(active.get("jira").redactedHostCount() >= 1);
    assertTrue(active.get("jira").allowedHostCategories().contains("api.atlassian.com"));
    for (PresetEntry e : ctx.activePresets()) {
      for (String stem : e.allowedHostCategories()) {
        assertFalse(HostRedaction.isRedacted(stem), stem);
      }
    }
    String md = PolicyContextMarkdown.render(ctx);
    String json = ExplainJson.toJson(ExplainJson.toTree(ctx));
    for (String text : List.of(md, json)) {
      assertFalse(text.contains("host.openshell.internal"));
      assertFalse(text.contains("binaries"));
      assertFalse(text.contains("/usr/"));
      assertFalse(text.contains("*."));
    }
    // classifier on the real catalog
    FailureClassification unapplied =
        FailureClassifier.classify(AccessFailure.of("api.tavily.com", AccessError.httpStatus(403)), ctx);
    assertEquals(7, unapplied.rule(), unapplied.reason());
    assertEquals("tavily", unapplied.matchedPreset().orElseThrow());
    FailureClassification drift =
        FailureClassifier.classify(AccessFailure.of("api.search.brave.com", AccessError.httpStatus(401)), ctx);
    assertEquals(Confidence.LOW, drift.confidence(), "brave is registry-only");
  }
}
