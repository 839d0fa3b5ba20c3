package dev.sandboxpolicy.matcher;

/**
 * The endpoint {@code path} selector as the Rust route selection reads it (spec §3.5 step 2), which differs from
 * the Rego selector check: empty, {@code **} and {@code /**} match every path; {@code P/**} matches {@code P} itself
 * and everything below it; any other pattern follows the Rust {@code glob} crate, where {@code *} (and a whole-segment
 * {@code **}) crosses {@code /} and {@code ?} is any one character; a pattern that crate rejects matches only the
 * identical string.
 *
 * <p>Matching simulates the token NFA in one {@code long} (linear time, no allocation); selectors of more than {@link
 * #MAX_NFA_TOKENS} tokens use the two-pointer wildcard algorithm (O(path × pattern)), reading {@code **} as {@code *}.
 */
final class RouteSelector {
  private static final int LITERAL = 0;
  private static final int ANY_ONE = 1;
  private static final int ANY_SEQUENCE = 2;
  private static final int CLASS = 3;
  /** A whole-component {@code **} (its following {@code /} consumed): empty, or up to and including a {@code /}. */
  private static final int RECURSIVE = 4;
  /** Selectors with more tokens than this use the two-pointer fallback, reading {@code **} as {@code *}. */
  static final int MAX_NFA_TOKENS = 63;

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

  RouteSelector(String selector) {
    this.source = selector;
    int spec = 0;
    for (int i = 0; i < selector.length(); i++) {
      if (selector.charAt(i) != '*') {
        spec++;
      }
    }
    this.specificity = spec;
    this.all = selector.isEmpty() || selector.equals("**") || selector.equals("/**");
    this.prefix = !all && selector.endsWith("/**") ? selector.substring(0, selector.length() - 3) : null;
    int[] k = new int[selector.length()];
    int[] c = new int[selector.length()];
    int[][] cl = new int[selector.length()][];
    boolean[] neg = new boolean[selector.length()];
    int n = all ? 0 : tokenize(selector, k, c, cl, neg);
    this.literalOnly = n < 0;
    this.kinds = java.util.Arrays.copyOf(k, Math.max(n, 0));
    this.chars = java.util.Arrays.copyOf(c, Math.max(n, 0));
    this.classes = java.util.Arrays.copyOf(cl, Math.max(n, 0));
    this.negated = java.util.Arrays.copyOf(neg, Math.max(n, 0));
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

  /** Returns the token count, or -1 when the Rust glob crate would reject the pattern. */
  private static int tokenize(String s, int[] kinds, int[] chars, int[][] classes, boolean[] negated) {
    int n = 0;
    int i = 0;
    int[] cps = s.codePoints().toArray();
    while (i < cps.length) {
      int c = cps[i];
      if (c == '*') {
        int run = 0;
        while (i < cps.length && cps[i] == '*') {
          run++;
          i++;
        }
        if (run > 2) {
          return -1;
        }
        if (run == 2) {
          boolean startOk = i - 2 == 0 || cps[i - 3] == '/';
          boolean endOk = i == cps.length || cps[i] == '/';
          if (!startOk || !endOk) {
            return -1;
          }
          if (i < cps.length) {
            i++; // the crate consumes the '/' after a whole-component **
          }
          if (n == 0 || kinds[n - 1] != RECURSIVE) {
            kinds[n++] = RECURSIVE;
          }
        } else {
          kinds[n++] = ANY_SEQUENCE;
        }
      } else if (c == '?') {
        kinds[n++] = ANY_ONE;
        i++;
      } else if (c == '[') {
        int j = i + 1;
        boolean neg = j < cps.length && cps[j] == '!';
        if (neg) {
          j++;
        }
        java.util.List<Integer> ranges = new java.util.ArrayList<>();
        boolean first = true;
        boolean closed = false;
        while (j < cps.length) {
          int m = cps[j];
          if (m == ']' && !first) {
            closed = true;
            j++;
            break;
          }
          if (j + 2 < cps.length && cps[j + 1] == '-' && cps[j + 2] != ']') {
            if (cps[j + 2] < m) {
              return -1;
            }
            ranges.add(m);
            ranges.add(cps[j + 2]);
            j += 3;
          } else {
            ranges.add(m);
            ranges.add(m);
            j++;
          }
          first = false;
        }
        if (!closed) {
          return -1;
        }
        kinds[n] = CLASS;
        negated[n] = neg;
        classes[n++] = ranges.stream().mapToInt(Integer::intValue).toArray();
        i = j;
      } else {
        kinds[n] = LITERAL;
        chars[n++] = c;
        i++;
      }
    }
    return n;
  }
}
