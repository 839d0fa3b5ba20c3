package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The host summary of one preset (spec nemoclaw-preset-layer §6.3 step D): the public host stems it allows, and how many
 * host values were withheld. Immutable value.
 *
 * @param allowedHostCategories non-internal stems, deduplicated, sorted by UTF-16 code units
 * @param redactedHostCount every raw host dropped because it has no stem (wildcards, malformed values) or an internal
 *     stem; each occurrence counts, public duplicates do not
 */
record HostCategories(List<String> allowedHostCategories, int redactedHostCount) {

  /** A summary; the list is copied. */
  public HostCategories {
    allowedHostCategories = List.copyOf(allowedHostCategories);
    if (redactedHostCount < 0) {
      throw new IllegalArgumentException("redactedHostCount must be >= 0");
    }
  }

  /**
   * Summarizes raw host values.
   *
   * @param rawHosts host values as written, in any order, duplicates allowed
   * @return the summary
   */
  static HostCategories of(Iterable<String> rawHosts) {
    TreeSet<String> stems = new TreeSet<>();
    int redacted = 0;
    for (String raw : rawHosts) {
      Optional<String> stem = HostStem.canonicalize(raw);
      if (stem.isEmpty() || HostRedaction.isInternal(stem.get())) {
        redacted++;
      } else {
        stems.add(stem.get());
      }
    }
    return new HostCategories(new ArrayList<>(stems), redacted);
  }

  /**
   * Summarizes a preset's hosts, taken from the parsed model: the {@code host} of every endpoint of every entry,
   * whatever YAML style it was written in (flow mappings such as {@code - { host: x, port: 443 }} count, unlike
   * upstream's line scan). Endpoints without a host are skipped.
   *
   * @param preset the preset
   * @return the summary
   */
  static HostCategories of(Preset preset) {
    return of(rawHosts(preset.networkPolicies()));
  }

  /**
   * The raw host values of a network-policy map, in document order.
   *
   * @param entries the {@code network_policies} map of a preset or policy
   * @return the non-empty {@code host} values
   */
  static List<String> rawHosts(Map<String, NetworkPolicy> entries) {
    List<String> hosts = new ArrayList<>();
    for (NetworkPolicy entry : entries.values()) {
      for (Endpoint endpoint : entry.endpoints()) {
        if (!endpoint.host().isEmpty()) {
          hosts.add(endpoint.host());
        }
      }
    }
    return hosts;
  }
}
