package dev.sandboxpolicy.matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the endpoints whose host may match a requested host without scanning every endpoint (architecture: "the
 * hot path"). Every lookup reads the request's lower-cased host ({@link NetworkRequest#lowerHost()}, computed once
 * per request), so nothing is lower-cased or allocated here.
 *
 * <p>Exact hosts live in an open-addressing table keyed by the lower-cased host and probed with its cached {@link
 * String#hashCode()}. Each exact host carries its <em>plan</em>: for every port some endpoint of that host admits,
 * the complete candidate list a lookup would find (its exact endpoints, every wildcard endpoint whose pattern matches
 * the host, every hostless {@code allowed_ips} endpoint), sorted in key order and computed when the policy is
 * compiled. A request for a policy host is therefore one hash probe and one port scan.
 *
 * <p>Any other host takes the general path: wildcard hosts are bucketed by their literal label suffix (e.g. {@code
 * .example.com} for {@code *.example.com}, {@code ""} when the last label has a wildcard), and a lookup probes one
 * bucket per dot of the requested host, hashing right to left so each suffix costs O(1) more; it stops at the first
 * suffix that no bucket ends with (the table also holds every shorter suffix of a bucket's, as an empty bucket), so
 * an unknown host costs about its last label; hostless endpoints sit in a side list. An exact host whose plan cannot be precomputed (a wildcard pattern that errs on it) also takes the
 * general path, so the error is raised where it always was.
 */
final class HostIndex {
  private static final CompiledEndpoint[] NONE = new CompiledEndpoint[0];
  private static final String GLOB_META = "*?[]{}\\";
  /** Plans with at most this many ports are searched linearly; longer ones (sorted) by binary search. */
  private static final int LINEAR_PORT_SCAN = 8;

  private final HashTable<ExactHost> exact;
  private final HashTable<CompiledEndpoint[]> suffixes;
  private final CompiledEndpoint[] rootWildcards;
  private final CompiledEndpoint[] hostless;
  final boolean hasWildcards;
  /** Upper bound of the candidates of one lookup: the largest exact bucket, every wildcard and hostless endpoint. */
  final int maxCandidates;

  /**
   * One exact policy host: its own endpoints, and its plan. A host with one port (the usual case) keeps it in {@link
   * #onlyPort} and {@link #onlyPlan}; more ports are sorted in {@link #ports}, their plans in {@link #byPort}. No plan
   * at all ({@link #planned} false): take the general path.
   */
  private static final class ExactHost {
    final CompiledEndpoint[] endpoints;
    boolean planned;
    int onlyPort;
    CompiledEndpoint[] onlyPlan;
    int[] ports;
    CompiledEndpoint[][] byPort;

    ExactHost(CompiledEndpoint[] endpoints) {
      this.endpoints = endpoints;
    }
  }

  HostIndex(List<CompiledEndpoint> endpoints) {
    Map<String, List<CompiledEndpoint>> exactMap = new LinkedHashMap<>();
    Map<String, List<CompiledEndpoint>> suffixMap = new LinkedHashMap<>();
    List<CompiledEndpoint> root = new ArrayList<>();
    List<CompiledEndpoint> any = new ArrayList<>();
    for (CompiledEndpoint e : endpoints) {
      switch (e.hostKind) {
        case CompiledEndpoint.HOST_EXACT -> exactMap.computeIfAbsent(e.lowerHost, k -> new ArrayList<>()).add(e);
        case CompiledEndpoint.HOST_WILDCARD -> {
          String suffix = literalSuffix(e.lowerHost);
          if (suffix.isEmpty()) {
            root.add(e);
          } else {
            suffixMap.computeIfAbsent(suffix, k -> new ArrayList<>()).add(e);
          }
        }
        case CompiledEndpoint.HOST_ANY -> any.add(e);
        default -> {}
      }
    }
    Map<String, ExactHost> exactHosts = new LinkedHashMap<>();
    exactMap.forEach((host, list) -> exactHosts.put(host, new ExactHost(list.toArray(NONE))));
    Map<String, CompiledEndpoint[]> suffixArrays = new LinkedHashMap<>();
    suffixMap.forEach((suffix, list) -> suffixArrays.put(suffix, list.toArray(NONE)));
    for (String suffix : suffixMap.keySet()) { // every shorter label suffix marks "keep probing"
      for (int dot = suffix.indexOf('.', 1); dot > 0; dot = suffix.indexOf('.', dot + 1)) {
        suffixArrays.putIfAbsent(suffix.substring(dot), NONE);
      }
    }
    this.exact = new HashTable<>(exactHosts, new ExactHost[0], true);
    this.suffixes = new HashTable<>(suffixArrays, new CompiledEndpoint[0][], false);
    this.rootWildcards = root.toArray(NONE);
    this.hostless = any.toArray(NONE);
    this.hasWildcards = !suffixMap.isEmpty() || !root.isEmpty();
    int largestExact = exactMap.values().stream().mapToInt(List::size).max().orElse(0);
    int wildcards = root.size() + suffixMap.values().stream().mapToInt(List::size).sum();
    this.maxCandidates = largestExact + wildcards + any.size();
    EvaluationScratch scratch = new EvaluationScratch(maxCandidates);
    for (Map.Entry<String, ExactHost> e : exactHosts.entrySet()) {
      plan(e.getKey(), e.getValue(), scratch);
    }
  }

  /** Precomputes the candidates of each port of one exact host, or leaves the host on the general path. */
  private void plan(String host, ExactHost h, EvaluationScratch scratch) {
    if (hasWildcards && host.indexOf('\0') >= 0) {
      return; // the general path refuses such a host before any lookup
    }
    try {
      if (collectAllPorts(host, h.endpoints, scratch) == GlobMatcher.ERROR) {
        return; // a wildcard errs on this host: the general path raises it at decision time
      }
      if (scratch.count == h.endpoints.length && onePort(h.endpoints)) {
        h.onlyPort = h.endpoints[0].ports()[0]; // the usual host: its own endpoints, one port, nothing else
        h.onlyPlan = h.endpoints;
        h.planned = true;
        return;
      }
      Map<Integer, List<CompiledEndpoint>> byPort = new TreeMap<>();
      for (int i = 0; i < scratch.count; i++) {
        CompiledEndpoint e = scratch.candidates[i];
        for (int port : e.ports()) {
          List<CompiledEndpoint> list = byPort.computeIfAbsent(port, k -> new ArrayList<>());
          if (list.isEmpty() || list.get(list.size() - 1) != e) {
            list.add(e);
          }
        }
      }
      List<CompiledEndpoint[]> plans = new ArrayList<>();
      for (List<CompiledEndpoint> list : byPort.values()) {
        // the usual plan is the host's own endpoints: share that array
        plans.add(list.equals(Arrays.asList(h.endpoints)) ? h.endpoints : list.toArray(NONE));
      }
      if (plans.size() == 1) {
        h.onlyPort = byPort.keySet().iterator().next();
        h.onlyPlan = plans.get(0);
      } else {
        h.ports = byPort.keySet().stream().mapToInt(Integer::intValue).toArray();
        h.byPort = plans.toArray(new CompiledEndpoint[0][]);
      }
      h.planned = true;
    } finally {
      scratch.reset();
    }
  }

  /** Whether every endpoint admits exactly one port, the same one. */
  private static boolean onePort(CompiledEndpoint[] endpoints) {
    for (CompiledEndpoint e : endpoints) {
      if (e.ports().length != 1 || e.ports()[0] != endpoints[0].ports()[0]) {
        return false;
      }
    }
    return true;
  }

  /** The longest suffix made of whole labels without glob syntax, with its leading dot, or "". */
  static String literalSuffix(String lowerPattern) {
    int cut = lowerPattern.length();
    for (int i = lowerPattern.length() - 1; i >= 0; i--) {
      char c = lowerPattern.charAt(i);
      if (GLOB_META.indexOf(c) >= 0) {
        break;
      }
      if (c == '.') {
        cut = i;
      }
    }
    return cut == lowerPattern.length() ? "" : lowerPattern.substring(cut);
  }

  /**
   * The precomputed candidates of {@code lowerHost} at {@code port}, in key order (empty when no endpoint of the
   * host admits the port), or null when the host is not an exact policy host with a plan: then {@link #collect}
   * finds them. Shared: callers must not modify the array. Allocation-free.
   */
  CompiledEndpoint[] planned(String lowerHost, int port) {
    ExactHost h = exact.get(lowerHost, 0, lowerHost.length(), lowerHost.hashCode(), true);
    if (h == null || !h.planned) {
      return null;
    }
    int[] ports = h.ports;
    if (ports == null) {
      return h.onlyPort == port ? h.onlyPlan : NONE;
    }
    if (ports.length <= LINEAR_PORT_SCAN) {
      for (int i = 0; i < ports.length; i++) {
        if (ports[i] == port) {
          return h.byPort[i];
        }
      }
      return NONE;
    }
    int i = Arrays.binarySearch(ports, port);
    return i >= 0 ? h.byPort[i] : NONE;
  }

  /**
   * Adds every endpoint whose host and port match {@code lowerHost} to {@code scratch} in key order; returns ERROR
   * if a host glob errs (reason in the scratch). The general path: used when {@link #planned} returns null.
   */
  int collect(String lowerHost, boolean exactlyLowered, int port, EvaluationScratch scratch) {
    CompiledEndpoint[] bucket = NONE;
    if (!lowerHost.isEmpty()) {
      ExactHost h = exact.get(lowerHost, 0, lowerHost.length(), lowerHost.hashCode(), true);
      bucket = h == null ? NONE : h.endpoints;
    }
    for (CompiledEndpoint e : bucket) {
      if (e.portMatches(port)) {
        scratch.add(e);
      }
    }
    if (hasWildcards) {
      int h = 0;
      for (int i = lowerHost.length() - 1; i >= 0; i--) {
        char c = lowerHost.charAt(i);
        h = 31 * h + c;
        if (c == '.') {
          CompiledEndpoint[] wildcards = suffixes.get(lowerHost, i, lowerHost.length(), h, false);
          if (wildcards == null) {
            break; // no wildcard suffix ends with this one, so no longer one can match
          }
          if (addWildcards(wildcards, lowerHost, exactlyLowered, false, port, scratch) == GlobMatcher.ERROR) {
            return GlobMatcher.ERROR;
          }
        }
      }
      if (addWildcards(rootWildcards, lowerHost, exactlyLowered, false, port, scratch) == GlobMatcher.ERROR) {
        return GlobMatcher.ERROR;
      }
    }
    for (CompiledEndpoint e : hostless) {
      if (e.portMatches(port)) {
        scratch.add(e);
      }
    }
    scratch.sort();
    return GlobMatcher.MATCH;
  }

  /** {@link #collect} for every port: the host's own endpoints and the wildcard and hostless ones matching it. */
  private int collectAllPorts(String lowerHost, CompiledEndpoint[] own, EvaluationScratch scratch) {
    for (CompiledEndpoint e : own) {
      scratch.add(e);
    }
    if (hasWildcards) {
      for (int i = lowerHost.length() - 1; i >= 0; i--) {
        if (lowerHost.charAt(i) == '.') {
          CompiledEndpoint[] wildcards =
              suffixes.get(lowerHost, i, lowerHost.length(), suffixHash(lowerHost, i), false);
          if (wildcards == null) {
            break;
          }
          if (addWildcards(wildcards, lowerHost, false, true, 0, scratch) == GlobMatcher.ERROR) {
            return GlobMatcher.ERROR;
          }
        }
      }
      if (addWildcards(rootWildcards, lowerHost, false, true, 0, scratch) == GlobMatcher.ERROR) {
        return GlobMatcher.ERROR;
      }
    }
    for (CompiledEndpoint e : hostless) {
      scratch.add(e);
    }
    scratch.sort();
    return GlobMatcher.MATCH;
  }

  /**
   * The wildcards of {@code bucket} that admit {@code port} (every one with {@code anyPort}, for a plan) and match
   * the host; {@code exactlyLowered}: the host is lower-cased per code point already (no surrogates, no U+0000), so
   * the case-folding globs may compare it as it is.
   */
  private static int addWildcards(CompiledEndpoint[] bucket, String lowerHost, boolean exactlyLowered,
      boolean anyPort, int port, EvaluationScratch scratch) {
    for (CompiledEndpoint e : bucket) {
      if (!anyPort && !e.portMatches(port)) {
        continue;
      }
      int r = exactlyLowered ? e.hostGlob.evaluateLowerCase(lowerHost) : e.hostGlob.evaluate(lowerHost);
      if (r == GlobMatcher.ERROR) {
        return scratch.fail(e.hostGlob.errorReason(lowerHost));
      }
      if (r == GlobMatcher.MATCH) {
        scratch.add(e);
      }
    }
    return GlobMatcher.MATCH;
  }

  /**
   * The host-comparison lower-casing of one character (per UTF-16 unit; upstream lower-cases host names, §3.3).
   */
  static char lower(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.toLowerCase(c);
  }

  /** {@code s} with {@link #lower} applied to every character; {@code s} itself when nothing changes. */
  static String lowerCased(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && lower(s.charAt(i)) == s.charAt(i)) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < n; i++) {
      out[i] = lower(out[i]);
    }
    return new String(out);
  }

  /** Right-to-left polynomial hash of {@code s} from {@code from} to its end (the suffix table's hash). */
  private static int suffixHash(String s, int from) {
    int h = 0;
    for (int i = s.length() - 1; i >= from; i--) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  /**
   * Open addressing, linear probing, power-of-two capacity; keys are lower-cased strings. The exact table hashes
   * keys with {@link String#hashCode()} (cached in the request's host), the suffix table with {@link #suffixHash}.
   */
  private static final class HashTable<V> {
    private final String[] keys;
    private final V[] values;
    private final int[] hashes;
    private final int mask;

    /** {@code wholeKeys}: hash keys with {@link String#hashCode()} (exact hosts), else with {@link #suffixHash}. */
    HashTable(Map<String, V> map, V[] empty, boolean wholeKeys) {
      // load factor at most 3/4: short linear probes, without doubling the table for nothing
      int capacity = Integer.highestOneBit(Math.max(4, map.size() + map.size() / 3 + 1) - 1) << 1;
      keys = new String[capacity];
      values = Arrays.copyOf(empty, capacity);
      hashes = new int[capacity];
      mask = capacity - 1;
      for (Map.Entry<String, V> e : map.entrySet()) {
        String key = e.getKey();
        int h = wholeKeys ? key.hashCode() : suffixHash(key, 0);
        int slot = spread(h) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        hashes[slot] = h;
        values[slot] = e.getValue();
      }
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }

    /** The value of the key equal to {@code s[from, to)}, or null; {@code whole}: the region is all of {@code s}. */
    V get(String s, int from, int to, int h, boolean whole) {
      int slot = spread(h) & mask;
      int len = to - from;
      while (true) {
        String k = keys[slot];
        if (k == null) {
          return null;
        }
        if (hashes[slot] == h && k.length() == len && (whole ? k.equals(s) : s.startsWith(k, from))) {
          return values[slot];
        }
        slot = (slot + 1) & mask;
      }
    }
  }
}
