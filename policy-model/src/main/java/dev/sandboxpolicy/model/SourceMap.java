package dev.sandboxpolicy.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Positions of every node of a document that was read from text, by RFC 6901 JSON Pointer.
 *
 * <p>Validators use it to put a line and column on a problem found in the model. A mapping key has its own
 * position, kept apart from its value's, so that an unknown key can be reported where the key is written.
 */
public final class SourceMap {

  private static final SourceMap EMPTY = new SourceMap(Map.of(), Map.of());

  private final Map<String, SourceLocation> locations;
  private final Map<String, SourceLocation> keys;

  private SourceMap(Map<String, SourceLocation> locations, Map<String, SourceLocation> keys) {
    this.locations = Collections.unmodifiableMap(locations);
    this.keys = Collections.unmodifiableMap(keys);
  }

  /**
   * A source map over {@code values} (the position of the node at each pointer) and {@code keys} (the position of
   * the mapping key whose value is at each pointer). The maps are not copied: the caller hands them over.
   */
  public static SourceMap of(Map<String, SourceLocation> values, Map<String, SourceLocation> keys) {
    return new SourceMap(values, keys);
  }

  /** A source map with no positions (for documents built in code). */
  public static SourceMap empty() {
    return EMPTY;
  }

  /** The location of the node at {@code pointer}, if the document had one there. */
  public Optional<SourceLocation> locate(String pointer) {
    return Optional.ofNullable(locations.get(pointer));
  }

  /** The location of the key whose value is at {@code pointer}, falling back to the value's location. */
  public SourceLocation locateKey(String pointer) {
    SourceLocation key = keys.get(pointer);
    if (key != null) {
      return new SourceLocation(pointer, key.line(), key.column());
    }
    return nearest(pointer);
  }

  /**
   * The location of the node at {@code pointer}, or of its nearest ancestor that has one (with the requested
   * pointer kept), or a location with the pointer only.
   */
  public SourceLocation nearest(String pointer) {
    String p = pointer;
    while (true) {
      SourceLocation l = locations.get(p);
      if (l != null) {
        return new SourceLocation(pointer, l.line(), l.column());
      }
      if (p.isEmpty()) {
        return SourceLocation.ofPointer(pointer);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** The number of positioned nodes. */
  public int size() {
    return locations.size();
  }
}
