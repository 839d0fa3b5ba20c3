package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.schema.DocumentKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SchemaCommandTest {

  @TempDir Path dir;

  @Test
  void printsTheShippedSchemaOfEachKind() throws Exception {
    for (DocumentKind kind : DocumentKind.values()) {
      CliRun r = CliRun.run(dir, "schema", "--kind", kind.wireName());
      assertEquals(ExitCode.OK, r.status(), r::toString);
      assertEquals(kind.schemaText(), r.out());
      assertEquals("", r.err());
      JsonNode schema = Json.MAPPER.readTree(r.out());
      assertEquals(kind.schemaId(), schema.get("$id").asString());
    }
  }

  @Test
  void thePolicySchemaIsTheDefault() {
    CliRun r = CliRun.run(dir, "schema");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals(DocumentKind.POLICY.schemaText(), r.out());
    assertTrue(r.out().contains("\"$id\": \"" + DocumentKind.POLICY.schemaId() + "\""), r.out());
  }

  @Test
  void anUnknownKindIsAUsageError() {
    CliRun r = CliRun.run(dir, "schema", "--kind", "tiers");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertEquals("", r.out());
    assertEquals("policyctl: --kind must be policy, preset or blueprint, not 'tiers'\n", r.err());
  }
}
