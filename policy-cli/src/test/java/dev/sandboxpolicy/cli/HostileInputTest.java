package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken inputs give a message and an exit status from every command, never a stack trace. */
class HostileInputTest {

  @TempDir Path dir;

  private void writeInputs() throws IOException {
    CliRun.write(dir, "empty.yaml", "");
    byte[] noise = new byte[4096];
    new SplittableRandom(7).nextBytes(noise);
    Files.write(dir.resolve("noise.yaml"), noise);
    CliRun.write(dir, "deep.yaml", "[".repeat(20_000) + "]".repeat(20_000));
    CliRun.write(dir, "bomb.yaml",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n");
    CliRun.write(dir, "list.yaml", "- 1\n- 2\n");
    Files.createDirectories(dir.resolve("folder"));
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
  }

  @Test
  void everyCommandAnswersWithAMessageAndAStatus() throws IOException {
    writeInputs();
    for (String input : List.of("empty.yaml", "noise.yaml", "deep.yaml", "bomb.yaml", "list.yaml", "folder")) {
      for (String[] args : new String[][] {
            {"validate", input}, {"validate", "--kind", "preset", input}, {"validate", "--kind", "blueprint", input},
            {"fmt", input}, {"hash", input}, {"diff", "p.yaml", input}, {"merge", input, "npm"},
            {"merge", "p.yaml", input}, {"remove", input, "npm"}, {"explain", "--custom", input}}) {
        CliRun r = CliRun.run(dir, args);
        String all = r.out() + r.err();
        assertTrue(r.status() == ExitCode.FAILED || r.status() == ExitCode.USAGE, () -> String.join(" ", args) + "\n" + r);
        assertFalse(all.contains("Exception") || all.contains("\tat "), () -> String.join(" ", args) + "\n" + r);
        assertFalse(r.err().isEmpty() && r.out().isEmpty(), () -> "silent failure: " + String.join(" ", args));
      }
    }
  }

  @Test
  void theServerSurvivesHostileDocuments() throws IOException {
    writeInputs();
    StringBuilder lines = new StringBuilder();
    for (String input : List.of("empty.yaml", "deep.yaml", "bomb.yaml", "list.yaml")) {
      String text = Files.readString(dir.resolve(input));
      for (String op : List.of("validate", "merge", "remove")) {
        var o = Json.object().put("op", op).put("yaml", text).put("policy", text);
        o.putArray("presets").add(text);
        lines.append(Json.write(o)).append('\n');
      }
    }
    lines.append("[".repeat(100_000)).append('\n').append("{\"op\":\"hello\"}\n");
    CliRun r = CliRun.run(dir, Map.of(), lines.toString(), "serve", "--stdio");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    List<String> out = r.out().lines().toList();
    assertEquals(14, out.size(), r::toString);
    assertFalse(r.out().contains("internal_error"), r.out());
    assertTrue(out.get(13).contains("\"protocol\":1"), "still serving after all that");
  }
}
