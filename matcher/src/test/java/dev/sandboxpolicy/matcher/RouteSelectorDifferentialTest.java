package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link RouteSelectorPattern#matches} with a direct transcription of the Rust {@code glob} crate's recursive matcher
 * (default options: {@code *} crosses {@code /}, a whole-component {@code **} restarts only after a {@code /}),
 * restricted to patterns without classes.
 */
class RouteSelectorDifferentialTest {
  private static final int CHAR = 0;
  private static final int ANY_CHAR = 1;
  private static final int ANY_SEQ = 2;
  private static final int ANY_REC = 3;

  @Test
  void agreesWithTheCratesBacktrackingMatcher() {
    long seed = Long.getLong("route.seed", 7L);
    Random random = new Random(seed);
    int compared = 0;
    for (int i = 0; i < 3000; i++) {
      String pattern = "/" + random(random, "ab/*?", 7);
      List<int[]> tokens = tokenize(pattern);
      if (tokens == null || pattern.endsWith("/**") || pattern.equals("/**")) {
        continue; // invalid for the crate, or the P/** shortcut (tested separately)
      }
      RouteSelectorPattern selector = RouteSelectorPattern.parse(pattern);
      for (int j = 0; j < 15; j++) {
        String path = "/" + random(random, "ab/", 7);
        boolean expected = matchesFrom(tokens, 0, path, 0, true) == 0;
        assertEquals(expected, selector.matches(path),
            () -> "seed " + seed + ": selector '" + pattern + "' path '" + path + "'");
        compared++;
      }
    }
    assertEquals(true, compared > 10_000, "compared " + compared);
  }

  private static String random(Random r, String alphabet, int max) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** The crate's Pattern::new for literals, '?', '*' and '**'; null when the crate rejects the pattern. */
  private static List<int[]> tokenize(String p) {
    List<int[]> tokens = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        int old = i;
        while (i < p.length() && p.charAt(i) == '*') {
          i++;
        }
        int count = i - old;
        if (count > 2) {
          return null;
        }
        if (count == 2) {
          if (!(i == 2 || p.charAt(i - count - 1) == '/')) {
            return null;
          }
          if (i < p.length() && p.charAt(i) == '/') {
            i++;
          } else if (i != p.length()) {
            return null;
          }
          if (tokens.isEmpty() || tokens.get(tokens.size() - 1)[0] != ANY_REC) {
            tokens.add(new int[] {ANY_REC, 0});
          }
        } else {
          tokens.add(new int[] {ANY_SEQ, 0});
        }
      } else {
        tokens.add(new int[] {c == '?' ? ANY_CHAR : CHAR, c});
        i++;
      }
    }
    return tokens;
  }

  /** 0 = match, 1 = sub-pattern does not match, 2 = entire pattern does not match (the crate's MatchResult). */
  private static int matchesFrom(List<int[]> tokens, int ti0, String file, int fi, boolean followsSeparator) {
    for (int ti = ti0; ti < tokens.size(); ti++) {
      int kind = tokens.get(ti)[0];
      if (kind == ANY_SEQ || kind == ANY_REC) {
        int m = matchesFrom(tokens, ti + 1, file, fi, followsSeparator);
        if (m != 1) {
          return m;
        }
        while (fi < file.length()) {
          char c = file.charAt(fi++);
          followsSeparator = c == '/';
          if (kind == ANY_REC && !followsSeparator) {
            continue;
          }
          m = matchesFrom(tokens, ti + 1, file, fi, followsSeparator);
          if (m != 1) {
            return m;
          }
        }
      } else {
        if (fi >= file.length()) {
          return 2;
        }
        char c = file.charAt(fi++);
        boolean ok = kind == ANY_CHAR || c == tokens.get(ti)[1];
        if (!ok) {
          return 1;
        }
        followsSeparator = c == '/';
      }
    }
    return fi >= file.length() ? 0 : 1;
  }
}
