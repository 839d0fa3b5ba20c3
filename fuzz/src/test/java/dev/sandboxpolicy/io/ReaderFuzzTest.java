package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the policy reader: any bytes, as YAML and as JSON, in both modes. The reader must
 * never throw, and must answer either a value or at least one error, every problem with a snake_case code, a
 * message and (for errors) a location.
 */
class ReaderFuzzTest {
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  @FuzzTest(maxDuration = "60s")
  void readerNeverThrowsAndAlwaysExplains(byte[] input) {
    for (ReadMode mode : ReadMode.values()) {
      for (DocumentFormat format : DocumentFormat.values()) {
        ReadResult<Policy> read = PolicyReader.of(mode).readPolicy(input, format);
        assertTrue(read.value().isPresent() || read.hasErrors(), "neither a value nor an error");
        for (Problem p : read.problems()) {
          assertTrue(SNAKE_CASE.matcher(p.code()).matches(), p.toString());
          assertFalse(p.message().isBlank(), p.toString());
          if (p.isError()) {
            assertTrue(p.line() > 0 || !p.pointer().isEmpty() || p.code().equals("empty_document")
                || p.code().equals("missing_version") || p.code().equals("wrong_type"), p.toString());
          }
        }
      }
    }
  }
}
