package dev.sandboxpolicy.traffic.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a byte stream into lines without ever holding more than a bounded line in memory, then decodes each line
 * as strict UTF-8. A line ends at {@code \n} (a preceding {@code \r} is dropped) or at the end of input. A line
 * longer than the byte limit is read to its end, discarded, and reported as {@linkplain Line#tooLong() too long}; a
 * line that is not valid UTF-8 (including overlong forms and surrogates) is reported as {@linkplain Line#notUtf8()
 * not UTF-8} instead of being decoded to U+FFFD, so every reader refuses exactly the bytes the file readers refuse.
 *
 * <pre>{@code
 * BoundedLines lines = new BoundedLines(in, 1 << 20);
 * for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
 *   if (line.tooLong() || line.notUtf8()) {
 *     // report and go on: the next line is read normally
 *   }
 * }
 * }</pre>
 *
 * <p>Not thread-safe. The reader does not close the stream.
 */
public final class BoundedLines {

  /**
   * One input line: its text, or the fact that it was too long or not UTF-8 ({@code text} is then empty).
   *
   * @param text the line without its terminator
   * @param tooLong the line was longer than the limit
   * @param notUtf8 the line was not valid UTF-8
   */
  public record Line(String text, boolean tooLong, boolean notUtf8) {
    /**
     * A well-formed line.
     *
     * @param text the line without its terminator
     */
    public Line(String text) {
      this(text, false, false);
    }
  }

  /** The read buffer: large enough that a multi-gigabyte log is read in few calls, small enough per session. */
  private static final int BUFFER_BYTES = 1 << 16;

  /** The line buffer's starting size, and what it shrinks back to after a long line. */
  private static final int INITIAL_LINE_BYTES = 256;

  /** A line buffer larger than this is given back after use, so one long line does not pin memory for a session. */
  private static final int KEPT_LINE_BYTES = 4096;

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private byte[] line = new byte[INITIAL_LINE_BYTES];
  private int length;

  /**
   * Lines of {@code in}, each at most {@code maxBytes} bytes (not counting the line break).
   *
   * @param in the input
   * @param maxBytes the longest line accepted, at least 1
   */
  public BoundedLines(InputStream in, int maxBytes) {
    this.in = Objects.requireNonNull(in, "in");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /**
   * Returns the next line.
   *
   * @return the line, or {@code null} at the end of input
   * @throws IOException if the input cannot be read
   */
  public Line next() throws IOException {
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
          if (line.length > KEPT_LINE_BYTES) {
            line = new byte[INITIAL_LINE_BYTES];
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
    String text = decode(end);
    if (line.length > KEPT_LINE_BYTES && end < line.length / 4) {
      line = new byte[INITIAL_LINE_BYTES];
    }
    return text == null ? new Line("", false, true) : new Line(text);
  }

  /** The first {@code end} bytes of the line as strict UTF-8, or null when they are not UTF-8. */
  private String decode(int end) {
    boolean ascii = true;
    for (int i = 0; i < end && ascii; i++) {
      ascii = line[i] >= 0;
    }
    if (ascii) {
      return new String(line, 0, end, StandardCharsets.ISO_8859_1); // ASCII: every byte is its own character
    }
    try {
      return strict.reset().decode(ByteBuffer.wrap(line, 0, end)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
