package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.corpus.CorpusRunner;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The public case corpus (corpus/README.md) against this implementation: every decision, validation and
 * canonicalization case, sent through {@code serve --stdio} by the corpus's own runner, as another implementation
 * would run it. Also checks that the runner fails a case whose expectation does not hold.
 */
class CaseCorpusTest {

  static final Path CORPUS = Path.of("..", "corpus");

  /** A {@code serve --stdio} server in-process, on pipes. */
  private static final class Server implements AutoCloseable {
    private final Writer toServer;
    private final BufferedReader fromServer;
    private final Thread thread;

    Server() throws IOException {
      PipedOutputStream requests = new PipedOutputStream();
      PipedInputStream serverIn = new PipedInputStream(requests, 1 << 16);
      PipedInputStream responses = new PipedInputStream(1 << 16);
      PrintStream serverOut = new PrintStream(new PipedOutputStream(responses), true, StandardCharsets.UTF_8);
      PrintStream serverErr = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      thread = new Thread(() -> {
        Policyctl.run(new String[] {"serve", "--stdio"}, serverIn, serverOut, serverErr, Map.of(), Path.of(""));
        serverOut.close();
      }, "corpus-server");
      thread.start();
      toServer = new OutputStreamWriter(requests, StandardCharsets.UTF_8);
      fromServer = new BufferedReader(new InputStreamReader(responses, StandardCharsets.UTF_8));
    }

    String exchange(String line) throws IOException {
      toServer.write(line + "\n");
      toServer.flush();
      String response = fromServer.readLine();
      if (response == null) {
        throw new IOException("the server stopped");
      }
      return response;
    }

    @Override
    public void close() throws Exception {
      toServer.close();
      thread.join(10_000);
    }
  }

  @Test
  void everyCaseOfTheCorpusHoldsForThisImplementation() throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "corpus/ is not beside the module");
    List<CorpusRunner.Case> cases = CorpusRunner.read(CORPUS, null);
    Set<String> files = cases.stream().map(CorpusRunner.Case::file).collect(Collectors.toSet());
    assertEquals(Set.of("decisions.jsonl", "validation.jsonl", "canonicalization.jsonl"), files);
    assertTrue(cases.size() >= 100, "the corpus has " + cases.size() + " cases");
    List<CorpusRunner.Outcome> outcomes;
    try (Server server = new Server()) {
      outcomes = CorpusRunner.run(cases, server::exchange, Set.of());
    }
    ByteArrayOutputStream tap = new ByteArrayOutputStream();
    int status = CorpusRunner.report(outcomes, new PrintStream(tap, true, StandardCharsets.UTF_8));
    assertEquals(0, status, tap.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theRunnerFailsACaseWhoseExpectationDoesNotHold() throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "corpus/ is not beside the module");
    List<CorpusRunner.Case> wrong = new ArrayList<>();
    for (CorpusRunner.Case c : CorpusRunner.read(CORPUS, "canonicalization.jsonl")) {
      if (c.name().equals("a dot segment is removed")) {
        wrong.add(new CorpusRunner.Case(c.file(), c.line(), c.name(), c.spec(), c.request(),
            Map.of("ok", true, "path", "/a/./b")));
        wrong.add(new CorpusRunner.Case(c.file(), c.line(), "missing field", c.spec(), c.request(),
            Map.of("reason", "x")));
        wrong.add(new CorpusRunner.Case(c.file(), c.line(), "substring", c.spec(), c.request(),
            Map.of("path", Map.of("$substring", "/a/b"))));
      }
    }
    assertEquals(3, wrong.size());
    List<CorpusRunner.Outcome> outcomes;
    try (Server server = new Server()) {
      outcomes = CorpusRunner.run(wrong, server::exchange, Set.of());
    }
    assertEquals(List.of("/path: expected \"/a/./b\", got \"/a/b\""), outcomes.get(0).mismatches());
    assertEquals(List.of("/reason: missing, expected \"x\""), outcomes.get(1).mismatches());
    assertTrue(outcomes.get(2).passed());
    ByteArrayOutputStream tap = new ByteArrayOutputStream();
    assertEquals(1, CorpusRunner.report(outcomes, new PrintStream(tap, true, StandardCharsets.UTF_8)));
    String report = tap.toString(StandardCharsets.UTF_8);
    assertTrue(report.startsWith("TAP version 13\n1..3\nnot ok 1 - canonicalization.jsonl:"), report);
    assertTrue(report.contains("\nok 3 - "), report);
  }
}
