package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.internal.Names;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled catalog passes the schema validator, as NemoClaw's build-time check requires of its files. */
class CatalogValidationTest {

  private static final PolicyValidator BUILT_IN =
      PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN);

  @Test
  void everyBundledPresetDocumentIsStrictlyValid() {
    List<String> docs = new java.util.ArrayList<>();
    for (String name : PresetCatalog.builtIn().forAgent("some-agent").names()) {
      docs.add("presets/" + name + ".yaml");
    }
    for (String channel : List.of("telegram", "discord", "wechat", "slack", "whatsapp", "teams")) {
      docs.add("messaging/" + channel + "-openclaw.yaml");
      docs.add("messaging/" + channel + "-hermes.yaml");
    }
    assertTrue(docs.size() == 33);
    for (String doc : docs) {
      ValidationReport r = BUILT_IN.validateText(DocumentKind.PRESET, CatalogLoader.resource(doc), ReadMode.STRICT);
      assertFalse(r.hasErrors(), () -> doc + "\n" + Fixtures.codes(r.problems()));
    }
  }

  @Test
  void everyPresetOfEveryAgentViewIsValid() {
    for (String agent : List.of("", "hermes", "langchain-deepagents-code", "unknown-agent")) {
      for (Preset p : PresetCatalog.builtIn().forAgent(agent).presets()) {
        ValidationReport r = BUILT_IN.validatePreset(p);
        assertFalse(r.hasErrors(), () -> agent + "/" + p.name() + "\n" + Fixtures.codes(r.problems()));
      }
    }
  }

  @Test
  void theCatalogsNamesAreExactlyTheOneListOfBuiltInNames() {
    // The loader refuses a catalog whose names differ; this pins that both directions hold.
    assertEquals(Names.BUILT_IN_PRESET_NAMES, Set.copyOf(PresetCatalog.builtIn().names()));
    for (String name : Names.BUILT_IN_PRESET_NAMES) {
      assertTrue(PresetCatalog.builtIn().isBuiltInName(name), name);
    }
    assertFalse(PresetCatalog.builtIn().isBuiltInName("my-api"));
  }

  @Test
  void theBuiltInNamesAgreeWithTheValidatorsList() {
    for (Preset p : PresetCatalog.builtIn().presets()) {
      ValidationReport asCustom = PolicyValidator.strict().withPresetOrigin(PresetOrigin.CUSTOM).validatePreset(p);
      assertTrue(asCustom.errors().stream().anyMatch(e -> e.code().equals("preset_name_builtin_collision")),
          () -> p.name() + " is not a built-in name for the validator\n" + Fixtures.codes(asCustom.problems()));
    }
    Preset custom = Fixtures.preset("my-api", "my_api", "api.example");
    assertTrue(PolicyValidator.strict().validatePreset(custom).errors().stream()
        .noneMatch(e -> e.code().equals("preset_name_builtin_collision")));
  }
}
