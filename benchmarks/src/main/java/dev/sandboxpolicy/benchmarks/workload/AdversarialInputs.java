package dev.sandboxpolicy.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The adversarial workload: patterns and inputs that make backtracking matchers (regex, NIO globs, Spring's regex
 * path elements) take polynomial time, and the sizes a proxy must survive (spec §3.6: paths up to 4096 bytes).
 */
public final class AdversarialInputs {
  /** Six stars, then a {@code b} the input never contains: O(n^6) backtracking for a regex. */
  public static final String STARS_PATTERN = "*a*a*a*a*a*a*b";

  /** The same pattern as a one-segment request path pattern (Spring, path globs). */
  public static final String STARS_PATH_PATTERN = "/" + STARS_PATTERN;

  /** The largest canonical request path upstream accepts (spec §3.6 step 4: max 4096 bytes). */
  public static final int MAX_PATH_BYTES = 4096;

  /** Four {@code **} segments around a segment name the path repeats, ending in a segment it never has. */
  public static final String DEEP_PATTERN = "/**/x/**/x/**/x/**/d";

  /** The value of every generated query parameter, and the glob that matches it. */
  public static final String QUERY_VALUE_GLOB = "v*";

  /** Number of values of the one query parameter in the many-values case (the 10,000). */
  public static final int QUERY_VALUES = 10_000;

  private AdversarialInputs() {}

  /**
   * {@code n} copies of {@code a}: the input for {@link #STARS_PATTERN}.
   *
   * @param n length
   * @return the input
   */
  public static String stars(int n) {
    return "a".repeat(n);
  }

  /**
   * {@code /} and {@code n} copies of {@code a}: the path input for {@link #STARS_PATH_PATTERN}.
   *
   * @param n length after the slash
   * @return the path
   */
  public static String starsPath(int n) {
    return "/" + stars(n);
  }

  /**
   * A path of {@code segments} segments {@code /x}, then {@code /e}: never matched by {@link #DEEP_PATTERN}.
   *
   * @param segments depth
   * @return the path
   */
  public static String deepPath(int segments) {
    return "/x".repeat(segments) + "/e";
  }

  /**
   * {@code n - 2} copies of {@code c}, then {@code ab}: for {@link #STARS_PATTERN} a value that ends as the pattern
   * does, so no literal pre-filter rejects it, and that holds one {@code a} where six are needed (issue 18: the
   * matcher must scan it, linearly).
   *
   * @param n length
   * @return the input
   */
  public static String starsScanned(int n) {
    return "c".repeat(n - 2) + "ab";
  }

  /**
   * A path of {@code segments} segments {@code /y}, then {@code /d}: for {@link #DEEP_PATTERN} a value with the
   * pattern's literal prefix and suffix and none of its {@code x} segments, so the automaton reads all of it.
   *
   * @param segments depth
   * @return the path
   */
  public static String deepScannedPath(int segments) {
    return "/y".repeat(segments) + "/d";
  }

  /**
   * {@link #QUERY_VALUES} distinct values, each matched by {@link #QUERY_VALUE_GLOB}.
   *
   * @return the values
   */
  public static List<String> queryValues() {
    List<String> values = new ArrayList<>(QUERY_VALUES);
    for (int i = 0; i < QUERY_VALUES; i++) {
      values.add("v" + i);
    }
    return List.copyOf(values);
  }
}
