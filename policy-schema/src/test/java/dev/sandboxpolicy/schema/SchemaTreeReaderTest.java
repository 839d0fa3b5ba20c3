package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.serialization.DefaultNodeReader;
import com.networknt.schema.serialization.NodeReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaTreeReaderTest {

  /** networknt's own reader, as JsonSchemaCheck configured it before (location-aware nodes). */
  private static final NodeReader NETWORKNT = DefaultNodeReader.builder().locationAware().build();

  private static void assertSameTree(String json) {
    JsonNode expected = NETWORKNT.readSchema(json, InputFormat.JSON);
    JsonNode actual = SchemaTreeReader.INSTANCE.readSchema(json, InputFormat.JSON);
    assertEquals(expected, actual, json);
    assertEquals(expected.toString(), actual.toString(), "same node types and key order: " + json);
  }

  @Test
  void everyShippedSchemaReadsAsNetworkntReadsIt() {
    for (DocumentKind kind : DocumentKind.values()) {
      assertSameTree(kind.schemaText());
      JsonNode tree = SchemaTreeReader.INSTANCE.readTree(
          new ByteArrayInputStream(kind.schemaText().getBytes(StandardCharsets.UTF_8)), InputFormat.JSON);
      assertEquals(NETWORKNT.readTree(kind.schemaText(), InputFormat.JSON), tree, kind + " from a stream");
    }
  }

  @Test
  void integersKeepTheirSizeAndEveryScalarKindReadsTheSame() {
    assertSameTree("{\"a\": 1, \"b\": 4294967295, \"c\": 123456789012345678901234567890, \"d\": -2147483648,"
        + " \"e\": \"x\", \"f\": true, \"g\": false, \"h\": null, \"i\": [], \"j\": {}, \"k\": [1, [2, {\"l\": 3}]],"
        + " \"a\": 2}");
    JsonNode big = SchemaTreeReader.INSTANCE.readSchema("[4294967295, 1]", InputFormat.JSON);
    assertTrue(big.get(0).isLong() && big.get(1).isInt(), big::toString);
  }

  @Test
  void nodesPrintThemselvesAsJacksonPrintsThemAndEqualJacksonsOwn() {
    String json = "{\"enum\": [\"a/b\", \"q\\\"uote\", \"back\\\\slash\", \"tab\\there\", \"\\u0001\","
        + " \"caf\u00e9 \\ud83d\\ude00\", \"<&>\", \"\"], \"const\": {\"k\": [1, 4294967295, null, true, {}]},"
        + " \"n\": 12345678901234567890}";
    JsonNode expected = NETWORKNT.readSchema(json, InputFormat.JSON);
    JsonNode actual = SchemaTreeReader.INSTANCE.readSchema(json, InputFormat.JSON);
    assertEquals(expected.toString(), actual.toString());
    for (int i = 0; i < expected.get("enum").size(); i++) {
      JsonNode e = expected.get("enum").get(i);
      JsonNode a = actual.get("enum").get(i);
      assertEquals(e.toString(), a.toString(), "how networknt prints an enum value");
      assertEquals(e, a);
      assertEquals(a, e, "equal both ways: a schema's enum set holds them, an instance's nodes are looked up in it");
      assertEquals(e.hashCode(), a.hashCode());
    }
    assertEquals(expected.get("const"), actual.get("const"));
    assertEquals(actual.get("const"), expected.get("const"));
    assertEquals(expected.get("const").toString(), actual.get("const").toString());
  }

  @Test
  void fractionalNumbersAndYamlAreLeftToNetworknt() {
    // networknt keeps the precision of fractional numbers its own way: the whole document goes to its reader.
    for (String json : new String[] {"{\"multipleOf\": 0.1}", "[1, 2.5e3]", "1.0"}) {
      assertSameTree(json);
    }
    String yaml = "type: object\nproperties:\n  a: {type: integer}\n";
    assertEquals(NETWORKNT.readSchema(yaml, InputFormat.YAML), SchemaTreeReader.INSTANCE.readSchema(yaml, InputFormat.YAML));
  }
}
