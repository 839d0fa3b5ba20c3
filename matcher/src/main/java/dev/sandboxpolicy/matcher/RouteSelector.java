package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;

/**
 * The endpoint {@code path} selector as the Rust route selection reads it (spec §3.5 step 2), parsed by the model's
 * {@link RouteSelectorPattern} (which the ambiguity check and the analysis read too), which differs from
 * the Rego selector check: empty, {@code **} and {@code /**} match every path; {@code P/**} matches {@code P} itself
 * and everything below it; any other pattern follows the Rust {@code glob} crate, where {@code *} (and a whole-segment
 * {@code **}) crosses {@code /} and {@code ?} is any one character; a pattern that crate rejects matches only the
 * identical string.
 *
 * <p>Matching simulates the token NFA in one {@code long} (linear time, no allocation); selectors of more than {@link
 * #MAX_NFA_TOKENS} tokens use the two-pointer wildcard algorithm (O(path × pattern)), reading {@code **} as {@code *}.
 */
final class RouteSelector {
  private static final int LITERAL = RouteSelectorPattern.LITERAL;
  private static final int ANY_ONE = RouteSelectorPattern.ANY_ONE;
  private static final int ANY_SEQUENCE = RouteSelectorPattern.ANY_SEQUENCE;
  private static final int RECURSIVE = RouteSelectorPattern.RECURSIVE;
  /** Selectors with more tokens than this use the two-pointer fallback, reading {@code **} as {@code *}. */
  static final int MAX_NFA_TOKENS = RouteSelectorPattern.MAX_NFA_TOKENS;

  private static final int[] NO_INTS = {};
  private static final int[][] NO_RANGES = {};
  private static final boolean[] NO_FLAGS = {};

  private final String source;
  private final boolean all;
  private final String prefix;
  private final boolean literalOnly;
  private final int[] kinds;
  private final int[] chars;
  private final int[][] classes;
  private final boolean[] negated;
  /** Count of non-{@code *} characters of the selector; empty selector = 0. */
  final int specificity;

  /** The selector of an endpoint without {@code path} (most of them): matches every path, shared. */
  private static final RouteSelector NONE = new RouteSelector("");

  /** The selector of {@code selector}; the shared one for an empty selector. */
  static RouteSelector of(String selector) {
    return selector.isEmpty() ? NONE : new RouteSelector(selector);
  }

  private RouteSelector(String selector) {
    RouteSelectorPattern p = RouteSelectorPattern.parse(selector);
    this.source = selector;
    this.specificity = p.specificity();
    this.all = p.matchesAll();
    this.prefix = p.prefix().orElse(null);
    this.literalOnly = p.literalOnly();
    int n = p.tokenCount();
    this.kinds = n == 0 ? NO_INTS : new int[n];
    this.chars = n == 0 ? NO_INTS : new int[n];
    this.classes = n == 0 ? NO_RANGES : new int[n][];
    this.negated = n == 0 ? NO_FLAGS : new boolean[n];
    for (int t = 0; t < n; t++) {
      kinds[t] = p.kind(t);
      if (kinds[t] == LITERAL) {
        chars[t] = p.codePoint(t);
      } else if (kinds[t] == RouteSelectorPattern.CLASS) {
        classes[t] = p.ranges(t);
        negated[t] = p.negated(t);
      }
    }
  }

  String source() {
    return source;
  }

  boolean matches(String path) {
    if (all) {
      return true;
    }
    if (prefix != null && (path.equals(prefix)
        || (path.length() > prefix.length() && path.startsWith(prefix) && path.charAt(prefix.length()) == '/'))) {
      return true;
    }
    if (literalOnly) {
      return path.equals(source);
    }
    return kinds.length <= MAX_NFA_TOKENS ? nfa(path) : wildcard(path);
  }

  /** Bit t set: the next token to match is t; bit n: matched. */
  private boolean nfa(String path) {
    int n = kinds.length;
    long state = closure(1L);
    for (int p = 0; p < path.length() && state != 0; ) {
      int cp = path.codePointAt(p);
      p += Character.charCount(cp);
      long entered = 0;
      long midComponent = 0;
      for (long w = state; w != 0; w &= w - 1) {
        int t = Long.numberOfTrailingZeros(w);
        if (t == n) {
          continue;
        }
        int k = kinds[t];
        if (k == ANY_SEQUENCE || (k == RECURSIVE && t == n - 1)) {
          entered |= 1L << t; // '*' and a trailing '**' absorb anything; their exit stays open
        } else if (k == RECURSIVE) {
          if (cp == '/') {
            entered |= 1L << t; // at a component start again: may stop here
          } else {
            midComponent |= 1L << t; // inside a component: cannot stop before the next '/'
          }
        } else if (single(t, cp)) {
          entered |= 1L << (t + 1);
        }
      }
      state = closure(entered) | midComponent;
    }
    return (state & (1L << n)) != 0;
  }

  /** Adds the zero-length moves of {@code *} and {@code **} for tokens entered at a valid position. */
  private long closure(long state) {
    for (int t = 0; t < kinds.length; t++) {
      if ((state & (1L << t)) != 0 && (kinds[t] == ANY_SEQUENCE || kinds[t] == RECURSIVE)) {
        state |= 1L << (t + 1);
      }
    }
    return state;
  }

  private boolean wildcard(String path) {
    int p = 0;
    int t = 0;
    int starToken = -1;
    int starPos = 0;
    int n = path.length();
    while (p < n) {
      int cp = path.codePointAt(p);
      int width = Character.charCount(cp);
      if (t < kinds.length && kinds[t] != ANY_SEQUENCE && kinds[t] != RECURSIVE && single(t, cp)) {
        t++;
        p += width;
      } else if (t < kinds.length && (kinds[t] == ANY_SEQUENCE || kinds[t] == RECURSIVE)) {
        starToken = t++;
        starPos = p;
      } else if (starToken >= 0) {
        t = starToken + 1;
        starPos += Character.charCount(path.codePointAt(starPos));
        p = starPos;
      } else {
        return false;
      }
    }
    while (t < kinds.length && (kinds[t] == ANY_SEQUENCE || kinds[t] == RECURSIVE)) {
      t++;
    }
    return t == kinds.length;
  }

  private boolean single(int t, int cp) {
    switch (kinds[t]) {
      case LITERAL:
        return chars[t] == cp;
      case ANY_ONE:
        return true;
      default:
        int[] ranges = classes[t];
        boolean in = false;
        for (int i = 0; i < ranges.length; i += 2) {
          if (cp >= ranges[i] && cp <= ranges[i + 1]) {
            in = true;
            break;
          }
        }
        return in != negated[t];
    }
  }
}
