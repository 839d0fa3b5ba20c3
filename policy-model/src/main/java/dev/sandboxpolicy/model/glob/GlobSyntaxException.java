package dev.sandboxpolicy.model.glob;

/**
 * Thrown by {@link GlobPattern#parse(String, GlobDelimiters)} when a pattern does not compile. Carries the {@link
 * GlobError} (code, offset, message); callers that must not throw use {@link GlobPattern#check(String,
 * GlobDelimiters)} instead.
 */
public final class GlobSyntaxException extends IllegalArgumentException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** What is wrong (not serialized). */
  private final transient GlobError error;
  /** The pattern as written. */
  private final String pattern;

  /**
   * Creates the exception.
   *
   * @param pattern the pattern as written
   * @param error what is wrong with it
   */
  public GlobSyntaxException(String pattern, GlobError error) {
    super("invalid glob '" + pattern + "': " + error);
    this.pattern = pattern;
    this.error = error;
  }

  /**
   * Returns what is wrong with the pattern.
   *
   * @return the error
   */
  public GlobError error() {
    return error;
  }

  /**
   * Returns the pattern as written.
   *
   * @return the pattern
   */
  public String pattern() {
    return pattern;
  }
}
