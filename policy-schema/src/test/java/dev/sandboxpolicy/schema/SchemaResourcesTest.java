package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.model.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class SchemaResourcesTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static JsonNode schema(DocumentKind kind) {
    return JSON.readTree(kind.schemaText());
  }

  @Test
  void everySchemaIsDraft202012WithItsStableId() {
    for (DocumentKind kind : DocumentKind.values()) {
      JsonNode s = schema(kind);
      assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema").asString());
      assertEquals(kind.schemaId(), s.get("$id").asString());
      assertTrue(kind.schemaResource().endsWith(kind.schemaId().substring(kind.schemaId().lastIndexOf('/'))));
    }
  }

  @Test
  void presetSchemaSharesThePolicySchemaDefinitionsVerbatim() {
    // The preset schema is self-contained for editors, so its entry definitions are copies: keep them in sync.
    JsonNode policyDefs = schema(DocumentKind.POLICY).get("$defs");
    JsonNode presetDefs = schema(DocumentKind.PRESET).get("$defs");
    List<String> names = new ArrayList<>();
    presetDefs.propertyNames().forEach(names::add);
    assertTrue(names.contains("endpoint") && names.contains("networkPolicy"), names.toString());
    for (String name : names) {
      assertEquals(policyDefs.get(name), presetDefs.get(name), "$defs/" + name + " drifted");
    }
  }

  @Test
  void everyCodeIsDocumentedWithAnExample() throws IOException {
    Path doc = Path.of("..", "docs", "validation-codes.md");
    assumeTrue(Files.isRegularFile(doc), "docs/ is not beside the module");
    String text = Files.readString(doc);
    for (ProblemCode code : ProblemCode.values()) {
      int at = text.indexOf("### `" + code.wireName() + "`");
      if (at < 0) {
        assertTrue(text.contains("\n| `" + code.wireName() + "` |"), code.wireName() + " is not documented");
        continue;
      }
      int next = text.indexOf("\n### ", at + 1);
      String section = text.substring(at, next < 0 ? text.length() : next);
      assertTrue(section.contains("```"), code.wireName() + " has no example");
    }
  }

  @Test
  void everyDocumentedCodeIsAProblemCode() throws IOException {
    Path doc = Path.of("..", "docs", "validation-codes.md");
    assumeTrue(Files.isRegularFile(doc), "docs/ is not beside the module");
    java.util.Set<String> known = new java.util.HashSet<>();
    for (ProblemCode code : ProblemCode.values()) {
      known.add(code.wireName());
    }
    List<String> unknown = new ArrayList<>();
    for (String line : Files.readAllLines(doc)) {
      String code = line.startsWith("### `") ? line.substring(5)
          : line.startsWith("| `") ? line.substring(3) : null;
      if (code != null && code.indexOf('`') > 0) {
        code = code.substring(0, code.indexOf('`'));
        if (!known.contains(code)) {
          unknown.add(code);
        }
      }
    }
    assertEquals(List.of(), unknown, "codes in docs/validation-codes.md that ProblemCode does not name");
  }
}
