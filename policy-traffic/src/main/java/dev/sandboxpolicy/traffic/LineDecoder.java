package dev.sandboxpolicy.traffic;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Recognises the format of one line (logs spec §1.1) and hands the decision part to the shorthand or JSON parser:
 *
 * <ul>
 *   <li>{@code {...}}: OCSF JSON Lines or a request line;
 *   <li>{@code [secs.millis] [source] [LEVEL] [target] message}: {@code openshell logs} output (only level
 *       {@code OCSF} carries events);
 *   <li>{@code <ISO-8601> OCSF <shorthand>}: the supervisor's stderr and log file (other levels are tracing
 *       lines);
 *   <li>a bare shorthand event.
 * </ul>
 *
 * Anything else is malformed. ANSI colour sequences (a terminal's stderr) are removed first.
 */
final class LineDecoder {

  private static final String OCSF_LEVEL = "OCSF";
  /** The tracing levels of non-OCSF lines (logs spec §1.1: {@code <ts> <LEVEL> <target>: <message>}). */
  private static final String[] TRACING_LEVELS = {"ERROR", "WARN", "INFO", "DEBUG", "TRACE"};
  private static final char ESC = '\u001b';

  private LineDecoder() {}

  /** Decodes {@code line}; {@code b} is a fresh builder that will hold the event. */
  static LineOutcome decode(String line, LogEvent.Builder b) {
    String text = line.indexOf(ESC) >= 0 ? stripAnsi(line) : line;
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (start == text.length()) {
      return LineOutcome.skipped(LineOutcome.BLANK);
    }
    char first = text.charAt(start);
    if (first == '{') {
      return JsonLineParser.parse(text, b);
    }
    if (first == '[') {
      return openshellLogs(text, start, b);
    }
    if (first >= '0' && first <= '9') {
      return supervisor(text, start, b);
    }
    if (ShorthandParser.looksLikeShorthand(text, start)) {
      b.format = LogFormat.SHORTHAND;
      return ShorthandParser.parse(text, start, b);
    }
    return LineOutcome.malformed("not a line of any known log format");
  }

  /** {@code [1755770400.123] [sandbox] [OCSF ] [ocsf] NET:OPEN ...}. */
  private static LineOutcome openshellLogs(String text, int start, LogEvent.Builder b) {
    int[] pos = {start};
    String time = group(text, pos);
    String source = group(text, pos);
    String level = group(text, pos);
    String target = group(text, pos);
    if (time == null || source == null || level == null || target == null) {
      return LineOutcome.malformed("not an 'openshell logs' line ([time] [source] [level] [target] message)");
    }
    int dot = time.indexOf('.');
    long secs = ShorthandParser.parseNonNegative(time, 0, dot < 0 ? time.length() : dot);
    long millis = dot < 0 ? 0 : ShorthandParser.parseNonNegative(time, dot + 1, time.length());
    if (secs < 0 || millis < 0) {
      return LineOutcome.malformed("'openshell logs' time is not seconds.millis: '" + ShorthandParser.clip(time) + "'");
    }
    if (!level.trim().equals(OCSF_LEVEL)) {
      return LineOutcome.skipped(LineOutcome.NOT_OCSF);
    }
    b.format = LogFormat.OPENSHELL_LOGS;
    b.timeMillis = secs * 1000 + millis;
    return ShorthandParser.parse(text, pos[0], b);
  }

  /** The text of the next {@code [..]} group followed by one space, advancing {@code pos}; null if none. */
  private static String group(String text, int[] pos) {
    int p = pos[0];
    if (p >= text.length() || text.charAt(p) != '[') {
      return null;
    }
    int close = text.indexOf(']', p + 1);
    if (close < 0) {
      return null;
    }
    String content = text.substring(p + 1, close);
    int next = close + 1;
    if (next < text.length() && text.charAt(next) == ' ') {
      next++;
    }
    pos[0] = next;
    return content;
  }

  /** {@code 2026-08-21T10:00:00.123Z OCSF NET:OPEN ...} or a tracing line {@code <ts>  INFO target: message}. */
  private static LineOutcome supervisor(String text, int start, LogEvent.Builder b) {
    int space = text.indexOf(' ', start);
    if (space < 0) {
      return LineOutcome.malformed("not a line of any known log format");
    }
    int p = space;
    while (p < text.length() && text.charAt(p) == ' ') {
      p++;
    }
    int levelEnd = text.indexOf(' ', p);
    String level = levelEnd < 0 ? text.substring(p) : text.substring(p, levelEnd);
    if (!level.equals(OCSF_LEVEL)) {
      for (String l : TRACING_LEVELS) {
        if (l.equals(level)) {
          return LineOutcome.skipped(LineOutcome.NOT_OCSF);
        }
      }
      return LineOutcome.malformed("not a line of any known log format");
    }
    try {
      b.timeMillis = Instant.parse(text.substring(start, space)).toEpochMilli();
    } catch (DateTimeParseException e) {
      return LineOutcome.malformed("supervisor line time is not ISO-8601: '"
          + ShorthandParser.clip(text.substring(start, space)) + "'");
    }
    if (levelEnd < 0) {
      return LineOutcome.malformed("OCSF line without an event");
    }
    b.format = LogFormat.SUPERVISOR;
    return ShorthandParser.parse(text, levelEnd + 1, b);
  }

  /** Removes CSI sequences ({@code ESC [ ... final byte}) and lone escapes. */
  static String stripAnsi(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ESC) {
        sb.append(c);
        continue;
      }
      if (i + 1 < s.length() && s.charAt(i + 1) == '[') {
        i += 2;
        while (i < s.length() && (s.charAt(i) < '@' || s.charAt(i) > '~')) {
          i++;
        }
      }
    }
    return sb.toString();
  }
}
