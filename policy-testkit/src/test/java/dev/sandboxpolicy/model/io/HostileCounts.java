package dev.sandboxpolicy.io;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Collects case counts of the hostile-document tests, printed for docs/robustness.md. */
final class HostileCounts {
  private static final Map<String, Integer> COUNTS = new ConcurrentSkipListMap<>();

  private HostileCounts() {}

  static void record(String what, int cases) {
    COUNTS.merge(what, cases, Integer::sum);
  }

  static void print() {
    COUNTS.forEach((k, v) -> System.out.println("[robustness] documents | " + k + " | " + v));
  }
}
