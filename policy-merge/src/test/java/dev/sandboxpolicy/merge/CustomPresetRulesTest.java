package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The custom-preset checks as truth tables, and proof that every way a custom preset enters (the loader, the merger on
 * models and on text, the policy stack) refuses the same presets with the same code.
 */
class CustomPresetRulesTest {

  private final Policy baseline = Fixtures.policy(Fixtures.BASELINE);

  /** Every entry point, on the same preset text; each returns the refusal code or "ok". */
  private List<String> codesOnEveryPath(String text) {
    Preset model = Fixtures.preset(text);
    return List.of(
        code(() -> CustomPresetLoader.check(text, Path.of("p.yaml"))),
        code(() -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(text))),
        code(() -> PresetMerger.removeText(Fixtures.BASELINE, List.of(text))),
        code(() -> PresetMerger.merge(baseline, model)),
        code(() -> PresetMerger.remove(baseline, model)),
        code(() -> PolicyStack.of(baseline).apply(StackLayer.custom(model, null))),
        code(() -> PolicyStack.of(baseline, List.of(StackLayer.builtIn(model)))));
  }

  private interface Call {
    Object run() throws PresetLayerException;
  }

  private static String code(Call call) {
    try {
      call.run();
      return "ok";
    } catch (PresetLayerException e) {
      return e.code();
    }
  }

  @ParameterizedTest(name = "host {0} -> {1}")
  @CsvSource({
    "api.example.com, ok",
    "8.8.8.8, ok",
    "192.0.1.1, ok",
    "local.example.com, ok",
    "localhost.com, ok",
    "internal.example, ok",
    "*.example.com, ok",
    "host.openshell.internal, ok",
    "HOST.OpenShell.Internal., ok",
    "169.254.169.254, preset_host_private",
    "127.0.0.1, preset_host_private",
    "0.0.0.0, preset_host_private",
    "10.0.0.5, preset_host_private",
    "100.64.1.1, preset_host_private",
    "172.20.0.1, preset_host_private",
    "192.168.1.1, preset_host_private",
    "192.88.99.1, preset_host_private",
    "localhost, preset_host_private",
    "api.localhost, preset_host_private",
    "db.internal, preset_host_private",
    "metadata.google.internal, preset_host_private",
    "metadata, preset_host_private",
    "printer.local, preset_host_private",
    "*.internal, preset_host_private",
    "**.local, preset_host_private",
    "'[::1]', preset_host_private",
    "'::127.0.0.1', preset_host_private",
    "'fe80::1', preset_host_private",
    "'fd00::1', preset_host_private",
    "'::ffff:169.254.169.254', preset_host_private",
    "0x7f.1, preset_host_private",
    "2130706433, preset_host_private",
  })
  void endpointHosts(String host, String expected) {
    String text = Fixtures.presetYaml("my-api", "my_api", host);
    for (String actual : codesOnEveryPath(text)) {
      assertEquals(expected, actual, host);
    }
  }

  @ParameterizedTest(name = "name {0} -> {1}")
  @CsvSource({
    "my-api, ok",
    "a, ok",
    "9x, ok",
    "a-very-long-name-that-is-fine-because-preset-names-have-no-length-limit-unlike-sandbox-names-x, ok",
    "Bad_Name, preset_name_invalid",
    "My-Api, preset_name_invalid",
    "-api, preset_name_invalid",
    "api-, preset_name_invalid",
    "'a b', preset_name_invalid",
    "api.v1, preset_name_invalid",
    "_provider_x, preset_name_reserved",
    "github, preset_name_builtin_collision",
    "slack, preset_name_builtin_collision",
    "nous-web, preset_name_builtin_collision",
  })
  void presetNames(String name, String expected) {
    String text = Fixtures.presetYaml(name, "my_key", "api.example.com");
    for (String actual : codesOnEveryPath(text)) {
      assertEquals(expected, actual, name);
    }
  }

  /**
   * One message for {@code preset_name_invalid} (upstream's loader text): the preset layer's refusal, the name check
   * (stdio {@code check_preset_name}, {@code advise}) and the value rules ({@code validate}) say the same.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Bad_Name", "api.v1", "My-Api"})
  void theNameCheckAndTheFileChecksGiveTheSameMessage(String name) {
    String text = Fixtures.presetYaml(name, "k", "api.example.com");
    PresetLayerException e =
        assertThrows(PresetLayerException.class, () -> CustomPresetLoader.check(text, Path.of("p.yaml")));
    assertEquals("preset_name_invalid", e.code());
    String fromFile = e.problems().get(0).message();
    assertEquals("Preset must declare preset.name (lowercase, hyphenated RFC 1123 label)", fromFile);
    assertEquals(Optional.of(fromFile), PresetName.check(name, true).reason());
    ValidationReport validated = PolicyValidator.strict().withPresetOrigin(PresetOrigin.CUSTOM)
        .validateText(DocumentKind.PRESET, text, ReadMode.STRICT);
    assertEquals(List.of("preset_name_invalid " + fromFile),
        validated.problems().stream().map(p -> p.code() + " " + p.message()).toList());
  }

  @Test
  void aNameThatIsNotAStringIsInvalid() {
    String numeric = Fixtures.presetYaml("0", "k", "api.example.com");
    assertEquals("preset_name_invalid", code(() -> CustomPresetLoader.check(numeric, Path.of("n.yaml"))));
    assertEquals("preset_name_invalid", code(() -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(numeric))));
  }

  @ParameterizedTest(name = "key {0} -> {1}")
  @CsvSource({
    "my_key, ok",
    "github, ok",
    "_provider_slack, reserved_key",
    "npm_yarn, reserved_key",
    "personal_open_internet, reserved_key",
    "nemoclaw_custom__other__k, reserved_key",
  })
  void keys(String key, String expected) {
    String text = Fixtures.presetYaml("my-api", key, "api.example.com");
    for (String actual : codesOnEveryPath(text)) {
      assertEquals(expected, actual, key);
    }
  }

  @Test
  void userAuthoredAllowedIpsAreRefusedWithUpstreamsNewMessage() {
    String endpoint = Fixtures.presetYaml("my-api", "my_api", "api.example.com")
        .replace("access: full", "access: full\n        allowed_ips: [203.0.113.7]");
    for (String actual : codesOnEveryPath(endpoint)) {
      assertEquals("preset_allowed_ips", actual);
    }
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> PresetMerger.merge(baseline, Fixtures.preset(endpoint)));
    assertEquals("Preset 'my-api' contains user-authored allowed_ips, which is not permitted."
        + " (network_policies entry 'my_api', endpoint 0)", e.getMessage());
    String gateway = Fixtures.presetYaml("gw", "gw", "host.openshell.internal")
        .replace("access: full", "access: full\n        allowed_ips: [10.0.0.0/8]");
    for (String actual : codesOnEveryPath(gateway)) {
      assertEquals("ok", actual, "the OpenShell host bridge may carry allowed_ips");
    }
  }

  @Test
  void aRefusalNamesThePresetAndTheEntryAndLocatesIt() {
    String text = """
        preset: {name: meta, description: reaches the metadata service}
        network_policies:
          fine:
            name: fine
            endpoints: [{host: api.example.com, port: 443, access: full}]
            binaries: [{path: /usr/bin/curl}]
          metadata:
            name: metadata
            endpoints:
              - {host: api.example.com, port: 443, access: full}
              - {host: 169.254.169.254, port: 80, access: full}
            binaries: [{path: /usr/bin/curl}]
        """;
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> CustomPresetLoader.check(text, Path.of("meta.yaml")));
    assertEquals("preset_host_private", e.code());
    assertEquals(Optional.of("meta"), e.presetName());
    assertEquals("Preset 'meta' endpoint host '169.254.169.254' is rejected. Add explicit trust only for RFC1918,"
        + " CGNAT, or IPv6 unique local destinations. (network_policies entry 'metadata', endpoint 1)",
        e.getMessage());
    assertEquals("/network_policies/metadata/endpoints/1/host", e.problems().get(0).pointer());
    assertEquals(11, e.problems().get(0).line());
  }

  @Test
  void severalPresetsAreAllOrNothingAndTheRefusalNamesTheBadOne() {
    String good = Fixtures.presetYaml("good", "good_key", "good.example");
    String bad = Fixtures.presetYaml("bad", "bad_key", "127.0.0.1");
    for (Call call : List.<Call>of(
        () -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(good, bad)),
        () -> PresetMerger.merge(baseline, List.of(Fixtures.preset(good), Fixtures.preset(bad))),
        () -> PolicyStack.of(baseline).applyAll(
            List.of(StackLayer.custom(Fixtures.preset(good), null), StackLayer.custom(Fixtures.preset(bad), null))))) {
      PresetLayerException e = assertThrows(PresetLayerException.class, call::run);
      assertEquals("preset_host_private", e.code());
      assertTrue(e.getMessage().startsWith("Preset 'bad' endpoint host '127.0.0.1'"), e.getMessage());
    }
    assertFalse(baseline.networkPolicies().containsKey("nemoclaw_custom__good__good_key"));
  }

  @Test
  void builtInPresetsNamedByNameAreNotCustom() throws Exception {
    // Built-in content (every agent view) is applied as it is: its own names, keys and hosts are not custom.
    for (String agent : List.of("", "hermes", "langchain-deepagents-code")) {
      for (Preset p : PresetCatalog.builtIn().forAgent(agent).presets()) {
        assertTrue(PresetCatalog.builtIn().isBuiltIn(p), agent + "/" + p.name());
        MergeResult r = PresetMerger.merge(baseline, p);
        for (String key : p.networkPolicies().keySet()) {
          assertTrue(r.policy().networkPolicies().containsKey(key), agent + "/" + p.name() + " " + key);
        }
      }
    }
    // local-inference reaches host.openshell.internal, which custom presets may also use; any edit makes it custom.
    Preset local = PresetCatalog.builtIn().require("local-inference");
    Preset edited = Preset.builder(local).description("edited").build();
    assertFalse(PresetCatalog.builtIn().isBuiltIn(edited));
    assertEquals("preset_name_builtin_collision",
        assertThrows(PresetLayerException.class, () -> PresetMerger.merge(baseline, edited)).code());
  }

  @Test
  void customPresetsAreRemovedByNameFromTheLivePolicyAlone() throws Exception {
    Preset a = Fixtures.preset("team-a", "shared", "a.example");
    Policy live = PresetMerger.merge(baseline, a).policy();
    MergeResult r = PresetMerger.removeCustom(live, "team-a");
    assertEquals(baseline, r.policy());
    assertEquals(List.of("nemoclaw_custom__team-a__shared"), r.diff().removedKeys());
    assertEquals("preset_not_applied",
        assertThrows(PresetLayerException.class, () -> PresetMerger.removeCustom(baseline, "team-a")).code());
    assertEquals("preset_name_invalid",
        assertThrows(PresetLayerException.class, () -> PresetMerger.removeCustom(live, "Team_A")).code());
  }

  @Test
  void keysRoundTripThroughTheNamespace() {
    assertEquals("nemoclaw_custom__my-api__my_api", CustomPresetKeys.key("my-api", "my_api"));
    assertEquals(Optional.of("my-api"), CustomPresetKeys.presetOf("nemoclaw_custom__my-api__my_api"));
    assertEquals(Optional.of("my_api"), CustomPresetKeys.originalKey("nemoclaw_custom__my-api__my_api"));
    assertEquals(Optional.of("a__b"), CustomPresetKeys.originalKey("nemoclaw_custom__x__a__b"),
        "the name never holds '_', so the first separator ends it");
    for (String notOurs : List.of("npm_yarn", "nemoclaw_custom__", "nemoclaw_custom__x", "nemoclaw_custom__x__",
        "nemoclaw_custom__Bad__k", "nemoclaw_custom____k")) {
      assertEquals(Optional.empty(), CustomPresetKeys.presetOf(notOurs), notOurs);
    }
    assertTrue(CustomPresetKeys.isNamespaced("nemoclaw_custom__x"));
  }

  @Test
  void aStackWrittenWithPinsDoesNotReplayThemFromText() throws Exception {
    // A serialized stack is content only: pins need the library's own resolution, so a custom layer that carries
    // allowed_ips is refused when read back (NemoClaw: snapshot content alone is insufficient).
    String pinnedText = Fixtures.presetYaml("db", "db", "db.corp.example")
        .replace("access: full", "access: full\n        allowed_ips: [10.20.30.40]");
    String stack = "policy_stack: 1\nbaseline: " + PolicyWriter.toJson(baseline).replace("\n", " ")
        + "\nlayers:\n  - name: db\n    source: custom\n    preset: "
        + PolicyWriter.toJson(Fixtures.preset(pinnedText)).replace("\n", " ") + "\n";
    assertEquals("preset_allowed_ips",
        assertThrows(PresetLayerException.class, () -> PolicyStack.read(stack, PresetCatalog.builtIn())).code());
  }
}
