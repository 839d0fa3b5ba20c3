package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link SourceMap} from the reader's positioned tree. */
final class SourceMaps {
  private SourceMaps() {}

  /**
   * Walks a tree; shared (aliased) nodes are positioned at their first occurrence. The tree is already bounded by
   * the reader's node budget, which counts every alias expansion.
   */
  static SourceMap of(Node root) {
    Map<String, SourceLocation> values = new HashMap<>();
    Map<String, SourceLocation> keys = new HashMap<>();
    walk(root, "", values, keys);
    return SourceMap.of(values, keys);
  }

  private static void walk(Node node, String pointer, Map<String, SourceLocation> values,
      Map<String, SourceLocation> keys) {
    values.putIfAbsent(pointer, new SourceLocation(pointer, node.line, node.column));
    if (node instanceof Node.MapNode m) {
      for (Node.Entry e : m.entries.values()) {
        String child = JsonPointer.key(pointer, e.key());
        keys.putIfAbsent(child, new SourceLocation(child, e.keyLine(), e.keyColumn()));
        walk(e.value(), child, values, keys);
      }
    } else if (node instanceof Node.ListNode l) {
      for (int i = 0; i < l.items.size(); i++) {
        walk(l.items.get(i), JsonPointer.index(pointer, i), values, keys);
      }
    }
  }
}
