package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Coverage-guided fuzzing of the stdio line handler: any bytes on one line get exactly one response line, a JSON
 * object with a boolean {@code ok}; a failure carries a snake_case {@code error.code} and a message. Nothing throws.
 */
class StdioLineFuzzTest {
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  /** Small enough that the line limit is reachable by the fuzzer. */
  private static final StdioServer SERVER = StdioServer.withAllOperations(4096, null);

  @FuzzTest(maxDuration = "60s")
  void everyLineGetsExactlyOneWellFormedResponse(byte[] input) throws IOException {
    byte[] line = input.clone();
    for (int i = 0; i < line.length; i++) {
      if (line[i] == '\n') {
        line[i] = ' '; // one request line
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SERVER.serve(new ByteArrayInputStream(line), Policyctl.utf8(out));
    List<String> responses = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(line.length == 0 ? 0 : 1, responses.size(), responses.toString());
    if (responses.isEmpty()) {
      return;
    }
    JsonNode r = Json.MAPPER.readTree(responses.get(0));
    assertTrue(r.isObject() && r.get("ok").isBoolean(), responses.get(0));
    if (!r.get("ok").booleanValue()) {
      String code = r.get("error").get("code").stringValue();
      assertTrue(SNAKE_CASE.matcher(code).matches(), code);
      assertTrue(!r.get("error").get("message").stringValue().isBlank(), responses.get(0));
      assertTrue(!code.equals(ProtocolError.INTERNAL_ERROR), "internal error: " + responses.get(0));
    }
  }
}
