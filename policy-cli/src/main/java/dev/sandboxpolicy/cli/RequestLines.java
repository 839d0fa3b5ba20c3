package dev.sandboxpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits the protocol's input into lines of bytes without ever holding more than a bounded line in memory, then
 * decodes each line as strict UTF-8. A line ends at {@code \n} (a preceding {@code \r} is dropped) or at the end of
 * input. A line longer than the byte limit is read to its end, discarded, and reported as {@linkplain
 * Line#tooLong() too long}; a line that is not valid UTF-8 (including overlong forms and surrogates) is reported as
 * {@linkplain Line#notUtf8() not UTF-8} instead of being decoded to U+FFFD, so the server refuses exactly the bytes
 * the file readers refuse.
 */
final class RequestLines {

  /** One input line: its text, or the fact that it was too long or not UTF-8 ({@code text} is then empty). */
  record Line(String text, boolean tooLong, boolean notUtf8) {
    /** A well-formed line. */
    Line(String text) {
      this(text, false, false);
    }
  }

  private static final int BUFFER_BYTES = 8192;

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int length;

  /**
   * Lines of {@code in}, each at most {@code maxBytes} bytes (not counting the line break).
   *
   * @param in the input
   * @param maxBytes the longest line accepted
   */
  RequestLines(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or {@code null} at the end of input. */
  Line next() throws IOException {
    length = 0;
    boolean tooLong = false;
    boolean sawAnything = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return sawAnything ? finish(tooLong) : null;
        }
      }
      sawAnything = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int n = position - start;
      if (!tooLong) {
        if ((long) length + n > (long) maxBytes + 1) { // +1: room for a trailing \r
          tooLong = true;
          length = 0;
          if (line.length > 4096) {
            line = new byte[256]; // do not keep a large buffer for the rest of the session
          }
        } else {
          append(start, n);
        }
      }
      if (position < limit) {
        position++; // the '\n'
        return finish(tooLong);
      }
    }
  }

  private void append(int start, int n) {
    if (length + n > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, length + n), (long) maxBytes + 1));
    }
    System.arraycopy(buffer, start, line, length, n);
    length += n;
  }

  private Line finish(boolean tooLong) {
    int end = length;
    if (end > 0 && line[end - 1] == '\r') {
      end--;
    }
    if (tooLong || end > maxBytes) {
      return new Line("", true, false);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line, 0, end))
          .toString();
    } catch (CharacterCodingException e) {
      return new Line("", false, true);
    }
    if (line.length > 4096 && end < line.length / 4) {
      line = new byte[256];
    }
    return new Line(text);
  }
}
