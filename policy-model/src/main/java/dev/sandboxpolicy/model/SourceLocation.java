package dev.sandboxpolicy.model;
/** x */
public record SourceLocation(String pointer, int line, int column) {
  /** none */
  public static final SourceLocation NONE = new SourceLocation("", 0, 0);
}
