package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The upstream glob primitive {@code G(pattern, delimiters, value)} (spec §3.2), compiled once and matched in time
 * linear in the value, without backtracking, regular expressions or allocation. Immutable and thread-safe.
 *
 * <p>The value is transformed on the fly exactly like the pattern was ({@code /} becomes ordinary unless it is a
 * delimiter, every other delimiter {@code d} becomes {@code /d/}) and fed byte by byte (UTF-8) into a table DFA.
 * Literal patterns compare with {@link String#equals}; a whole-pattern {@code **} matches everything.
 *
 * <pre>{@code
 * GlobMatcher tag = GlobMatcher.compile("v*", GlobDelimiters.DOT);
 * tag.matches("v1");     // true
 * tag.matches("v1.2");   // false: '*' does not cross '.'
 *
 * GlobMatcher path = GlobMatcher.compile("/api/**", GlobDelimiters.SLASH);
 * path.matches("/api/x/y"); // true
 * path.matches("/api");     // false: the trailing "/**" needs the slash
 * }</pre>
 *
 * <p>Warning: as upstream, a value containing U+0000 is an evaluation error, not a mismatch; {@link #matches(String)}
 * throws for it and policy decisions turn it into a fail-closed error decision.
 */
public final class GlobMatcher {
  static final int NO_MATCH = 0;
  static final int MATCH = 1;
  static final int ERROR = 2;

  private final GlobPattern pattern;
  private final boolean foldCase;
  private final boolean everything;
  private final String literal;
  private final ByteAutomaton automaton;
  private final boolean slashIsDelimiter;
  private final boolean[] asciiDelimiter = new boolean[128];
  private final char[] otherDelimiters;

  private GlobMatcher(GlobPattern pattern, boolean foldCase) {
    this.pattern = pattern;
    this.foldCase = foldCase;
    this.everything = pattern.matchesEverything();
    this.literal = pattern.literal().orElse(null);
    this.automaton = everything || literal != null ? null : ByteAutomaton.compile(pattern.nodes());
    GlobDelimiters d = pattern.delimiters();
    this.slashIsDelimiter = d.slashIsDelimiter();
    StringBuilder others = new StringBuilder();
    for (char c : d.toCharArray()) {
      if (c == '/') {
        continue;
      }
      if (c < 128) {
        asciiDelimiter[c] = true;
      } else {
        others.append(c);
      }
    }
    this.otherDelimiters = others.toString().toCharArray();
  }

  /**
   * Compiles a parsed pattern; values are matched case-sensitively.
   *
   * @param pattern the parsed pattern
   * @return the matcher
   */
  public static GlobMatcher compile(GlobPattern pattern) {
    return new GlobMatcher(Objects.requireNonNull(pattern, "pattern"), false);
  }

  /**
   * Parses and compiles a pattern; values are matched case-sensitively.
   *
   * @param pattern the pattern as written
   * @param delimiters the call site's delimiters
   * @return the matcher
   * @throws GlobSyntaxException if the pattern does not compile
   */
  public static GlobMatcher compile(String pattern, GlobDelimiters delimiters) {
    return compile(GlobPattern.parse(pattern, delimiters));
  }

  /**
   * Compiles {@code lower(pattern)} and lower-cases every value before matching, as the wildcard host rule does
   * (spec §3.3: {@code G(lower(pattern), ["."], lower(host))}). Lower-casing is per code point ({@link
   * Character#toLowerCase(int)}), which equals the upstream string lower-casing for every host name.
   *
   * @param pattern the pattern as written
   * @param delimiters the call site's delimiters
   * @return the matcher
   * @throws GlobSyntaxException if the pattern does not compile
   */
  public static GlobMatcher compileLowerCased(String pattern, GlobDelimiters delimiters) {
    return new GlobMatcher(GlobPattern.parse(pattern.toLowerCase(Locale.ROOT), delimiters), true);
  }

  /**
   * Returns the compiled pattern.
   *
   * @return the pattern
   */
  public GlobPattern pattern() {
    return pattern;
  }

  /**
   * Matches the whole value (anchored at both ends).
   *
   * @param value the value, as the call site passes it (a host is lower-cased here only for {@link
   *     #compileLowerCased} matchers)
   * @return true if the pattern matches
   * @throws IllegalArgumentException if the value contains U+0000 (an evaluation error upstream)
   */
  public boolean matches(String value) {
    int r = evaluate(value);
    if (r == ERROR) {
      throw new IllegalArgumentException("glob value contains U+0000");
    }
    return r == MATCH;
  }

  /** {@link #MATCH}, {@link #NO_MATCH}, or {@link #ERROR} for a U+0000 in the value. Allocation-free. */
  int evaluate(String value) {
    if (value.indexOf('\0') >= 0) {
      return ERROR;
    }
    if (everything) {
      return MATCH;
    }
    if (literal != null) {
      return (foldCase ? equalsLowered(literal, value) : literal.equals(value)) ? MATCH : NO_MATCH;
    }
    return run(value) ? MATCH : NO_MATCH;
  }

  private boolean run(String v) {
    ByteAutomaton a = automaton;
    long[][] buffers = a.scratch();
    int s = a.start(buffers);
    int n = v.length();
    for (int i = 0; i < n; ) {
      int cp = v.charAt(i++);
      if (Character.isHighSurrogate((char) cp) && i < n && Character.isLowSurrogate(v.charAt(i))) {
        cp = Character.toCodePoint((char) cp, v.charAt(i++));
      }
      if (foldCase) {
        cp = cp < 128 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : Character.toLowerCase(cp);
      }
      if (cp < 128) {
        if (cp == '/') {
          s = a.step(s, slashIsDelimiter ? '/' : 0, buffers);
        } else if (asciiDelimiter[cp]) {
          s = a.step(s, '/', buffers);
          if (s != 0) {
            s = a.step(a.step(s, cp, buffers), '/', buffers);
          }
        } else {
          s = a.step(s, cp, buffers);
        }
      } else if (isOtherDelimiter(cp)) {
        s = a.step(s, '/', buffers);
        s = s == 0 ? 0 : stepUtf8(a, s, cp, buffers);
        s = s == 0 ? 0 : a.step(s, '/', buffers);
      } else {
        s = stepUtf8(a, s, cp, buffers);
      }
      if (s == 0) {
        return false;
      }
    }
    return a.accepts(s, buffers);
  }

  private boolean isOtherDelimiter(int cp) {
    for (char c : otherDelimiters) {
      if (c == cp) {
        return true;
      }
    }
    return false;
  }

  /** Feeds the UTF-8 bytes of a non-ASCII code point; an unpaired surrogate is fed as U+FFFD. */
  private static int stepUtf8(ByteAutomaton a, int s, int cp, long[][] buffers) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    if (cp < 0x800) {
      s = a.step(s, 0xC0 | (cp >>> 6), buffers);
      return s == 0 ? 0 : a.step(s, 0x80 | (cp & 0x3F), buffers);
    }
    if (cp < 0x10000) {
      s = a.step(s, 0xE0 | (cp >>> 12), buffers);
      s = s == 0 ? 0 : a.step(s, 0x80 | ((cp >>> 6) & 0x3F), buffers);
      return s == 0 ? 0 : a.step(s, 0x80 | (cp & 0x3F), buffers);
    }
    s = a.step(s, 0xF0 | (cp >>> 18), buffers);
    s = s == 0 ? 0 : a.step(s, 0x80 | ((cp >>> 12) & 0x3F), buffers);
    s = s == 0 ? 0 : a.step(s, 0x80 | ((cp >>> 6) & 0x3F), buffers);
    return s == 0 ? 0 : a.step(s, 0x80 | (cp & 0x3F), buffers);
  }

  /** {@code lowerLiteral.equals(lower(value))} without allocating (per-code-unit lower-casing). */
  static boolean equalsLowered(String lowerLiteral, String value) {
    int n = lowerLiteral.length();
    if (value.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      char l = lowerLiteral.charAt(i);
      if (c != l) {
        char lc = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
        if (lc != l) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "GlobMatcher[" + pattern.source() + ", " + pattern.delimiters() + (foldCase ? ", lower-cased]" : "]");
  }
}
