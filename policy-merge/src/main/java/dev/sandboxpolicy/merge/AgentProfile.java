package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import java.util.Map;

/**
 * What the catalog knows about one agent: its display name, whether it has messaging presets, and the network
 * entries it brings to its sandbox (empty when it has none), in file order.
 */
record AgentProfile(String id, String displayName, boolean messaging, Map<String, NetworkPolicy> entries) {

  AgentProfile {
    entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
  }
}
