package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level key order upstream writes after an operation. Order carries no meaning (compare structure, not
 * text), but matching it keeps diffs of written policies small.
 */
enum SectionOrder {

  /** A preset merge or remove (spec §2.3): {@code version}, the other sections, then {@code network_policies}. */
  PRESET_MERGE,
  /** A blueprint additions merge (spec §5): the other sections, {@code version}, then {@code network_policies}. */
  BLUEPRINT_ADDITIONS;

  private static final String VERSION = "version";
  private static final String NETWORK_POLICIES = "network_policies";

  /** The policy as a plain tree in this order. */
  Map<String, Object> tree(Policy policy) {
    Map<String, Object> tree = PolicyWriter.toTree(policy);
    Map<String, Object> out = new LinkedHashMap<>();
    if (this == PRESET_MERGE && tree.containsKey(VERSION)) {
      out.put(VERSION, tree.get(VERSION));
    }
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      if (!e.getKey().equals(VERSION) && !e.getKey().equals(NETWORK_POLICIES)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    if (this == BLUEPRINT_ADDITIONS && tree.containsKey(VERSION)) {
      out.put(VERSION, tree.get(VERSION));
    }
    if (tree.containsKey(NETWORK_POLICIES)) {
      out.put(NETWORK_POLICIES, tree.get(NETWORK_POLICIES));
    }
    return out;
  }
}
