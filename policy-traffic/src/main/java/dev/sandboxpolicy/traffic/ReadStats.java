package dev.sandboxpolicy.traffic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What reading logs found, line by line: how many lines, how many decision events (by format), how many lines
 * were skipped because they record no decision (by category), and how many were malformed, with the first
 * {@value #MAX_MALFORMED_SAMPLES} of them (by source and line). Immutable; {@link #plus(ReadStats)} adds two
 * counts and is associative and commutative, so counts from many files or machines combine in any order.
 *
 * <pre>{@code
 * ReadStats total = ReadStats.empty();
 * for (Path p : logs) {
 *   try (LogReader r = LogReader.open(p)) {
 *     while (r.next() != null) { }
 *     total = total.plus(r.stats());
 *   }
 * }
 * }</pre>
 */
public final class ReadStats implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many malformed lines are kept with their line numbers; the rest are only counted. */
  public static final int MAX_MALFORMED_SAMPLES = 100;

  private static final ReadStats EMPTY = new ReadStats(0, 0, new EnumMap<>(LogFormat.class), new TreeMap<>(), 0,
      List.of());

  private final long sources;
  private final long lines;
  private final EnumMap<LogFormat, Long> eventsByFormat;
  private final TreeMap<String, Long> skipped;
  private final long malformed;
  private final List<MalformedLine> malformedSamples;

  private ReadStats(long sources, long lines, EnumMap<LogFormat, Long> eventsByFormat, TreeMap<String, Long> skipped,
      long malformed, List<MalformedLine> malformedSamples) {
    this.sources = sources;
    this.lines = lines;
    this.eventsByFormat = eventsByFormat;
    this.skipped = skipped;
    this.malformed = malformed;
    this.malformedSamples = malformedSamples;
  }

  /**
   * Returns the counts of nothing read.
   *
   * @return the empty counts
   */
  public static ReadStats empty() {
    return EMPTY;
  }

  /** The counts of one input; {@code samples} are in line order. */
  static ReadStats of(long lines, EnumMap<LogFormat, Long> eventsByFormat, TreeMap<String, Long> skipped,
      long malformed, List<MalformedLine> samples) {
    return new ReadStats(1, lines, new EnumMap<>(eventsByFormat), new TreeMap<>(skipped), malformed,
        List.copyOf(samples));
  }

  /**
   * Returns these counts plus {@code other}'s. Associative and commutative.
   *
   * @param other more counts
   * @return the sum
   */
  public ReadStats plus(ReadStats other) {
    EnumMap<LogFormat, Long> events = new EnumMap<>(eventsByFormat);
    other.eventsByFormat.forEach((k, v) -> events.merge(k, v, Long::sum));
    TreeMap<String, Long> skips = new TreeMap<>(skipped);
    other.skipped.forEach((k, v) -> skips.merge(k, v, Long::sum));
    List<MalformedLine> samples = new ArrayList<>(malformedSamples);
    samples.addAll(other.malformedSamples);
    samples.sort(MalformedLine.ORDER);
    if (samples.size() > MAX_MALFORMED_SAMPLES) {
      samples = samples.subList(0, MAX_MALFORMED_SAMPLES);
    }
    return new ReadStats(sources + other.sources, lines + other.lines, events, skips, malformed + other.malformed,
        List.copyOf(samples));
  }

  /**
   * Returns how many inputs (files, standard input) were read.
   *
   * @return the number of inputs
   */
  public long sources() {
    return sources;
  }

  /**
   * Returns how many lines were read.
   *
   * @return the number of lines
   */
  public long lines() {
    return lines;
  }

  /**
   * Returns how many decision events were read.
   *
   * @return the number of events
   */
  public long events() {
    return eventsByFormat.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns how many decision events were read in each format.
   *
   * @return an unmodifiable map (formats without events are absent)
   */
  public Map<LogFormat, Long> eventsByFormat() {
    return Collections.unmodifiableMap(eventsByFormat);
  }

  /**
   * Returns how many lines were skipped because they record no decision.
   *
   * @return the number of skipped lines
   */
  public long skippedLines() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns the skipped lines by category: {@code blank}, {@code not_ocsf} (tracing lines), {@code not_a_decision}
   * (CONFIG, PROC, FINDING and other OCSF events), {@code no_destination}, {@code tunnel_closed}.
   *
   * @return an unmodifiable sorted map
   */
  public Map<String, Long> skippedByCategory() {
    return Collections.unmodifiableMap(skipped);
  }

  /**
   * Returns how many lines were malformed.
   *
   * @return the number of malformed lines
   */
  public long malformedLines() {
    return malformed;
  }

  /**
   * Returns the first {@value #MAX_MALFORMED_SAMPLES} malformed lines by source name and line number.
   *
   * @return an immutable list
   */
  public List<MalformedLine> malformedSamples() {
    return malformedSamples;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadStats s
        && sources == s.sources
        && lines == s.lines
        && eventsByFormat.equals(s.eventsByFormat)
        && skipped.equals(s.skipped)
        && malformed == s.malformed
        && malformedSamples.equals(s.malformedSamples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sources, lines, eventsByFormat, skipped, malformed, malformedSamples);
  }

  @Override
  public String toString() {
    return "ReadStats[" + lines + " lines, " + events() + " events, " + skippedLines() + " skipped, " + malformed
        + " malformed]";
  }
}
