package dev.sandboxpolicy.model.glob;

import java.util.Objects;

/**
 * One reason a glob pattern does not compile: a {@link GlobErrorKind}, the offset (UTF-16 index into the pattern as
 * written, before the delimiter transformation) of the character that caused it, and a human-readable message.
 *
 * <pre>{@code
 * GlobError e = GlobPattern.check("v[2-1]", GlobDelimiters.DOT).orElseThrow();
 * e.code();    // "glob_invalid_range"
 * e.offset();  // 2
 * }</pre>
 */
public final class GlobError {
  private final GlobErrorKind kind;
  private final int offset;
  private final String message;

  private GlobError(GlobErrorKind kind, int offset, String message) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.offset = offset;
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * Creates an error.
   *
   * @param kind what is wrong
   * @param offset index into the original pattern, {@code >= 0}
   * @param message human-readable explanation
   * @return the error
   */
  public static GlobError of(GlobErrorKind kind, int offset, String message) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
    return new GlobError(kind, offset, message);
  }

  /**
   * Returns what is wrong.
   *
   * @return the kind
   */
  public GlobErrorKind kind() {
    return kind;
  }

  /**
   * Returns the stable snake_case code, same as {@code kind().wireName()}.
   *
   * @return e.g. {@code glob_unclosed_alternates}
   */
  public String code() {
    return kind.wireName();
  }

  /**
   * Returns the UTF-16 index, in the pattern as written, of the character the error is about (the opening {@code [}
   * or <code>{</code> of an unclosed group, the stray <code>}</code>, the trailing backslash, the start of a reversed
   * range, the U+0000).
   *
   * @return the offset
   */
  public int offset() {
    return offset;
  }

  /**
   * Returns a human-readable explanation that names the offending characters.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GlobError)) {
      return false;
    }
    GlobError other = (GlobError) o;
    return kind == other.kind && offset == other.offset && message.equals(other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, offset, message);
  }

  @Override
  public String toString() {
    return kind.wireName() + " at " + offset + ": " + message;
  }
}
