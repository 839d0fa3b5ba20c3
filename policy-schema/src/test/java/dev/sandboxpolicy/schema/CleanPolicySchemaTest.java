package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyValidator#validateText} skips the JSON Schema for a policy that the reader and the value rules accept
 * without any problem and that holds no explicit null: the policy schema refuses nothing such a policy has. Checked
 * here on every text of the truth table and on seeded mutations of the repository's policies, in both read modes.
 */
class CleanPolicySchemaTest {

  private static final int MUTATIONS_PER_DOCUMENT = 300;

  /** The repository's policies (tests run in the module's directory). */
  private static List<String> policies() throws IOException {
    List<String> texts = new ArrayList<>();
    for (Path dir : List.of(Path.of("..", "examples", "policies"), Path.of("..", "corpus", "policies"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".test.yaml"))
            .sorted().toList()) {
          texts.add(Files.readString(f));
        }
      }
    }
    return texts;
  }

  /** The schema's problems for a text the reader and the rules find clean, or null when they do not. */
  private static List<Problem> schemaOfClean(String text, ReadMode mode, PresetOrigin origin) {
    ReadResult<Object> tree = PolicyReader.of(mode).readTree(text, DocumentFormat.YAML);
    if (tree.value().isEmpty() || PolicyValidator.hasNull(tree.value().get())
        || !PolicyValidator.strict().withPresetOrigin(origin)
            .cleanWithoutSchema(DocumentKind.POLICY, tree, mode)) {
      return null;
    }
    return JsonSchemaCheck.check(DocumentKind.POLICY, tree, mode != ReadMode.STRICT);
  }

  @Test
  void theSchemaRefusesNoPolicyThatTheReaderAndTheRulesAccept() throws IOException {
    long seed = Long.getLong("sandboxpolicy.seed", 20261207L);
    System.out.println("CleanPolicySchemaTest seed " + seed);
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    RuleTableTest.cases().filter(c -> c.kind() == DocumentKind.POLICY).forEach(c -> {
      texts.add(c.invalid());
      texts.add(c.valid());
    });
    for (String policy : policies()) {
      texts.add(policy);
      Object tree = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readTree(policy, DocumentFormat.YAML).value()
          .orElseThrow();
      for (int i = 0; i < MUTATIONS_PER_DOCUMENT; i++) {
        Object variant = Mutations.mutate(tree, random);
        texts.add(PolicyWriter.yaml(random.nextBoolean() ? variant : Mutations.mutate(variant, random)));
      }
    }
    int clean = 0;
    List<String> refused = new ArrayList<>();
    for (String text : texts) {
      for (ReadMode mode : ReadMode.values()) {
        List<Problem> schema = schemaOfClean(text, mode, PresetOrigin.CUSTOM);
        if (schema != null) {
          clean++;
          if (!schema.isEmpty()) {
            refused.add("seed " + seed + ", " + mode + ": " + schema + "\n" + text);
          }
        }
      }
    }
    assertEquals(List.of(), refused);
    assertTrue(clean > 500, "clean policies checked: " + clean);
  }

  @Test
  void presetsAlwaysMeetTheirSchemaWhichChecksMoreThanTheirReader() {
    String noEntries = "preset:\n  name: x\n  description: d\nnetwork_policies: {}\n";
    ReadResult<Object> tree = PolicyReader.of(ReadMode.STRICT).readTree(noEntries, DocumentFormat.YAML);
    assertTrue(PolicyValidator.strict().cleanWithoutSchema(DocumentKind.PRESET, tree, ReadMode.STRICT));
    var report = PolicyValidator.strict().validateText(DocumentKind.PRESET, noEntries);
    assertFalse(report.problems().isEmpty(), report.toString());
    assertEquals("size_invalid", report.problems().get(0).code());
    assertEquals("/network_policies", report.problems().get(0).pointer());
  }

  @Test
  void anExplicitNullAnywhereIsFound() {
    // the reader reads an explicit null as absent while the schema wants the key's type (docs/editors.md): a policy
    // holding one is always checked against the schema
    for (String text : List.of("version: 1\nnetwork_policies: null\n", "version: 1\nnetwork_policies:\n  a:\n"
        + "    endpoints:\n      - {host: x.com, port: 443, enforcement: null}\n", "a: [1, [2, null]]\n")) {
      assertTrue(PolicyValidator.hasNull(tree(text)), text);
    }
    for (String text : List.of("version: 1\nnetwork_policies: {}\n", "a: [1, [2, '~', 'null', '']]\n")) {
      assertFalse(PolicyValidator.hasNull(tree(text)), text);
    }
  }

  private static Object tree(String text) {
    return PolicyReader.of(ReadMode.STRICT).readTree(text, DocumentFormat.YAML).value().orElseThrow();
  }
}
