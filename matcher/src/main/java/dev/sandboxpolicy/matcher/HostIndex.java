package dev.sandboxpolicy.matcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the endpoints whose host may match a requested host without scanning every endpoint (architecture: "the
 * hot path"). Exact hosts live in an open-addressing table keyed by the lower-cased host; wildcard hosts are
 * bucketed by their literal label suffix (e.g. {@code .example.com} for {@code *.example.com}, {@code ""} when the
 * last label has a wildcard), and a lookup probes one bucket per dot of the requested host, hashing right to left so
 * each suffix costs O(1) more; hostless {@code allowed_ips} endpoints sit in a side list. Lookups lower-case on the
 * fly and do not allocate.
 */
final class HostIndex {
  private static final CompiledEndpoint[] NONE = new CompiledEndpoint[0];
  private static final String GLOB_META = "*?[]{}\\";

  private final HashTable exact;
  private final HashTable suffixes;
  private final CompiledEndpoint[] rootWildcards;
  private final CompiledEndpoint[] hostless;
  final boolean hasWildcards;
  /** Upper bound of the candidates of one lookup: the largest exact bucket, every wildcard and hostless endpoint. */
  final int maxCandidates;

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
    this.exact = new HashTable(exactMap);
    this.suffixes = new HashTable(suffixMap);
    this.rootWildcards = root.toArray(NONE);
    this.hostless = any.toArray(NONE);
    this.hasWildcards = !suffixMap.isEmpty() || !root.isEmpty();
    int largestExact = exactMap.values().stream().mapToInt(List::size).max().orElse(0);
    int wildcards = root.size() + suffixMap.values().stream().mapToInt(List::size).sum();
    this.maxCandidates = largestExact + wildcards + any.size();
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

  /** Adds every endpoint whose host and port match to {@code scratch}; returns ERROR if a host glob errs. */
  int collect(String host, int port, EvaluationScratch scratch) {
    if (host.isEmpty()) {
      addPorts(NONE, port, scratch);
    } else {
      addPorts(exact.get(host, 0, host.length(), hashLowered(host, 0, host.length())), port, scratch);
    }
    if (hasWildcards) {
      int h = 0;
      for (int i = host.length() - 1; i >= 0; i--) {
        char c = lower(host.charAt(i));
        h = 31 * h + c;
        if (c == '.') {
          int r = addWildcards(suffixes.get(host, i, host.length(), h), host, port, scratch);
          if (r == GlobMatcher.ERROR) {
            return r;
          }
        }
      }
      int r = addWildcards(rootWildcards, host, port, scratch);
      if (r == GlobMatcher.ERROR) {
        return r;
      }
    }
    addPorts(hostless, port, scratch);
    scratch.sort();
    return GlobMatcher.MATCH;
  }

  private static void addPorts(CompiledEndpoint[] bucket, int port, EvaluationScratch scratch) {
    for (CompiledEndpoint e : bucket) {
      if (e.portMatches(port)) {
        scratch.add(e);
      }
    }
  }

  private static int addWildcards(CompiledEndpoint[] bucket, String host, int port, EvaluationScratch scratch) {
    for (CompiledEndpoint e : bucket) {
      if (!e.portMatches(port)) {
        continue;
      }
      int r = e.hostGlob.evaluate(host);
      if (r == GlobMatcher.ERROR) {
        return scratch.fail(e.hostGlob.errorReason(host));
      }
      if (r == GlobMatcher.MATCH) {
        scratch.add(e);
      }
    }
    return GlobMatcher.MATCH;
  }

  static char lower(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.toLowerCase(c);
  }

  /** Right-to-left polynomial hash of the lower-cased region. */
  static int hashLowered(CharSequence s, int from, int to) {
    int h = 0;
    for (int i = to - 1; i >= from; i--) {
      h = 31 * h + lower(s.charAt(i));
    }
    return h;
  }

  /** Open addressing, linear probing, power-of-two capacity; keys are lower-cased strings. */
  private static final class HashTable {
    private final String[] keys;
    private final CompiledEndpoint[][] values;
    private final int[] hashes;
    private final int mask;

    HashTable(Map<String, List<CompiledEndpoint>> map) {
      int capacity = Integer.highestOneBit(Math.max(4, map.size() * 2 + 1) - 1) << 1;
      keys = new String[capacity];
      values = new CompiledEndpoint[capacity][];
      hashes = new int[capacity];
      mask = capacity - 1;
      for (Map.Entry<String, List<CompiledEndpoint>> e : map.entrySet()) {
        int h = hashLowered(e.getKey(), 0, e.getKey().length());
        int slot = spread(h) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = e.getKey();
        hashes[slot] = h;
        values[slot] = e.getValue().toArray(NONE);
      }
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }

    CompiledEndpoint[] get(String s, int from, int to, int h) {
      int slot = spread(h) & mask;
      int len = to - from;
      while (true) {
        String k = keys[slot];
        if (k == null) {
          return NONE;
        }
        if (hashes[slot] == h && k.length() == len && regionEqualsLowered(k, s, from)) {
          return values[slot];
        }
        slot = (slot + 1) & mask;
      }
    }

    private static boolean regionEqualsLowered(String key, String s, int from) {
      for (int i = 0; i < key.length(); i++) {
        if (key.charAt(i) != lower(s.charAt(from + i))) {
          return false;
        }
      }
      return true;
    }
  }
}
