package dev.sandboxpolicy.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits the protocol's input into lines without ever holding more than a bounded line in memory. A line ends
 * at {@code \n} (a preceding {@code \r} is dropped) or at the end of input; a line longer than the limit is read
 * to its end, discarded, and reported as {@linkplain Line#tooLong() too long}.
 */
final class RequestLines {

  /** One input line, or the fact that it was too long. */
  record Line(String text, boolean tooLong) {}

  private static final int BUFFER_CHARS = 8192;

  private final Reader reader;
  private final int maxChars;
  private final char[] buffer = new char[BUFFER_CHARS];
  private int position;
  private int limit;

  RequestLines(Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  /** The next line, or {@code null} at the end of input. */
  Line next() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    boolean sawAnything = false;
    while (true) {
      if (position == limit) {
        limit = reader.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return sawAnything ? finish(line, tooLong) : null;
        }
      }
      sawAnything = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      if (!tooLong) {
        if (line.length() + length > maxChars + 1) { // +1: room for a trailing \r
          tooLong = true;
          line.setLength(0);
        } else {
          line.append(buffer, start, length);
        }
      }
      if (position < limit) {
        position++; // the '\n'
        return finish(line, tooLong);
      }
    }
  }

  private Line finish(StringBuilder line, boolean tooLong) {
    if (tooLong) {
      return new Line("", true);
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    if (end > maxChars) {
      return new Line("", true);
    }
    return new Line(line.substring(0, end), false);
  }
}
