package dev.sandboxpolicy.model;

import java.util.Objects;

/**
 * Where a node of a document came from: an RFC 6901 JSON Pointer into the document and, when the node was read
 * from text, its 1-based line and column.
 *
 * <p>Line and column are {@code 0} when no position exists (for example for a node built in code, or for a node
 * produced by a merge). {@link #hasPosition()} tells the two apart.
 *
 * @param pointer the JSON Pointer of the node ({@code ""} is the document root)
 * @param line the 1-based line, or {@code 0} when unknown
 * @param column the 1-based column, or {@code 0} when unknown
 */
public record SourceLocation(String pointer, int line, int column) {

  /** The location of a node that was not read from text. */
  public static final SourceLocation NONE = new SourceLocation("", 0, 0);

  /** Validates the components. */
  public SourceLocation {
    Objects.requireNonNull(pointer, "pointer");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0");
    }
  }

  /** Returns a location with a pointer only (no line or column). */
  public static SourceLocation ofPointer(String pointer) {
    return new SourceLocation(pointer, 0, 0);
  }

  /** Whether this location carries a line and column. */
  public boolean hasPosition() {
    return line > 0;
  }

  /** Renders {@code line:column}, or the pointer when there is no position. */
  @Override
  public String toString() {
    return hasPosition() ? line + ":" + column + " (" + pointer + ")" : pointer;
  }
}
