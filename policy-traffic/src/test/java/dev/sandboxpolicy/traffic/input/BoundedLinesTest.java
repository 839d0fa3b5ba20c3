package dev.sandboxpolicy.traffic.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

  private static BoundedLines lines(byte[] input, int maxBytes) {
    return new BoundedLines(new ByteArrayInputStream(input), maxBytes);
  }

  @Test
  void splitsOnNewlinesDropsCarriageReturnsAndCountsBytes() throws IOException {
    byte[] input = ("x".repeat(100) + "\nok\r\n\n\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\nlast")
        .getBytes(StandardCharsets.UTF_8);
    BoundedLines lines = lines(input, 10);
    assertTrue(lines.next().tooLong());
    assertEquals(new BoundedLines.Line("ok"), lines.next());
    assertEquals(new BoundedLines.Line(""), lines.next());
    assertTrue(lines.next().tooLong(), "the limit counts bytes: six two-byte characters are 12 bytes");
    assertEquals(new BoundedLines.Line("last"), lines.next());
    assertNull(lines.next());
    assertNull(lines.next(), "the end stays the end");
  }

  @Test
  void aLineOfExactlyTheLimitIsKeptAndOneMoreByteIsTooLong() throws IOException {
    BoundedLines lines = lines("0123456789\r\n0123456789a\n0123456789".getBytes(StandardCharsets.UTF_8), 10);
    assertEquals(new BoundedLines.Line("0123456789"), lines.next(), "the \\r of a CRLF does not count");
    assertTrue(lines.next().tooLong());
    assertEquals(new BoundedLines.Line("0123456789"), lines.next(), "the last line needs no newline");
    assertNull(lines.next());
  }

  @Test
  void multiByteCharactersAreDecodedAndInvalidUtf8IsReportedNotReplaced() throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes("caf\u00e9 \u2192 \ud83d\ude00\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(new byte[] {'a', (byte) 0xC0, (byte) 0xAF, '\n'}); // overlong '/'
    in.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // a UTF-16 surrogate
    in.writeBytes(new byte[] {(byte) 0xFF, '\n'});
    in.writeBytes(new byte[] {(byte) 0xE2, (byte) 0x82, '\n'}); // cut in the middle of a character
    in.writeBytes("\ufffd is a real character\n".getBytes(StandardCharsets.UTF_8));
    BoundedLines lines = lines(in.toByteArray(), 100);
    assertEquals(new BoundedLines.Line("caf\u00e9 \u2192 \ud83d\ude00"), lines.next());
    for (int i = 0; i < 4; i++) {
      assertEquals(new BoundedLines.Line("", false, true), lines.next(), "invalid line " + i);
    }
    assertEquals(new BoundedLines.Line("\ufffd is a real character"), lines.next());
    assertNull(lines.next());
  }

  @Test
  void aLongLineIsReadToItsEndAndTheNextLineIsReadNormally() throws IOException {
    InputStream huge = new InputStream() { // 50 MiB of 'x' on one line, produced on the fly
      long left = 50L << 20;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        Arrays.fill(b, off, off + n, (byte) 'x');
        left -= n;
        return n;
      }
    };
    BoundedLines lines = new BoundedLines(
        new SequenceInputStream(huge, new ByteArrayInputStream("\nafter\n".getBytes(StandardCharsets.UTF_8))), 1 << 10);
    assertTrue(lines.next().tooLong());
    assertEquals(new BoundedLines.Line("after"), lines.next());
    assertNull(lines.next());
  }

  @Test
  void theLimitMustAllowALine() {
    assertThrows(IllegalArgumentException.class, () -> new BoundedLines(InputStream.nullInputStream(), 0));
  }
}
