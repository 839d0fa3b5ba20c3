package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "my-api", "a1-b2-c3", "x0"})
  void rfc1123LabelsAreValidPresetNames(String name) {
    assertTrue(PresetName.check(name, true).isValid());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|preset_name_invalid",
      "-a|preset_name_invalid",
      "a-|preset_name_invalid",
      "Has_Underscore|preset_name_invalid",
      "UPPER|preset_name_invalid",
      "with space|preset_name_invalid",
      "dot.name|preset_name_invalid",
      "_provider_github|preset_name_reserved",
      "_provider_|preset_name_reserved",
  })
  void invalidPresetNames(String name, String code) {
    NameCheck c = PresetName.check(name, false);
    assertFalse(c.isValid());
    assertEquals(code, c.error().orElseThrow().wireName());
    assertTrue(c.reason().isPresent());
  }

  @Test
  void reservedPrefixIsCheckedBeforeTheLabelRule() {
    // "_provider_X" also breaks the label rule; the dedicated message must win.
    NameCheck c = PresetName.check("_provider_Bad Name", true);
    assertEquals(Optional.of(PresetLayerError.PRESET_NAME_RESERVED), c.error());
    assertEquals(Optional.of("Preset name cannot start with '_provider_' (reserved by OpenShell)"), c.reason());
  }

  @Test
  void presetNamesHaveNoLengthLimitButSandboxNamesDo() {
    String long64 = "a".repeat(64);
    assertTrue(PresetName.check(long64, true).isValid());
    assertFalse(SandboxName.check(long64).isValid());
    assertTrue(SandboxName.check("a".repeat(SandboxName.MAX_LENGTH)).isValid());
    assertEquals("sandbox_name_invalid", SandboxName.check("My-Sandbox").error().orElseThrow().wireName());
    assertFalse(SandboxName.check("").isValid());
    assertFalse(SandboxName.check(null).isValid());
  }

  @Test
  void builtInNamesCollideOnlyForCustomPresets() {
    for (String name : PresetCatalog.builtIn().names()) {
      assertTrue(PresetName.check(name, false).isValid(), name);
      NameCheck c = PresetName.check(name, true);
      assertEquals(Optional.of(PresetLayerError.PRESET_NAME_BUILTIN_COLLISION), c.error(), name);
    }
    assertTrue(PresetName.check("nous-web", true).error().isPresent(), "agent-scoped names collide for everyone");
    assertTrue(PresetName.check("docker", true).isValid(), "legacy upstream names are free");
  }

  @Test
  void typedNamesAreNormalisedButFileNamesAreNot() throws Exception {
    assertEquals("pypi", PresetName.normalize("  PyPI\t"));
    assertFalse(PresetName.check("PyPI", false).isValid());
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> PresetName.check("X", false).orThrow());
    assertEquals("preset_name_invalid", e.code());
    PresetName.check("x", false).orThrow();
  }
}
