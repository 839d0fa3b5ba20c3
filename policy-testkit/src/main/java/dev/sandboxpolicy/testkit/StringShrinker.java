package dev.sandboxpolicy.testkit;

import java.util.ArrayList;
import java.util.List;

/** Shrinks strings: drops halves, then chunks, then single characters. */
public final class StringShrinker {

  private StringShrinker() {}

  /** A shrinker of strings (every candidate is shorter than its input). */
  public static Shrinker<String> strings() {
    return s -> {
      List<String> out = new ArrayList<>();
      int n = s.length();
      if (n == 0) {
        return out;
      }
      out.add(s.substring(0, n / 2));
      out.add(s.substring(n / 2));
      for (int chunk = Math.max(1, n / 4); chunk >= 1; chunk = chunk / 2) {
        for (int i = 0; i + chunk <= n; i += chunk) {
          out.add(s.substring(0, i) + s.substring(i + chunk));
        }
        if (chunk == 1) {
          break;
        }
      }
      return out;
    };
  }
}
