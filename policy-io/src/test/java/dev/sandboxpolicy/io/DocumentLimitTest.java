package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 9: the document limit is {@link ReadLimits#DEFAULT_MAX_DOCUMENT_BYTES} bytes, as documented, and
 * exceeding it is {@code document_too_large}; the YAML engine's own code-point limit (3 Mi) no longer refuses
 * documents inside it with a {@code yaml_syntax} at some line.
 */
class DocumentLimitTest {

  /** A policy of about {@code bytes} bytes of real content (binaries), not comments. */
  static String policyOf(int bytes, String binaryPrefix) {
    StringBuilder sb = new StringBuilder("version: 1\nnetwork_policies:\n  a:\n"
        + "    endpoints: [{host: a.example.com, port: 443}]\n    binaries:\n");
    for (int i = 0; sb.length() < bytes; i++) {
      sb.append("      - path: ").append(binaryPrefix).append(i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void aDocumentJustUnderTheByteLimitReadsWhateverItsCodePointCount() {
    int limit = ReadLimits.DEFAULT_MAX_DOCUMENT_BYTES;
    String ascii = policyOf(limit - 200, "/usr/bin/" + "b".repeat(60)); // ~4 Mi code points, past the engine's 3 Mi
    assertTrue(ascii.length() > 3 * 1024 * 1024 && ascii.length() <= limit);
    ReadResult<Policy> read = PolicyReader.of(ReadMode.STRICT).readPolicy(ascii);
    assertEquals(List.of(), read.problems());
    assertTrue(read.value().orElseThrow().networkPolicies().get("a").binaries().size() > 40_000);
  }

  @Test
  void aDocumentOverTheByteLimitIsDocumentTooLargeCountingBytesNotCharacters() {
    int limit = ReadLimits.DEFAULT_MAX_DOCUMENT_BYTES;
    String over = policyOf(limit + 1, "/usr/bin/" + "b".repeat(60));
    // 2 Mi characters, two thirds of them three bytes each: fewer characters than the limit, more bytes.
    String wide = policyOf(limit / 2, "/usr/bin/" + "\u20ac".repeat(60));
    assertTrue(wide.length() < limit && wide.getBytes(StandardCharsets.UTF_8).length > limit);
    for (String text : List.of(over, wide)) {
      for (ReadResult<Policy> read : List.of(PolicyReader.of(ReadMode.STRICT).readPolicy(text),
          PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(text.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML))) {
        List<Problem> problems = read.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("document_too_large", problems.get(0).code());
        assertEquals(1, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("limit is " + limit + " bytes"), problems.get(0).message());
      }
    }
  }
}
