package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.InitializeResult;
import org.junit.jupiter.api.Test;

/**
 * {@code ./policyctl lsp} as an editor starts it: a process, driven by an LSP4J client over its standard input and
 * output through initialize, didOpen, diagnostics, hover, completion, shutdown and exit (bound to the
 * {@code integration-test} phase, after {@code package} built the jar).
 */
class LanguageServerJarIT {

  private static final Path JAR = Path.of(System.getProperty("policyctl.jar", "target/policyctl.jar"));
  private static final Path ROOT = Path.of(System.getProperty("policyctl.root", ".."));

  private static final String POLICY = """
      version: 1
      network_policies:
        github:
          endpoints:
            - host: api.github.com
              port: 443
              enforcement: enforce
              acess: read-only
          binaries:
            - path: /usr/bin/gh
      """;

  @Test
  void theLauncherServesAnEditorSessionAndExitsCleanly() throws Exception {
    Path launcher = ROOT.resolve("policyctl").toAbsolutePath();
    assumeTrue(Files.isExecutable(launcher) && Files.isRegularFile(JAR), "the shaded jar was built");
    Path archive = JAR.resolveSibling("policyctl.jsa");
    Files.deleteIfExists(archive);
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "lsp").directory(ROOT.toAbsolutePath().toFile());
    pb.environment().put("POLICYCTL_SKIP_BUILD", "1");
    Process process = pb.start();
    String uri = "file:///work/sandbox.yaml";
    try (LspSession session = new LspSession(process.getInputStream(), process.getOutputStream(),
        process.getOutputStream(), process.getInputStream())) {
      InitializeResult init = session.initialize(new JsonObject());
      assertEquals("policyctl", init.getServerInfo().getName());
      // the launcher exec'd the JVM with the long-running server's flags, not a short command's
      List<String> jvm = process.info().arguments().map(List::of).orElse(List.of());
      assertTrue(jvm.isEmpty() || jvm.contains("-Xmx512m") && !jvm.contains("-XX:TieredStopAtLevel=1"),
          jvm.toString());

      session.open(uri, 1, POLICY);
      List<Diagnostic> diagnostics = session.awaitDiagnostics(uri, 1);
      assertEquals(List.of("unknown_key"), diagnostics.stream().map(d -> d.getCode().getLeft()).toList());
      Diagnostic d = diagnostics.get(0);
      assertTrue(d.getMessage().startsWith("unknown key 'acess'"), d.getMessage());
      assertEquals(7, d.getRange().getStart().getLine());
      assertEquals(15, d.getRange().getStart().getCharacter(), "at the value, as validate prints 8:16");

      String hover = session.hover(uri, 6, 10).getContents().getRight().getValue();
      assertTrue(hover.startsWith("**enforcement**"), hover);

      List<String> keys = session.completion(uri, 7, 9).stream().map(CompletionItem::getLabel).toList();
      assertTrue(keys.contains("access") && keys.contains("protocol") && !keys.contains("host"), keys.toString());

      session.shutdownAndExit();
      assertTrue(process.waitFor(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS), "the server exits after exit");
      assertEquals(0, process.exitValue(), "shutdown then exit is status 0");
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("", stderr, "nothing on standard error");
      assertTrue(Files.notExists(archive), "a long-running server does not write the AppCDS archive at exit");
    } finally {
      process.destroyForcibly();
    }
  }
}
