package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.TierCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The loaded catalog: index entries in order, agent profiles by id, and tiers. */
record CatalogData(List<CatalogEntry> entries, Map<String, AgentProfile> agents, TierCatalog tiers,
    Set<String> allNames) {

  CatalogEntry entry(String name) {
    for (CatalogEntry e : entries) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("not in the catalog: " + name);
  }
}
