package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.schema.DocumentKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fmt --modeline} names the policy schema for yaml-language-server; a modeline the file has is kept. */
class FmtModelineTest {

  @TempDir Path dir;

  private static final String MODELINE = FmtCommand.SCHEMA_MODELINE_PREFIX + DocumentKind.POLICY.schemaId();

  @Test
  void theModelineIsAddedOnRequestAndKeptWhenWritten() {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun plain = CliRun.run(dir, "fmt", "p.yaml");
    CliRun with = CliRun.run(dir, "fmt", "--modeline", "p.yaml");
    assertEquals(0, with.status(), with::toString);
    assertEquals(MODELINE + "\n" + plain.out(), with.out());

    CliRun.write(dir, "q.yaml", with.out());
    assertEquals(with.out(), CliRun.run(dir, "fmt", "q.yaml").out(), "fmt keeps the file's modeline");
    assertEquals(with.out(), CliRun.run(dir, "fmt", "--modeline", "q.yaml").out(), "and does not add a second");
    assertEquals(0, CliRun.run(dir, "fmt", "--check", "q.yaml").status(), "a modeline is canonical");

    String other = "# yaml-language-server: $schema=./schemas/policy-1.json\n";
    CliRun.write(dir, "r.yaml", other + plain.out());
    assertTrue(CliRun.run(dir, "fmt", "--modeline", "r.yaml").out().startsWith(other), "the file's own URL is kept");
    CliRun.write(dir, "s.yaml", "# a comment\n" + plain.out());
    assertEquals(plain.out(), CliRun.run(dir, "fmt", "s.yaml").out(), "other comments are not kept");
  }
}
