package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schemas compiled with {@link JsonSchemaCheck}'s own keyword set report exactly the errors that networknt's full
 * draft 2020-12 dialect reports, on the repository's documents and seeded mutations of them.
 */
class JsonSchemaDialectTest {

  private static final int MUTATIONS_PER_DOCUMENT = 40;

  /** A schema with a keyword that the shipped ones do not use. */
  private static final String FORMAT_ID = "https://example.invalid/format.json";

  /** A schema compiled with networknt's full draft 2020-12 dialect (every keyword, format and vocabulary). */
  private static Schema full(DocumentKind kind) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(Map.of(kind.schemaId(), kind.schemaText())));
    Schema schema = registry.getSchema(SchemaLocation.of(kind.schemaId()));
    schema.initializeValidators();
    return schema;
  }

  private static List<String> errors(Schema schema, Object tree) {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(JsonSchemaCheck.toJson(tree))) {
      out.add(e.getKeyword() + " " + e.getInstanceLocation() + " " + e.getSchemaLocation() + " " + e.getProperty()
          + " " + e.getMessage());
    }
    return out;
  }

  private static Object tree(String text) {
    return PolicyReader.of(ReadMode.LEGACY_TOLERANT).readTree(text, DocumentFormat.YAML).value()
        .orElseThrow(() -> new AssertionError("unreadable test document:\n" + text));
  }

  private static List<Map.Entry<DocumentKind, Object>> documents() throws IOException {
    List<Map.Entry<DocumentKind, Object>> docs = new ArrayList<>();
    for (String dir : List.of("policies", "presets")) {
      try (Stream<Path> files = Files.list(Path.of("..", "examples", dir))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".test.yaml"))
            .sorted().toList()) {
          docs.add(Map.entry(dir.equals("presets") ? DocumentKind.PRESET : DocumentKind.POLICY,
              tree(Files.readString(f))));
        }
      }
    }
    docs.add(Map.entry(DocumentKind.PRESET, tree(NemoClawProfileTest.RPC_AND_MCP)));
    docs.add(Map.entry(DocumentKind.BLUEPRINT, tree(NemoClawProfileTest.RUNNER_BLUEPRINT)));
    return docs;
  }

  @Test
  void reportsTheErrorsOfTheFullDialectOnMutatedDocuments() throws IOException {
    long seed = Long.getLong("sandboxpolicy.seed", 20261207L);
    System.out.println("JsonSchemaDialectTest seed " + seed);
    Random random = new Random(seed);
    Map<DocumentKind, Schema> full = new EnumMap<>(DocumentKind.class);
    Map<DocumentKind, Schema> own = new EnumMap<>(DocumentKind.class);
    for (DocumentKind kind : DocumentKind.values()) {
      full.put(kind, full(kind));
      own.put(kind, JsonSchemaCheck.schema(kind));
    }
    int valid = 0;
    int invalid = 0;
    for (Map.Entry<DocumentKind, Object> doc : documents()) {
      DocumentKind kind = doc.getKey();
      for (int i = 0; i <= MUTATIONS_PER_DOCUMENT; i++) {
        Object variant = i == 0 ? doc.getValue() : Mutations.mutate(doc.getValue(), random);
        List<String> expected = errors(full.get(kind), variant);
        assertEquals(expected, errors(own.get(kind), variant),
            "seed " + seed + ", " + kind + ":\n" + dev.sandboxpolicy.io.PolicyWriter.yaml(variant));
        if (expected.isEmpty()) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    assertTrue(valid > 10 && invalid > 50, "both outcomes exercised: " + valid + " valid, " + invalid + " invalid");
  }

  @Test
  void everyKeywordOfTheShippedSchemasIsListedAndAnUnlistedOneFailsTheCompile() {
    for (DocumentKind kind : DocumentKind.values()) {
      assertTrue(JsonSchemaCheck.schema(kind) != null, kind.wireName());
    }
    String withFormat = "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
        + " \"$id\": \"" + FORMAT_ID + "\", \"type\": \"string\", \"format\": \"uri\"}";
    SchemaException e = assertThrows(SchemaException.class,
        () -> JsonSchemaCheck.compile(JsonSchemaCheck.registry(Map.of(FORMAT_ID, withFormat)::get), FORMAT_ID));
    assertTrue(String.valueOf(e.getCause()).contains("'format'"), String.valueOf(e.getCause()));
  }
}
