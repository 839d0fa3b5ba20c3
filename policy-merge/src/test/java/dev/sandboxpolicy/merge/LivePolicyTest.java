package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.ReadMode;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LivePolicyTest {

  private static final String FULL_OUTPUT = """
      Version: 3
      Hash: sha256:0f4c2e
      Status: Loaded
      ---
      version: 1
      network_policies:
        github:
          name: github
          endpoints: [{host: github.com, port: 443, access: full}]
          binaries: [{path: /usr/bin/git}]
      """;

  @Test
  void readsPolicyGetFullOutputWithHeader() throws Exception {
    LivePolicy live = LivePolicy.parse(FULL_OUTPUT);
    assertTrue(live.hadSeparator());
    assertEquals(Optional.of(1L), live.policy().version());
    assertTrue(live.policy().networkPolicies().containsKey("github"));
    assertTrue(live.body().startsWith("version: 1"));
  }

  @Test
  void editableTextIsTheBodyWithoutTheHeaderReadyToSetAgain() throws Exception {
    String commented = FULL_OUTPUT.replace("network_policies:\n", "# reviewed 2026-09\nnetwork_policies:\n");
    LivePolicy live = LivePolicy.parse(commented);
    String text = live.editableText();
    assertFalse(live.hasReservedKeys());
    assertTrue(text.startsWith("version: 1\n# reviewed 2026-09\n"), text);
    assertFalse(text.contains("Hash:"));
    assertTrue(text.endsWith("binaries: [{path: /usr/bin/git}]\n"), text);
    assertEquals(live.policy(), LivePolicy.parse(text).policy(), "it reads back to the same policy");

    LivePolicy composed = LivePolicy.parse(FULL_OUTPUT + "  _provider_github:\n    name: p\n    endpoints: []\n"
        + "    binaries: []\n");
    assertTrue(composed.hasReservedKeys());
    String edited = composed.editableText();
    assertFalse(edited.contains("_provider_"), edited);
    assertEquals(live.policy(), LivePolicy.parse(edited).policy(), "provider keys are left out, nothing else");
  }

  @Test
  void readsPlainYamlAndCrlfSeparators() throws Exception {
    LivePolicy plain = LivePolicy.parse("version: 2\nnetwork_policies: {}\n");
    assertFalse(plain.hadSeparator());
    assertTrue(plain.hasNetworkPolicies());
    LivePolicy crlf = LivePolicy.parse("Version: 1\r\nHash: x\r\n--- \t\r\nversion: 1\r\nnetwork_policies: {}\r\n");
    assertTrue(crlf.hadSeparator());
    assertEquals(Optional.of(1L), crlf.policy().version());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "x---y\\nversion: 1|-1",
      "a: x---\\n---\\nversion: 1|12",
      "---|3",
      "foo\\n---\\n|8",
      "foo\\n----\\nbar|-1",
      "foo\\n --- \\nbar|-1",
  })
  void separatorIsAWholeLineOfThreeDashes(String text, int end) {
    assertEquals(end, LivePolicy.separatorEnd(text.replace("\\n", "\n")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|live_policy_empty",
      "'   \\n  '|live_policy_empty",
      "Version: 1\\n---|live_policy_empty",
      "Version: 1\\nHash: x|live_policy_not_a_policy",
      "version: [1|live_policy_not_yaml",
      "a: 1\\na: 2\\nversion: 1|live_policy_not_yaml",
      "just a string|live_policy_not_mapping",
      "- version: 1|live_policy_not_mapping",
      "version: '1'|live_policy_bad_version",
      "version: 1.5|live_policy_bad_version",
      "version: 0|live_policy_bad_version",
      "version: 1\\nnetwork_policies: null|live_policy_bad_network_policies",
      "version: 1\\nnetwork_policies: []|live_policy_bad_network_policies",
      "version: 1\\nnetwork_policies: allow-all|live_policy_bad_network_policies",
      "error: sandbox not found|live_policy_not_a_policy",
      "message: gateway unavailable\\nreason: timeout|live_policy_not_a_policy",
      "version: 1\\nnetwork_policies:\\n  a: {endpoints: [{host: x, port: many}]}|live_policy_bad_section",
  })
  void anUnreadableLivePolicyRefusesAndIsNeverEmpty(String text, String code) {
    PresetLayerException e =
        assertThrows(PresetLayerException.class, () -> LivePolicy.parse(text.replace("\\n", "\n")));
    assertEquals(code, e.code(), e.getMessage());
    assertFalse(e.problems().isEmpty());
  }

  @Test
  void withAHeaderAnyMappingIsAPolicyButOnlyTheLegacyReadingKeepsUnknownSections() throws Exception {
    String text = "Version: 1\n---\nversion: 1\nfuture_section: {x: 1}\n";
    LivePolicy live = LivePolicy.parse(text, ReadMode.LEGACY_TOLERANT);
    assertTrue(live.policy().networkPolicies().isEmpty());
    assertFalse(live.hasNetworkPolicies());
    assertTrue(live.policy().unknownFields().containsKey("future_section"));
    // current OpenShell would refuse the merged result, so the strict reading refuses it first, naming the key
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> LivePolicy.parse(text));
    assertEquals("live_policy_bad_section", e.code());
    assertEquals("/future_section", e.problems().get(0).pointer());
    assertEquals(2, e.problems().get(0).line(), "lines are relative to the body");
    assertTrue(e.getMessage().contains("future_section"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"network_policies: {}", "version: 1"})
  void withoutAHeaderVersionOrNetworkPoliciesIdentifiesAPolicy(String text) throws Exception {
    LivePolicy.parse(text, ReadMode.LEGACY_TOLERANT);
  }

  @Test
  void theStrictReadingRequiresVersionAndSaysSo() throws Exception {
    LivePolicy.parse("version: 1\n");
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> LivePolicy.parse("network_policies: {}"));
    assertEquals("live_policy_bad_version", e.code());
    assertTrue(e.getMessage().contains("version: 1"), e.getMessage());
    assertEquals("missing_version", e.problems().get(0).code());
  }

  @Test
  void yaml12ScalarsStayStrings() throws Exception {
    LivePolicy live = LivePolicy.parse("""
        version: 1
        network_policies:
          odd:
            name: on
            endpoints: [{host: yes, port: 443, access: full}]
            binaries: [{path: /bin/no}]
        """);
    assertEquals("on", live.policy().networkPolicies().get("odd").name());
    assertEquals("yes", live.policy().networkPolicies().get("odd").endpoints().get(0).host());
  }
}
