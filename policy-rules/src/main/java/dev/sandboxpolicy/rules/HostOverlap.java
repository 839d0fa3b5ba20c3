package dev.sandboxpolicy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Whether two host patterns can match a common host (spec §2.6): labels are separated by {@code .}; {@code *}
 * matches characters within one label; a {@code **} first label matches one or more labels. Exact hosts are
 * patterns without {@code *}. Comparison is case-insensitive.
 *
 * <p>Both tests are dynamic programs over (label, label) and (character, character) pairs, so their cost is
 * bounded by the product of the pattern lengths; no backtracking.
 */
final class HostOverlap {

  /** Token standing for "zero or more labels" (the tail of a {@code **} label). */
  private static final String ANY_LABELS = "\u0000**";

  private HostOverlap() {}

  static boolean overlap(String a, String b) {
    return sequencesOverlap(tokens(a), tokens(b));
  }

  /** Splits a pattern into label tokens; {@code **} becomes {@code *} followed by {@link #ANY_LABELS}. */
  static List<String> tokens(String pattern) {
    List<String> out = new ArrayList<>();
    for (String label : HostPatterns.labels(pattern.trim().toLowerCase(Locale.ROOT))) {
      if (label.equals("**")) {
        out.add("*");
        out.add(ANY_LABELS);
      } else {
        out.add(label);
      }
    }
    return out;
  }

  private static boolean sequencesOverlap(List<String> a, List<String> b) {
    return starLanguagesIntersect(a.size(), b.size(), i -> a.get(i) == ANY_LABELS, j -> b.get(j) == ANY_LABELS,
        (i, j) -> labelsOverlap(a.get(i), b.get(j)));
  }

  /** Whether two label globs ({@code *} = any characters, {@code ?} = one character) share a match. */
  static boolean labelsOverlap(String p, String q) {
    if (p.indexOf('*') < 0 && q.indexOf('*') < 0 && p.indexOf('?') < 0 && q.indexOf('?') < 0) {
      return p.equals(q);
    }
    return starLanguagesIntersect(p.length(), q.length(), i -> p.charAt(i) == '*', j -> q.charAt(j) == '*',
        (i, j) -> p.charAt(i) == q.charAt(j) || p.charAt(i) == '?' || q.charAt(j) == '?');
  }

  /** Whether token {@code i} of one pattern and token {@code j} of the other can match the same thing. */
  @FunctionalInterface
  private interface TokenMatch {
    boolean test(int i, int j);
  }

  /**
   * Whether two patterns over tokens, where some tokens are a Kleene star ("any run of tokens"), accept a common
   * word. Dynamic program over suffix pairs: O(n x m), no backtracking.
   */
  private static boolean starLanguagesIntersect(int n, int m, IntPredicate starA, IntPredicate starB,
      TokenMatch match) {
    boolean[][] can = new boolean[n + 1][m + 1];
    can[n][m] = true;
    for (int i = n; i >= 0; i--) {
      for (int j = m; j >= 0; j--) {
        if (i == n && j == m) {
          continue;
        }
        if (i < n && starA.test(i)) {
          can[i][j] = can[i + 1][j] || (j < m && can[i][j + 1]);
        } else if (j < m && starB.test(j)) {
          can[i][j] = can[i][j + 1] || (i < n && can[i + 1][j]);
        } else {
          can[i][j] = i < n && j < m && match.test(i, j) && can[i + 1][j + 1];
        }
      }
    }
    return can[0][0];
  }
}
