package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.ProblemCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Endpoint ambiguity across entries (spec §2.6): two endpoints whose ports intersect and whose host patterns can
 * match a common host must agree on connection metadata, and on request metadata when both contribute config and
 * their path selectors compete.
 *
 * <p>Indexed rather than pairwise. Per port, endpoints are clustered by lower-cased host pattern and, inside a
 * cluster, grouped by metadata signature: endpoints with the same signature never conflict, so one representative
 * per group is compared at cluster level. Candidate clusters come from a trie of reversed literal host labels:
 * an exact host only meets the wildcards stored on its own label path, and a wildcard only meets the wildcards on
 * the path to its literal suffix. A policy of 10,000 distinct hosts costs O(endpoints x labels), not 50M pairs.
 */
final class AmbiguityCheck {

  /** Bounds the report for pathological inputs; every further conflict is summarised in one problem. */
  static final int MAX_REPORTS = 100;

  private final ProblemSink sink;
  private final Set<Long> reportedPairs = new HashSet<>();
  private final PathSelectorOverlap paths = new PathSelectorOverlap();
  /** Each site's index, by identity: a site is one object per endpoint (a record's hashCode costs start-up time). */
  private final Map<EndpointSite, Integer> ids = new IdentityHashMap<>();
  private int reports;
  private int suppressed;

  private AmbiguityCheck(ProblemSink sink) {
    this.sink = sink;
  }

  static void check(List<EndpointSite> sites, ProblemSink sink) {
    new AmbiguityCheck(sink).run(sites);
  }

  /** Endpoints of one (port, host pattern), grouped by signature. */
  private static final class Cluster {
    final String host;
    final boolean wildcard;
    final Map<String, List<EndpointMetadata>> groups = new LinkedHashMap<>();

    Cluster(String host) {
      this.host = host;
      this.wildcard = host.isEmpty() || host.indexOf('*') >= 0;
    }
  }

  /** A trie node over reversed literal labels; wildcard clusters hang on the node of their literal suffix. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    final List<Cluster> wildcards = new ArrayList<>();
  }

  private void run(List<EndpointSite> sites) {
    Map<Integer, Map<String, Cluster>> byPort = new HashMap<>();
    for (int i = 0; i < sites.size(); i++) {
      EndpointSite site = sites.get(i);
      ids.put(site, i);
      EndpointMetadata meta = new EndpointMetadata(site);
      if (site.endpoint().host().isBlank() && site.endpoint().allowedIps().isEmpty()) {
        continue; // matches nothing (reported as host_missing)
      }
      String host = site.endpoint().host().trim().toLowerCase(Locale.ROOT);
      for (int port : new TreeSet<>(site.endpoint().effectivePorts())) {
        byPort.computeIfAbsent(port, p -> new LinkedHashMap<>())
            .computeIfAbsent(host, Cluster::new)
            .groups.computeIfAbsent(meta.signature, s -> new ArrayList<>()).add(meta);
      }
    }
    for (Map<String, Cluster> clusters : byPort.values()) {
      checkPort(clusters);
    }
    if (suppressed > 0) {
      sink.error(ProblemCode.ENDPOINT_AMBIGUOUS, "/network_policies", suppressed
          + " more overlapping endpoint pairs with conflicting metadata were not reported individually");
    }
  }

  private void checkPort(Map<String, Cluster> clusters) {
    Node root = new Node();
    Map<Cluster, Integer> index = new HashMap<>();
    for (Cluster c : clusters.values()) {
      index.put(c, index.size());
      compareWithin(c);
      if (c.wildcard) {
        nodeFor(root, literalSuffix(c.host)).wildcards.add(c);
      }
    }
    Set<Long> comparedClusters = new HashSet<>();
    for (Cluster c : clusters.values()) {
      List<String> path = c.wildcard ? literalSuffix(c.host) : reversedLabels(c.host);
      Node node = root;
      for (int depth = 0; node != null; depth++) {
        for (Cluster w : node.wildcards) {
          int iw = index.get(w);
          int ic = index.get(c);
          if (iw != ic && comparedClusters.add(((long) Math.min(iw, ic) << 32) | Math.max(iw, ic))
              && (w.host.isEmpty() || c.host.isEmpty() || HostOverlap.overlap(w.host, c.host))) {
            compareBetween(w, c);
          }
        }
        node = depth < path.size() ? node.children.get(path.get(depth)) : null;
      }
    }
  }

  private static Node nodeFor(Node root, List<String> path) {
    Node node = root;
    for (String label : path) {
      node = node.children.computeIfAbsent(label, l -> new Node());
    }
    return node;
  }

  /** The trailing labels without {@code *}, reversed ({@code *.api.example.com} gives [com, example, api]). */
  static List<String> literalSuffix(String host) {
    List<String> labels = HostPatterns.labels(host);
    List<String> out = new ArrayList<>();
    for (int i = labels.size() - 1; i >= 0 && !host.isEmpty(); i--) {
      String label = labels.get(i);
      if (label.indexOf('*') >= 0 || label.indexOf('?') >= 0) {
        break;
      }
      out.add(label);
    }
    return out;
  }

  private static List<String> reversedLabels(String host) {
    List<String> labels = HostPatterns.labels(host);
    List<String> out = new ArrayList<>(labels.size());
    for (int i = labels.size() - 1; i >= 0; i--) {
      out.add(labels.get(i));
    }
    return out;
  }

  private void compareWithin(Cluster c) {
    List<List<EndpointMetadata>> groups = new ArrayList<>(c.groups.values());
    for (int i = 0; i < groups.size(); i++) {
      for (int j = i + 1; j < groups.size(); j++) {
        compareGroups(groups.get(i), groups.get(j));
      }
    }
  }

  private void compareBetween(Cluster a, Cluster b) {
    for (List<EndpointMetadata> ga : a.groups.values()) {
      for (List<EndpointMetadata> gb : b.groups.values()) {
        if (!ga.get(0).signature.equals(gb.get(0).signature)) {
          compareGroups(ga, gb);
        }
      }
    }
  }

  /** Reports the first conflicting pair between two groups of different signature. */
  private void compareGroups(List<EndpointMetadata> ga, List<EndpointMetadata> gb) {
    EndpointMetadata a0 = ga.get(0);
    EndpointMetadata b0 = gb.get(0);
    if (!a0.sameConnection(b0)) {
      report(a0, b0, a0.conflicts(b0, paths));
      return;
    }
    if (!a0.contributesConfig || !b0.contributesConfig) {
      return;
    }
    Map<Integer, List<EndpointMetadata>> bySpecificity = new HashMap<>();
    for (EndpointMetadata b : gb) {
      bySpecificity.computeIfAbsent(b.specificity, s -> new ArrayList<>()).add(b);
    }
    for (EndpointMetadata a : ga) {
      for (EndpointMetadata b : bySpecificity.getOrDefault(a.specificity, List.of())) {
        List<String> conflicts = a.conflicts(b, paths);
        if (!conflicts.isEmpty()) {
          report(a, b, conflicts);
          return;
        }
      }
    }
  }

  private void report(EndpointMetadata a, EndpointMetadata b, List<String> conflicts) {
    if (conflicts.isEmpty()) {
      return;
    }
    int ia = ids.get(a.site);
    int ib = ids.get(b.site);
    EndpointMetadata first = ia < ib ? a : b;
    EndpointMetadata second = ia < ib ? b : a;
    long key = ((long) Math.min(ia, ib) << 32) | Math.max(ia, ib);
    if (!reportedPairs.add(key)) {
      return;
    }
    if (reports >= MAX_REPORTS) {
      suppressed++;
      return;
    }
    reports++;
    TreeSet<Integer> shared = new TreeSet<>(first.site.endpoint().effectivePorts());
    shared.retainAll(new HashSet<>(second.site.endpoint().effectivePorts()));
    String ports = shared.toString().replace("[", "").replace("]", "");
    sink.error(ProblemCode.ENDPOINT_AMBIGUOUS, second.site.pointer(), "network policies '" + first.site.displayName()
        + "' endpoint[" + first.site.index() + "] (" + first.describe() + ") and '" + second.site.displayName()
        + "' endpoint[" + second.site.index() + "] (" + second.describe() + ") overlap on port(s) " + ports
        + " with conflicting metadata: " + String.join("; ", conflicts));
  }
}
