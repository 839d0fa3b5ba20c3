package dev.sandboxpolicy.model;

import java.util.Map;

/**
 * What every node of a document has: where it came from, and the keys this library did not recognise.
 *
 * <p>Neither is part of a node's identity: two nodes that differ only in location or in unknown keys are
 * different objects, but {@link #location()} never takes part in {@code equals}. Unknown keys do.
 */
public interface PolicyNode {

  /** Where this node was read from, or {@link SourceLocation#NONE}. */
  SourceLocation location();

  /**
   * Keys that the reader did not recognise, with their values, in document order. Only a lenient read keeps
   * them (a strict read rejects them). Values are {@code String}, {@code Long}, {@code Double}, {@code Boolean},
   * {@code null}, {@code List} or {@code Map} of those.
   */
  Map<String, Object> unknownFields();
}
