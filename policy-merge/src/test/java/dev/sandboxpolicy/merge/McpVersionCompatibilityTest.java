package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two MCP endpoints on one host and port whose {@code mcp.versions} share no revision cannot be merged (upstream
 * #3027): every preset-layer path refuses with a located {@code mcp_versions_incompatible}, and overlapping or
 * unrelated endpoints merge as before.
 */
class McpVersionCompatibilityTest {

  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);
  /** Where the custom preset {@code extra} writes its entry {@code extra_tools} (the custom namespace). */
  private static final String EXTRA = CustomPresetKeys.key("extra", "extra_tools");

  /** A live policy with one MCP entry {@code tools} on mcp.example.com:443, or none when {@code versions} is null. */
  private static Policy live(String versions) throws Exception {
    return READER.readPolicy("""
        version: 1
        network_policies:
          tools:
            endpoints:
              - host: mcp.example.com
                port: 443
                protocol: mcp
                mcp: {allow_all_known_mcp_methods: true%s}
            binaries: [{path: /usr/bin/agent}]
        """.formatted(versions == null ? "" : ", versions: " + versions)).orElseThrow();
  }

  /** A preset {@code extra} whose entry {@code extra_tools} has one endpoint on {@code host}:{@code port}. */
  private static Preset preset(String host, int port, String protocol, String versions) throws Exception {
    return READER.readPreset("""
        preset:
          name: extra
          description: more tools
        network_policies:
          extra_tools:
            endpoints:
              - host: %s
                port: %d
                protocol: %s
                mcp: {allow_all_known_mcp_methods: true%s}
            binaries: [{path: /usr/bin/agent}]
        """.formatted(host, port, protocol, versions == null ? "" : ", versions: " + versions)).orElseThrow();
  }

  @ParameterizedTest(name = "{0} vs {1} -> merges: {2}")
  @CsvSource(delimiter = '|', value = {
      // live versions | preset versions | merges
      "[2025-03-26]|[2025-11-25]|false",
      "|[2025-03-26]|false",                          // omitted = exactly [2025-11-25]
      "[2025-03-26]||false",
      "[2025-03-26, 2025-06-18]|[2025-11-25]|false",
      "[]|[2025-11-25]|false",                        // an empty list admits nothing, so it overlaps nothing
      "||true",
      "[2025-11-25]||true",
      "[2025-03-26, 2025-11-25]|[2025-11-25, 2025-06-18]|true",
      "[2025-06-18]|[2025-06-18]|true",
  })
  void disjointSetsOnOneHostAndPortRefuseOverlappingOnesMerge(String liveVersions, String presetVersions,
      boolean merges) throws Exception {
    Policy live = live(liveVersions);
    Preset preset = preset("mcp.example.com", 443, "mcp", presetVersions);
    if (merges) {
      Policy merged = PresetMerger.merge(live, preset).policy();
      assertEquals(live.networkPolicies().get("tools"), merged.networkPolicies().get("tools"), "nothing is picked");
      assertEquals(preset.networkPolicies().get("extra_tools"), merged.networkPolicies().get(EXTRA));
      return;
    }
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> PresetMerger.merge(live, preset));
    assertEquals("mcp_versions_incompatible", e.code());
    assertEquals("extra", e.presetName().orElseThrow(), "the refusal names the preset");
    Problem p = e.problems().get(0);
    String endpoint = JsonPointer.index(JsonPointer.key("/network_policies", EXTRA) + "/endpoints", 0);
    assertEquals(presetVersions == null ? endpoint : endpoint + "/mcp/versions", p.pointer());
    assertEquals(10, p.line(), "located where the preset wrote its mcp block");
    assertTrue(p.column() > 0);
    assertTrue(e.getMessage().contains("mcp.example.com:443") && e.getMessage().contains("'tools'"), e.getMessage());
  }

  @Test
  void hostsCompareIgnoringCaseAndOnlySharedPortsMeet() throws Exception {
    Policy live = live("[2025-03-26]");
    assertThrows(PresetLayerException.class,
        () -> PresetMerger.merge(live, preset("MCP.Example.COM", 443, "mcp", "[2025-11-25]")));
    // neighbours: another port, another host, a protocol that is not MCP
    PresetMerger.merge(live, preset("mcp.example.com", 8443, "mcp", "[2025-11-25]"));
    PresetMerger.merge(live, preset("other.example.com", 443, "mcp", "[2025-11-25]"));
    PresetMerger.merge(live, preset("mcp.example.com", 443, "rest", "[2025-11-25]"));
  }

  @Test
  void reapplyingAPresetReplacesItsOwnEntryWhichIsNotAConflict() throws Exception {
    Policy live = Policy.builder().version(1L).build();
    Policy first = PresetMerger.merge(live, preset("mcp.example.com", 443, "mcp", "[2025-03-26]")).policy();
    Policy second = PresetMerger.merge(first, preset("mcp.example.com", 443, "mcp", "[2025-11-25]")).policy();
    assertEquals(List.of(McpVersion.V2025_11_25),
        second.networkPolicies().get(EXTRA).endpoints().get(0).effectiveMcpVersions(), "wholesale replacement");
    assertEquals(1, second.networkPolicies().size());
  }

  @Test
  void aConflictTheLivePolicyAlreadyHadDoesNotBlockAnUnrelatedMerge() throws Exception {
    Policy live = live("[2025-03-26]");
    Map<String, NetworkPolicy> entries = new LinkedHashMap<>(live.networkPolicies());
    entries.put("clash", entry("mcp.example.com", 443, List.of("2025-11-25")));
    Policy conflicted = Policy.builder().from(live).networkPolicies(entries).build();
    Preset unrelated = preset("docs.example.com", 443, "mcp", null);
    Policy merged = PresetMerger.merge(conflicted, unrelated).policy();
    assertTrue(merged.networkPolicies().containsKey(EXTRA), merged.networkPolicies().keySet().toString());
    assertTrue(merged.networkPolicies().containsKey("clash"), "the old conflict is the live policy's own");
  }

  @Test
  void twoPresetsOfOneBatchConflictingWithEachOtherAreRefusedWhole() throws Exception {
    Policy live = Policy.builder().version(1L).build();
    Preset a = preset("mcp.example.com", 443, "mcp", "[2025-03-26]");
    Preset b = READER.readPreset("""
        preset: {name: second, description: clashes with extra}
        network_policies:
          second_tools:
            endpoints:
              - {host: mcp.example.com, port: 443, protocol: mcp, mcp: {allow_all_known_mcp_methods: true, versions: [2025-11-25]}}
            binaries: [{path: /usr/bin/agent}]
        """).orElseThrow();
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> PresetMerger.merge(live, List.of(a, b)));
    assertEquals("mcp_versions_incompatible", e.code());
  }

  @Test
  void theStackRefusesToApplyAndToBringBackAShadowedConflict() throws Exception {
    PolicyStack stack = PolicyStack.of(live("[2025-03-26]"));
    PresetLayerException apply = assertThrows(PresetLayerException.class,
        () -> stack.apply(StackLayer.custom(preset("mcp.example.com", 443, "mcp", "[2025-11-25]"), null)));
    assertEquals("mcp_versions_incompatible", apply.code());

    // The baseline's `pypi` is an MCP endpoint (2025-03-26); the built-in pypi preset shadows it, so a custom
    // preset may add a 2025-11-25 endpoint on the same host. Removing pypi would bring the baseline entry back
    // next to it: refused, and the stack stays as it was.
    Policy baseline = READER.readPolicy("""
        version: 1
        network_policies:
          pypi:
            endpoints:
              - {host: mcp.example.com, port: 443, protocol: mcp, mcp: {allow_all_known_mcp_methods: true, versions: [2025-03-26]}}
            binaries: [{path: /usr/bin/agent}]
        """).orElseThrow();
    Preset pypi = PresetCatalog.builtIn().require("pypi");
    PolicyStack two = PolicyStack.of(baseline).apply(StackLayer.builtIn(pypi)).stack()
        .apply(StackLayer.custom(preset("mcp.example.com", 443, "mcp", null), null)).stack();
    PresetLayerException remove = assertThrows(PresetLayerException.class, () -> two.remove("pypi"));
    assertEquals("mcp_versions_incompatible", remove.code());
    assertTrue(remove.problems().get(0).pointer().startsWith("/network_policies/pypi/endpoints/0"),
        remove.problems().toString());
    assertEquals(2, two.layers().size(), "the stack is unchanged");
  }

  @Test
  void blueprintAdditionsAreCheckedToo() throws Exception {
    Map<String, NetworkPolicy> additions = Map.of("added", entry("mcp.example.com", 443, List.of("2025-11-25")));
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> BlueprintAdditions.merge(live("[2025-03-26]"), additions));
    assertEquals("mcp_versions_incompatible", e.code());
  }

  @Test
  void manyEndpointsOnOneHostAreCheckedInOnePass() throws Exception {
    Map<String, NetworkPolicy> entries = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      entries.put("e" + i, entry("mcp.example.com", 443, List.of("2025-03-26", "2025-11-25")));
    }
    Policy live = Policy.builder().version(1L).networkPolicies(entries).build();
    PresetMerger.merge(live, preset("mcp.example.com", 443, "mcp", "[2025-11-25]"));
    assertThrows(PresetLayerException.class,
        () -> PresetMerger.merge(live, preset("mcp.example.com", 443, "mcp", "[2025-06-18]")));
  }

  private static NetworkPolicy entry(String host, int port, List<String> versions) {
    return NetworkPolicy.builder()
        .addEndpoints(Endpoint.builder().host(host).port(port).protocol("mcp")
            .mcp(McpOptions.builder().allowAllKnownMcpMethods(true).versions(versions).build()).build())
        .build();
  }
}
