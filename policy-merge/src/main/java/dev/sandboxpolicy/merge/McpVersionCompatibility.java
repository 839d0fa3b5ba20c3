package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Refuses a merge whose result holds two MCP endpoints on one host and port that admit no MCP revision in common
 * (upstream #3027: disjoint {@code mcp.versions} allowlists are incompatible for MCP inspection). MCP options are
 * not selected by path, so upstream resolves one MCP contract per host and port; with disjoint revision sets there
 * is no contract that honours both, and picking one would silently widen or narrow the other. Overlapping sets
 * merge as they are: each endpoint keeps its own list.
 *
 * <p>Endpoints are the same when both are {@code protocol: mcp}, their hosts are equal ignoring ASCII case, and
 * they share a port (as upstream's merge identifies endpoints). Only pairs with an endpoint of a changed entry are
 * checked, so a conflict the live policy already had does not block an unrelated merge. One pass over the
 * endpoints, indexed by host and port; each host and port is summarised by revision set, so thousands of
 * endpoints on one host cost no more than a handful.
 */
final class McpVersionCompatibility {

  private McpVersionCompatibility() {}

  /**
   * Checks {@code entries} (the merge result) for a conflict involving an endpoint of {@code changedKeys}.
   *
   * @throws PresetLayerException {@code mcp_versions_incompatible}, located at the changed endpoint's
   *     {@code mcp.versions} (the position it was read from, when it was read from text)
   */
  static void check(Map<String, NetworkPolicy> entries, Set<String> changedKeys) throws PresetLayerException {
    check(entries, changedKeys, key -> Optional.empty());
  }

  /**
   * {@link #check(Map, Set)}, attributing the refusal to the preset {@code ownerOf} names for the changed entry's
   * key (the preset that wrote it), when it names one.
   */
  static void check(Map<String, NetworkPolicy> entries, Set<String> changedKeys,
      Function<String, Optional<String>> ownerOf) throws PresetLayerException {
    if (changedKeys.isEmpty()) {
      return;
    }
    Map<String, Group> byHostPort = new HashMap<>();
    for (Map.Entry<String, NetworkPolicy> entry : entries.entrySet()) {
      List<Endpoint> endpoints = entry.getValue().endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint e = endpoints.get(i);
        if (!Protocol.MCP.is(e.protocol()) || e.host().isEmpty()) {
          continue;
        }
        Site site = new Site(entry.getKey(), i, e, changedKeys.contains(entry.getKey()), mask(e));
        for (int port : new LinkedHashSet<>(e.effectivePorts())) {
          byHostPort.computeIfAbsent(e.host().toLowerCase(Locale.ROOT) + ":" + port, k -> new Group()).add(site);
        }
      }
    }
    for (Map.Entry<String, Group> group : byHostPort.entrySet()) {
      Site[] pair = group.getValue().disjointPair();
      if (pair != null) {
        PresetLayerException refusal = conflict(pair[0], pair[1], group.getKey());
        Optional<String> owner = ownerOf.apply(pair[0].key);
        throw owner.isPresent() ? refusal.forPreset(owner.get()) : refusal;
      }
    }
  }

  /** The admitted revisions of an endpoint as a bit set over {@link McpVersion#ordinal()}. */
  private static int mask(Endpoint e) {
    int mask = 0;
    for (McpVersion v : e.effectiveMcpVersions()) {
      mask |= 1 << v.ordinal();
    }
    return mask;
  }

  /**
   * The MCP endpoints on one host and port, summarised per revision set (there are at most 2^3 sets), so a group
   * of any size is checked in constant time: the first site and the first changed site of each set.
   */
  private static final class Group {
    private static final int SETS = 1 << McpVersion.values().length;
    private final Site[] first = new Site[SETS];
    private final Site[] second = new Site[SETS];
    private final Site[] firstChanged = new Site[SETS];

    void add(Site site) {
      int m = site.mask;
      if (first[m] == null) {
        first[m] = site;
      } else if (second[m] == null) {
        second[m] = site;
      }
      if (site.changed && firstChanged[m] == null) {
        firstChanged[m] = site;
      }
    }

    /** A changed site and another site whose sets do not intersect, or null. */
    Site[] disjointPair() {
      for (int a = 0; a < SETS; a++) {
        if (firstChanged[a] == null) {
          continue;
        }
        for (int b = 0; b < SETS; b++) {
          if ((a & b) != 0) {
            continue;
          }
          Site other = first[b] != firstChanged[a] ? first[b] : second[b];
          if (other != null) {
            return new Site[] {firstChanged[a], other};
          }
        }
      }
      return null;
    }
  }

  private static PresetLayerException conflict(Site incoming, Site other, String hostPort) {
    String message = "network_policies '" + incoming.key + "' endpoint[" + incoming.index + "] and '" + other.key
        + "' endpoint[" + other.index + "] are MCP endpoints on " + hostPort + " that admit no MCP revision in"
        + " common (" + names(incoming.versions()) + " vs " + names(other.versions()) + "); they cannot be merged"
        + " without picking one list silently: give both a common revision in mcp.versions";
    SourceLocation read = incoming.endpoint.mcp().map(McpOptions::location).orElse(incoming.endpoint.location());
    String pointer = JsonPointer.index(JsonPointer.key("/network_policies", incoming.key) + "/endpoints",
        incoming.index) + (incoming.endpoint.mcp().flatMap(McpOptions::versions).isPresent() ? "/mcp/versions" : "");
    return PresetLayerException.of(PresetLayerError.MCP_VERSIONS_INCOMPATIBLE,
        new SourceLocation(pointer, read.line(), read.column()), message);
  }

  private static String names(List<McpVersion> versions) {
    List<String> out = new ArrayList<>();
    versions.forEach(v -> out.add(v.wireName()));
    return out.toString();
  }

  private record Site(String key, int index, Endpoint endpoint, boolean changed, int mask) {
    List<McpVersion> versions() {
      return endpoint.effectiveMcpVersions();
    }
  }
}
