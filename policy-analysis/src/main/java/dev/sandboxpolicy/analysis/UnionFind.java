package dev.sandboxpolicy.analysis;

/**
 * Disjoint sets over {@code 0..n-1} (union by pointing one root at the other, find with path halving): how the
 * analysis groups patterns that can overlap, so each group's product is explored on its own.
 */
final class UnionFind {
  private final int[] parent;

  UnionFind(int n) {
    parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
  }

  /** The representative of {@code x}'s set. */
  int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Joins the sets of {@code a} and {@code b}. */
  void union(int a, int b) {
    parent[find(a)] = find(b);
  }
}
