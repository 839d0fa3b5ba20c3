package dev.sandboxpolicy.model.automaton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An endpoint {@code path} selector as the upstream route selection reads it (spec §3.5 step 2), parsed once for both
 * the matcher (whose hot path calls {@link #matches(String)}) and the language operations (which ask whether two
 * selectors can select a common path).
 *
 * <p>Route selection differs from the Rego selector check: empty, {@code **} and {@code /**} select every path;
 * {@code P/**} selects {@code P} itself and everything below it; any other pattern follows the Rust {@code glob}
 * crate, where {@code *} crosses {@code /}, {@code ?} is any one character and a whole-component {@code **}
 * (written {@code **}{@code /}) is empty or anything up to and including a {@code /}; a pattern that crate rejects
 * selects only the identical string. Immutable.
 *
 * <pre>{@code
 * RouteSelectorPattern p = RouteSelectorPattern.parse("/v1/**");
 * p.prefix();       // Optional["/v1"]
 * p.specificity();  // 4
 * }</pre>
 */
public final class RouteSelectorPattern {
  /** Token: one literal code point ({@link #codePoint(int)}). */
  public static final int LITERAL = 0;
  /** Token: {@code ?}, any one character. */
  public static final int ANY_ONE = 1;
  /** Token: {@code *}, any run of characters ({@code /} included). */
  public static final int ANY_SEQUENCE = 2;
  /** Token: a bracket class ({@link #ranges(int)}, {@link #negated(int)}). */
  public static final int CLASS = 3;
  /** Token: a whole-component {@code **} (its following {@code /} consumed): empty, or up to and including a {@code /}. */
  public static final int RECURSIVE = 4;
  /**
   * Selectors with more tokens than this are matched by the matcher's two-pointer fallback, which reads {@code **} as
   * {@code *} (a bound of its one-word NFA simulation); the language of such a selector reads it the same way.
   */
  public static final int MAX_NFA_TOKENS = 63;

  private static final int[] NO_INTS = {};
  private static final int[][] NO_RANGES = {};
  private static final boolean[] NO_FLAGS = {};
  /** The selector of an endpoint without {@code path} (most of them): selects every path, shared. */
  private static final RouteSelectorPattern NONE = new RouteSelectorPattern("");

  private final String source;
  private final boolean all;
  private final String prefix;
  private final boolean literalOnly;
  private final int[] kinds;
  private final int[] chars;
  private final int[][] classes;
  private final boolean[] negated;
  private final int specificity;

  private RouteSelectorPattern(String selector) {
    this.source = selector;
    this.specificity = specificity(selector);
    this.all = selector.isEmpty() || selector.equals("**") || selector.equals("/**");
    this.prefix = !all && selector.endsWith("/**") ? selector.substring(0, selector.length() - 3) : null;
    int[] k = new int[selector.length()];
    int[] c = new int[selector.length()];
    int[][] cl = new int[selector.length()][];
    boolean[] neg = new boolean[selector.length()];
    int n = all ? 0 : tokenize(selector, k, c, cl, neg);
    this.literalOnly = n < 0;
    this.kinds = n <= 0 ? NO_INTS : Arrays.copyOf(k, n);
    this.chars = n <= 0 ? NO_INTS : Arrays.copyOf(c, n);
    this.classes = n <= 0 ? NO_RANGES : Arrays.copyOf(cl, n);
    this.negated = n <= 0 ? NO_FLAGS : Arrays.copyOf(neg, n);
  }

  /**
   * Parses a selector; never fails (a pattern the glob crate rejects selects only itself).
   *
   * @param selector the endpoint's {@code path} as written
   * @return the parsed selector
   */
  public static RouteSelectorPattern parse(String selector) {
    return selector.isEmpty() ? NONE : new RouteSelectorPattern(selector);
  }

  /**
   * Spec §3.5: the route specificity of a selector is its number of non-{@code *} characters (empty = 0).
   *
   * @param selector the selector as written
   * @return the specificity
   */
  public static int specificity(String selector) {
    int count = 0;
    for (int i = 0; i < selector.length(); i++) {
      if (selector.charAt(i) != '*') {
        count++;
      }
    }
    return count;
  }

  /**
   * Returns the selector as written.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Returns the route specificity ({@link #specificity(String)}).
   *
   * @return the specificity
   */
  public int specificity() {
    return specificity;
  }

  /**
   * Tells whether the selector selects every path (empty, {@code **}, {@code /**}).
   *
   * @return true for a select-all selector
   */
  public boolean matchesAll() {
    return all;
  }

  /**
   * Returns {@code P} of a selector {@code P/**}, which selects {@code P} and every path starting with {@code P/}
   * (compared as plain strings) in addition to the glob.
   *
   * @return the prefix, or empty
   */
  public Optional<String> prefix() {
    return Optional.ofNullable(prefix);
  }

  /**
   * Tells whether the glob crate rejects the pattern, so that (apart from {@link #prefix()}) it selects only the
   * identical string.
   *
   * @return true for a pattern matched literally
   */
  public boolean literalOnly() {
    return literalOnly;
  }

  /**
   * Returns the number of glob tokens (0 for a select-all or literal-only selector).
   *
   * @return the token count
   */
  public int tokenCount() {
    return kinds.length;
  }

  /**
   * Returns the kind of token {@code i}: {@link #LITERAL}, {@link #ANY_ONE}, {@link #ANY_SEQUENCE}, {@link #CLASS} or
   * {@link #RECURSIVE}.
   *
   * @param i a token index
   * @return the kind
   */
  public int kind(int i) {
    return kinds[i];
  }

  /**
   * Returns the code point of a {@link #LITERAL} token.
   *
   * @param i a token index
   * @return the code point
   */
  public int codePoint(int i) {
    return chars[i];
  }

  /**
   * Returns the inclusive code point ranges of a {@link #CLASS} token as pairs {@code first, last, first, last...}.
   *
   * @param i a token index
   * @return a fresh copy
   */
  public int[] ranges(int i) {
    return classes[i].clone();
  }

  /**
   * Tells whether a {@link #CLASS} token is negated ({@code [!...]}).
   *
   * @param i a token index
   * @return true for a negated class
   */
  public boolean negated(int i) {
    return negated[i];
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
        List<Integer> ranges = new ArrayList<>();
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

  /**
   * Whether the selector selects {@code path} (the matcher's hot path: linear time, no allocation). Up to
   * {@link #MAX_NFA_TOKENS} tokens the token NFA is simulated in one {@code long}; longer selectors use the two-pointer
   * wildcard algorithm (O(path × pattern)), reading {@code **} as {@code *}.
   *
   * <pre>{@code
   * RouteSelectorPattern.parse("/v1/**").matches("/v1");        // true: P/** selects P itself
   * RouteSelectorPattern.parse("/v1/*").matches("/v1/a/b");     // true: * crosses '/' in route selection
   * RouteSelectorPattern.parse("/v1/a[").matches("/v1/a[");     // true: rejected by the glob crate, so literal
   * }</pre>
   *
   * @param path the request path
   * @return true when the endpoint is selected for the path
   */
  public boolean matches(String path) {
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
  @Override
  public String toString() {
    return "RouteSelectorPattern[" + source + "]";
  }
}
