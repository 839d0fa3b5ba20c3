package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.traffic.input.BoundedLines;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * <p>Lines are UTF-8: a line that is not (or is longer than {@value #MAX_LINE_BYTES} bytes) is malformed. Memory:
 * one line at a time (a longer line is skipped without being held), the tunnel table ({@link TunnelCorrelator#MAX_TRACKED_TUNNELS} destinations) and
 * the first {@value ReadStats#MAX_MALFORMED_SAMPLES} malformed-line records. Not thread-safe.
 */
public final class LogReader implements Closeable {

  /**
   * The longest line read, in bytes. Shorthand lines are short (reasons are cut at 256 bytes, logs spec
   * §1.2; {@code /v1/denials} cuts lines at 4096 bytes, §4.2); an OCSF JSON line is a few KiB. A line longer than
   * this is counted as malformed.
   */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /** The buffer of the gzip inflater and of the raw input. */
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final String source;
  private final CountingInputStream raw;
  private final InputStream decoded;
  private final BoundedLines reader;
  private final TunnelCorrelator correlator = new TunnelCorrelator();

  private long lines;
  private final EnumMap<LogFormat, Long> events = new EnumMap<>(LogFormat.class);
  private final TreeMap<String, Long> skipped = new TreeMap<>();
  private long malformed;
  private final List<MalformedLine> malformedSamples = new ArrayList<>();

  private LogReader(InputStream in, String source) throws IOException {
    this.source = source;
    this.raw = new CountingInputStream(in);
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    this.decoded = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2 ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
    this.reader = new BoundedLines(decoded, MAX_LINE_BYTES);
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
      BoundedLines.Line read = reader.next();
      if (read == null) {
        return null;
      }
      lines++;
      if (read.tooLong()) {
        malformed("line is longer than " + MAX_LINE_BYTES + " bytes");
        continue;
      }
      if (read.notUtf8()) {
        malformed("line is not valid UTF-8");
        continue;
      }
      String line = read.text();
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
    decoded.close();
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
