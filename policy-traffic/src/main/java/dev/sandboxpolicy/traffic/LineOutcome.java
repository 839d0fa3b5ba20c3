package dev.sandboxpolicy.traffic;

/** What one line turned out to be: an event, a line that records no decision, or a malformed line. */
final class LineOutcome {
  /** Skip category: a blank line. */
  static final String BLANK = "blank";
  /** Skip category: a tracing line that is not an OCSF event ({@code <ts> <LEVEL> <target>: <message>}). */
  static final String NOT_OCSF = "not_ocsf";
  /** Skip category: an OCSF event that is not a network or request decision (CONFIG, PROC, FINDING, ...). */
  static final String NOT_A_DECISION = "not_a_decision";
  /** Skip category: a network or request event without a destination host and port. */
  static final String NO_DESTINATION = "no_destination";
  /** Skip category: an L7 tunnel closed after a policy reload (logs spec §1.3 row 12): the end of a connection. */
  static final String TUNNEL_CLOSED = "tunnel_closed";

  private static final LineOutcome BLANK_LINE = new LineOutcome(null, BLANK, null);

  final LogEvent.Builder event;
  final String skipped;
  final String malformed;

  private LineOutcome(LogEvent.Builder event, String skipped, String malformed) {
    this.event = event;
    this.skipped = skipped;
    this.malformed = malformed;
  }

  static LineOutcome event(LogEvent.Builder event) {
    return new LineOutcome(event, null, null);
  }

  static LineOutcome skipped(String category) {
    return category.equals(BLANK) ? BLANK_LINE : new LineOutcome(null, category, null);
  }

  static LineOutcome malformed(String reason) {
    return new LineOutcome(null, null, reason);
  }
}
