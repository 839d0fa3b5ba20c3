package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Issue 19 items 4 and 6-8 for {@code serve --stdio}: memory, closed output, ids, encodings, {@code --watch}. */
class ServeRobustnessTest {

  @TempDir Path dir;

  private static List<String> serveBytes(StdioServer server, byte[] input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.serve(new ByteArrayInputStream(input), Policyctl.utf8(out));
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void idsAreEchoedExactlyAsWritten() throws IOException {
    List<String> ids = List.of("1E2", "1e999", "-0.0", "12345678901234567890123", "1.50", "\"x\\u0041\"",
        "[1E2, {\"a\": 2e-3}]", "null", "true");
    StringBuilder in = new StringBuilder();
    for (String id : ids) {
      in.append("{\"op\": \"hello\", \"id\": ").append(id).append("}\n");
      in.append("{\"id\": ").append(id).append(", \"op\": \"no_such_op\"}\n");
    }
    List<String> out = serveBytes(StdioServer.withAllOperations(), in.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(2 * ids.size(), out.size());
    for (int i = 0; i < ids.size(); i++) {
      assertTrue(out.get(2 * i).startsWith("{\"id\":" + ids.get(i) + ",\"ok\":true"), out.get(2 * i));
      assertTrue(out.get(2 * i + 1).startsWith("{\"id\":" + ids.get(i) + ",\"ok\":false"), out.get(2 * i + 1));
      Json.MAPPER.readTree(out.get(2 * i)); // still one valid JSON object
    }
  }

  @Test
  void invalidUtf8LinesAreBadRequestsAndTheServerCarriesOn() throws IOException {
    byte[][] bad = {
      {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, 0x28}
    };
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (byte[] b : bad) {
      in.writeBytes("{\"op\": \"validate\", \"id\": 1, \"yaml\": \"a: ".getBytes(StandardCharsets.UTF_8));
      in.writeBytes(b);
      in.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    in.writeBytes("{\"op\": \"hello\", \"id\": \"é\"}\n".getBytes(StandardCharsets.UTF_8));
    List<String> out = serveBytes(StdioServer.withAllOperations(), in.toByteArray());
    assertEquals(bad.length + 1, out.size());
    for (int i = 0; i < bad.length; i++) {
      JsonNode r = Json.MAPPER.readTree(out.get(i));
      assertEquals("bad_request", r.get("error").get("code").stringValue(), out.get(i));
      assertTrue(r.get("error").get("message").stringValue().contains("not valid UTF-8"), out.get(i));
      assertFalse(out.get(i).contains("\uFFFD"));
    }
    assertTrue(out.get(bad.length).startsWith("{\"id\":\"é\",\"ok\":true"), out.get(bad.length));
  }

  @Test
  void aRequestTheServerHasNoMemoryForIsResourceExhaustedAndCachesAreDropped() throws IOException {
    AtomicInteger released = new AtomicInteger();
    Map<String, Operation> ops = new LinkedHashMap<>();
    ops.put("hog", (request, response) -> {
      throw new OutOfMemoryError("Java heap space");
    });
    ops.put("cache", new Operation() {
      @Override
      public void apply(RequestFields request, tools.jackson.databind.node.ObjectNode response) {
        response.put("released", released.get());
      }

      @Override
      public void releaseMemory() {
        released.incrementAndGet();
      }
    });
    List<String> out = serveBytes(new StdioServer(ops),
        "{\"op\":\"hog\",\"id\":7}\n{\"op\":\"cache\",\"id\":8}\n".getBytes(StandardCharsets.UTF_8));
    JsonNode hog = Json.MAPPER.readTree(out.get(0));
    assertEquals(7, hog.get("id").intValue());
    assertEquals(StdioServer.RESOURCE_EXHAUSTED, hog.get("error").get("code").stringValue());
    assertEquals(1, Json.MAPPER.readTree(out.get(1)).get("released").intValue(), "the cache was dropped");
  }

  @Test
  void theDecideCacheIsBoundedByBytes() throws ProtocolError {
    long budget = 40_000 * DecideOperation.RETAINED_BYTES_PER_CHAR; // room for about 40,000 characters of policy
    DecideOperation decide = new DecideOperation(budget, null);
    for (int i = 0; i < 10; i++) {
      String policy = CliRun.POLICY + ("# " + "p".repeat(98) + "\n").repeat(30 * (1 + i % 5)) + "# " + i + "\n";
      tools.jackson.databind.node.ObjectNode request = Json.object();
      request.put("policy", policy);
      request.set("request", Json.tree(Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/gh")));
      decide.apply(new RequestFields(request), Json.object());
      assertTrue(decide.cachedWeight() <= budget, "weight " + decide.cachedWeight() + " > budget " + budget);
      assertTrue(decide.cachedPolicies() <= DecideOperation.CACHED_POLICIES);
    }
    assertTrue(decide.cachedPolicies() >= 2, "the cache still caches");
    tools.jackson.databind.node.ObjectNode huge = Json.object();
    huge.put("policy", CliRun.POLICY + "# " + "h".repeat(50_000) + "\n");
    huge.set("request", Json.tree(Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/gh")));
    decide.releaseMemory();
    decide.apply(new RequestFields(huge), Json.object());
    assertEquals(0, decide.cachedPolicies(), "a policy larger than the whole budget is not kept");
  }

  @Test
  void theServerStopsAsSoonAsStandardOutputFails() throws IOException {
    AtomicLong linesRead = new AtomicLong();
    byte[] hello = "{\"op\":\"hello\"}\n".getBytes(StandardCharsets.UTF_8);
    InputStream endless = new InputStream() { // a client that never stops sending
      long position;

      @Override
      public int read() {
        int b = hello[(int) (position++ % hello.length)];
        if (b == '\n') {
          linesRead.incrementAndGet();
        }
        return b;
      }
    };
    AtomicInteger writes = new AtomicInteger();
    OutputStream closedAfterTwo = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (writes.incrementAndGet() > 2) {
          throw new IOException("Broken pipe");
        }
      }
    };
    PrintStream out = new PrintStream(closedAfterTwo, false, StandardCharsets.UTF_8);
    StdioServer.withAllOperations().serve(endless, out); // returns instead of serving forever
    assertTrue(out.checkError());
    assertTrue(linesRead.get() < 10_000, "stopped after " + linesRead.get() + " lines");

    CliRun r = CliRun.run(dir, "serve", "--stdio", "--max-line-bytes", "0");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
  }

  /** The real process: its standard output pipe is closed by the client; the server exits promptly with 2. */
  @Test
  void aServerWhoseStandardOutputIsClosedExitsPromptly() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Policyctl.class.getName(),
        "serve", "--stdio").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getInputStream().close(); // nobody reads the responses
    long start = System.nanoTime();
    try (OutputStream in = p.getOutputStream()) {
      byte[] hello = "{\"op\":\"hello\"}\n".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 2_000 && p.isAlive(); i++) { // keeps stdin open and busy: only stdout is gone
        in.write(hello);
        in.flush();
        Thread.sleep(5);
      }
    } catch (IOException e) {
      // the server exited and closed its end of stdin: that is the point
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server exits although stdin stays open");
    assertEquals(ExitCode.USAGE, p.exitValue(), "standard output failed");
    System.out.println("[robustness] serve with a closed stdout exited after "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  /** The real process at -Xmx64m: overlong and memory-hungry lines are answered, and the server goes on. */
  @Test
  void aSmallHeapServerAnswersEveryLineAndKeepsServing() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        Policyctl.class.getName(), "serve", "--stdio").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> responses = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          responses.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write("{\"op\":\"hello\",\"id\":1}\n".getBytes(StandardCharsets.UTF_8));
      byte[] twelveMiB = new byte[12 << 20]; // one 12 MiB line: refused as it streams past, never held
      Arrays.fill(twelveMiB, (byte) 'x');
      in.write(twelveMiB);
      in.write('\n');
      // 7.5 MB of empty objects: within the line limit, but millions of tree nodes do not fit in 64 MiB
      in.write("{\"op\":\"hello\",\"id\":3,\"pad\":[".getBytes(StandardCharsets.UTF_8));
      byte[] objects = "{},".repeat(2_500_000).getBytes(StandardCharsets.UTF_8);
      in.write(objects);
      in.write("{}]}\n".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 6; i++) { // distinct large policies: the decide cache must stay bounded
        String policy = CliRun.POLICY + ("# " + "c".repeat(98) + "\n").repeat(2_000) + "# " + i + "\n";
        in.write(Json.write(Json.tree(Map.of("op", "decide", "id", 10 + i, "policy", policy, "request",
            Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/gh")))).getBytes(StandardCharsets.UTF_8));
        in.write('\n');
      }
      in.write("{\"op\":\"hello\",\"id\":99}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server ended at the end of input");
    reader.join();
    assertEquals(0, p.exitValue());
    assertEquals(10, responses.size(), "one response per line");
    assertTrue(responses.get(0).startsWith("{\"id\":1,\"ok\":true"));
    JsonNode tooLong = Json.MAPPER.readTree(responses.get(1));
    assertEquals("bad_request", tooLong.get("error").get("code").stringValue());
    JsonNode nodes = Json.MAPPER.readTree(responses.get(2));
    assertTrue(nodes.get("ok").booleanValue()
        || StdioServer.RESOURCE_EXHAUSTED.equals(nodes.get("error").get("code").stringValue()), responses.get(2));
    System.out.println("[robustness] -Xmx64m server, 7.5 MB line of 2.5 M objects: "
        + (nodes.get("ok").booleanValue() ? "served" : "resource_exhausted"));
    for (int i = 3; i < 9; i++) {
      JsonNode d = Json.MAPPER.readTree(responses.get(i));
      assertTrue(d.get("ok").booleanValue(), responses.get(i));
      assertEquals("allow", d.get("decision").stringValue());
    }
    assertTrue(responses.get(9).startsWith("{\"id\":99,\"ok\":true"), "still serving after all of it");
  }

  /** {@code serve --watch}: decide without "policy" uses the file, reloaded after a rename. */
  @Test
  void watchedPolicyIsUsedAndReloadedAfterARename() throws Exception {
    Path policy = CliRun.write(dir, "live.yaml", CliRun.POLICY);
    PipedOutputStream client = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(client, 1 << 16);
    PipedInputStream clientIn = new PipedInputStream(1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger status = new AtomicInteger(-1);
    Thread server = new Thread(() -> status.set(Policyctl.run(new String[] {"serve", "--stdio", "--watch", "live.yaml"},
        serverIn, Policyctl.utf8(serverOut), Policyctl.utf8(err), Map.of(), dir)));
    server.start();
    BufferedReader responses = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
    String ask = Json.write(Json.tree(Map.of("op", "decide", "request",
        Map.of("host", "api.github.com", "port", 443, "binary", "/usr/bin/gh")))) + "\n";
    client.write(ask.getBytes(StandardCharsets.UTF_8));
    client.flush();
    JsonNode first = Json.MAPPER.readTree(responses.readLine());
    assertEquals("allow", first.get("decision").stringValue(), first::toString);

    Path temp = CliRun.write(dir, ".live.yaml.tmp", "version: 1\nnetwork_policies: {}\n");
    Files.move(temp, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    JsonNode later = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      client.write(ask.getBytes(StandardCharsets.UTF_8));
      client.flush();
      later = Json.MAPPER.readTree(responses.readLine());
      if (!later.get("decision").stringValue().equals("allow")) {
        break;
      }
      Thread.sleep(50);
    }
    assertNotNull(later);
    assertEquals("deny", later.get("decision").stringValue(), "the new revision is live: " + later);
    client.close();
    server.join(10_000);
    assertEquals(ExitCode.OK, status.get(), err::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("live.yaml: revision"), err::toString);
  }
}
