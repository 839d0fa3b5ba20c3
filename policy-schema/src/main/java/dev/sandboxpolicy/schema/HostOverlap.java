package dev.sandboxpolicy.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    int n = a.size();
    int m = b.size();
    // can[i][j]: a[i..] and b[j..] can match a common label sequence
    boolean[][] can = new boolean[n + 1][m + 1];
    can[n][m] = true;
    for (int i = n; i >= 0; i--) {
      for (int j = m; j >= 0; j--) {
        if (i == n && j == m) {
          continue;
        }
        boolean starA = i < n && a.get(i) == ANY_LABELS;
        boolean starB = j < m && b.get(j) == ANY_LABELS;
        boolean v;
        if (starA) {
          v = can[i + 1][j] || (j < m && can[i][j + 1]);
        } else if (starB) {
          v = can[i][j + 1] || (i < n && can[i + 1][j]);
        } else {
          v = i < n && j < m && labelsOverlap(a.get(i), b.get(j)) && can[i + 1][j + 1];
        }
        can[i][j] = v;
      }
    }
    return can[0][0];
  }

  /** Whether two label globs ({@code *} = any characters, {@code ?} = one character) share a match. */
  static boolean labelsOverlap(String p, String q) {
    if (p.indexOf('*') < 0 && q.indexOf('*') < 0 && p.indexOf('?') < 0 && q.indexOf('?') < 0) {
      return p.equals(q);
    }
    int n = p.length();
    int m = q.length();
    boolean[][] can = new boolean[n + 1][m + 1];
    can[n][m] = true;
    for (int i = n; i >= 0; i--) {
      for (int j = m; j >= 0; j--) {
        if (i == n && j == m) {
          continue;
        }
        boolean starP = i < n && p.charAt(i) == '*';
        boolean starQ = j < m && q.charAt(j) == '*';
        boolean v;
        if (starP) {
          v = can[i + 1][j] || (j < m && can[i][j + 1]);
        } else if (starQ) {
          v = can[i][j + 1] || (i < n && can[i + 1][j]);
        } else {
          v = i < n && j < m && (p.charAt(i) == q.charAt(j) || p.charAt(i) == '?' || q.charAt(j) == '?')
              && can[i + 1][j + 1];
        }
        can[i][j] = v;
      }
    }
    return can[0][0];
  }

  /**
   * Whether two endpoint path selectors can select a common request path. Empty, {@code **} and {@code /**}
   * select everything; {@code P/**} also selects {@code P}; {@code *} may cross {@code /} (the route selector's
   * glob, spec §3.5). Patterns with classes or braces are assumed to overlap.
   */
  static boolean pathsOverlap(String a, String b) {
    if (selectsAll(a) || selectsAll(b) || a.equals(b)) {
      return true;
    }
    if (hasClassOrBrace(a) || hasClassOrBrace(b)) {
      return true;
    }
    for (String x : pathVariants(a)) {
      for (String y : pathVariants(b)) {
        if (labelsOverlap(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean selectsAll(String path) {
    return path.isEmpty() || path.equals("**") || path.equals("/**");
  }

  private static boolean hasClassOrBrace(String s) {
    return s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  private static List<String> pathVariants(String path) {
    return path.endsWith("/**") ? List.of(path, path.substring(0, path.length() - 3)) : List.of(path);
  }

  /** Spec §3.5: route specificity is the number of non-{@code *} characters of the path selector. */
  static int specificity(String path) {
    int count = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) != '*') {
        count++;
      }
    }
    return count;
  }
}
