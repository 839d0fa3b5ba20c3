package dev.sandboxpolicy.model;

import java.util.Objects;

/**
 * One thing wrong with a document: a stable snake_case {@code code}, where it is, and a message for people.
 *
 * <p>Every reader, validator and merge in this library reports problems in this one shape, so that editors and
 * CI can show them the same way: {@code file:line:column: severity code message}.
 *
 * @param severity error or warning
 * @param code a stable snake_case identifier, the {@link ProblemCode#wireName()} of one of {@link ProblemCode}
 * @param pointer the RFC 6901 JSON Pointer of the offending node ({@code ""} for the whole document)
 * @param line 1-based line, or {@code 0} when no position exists
 * @param column 1-based column, or {@code 0} when no position exists
 * @param message a human-readable explanation
 */
public record Problem(Severity severity, String code, String pointer, int line, int column, String message) {

  /**
   * At most this many characters of a value the author wrote are shown in a message, so that a problem stays one
   * readable line even for a hostile megabyte-long key (upstream #3334 bounds its unknown-field paths the same way).
   */
  public static final int MAX_QUOTED_CHARS = 80;

  /** Validates the components. */
  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** An error at {@code location}. */
  public static Problem error(ProblemCode code, SourceLocation location, String message) {
    return of(Severity.ERROR, code, location, message);
  }

  /** A warning at {@code location}. */
  public static Problem warning(ProblemCode code, SourceLocation location, String message) {
    return of(Severity.WARNING, code, location, message);
  }

  /** A problem of {@code severity} at {@code location}. */
  public static Problem of(Severity severity, ProblemCode code, SourceLocation location, String message) {
    return new Problem(severity, code.wireName(), location.pointer(), location.line(), location.column(), message);
  }

  /** This problem at another place (for example once a merged document's source map is known). */
  public Problem at(SourceLocation location) {
    return new Problem(severity, code, location.pointer(), location.line(), location.column(), message);
  }

  /**
   * How a message shows a value the author wrote: in single quotes, control and line-separator characters written
   * as a backslash, {@code u} and four hex digits, cut after {@link #MAX_QUOTED_CHARS} characters with {@code ...}.
   *
   * <pre>{@code
   * Problem.quote("line\none");   // 'line\\u000aone': six characters for the line break, not the break
   * }</pre>
   */
  public static String quote(String written) {
    int shown = Math.min(written.length(), MAX_QUOTED_CHARS);
    StringBuilder out = new StringBuilder(shown + 8).append('\'');
    for (int i = 0; i < shown; i++) {
      char c = written.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (written.length() > shown) {
      out.append("...");
    }
    return out.append('\'').toString();
  }

  /** Whether this problem is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The location of this problem. */
  public SourceLocation location() {
    return new SourceLocation(pointer, line, column);
  }

  /** Renders {@code line:column: severity code message} (or the pointer when there is no position). */
  @Override
  public String toString() {
    String where = line > 0 ? line + ":" + column : (pointer.isEmpty() ? "/" : pointer);
    return where + ": " + severity.wireName() + " " + code + " " + message;
  }
}
