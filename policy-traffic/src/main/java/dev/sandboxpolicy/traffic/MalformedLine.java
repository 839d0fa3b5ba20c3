package dev.sandboxpolicy.traffic;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * A line that could not be read: where it is and why. Reading goes on after it.
 *
 * <pre>{@code
 * for (MalformedLine m : reader.stats().malformedSamples()) {
 *   System.err.println(m.source() + ":" + m.line() + ": " + m.reason());
 * }
 * }</pre>
 */
public final class MalformedLine implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Orders samples by source name, then line: the order in which they are kept and printed. */
  static final Comparator<MalformedLine> ORDER =
      Comparator.comparing(MalformedLine::source).thenComparingLong(MalformedLine::line);

  private final String source;
  private final long line;
  private final String reason;

  private MalformedLine(String source, long line, String reason) {
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates a malformed-line record.
   *
   * @param source the input's name
   * @param line the 1-based line number
   * @param reason why the line could not be read
   * @return the record
   */
  static MalformedLine of(String source, long line, String reason) {
    return new MalformedLine(source, line, reason);
  }

  /**
   * Returns the input's name.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Returns the 1-based line number.
   *
   * @return the line
   */
  public long line() {
    return line;
  }

  /**
   * Returns why the line could not be read.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MalformedLine m && source.equals(m.source) && line == m.line && reason.equals(m.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, line, reason);
  }

  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
