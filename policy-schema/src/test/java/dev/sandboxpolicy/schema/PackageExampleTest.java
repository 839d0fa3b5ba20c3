package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import org.junit.jupiter.api.Test;

/** The example of the package documentation, run. */
class PackageExampleTest {

  private static final String YAML = """
      version: 1
      network_policies:
        github:
          endpoints:
            - { host: api.github.com, port: 443, protocol: rest, access: read-only, enforcement: enforced }
          binaries: [{ path: /usr/bin/curl }]
      """;

  @Test
  void packageExample() {
    ValidationReport report = PolicyValidator.strict().validateText(DocumentKind.POLICY, YAML, ReadMode.STRICT);
    assertTrue(report.isValid());
    Problem p = report.problems().get(0);
    assertEquals("enforcement_unknown", p.code());
    assertEquals(5, p.line());
    assertTrue(p.toString().startsWith("5:92: warning enforcement_unknown"), p.toString()); // as documented
  }

  @Test
  void presetAndBlueprintModelsValidateThroughTheirReadResults() {
    var preset = PolicyReader.of(ReadMode.STRICT).readPreset(Docs.preset("npm", "host: \"*\"", "port: 443"));
    ValidationReport builtIn = PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN).validatePreset(preset);
    assertTrue(builtIn.problems().stream().anyMatch(p -> p.code().equals("host_wildcard_all") && p.line() == 8));
    assertTrue(builtIn.problems().stream().noneMatch(p -> p.code().equals("preset_name_builtin_collision")));
    assertTrue(PolicyValidator.strict().validatePreset(preset.value().get()).problems().stream()
        .anyMatch(p -> p.code().equals("preset_name_builtin_collision")));
    String blueprint = "version: 0.1.0\nprofiles: [d]\ncomponents:\n  sandbox: {image: i, name: n}\n"
        + "  inference: {profiles: {d: {provider_type: x, endpoint: \"\"}}}\n"
        + "  policy:\n    base: b.yaml\n    additions:\n      nim:\n        name: nim\n"
        + "        endpoints: [{host: \"*.local\", port: 8000, access: full}]\n";
    var read = PolicyReader.of(ReadMode.STRICT).readBlueprint(blueprint);
    ValidationReport report = PolicyValidator.strict().validateBlueprint(read);
    Problem tld = report.errors().get(0);
    assertEquals("host_wildcard_tld", tld.code());
    assertEquals("/components/policy/additions/nim/endpoints/0/host", tld.pointer());
    assertEquals(11, tld.line());
    assertTrue(report.problems().stream().noneMatch(p -> p.code().equals("binaries_empty")));
  }
}
