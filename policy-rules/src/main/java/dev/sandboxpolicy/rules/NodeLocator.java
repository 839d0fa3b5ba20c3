package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.PolicyNode;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Locator} built from the locations the reader stored on model nodes. The validator remembers each node
 * before checking it; a pointer without its own node (a scalar field, an absent key) gets the position of its
 * nearest remembered ancestor.
 */
final class NodeLocator implements Locator {
  private final Map<String, SourceLocation> byPointer = new HashMap<>();

  void remember(String pointer, PolicyNode node) {
    SourceLocation at = node.location();
    if (at.line() > 0) {
      byPointer.put(pointer, at);
    }
  }

  @Override
  public SourceLocation locate(String pointer) {
    String p = pointer;
    while (true) {
      SourceLocation at = byPointer.get(p);
      if (at != null) {
        return new SourceLocation(pointer, at.line(), at.column());
      }
      if (p.isEmpty()) {
        return new SourceLocation(pointer, 0, 0);
      }
      p = JsonPointer.parent(p);
    }
  }
}
