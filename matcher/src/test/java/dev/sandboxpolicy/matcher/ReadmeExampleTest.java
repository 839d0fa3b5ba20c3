package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the "Embedding in five lines" snippet of README.md, unchanged, on a real file. */
class ReadmeExampleTest {

  @Test
  void theReadmeSnippetPrintsARealDecision(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        "version: 1\nnetwork_policies:\n  github:\n    endpoints:\n      - {host: api.github.com, port: 443}\n"
            + "    binaries:\n      - {path: /usr/bin/gh}\n");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Path cwd = dir;
      runSnippet(cwd.resolve("policy.yaml"));
    } finally {
      System.setOut(original);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8).trim();
    assertTrue(printed.startsWith("ALLOW github"), printed);
  }

  @Test
  void theSameSnippetDeniesAnotherBinary(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        "version: 1\nnetwork_policies:\n  github:\n    endpoints:\n      - {host: api.github.com, port: 443}\n"
            + "    binaries:\n      - {path: /usr/bin/git}\n");
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(file).orElseThrow();
    Decision d = CompiledPolicy.compile(policy).decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.reason().contains("binary '/usr/bin/gh' not allowed in policy 'github'"), d.reason());
  }

  // The five lines from README.md ("Embedding in five lines"), with the file name as a parameter.
  private static void runSnippet(Path path) throws Exception {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(path).orElseThrow();
    CompiledPolicy compiled = CompiledPolicy.compile(policy);          // validates first; immutable, thread-safe
    Decision d = compiled.decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
    System.out.println(d.verdict() + " " + d.matchedPolicy().orElse("-") + " " + d.reason());
  }
}
