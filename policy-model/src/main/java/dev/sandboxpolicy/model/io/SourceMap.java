package dev.sandboxpolicy.model.io;

import dev.sandboxpolicy.model.SourceLocation;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Positions of every node of a document that was read from text, by RFC 6901 JSON Pointer.
 *
 * <p>Validators use it to put a line and column on a problem found in the model. A mapping key has its own
 * position under the pointer of its value with {@link #keyPointer(String) a key marker}, so that an unknown key
 * can be reported where the key is written.
 */
public final class SourceMap {

  private static final SourceMap EMPTY = new SourceMap(Map.of());
  private static final String KEY_SUFFIX = "#key";

  private final Map<String, SourceLocation> locations;

  SourceMap(Map<String, SourceLocation> locations) {
    this.locations = Collections.unmodifiableMap(locations);
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
    SourceLocation key = locations.get(keyPointer(pointer));
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

  /** The internal pointer under which a key's own position is stored. */
  static String keyPointer(String valuePointer) {
    return valuePointer + KEY_SUFFIX;
  }

  /** Escapes one reference token of a JSON Pointer (RFC 6901 §3: {@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Builds a source map by walking a tree; shared (aliased) nodes are positioned at their first occurrence. The
   * tree is already bounded by the reader's node budget, which counts every alias expansion.
   */
  static SourceMap of(Node root) {
    Map<String, SourceLocation> map = new HashMap<>();
    walk(root, "", map);
    return new SourceMap(map);
  }

  private static void walk(Node node, String pointer, Map<String, SourceLocation> map) {
    map.putIfAbsent(pointer, new SourceLocation(pointer, node.line, node.column));
    if (node instanceof Node.MapNode m) {
      for (Node.Entry e : m.entries.values()) {
        String child = pointer + "/" + escape(e.key());
        map.putIfAbsent(keyPointer(child), new SourceLocation(child, e.keyLine(), e.keyColumn()));
        walk(e.value(), child, map);
      }
    } else if (node instanceof Node.ListNode l) {
      for (int i = 0; i < l.items.size(); i++) {
        walk(l.items.get(i), pointer + "/" + i, map);
      }
    }
  }
}
