package dev.sandboxpolicy.traffic;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads decision events from one log input, a line at a time, in constant memory. Every format of {@link
 * LogFormat} is recognised per line, so files may mix them; gzip-compressed input is recognised by its magic bytes
 * (whatever the file is called). Lines that record no decision are skipped and counted; malformed lines are
 * counted with their line numbers ({@link #stats()}) and reading goes on. In-tunnel L7 lines get the binary of the
 * CONNECT that opened their tunnel when the log makes that unambiguous (see {@link LogEvent#binaryCorrelated()}).
 *
 * <pre>{@code
 * try (LogReader reader = LogReader.open(Path.of("sandbox.log.gz"))) {
 *   LogEvent e;
 *   while ((e = reader.next()) != null) {
 *     // ...
 *   }
 *   System.err.println(reader.stats().malformedLines() + " malformed lines");
 * }
 * }</pre>
 *
 * <p>Memory: one line at a time (a line longer than {@value #MAX_LINE_CHARS} characters is malformed and
 * skipped without being held), the tunnel table ({@link TunnelCorrelator#MAX_TRACKED_TUNNELS} destinations) and
 * the first {@value ReadStats#MAX_MALFORMED_SAMPLES} malformed-line records. Not thread-safe.
 */
public final class LogReader implements Closeable {

  /**
   * The longest line read, in characters. Shorthand lines are short (reasons are cut at 256 bytes, logs spec
   * §1.2; {@code /v1/denials} cuts lines at 4096 bytes, §4.2); an OCSF JSON line is a few KiB. A line longer than
   * this is counted as malformed.
   */
  public static final int MAX_LINE_CHARS = 1 << 20;

  private static final int BUFFER_CHARS = 1 << 16;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final String source;
  private final CountingInputStream raw;
  private final Reader reader;
  private final char[] buffer = new char[BUFFER_CHARS];
  private int position;
  private int limit;
  private boolean eof;
  private final StringBuilder lineBuffer = new StringBuilder(256);
  private final TunnelCorrelator correlator = new TunnelCorrelator();

  private long lines;
  private final EnumMap<LogFormat, Long> events = new EnumMap<>(LogFormat.class);
  private final TreeMap<String, Long> skipped = new TreeMap<>();
  private long malformed;
  private final List<MalformedLine> malformedSamples = new ArrayList<>();

  private LogReader(InputStream in, String source) throws IOException {
    this.source = source;
    this.raw = new CountingInputStream(in);
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_CHARS);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    InputStream decoded = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2
        ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER_CHARS), BUFFER_CHARS) : buffered;
    this.reader = new InputStreamReader(decoded, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  /**
   * Opens a log file (plain or gzip-compressed).
   *
   * @param file the file
   * @return a reader named after the file
   * @throws IOException if the file cannot be opened or its gzip header is broken
   */
  public static LogReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      return new LogReader(in, file.toString());
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Reads a stream (plain or gzip-compressed), for example standard input. Closing the reader closes the stream.
   *
   * @param in the stream
   * @param sourceName the name used in events and malformed-line records, e.g. {@code -}
   * @return the reader
   * @throws IOException if the stream's gzip header is broken
   */
  public static LogReader of(InputStream in, String sourceName) throws IOException {
    return new LogReader(in, sourceName);
  }

  /**
   * Returns the name of the input.
   *
   * @return the source name
   */
  public String source() {
    return source;
  }

  /**
   * Returns the next decision event, skipping and counting the lines that are not events.
   *
   * @return the event, or {@code null} at the end of the input
   * @throws IOException if the input cannot be read (a truncated gzip stream, for example)
   */
  public LogEvent next() throws IOException {
    while (true) {
      String line = readLine();
      if (line == null) {
        return null;
      }
      lines++;
      if (line == TOO_LONG) {
        malformed("line is longer than " + MAX_LINE_CHARS + " characters");
        continue;
      }
      LogEvent.Builder b = LogEvent.builder();
      b.source = source;
      b.line = lines;
      LineOutcome outcome;
      try {
        outcome = LineDecoder.decode(line, b);
      } catch (RuntimeException e) { // a parser bug must not end the read: count the line, go on
        outcome = LineOutcome.malformed("unreadable line (" + e.getClass().getSimpleName() + ")");
      }
      if (outcome.event != null) {
        LogEvent e = correlator.observe(outcome.event.build());
        events.merge(e.format(), 1L, Long::sum);
        return e;
      }
      if (outcome.skipped != null) {
        skipped.merge(outcome.skipped, 1L, Long::sum);
      } else {
        malformed(outcome.malformed);
      }
    }
  }

  private void malformed(String reason) {
    malformed++;
    if (malformedSamples.size() < ReadStats.MAX_MALFORMED_SAMPLES) {
      malformedSamples.add(MalformedLine.of(source, lines, reason));
    }
  }

  /**
   * Returns the counts so far: lines, events, skipped and malformed lines.
   *
   * @return a snapshot
   */
  public ReadStats stats() {
    return ReadStats.of(lines, events, skipped, malformed, malformedSamples);
  }

  /**
   * Returns how many bytes of the underlying input (compressed bytes for gzip) have been consumed; for progress.
   *
   * @return the byte count
   */
  public long bytesRead() {
    return raw.count;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  // ------------------------------------------------------------------------------------------- lines

  /** Marks a line longer than {@link #MAX_LINE_CHARS}; compared by identity. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String TOO_LONG = new String("<too long>");

  /** The next line without its terminator ({@code \n}, {@code \r\n}), {@link #TOO_LONG}, or null at the end. */
  private String readLine() throws IOException {
    lineBuffer.setLength(0);
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        if (eof) {
          return any ? finish(tooLong) : null;
        }
        limit = reader.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          eof = true;
          continue;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      if (!tooLong) {
        if (lineBuffer.length() + length > MAX_LINE_CHARS + 1) {
          tooLong = true;
          lineBuffer.setLength(0);
        } else {
          lineBuffer.append(buffer, start, length);
        }
      }
      if (position < limit) {
        position++; // the '\n'
        return finish(tooLong);
      }
    }
  }

  private String finish(boolean tooLong) {
    if (tooLong) {
      return TOO_LONG;
    }
    int end = lineBuffer.length();
    if (end > 0 && lineBuffer.charAt(end - 1) == '\r') {
      end--;
    }
    return end > MAX_LINE_CHARS ? TOO_LONG : lineBuffer.substring(0, end);
  }

  /** Counts the bytes read from the raw input, for progress reports. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skippedBytes = super.skip(n);
      count += skippedBytes;
      return skippedBytes;
    }
  }
}
