package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.SourceLocation;

/**
 * Turns a JSON Pointer into a line and column. Implementations return the location of the node itself or, when
 * it has none (an absent key, a model built in code), of its nearest located ancestor, always keeping the
 * requested pointer.
 */
@FunctionalInterface
interface Locator {

  /** A locator that knows no positions: line and column are {@code 0}. */
  Locator NONE = pointer -> new SourceLocation(pointer, 0, 0);

  /** The location for {@code pointer}; never null. */
  SourceLocation locate(String pointer);

  /** The location of the mapping key whose value is at {@code pointer}, when known; else {@link #locate}. */
  default SourceLocation locateKey(String pointer) {
    return locate(pointer);
  }

  /**
   * Whether the source text has a value at exactly {@code pointer}: tells an empty list that was written
   * ({@code fields: []}) from an absent key, which the model reads the same. False when there is no source text.
   */
  default boolean written(String pointer) {
    return false;
  }
}
