package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Tier;
import dev.sandboxpolicy.model.TierCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our catalog was written from the facts of NemoClaw's shipped files; these tests check the facts still agree
 * with the upstream copies in ../shared (skipped when ../shared is absent).
 */
class CatalogFidelityTest {

  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);
  private final PresetCatalog catalog = PresetCatalog.builtIn();

  @Test
  void centralPresetsMatchUpstream() throws Exception {
    Path dir = Fixtures.upstream("nemoclaw-blueprint/policies/presets");
    for (String name : catalog.forAgent("some-agent").names()) {
      Preset upstream = READER.readPreset(dir.resolve(name + ".yaml")).orElseThrow();
      assertSameFacts(upstream, catalog.forAgent("some-agent").find(name).orElseThrow());
    }
  }

  @Test
  void messagingPresetsMatchUpstreamPerAgent() throws Exception {
    for (String agent : List.of("openclaw", "hermes")) {
      for (String channel : List.of("telegram", "discord", "wechat", "slack", "whatsapp", "teams")) {
        Path file = Fixtures.upstream("src/lib/messaging/channels/" + channel + "/policy/" + agent + ".yaml");
        Preset upstream = READER.readPreset(file).orElseThrow();
        assertSameFacts(upstream, catalog.forAgent(agent).find(channel).orElseThrow());
      }
    }
  }

  @Test
  void agentEntriesMatchUpstreamAdditions() throws Exception {
    for (String agent : List.of("hermes", "langchain-deepagents-code")) {
      Policy upstream = PolicyReader.of(ReadMode.LEGACY_TOLERANT)
          .readPolicy(Fixtures.upstream("agents/" + agent + "/policy-additions.yaml")).orElseThrow();
      PresetCatalog view = catalog.forAgent(agent);
      // Every agent-specific preset is made of the agent's own entries.
      for (Preset p : view.presets()) {
        if (p.description().endsWith(" " + p.name() + " policy")) {
          p.networkPolicies().forEach((k, v) -> assertEquals(upstream.networkPolicies().get(k), v, agent + "/" + k));
        }
      }
    }
    assertEquals(
        PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(Fixtures.upstream("agents/hermes/policy-additions.yaml"))
            .orElseThrow().networkPolicies().get("pypi"),
        catalog.forAgent("hermes").find("pypi").orElseThrow().networkPolicies().get("pypi"));
  }

  @Test
  void tiersMatchUpstream() throws Exception {
    TierCatalog upstream = READER.readTiers(Fixtures.upstream("nemoclaw-blueprint/policies/tiers.yaml")).orElseThrow();
    assertEquals(upstream.tiers().size(), catalog.tiers().tiers().size());
    for (int i = 0; i < upstream.tiers().size(); i++) {
      Tier u = upstream.tiers().get(i);
      Tier ours = catalog.tiers().tiers().get(i);
      assertEquals(u.name(), ours.name());
      assertEquals(u.label(), ours.label());
      assertEquals(u.description(), ours.description());
      assertEquals(u.presets(), ours.presets());
    }
  }

  private static void assertSameFacts(Preset upstream, Preset ours) {
    assertEquals(upstream.name(), ours.name());
    assertEquals(upstream.description(), ours.description(), upstream.name());
    Map<String, ?> u = upstream.networkPolicies();
    assertEquals(u.keySet().stream().toList(), ours.networkPolicies().keySet().stream().toList(), upstream.name());
    assertEquals(u, ours.networkPolicies(), upstream.name());
  }
}
