package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import dev.sandboxpolicy.model.glob.tree.GlobNode;
import dev.sandboxpolicy.model.glob.tree.GlobParser;
import java.util.ArrayList;
import java.util.List;
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

  private static final int GENERAL = 0;
  /** {@code *.rest} with the dot grammar: a dot-free label, then {@code .rest}. */
  private static final int ONE_LABEL_SUFFIX = 1;
  /** {@code **.rest} with the dot grammar: anything ending in {@code .rest}. */
  private static final int ANY_LABELS_SUFFIX = 2;
  /** {@code P/**} with the slash grammar: starts with {@code P/}. */
  private static final int SEGMENTS_PREFIX = 3;
  /** Literals and single stars only: {@link StarPattern}. */
  private static final int STARS = 4;
  /**
   * {@code P/**}{@code /S} with the slash grammar, {@code P} and {@code S} literal: starts with {@code P/}, ends with
   * {@code /S}, and is long enough for the two to share at most the one slash ({@code (?:/|/.*&#47;)}, spec §3.2).
   */
  private static final int SEGMENTS_BETWEEN = 5;
  private static final String MIDDLE = "/**/";
  /** Glob syntax for the literal pre-filter: a required prefix ends, and a required suffix starts, at these. */
  private static final String SYNTAX = "*?[]{}";
  private static final String META = "*?[]{}\\,/";

  /** The pattern's source (lower-cased for {@link #compileLowerCased}); the parsed nodes are not kept. */
  private final String source;
  private final GlobDelimiters delimiters;
  private final boolean foldCase;
  private final boolean everything;
  private final String literal;
  private final int shape;
  /** The literal part of a specialised shape: {@code .rest}, {@code P/}, or {@code P/} of {@code P/**}{@code /S}. */
  private final String affix;
  /** {@code /S} of {@code P/**}{@code /S}. */
  private final String secondAffix;
  private final StarPattern stars;
  /**
   * Literal text every match starts with and ends with (empty when none), checked before the automaton runs: a
   * value without them is rejected in time independent of its length.
   */
  private final String requiredPrefix;
  private final String requiredSuffix;
  private final ByteAutomaton automaton;
  private final boolean slashIsDelimiter;
  /** Which ASCII characters other than {@code /} are delimiters; shared by every matcher of the same delimiters. */
  private final boolean[] asciiDelimiter;
  private final char[] otherDelimiters;

  /**
   * Compiles {@code src}; {@code parsed} is its parse when the caller has one. Otherwise the pattern is parsed only
   * when it has glob syntax beyond single stars: a literal, {@code **}, a star pattern or a suffix/prefix shape
   * cannot fail to parse, and their matchers need no parsed nodes.
   *
   * @throws GlobSyntaxException if the pattern does not compile
   */
  private GlobMatcher(String src, GlobDelimiters d, boolean foldCase, GlobPattern parsed) {
    this.source = src;
    this.delimiters = d;
    this.foldCase = foldCase;
    if (parsed == null && src.indexOf('\0') >= 0) {
      parsed = GlobPattern.parse(src, d); // throws: U+0000 is never allowed in a pattern
    }
    boolean plain = parsed == null && isPlain(src);
    boolean everythingFound = parsed != null ? parsed.matchesEverything() : src.equals(EVERYTHING);
    String literalFound = parsed != null ? parsed.literal().orElse(null) : plain ? src : null;
    int shapeFound = GENERAL;
    String affixFound = null;
    String secondFound = null;
    if (!everythingFound && literalFound == null) {
      if (d.equals(GlobDelimiters.DOT)) {
        if (src.startsWith("**.") && plain(src, 3)) {
          shapeFound = ANY_LABELS_SUFFIX;
          affixFound = src.substring(2);
        } else if (src.startsWith("*.") && plain(src, 2)) {
          shapeFound = ONE_LABEL_SUFFIX;
          affixFound = src.substring(1);
        }
      } else if (d.equals(GlobDelimiters.SLASH) && !foldCase && src.endsWith("/**") && src.length() >= 3
          && plainPath(src.substring(0, src.length() - 3))) {
        shapeFound = SEGMENTS_PREFIX;
        affixFound = src.substring(0, src.length() - 2);
      } else if (d.equals(GlobDelimiters.SLASH) && !foldCase && src.indexOf(MIDDLE) >= 0) {
        int at = src.indexOf(MIDDLE);
        if (plainPath(src.substring(0, at)) && plainPath(src.substring(at + MIDDLE.length()))) {
          shapeFound = SEGMENTS_BETWEEN;
          affixFound = src.substring(0, at + 1);
          secondFound = src.substring(at + MIDDLE.length() - 1);
        }
      }
    }
    StarPattern starPattern = null;
    if (shapeFound == GENERAL && !everythingFound && literalFound == null) {
      starPattern = StarPattern.of(src, d, foldCase);
      shapeFound = starPattern != null ? STARS : GENERAL;
    }
    boolean general = !everythingFound && literalFound == null && shapeFound == GENERAL;
    List<GlobNode> nodes = null;
    if (general && parsed == null) {
      char[] delimiterChars = d.toCharArray();
      nodes = parse(src, d, delimiterChars);
      // the parse may still find it to be everything or a literal (escapes, a one-way alternation)
      everythingFound = GlobParser.isEverything(nodes);
      literalFound = GlobParser.literal(nodes, delimiterChars);
      general = !everythingFound && literalFound == null;
    }
    this.everything = everythingFound;
    this.literal = literalFound;
    this.shape = shapeFound;
    this.affix = affixFound;
    this.secondAffix = secondFound;
    this.stars = starPattern;
    this.requiredPrefix = general ? requiredPrefix(src) : "";
    this.requiredSuffix = general ? requiredSuffix(src) : "";
    this.automaton = !general ? null
        : ByteAutomaton.compile(nodes != null ? nodes : GlobParser.parse(src, d.toCharArray()));
    this.slashIsDelimiter = d.slashIsDelimiter();
    this.asciiDelimiter = d.equals(GlobDelimiters.DOT) ? DOT_TABLE
        : d.equals(GlobDelimiters.SLASH) ? SLASH_TABLE : asciiDelimiters(d);
    StringBuilder others = new StringBuilder();
    for (char c : d.toCharArray()) {
      if (c >= 128) {
        others.append(c);
      }
    }
    this.otherDelimiters = others.length() == 0 ? NO_CHARS : others.toString().toCharArray();
  }

  /**
   * The parse tree of {@code src}, parsed once (a {@link GlobPattern} does not hand its tree out). A pattern that does
   * not compile is refused as {@link GlobPattern#parse} refuses it, with its {@link GlobSyntaxException}.
   */
  private static List<GlobNode> parse(String src, GlobDelimiters d, char[] delimiterChars) {
    try {
      return GlobParser.parse(src, delimiterChars);
    } catch (GlobParser.Failure f) {
      GlobPattern.parse(src, d); // throws the GlobSyntaxException that says why
      throw f;
    }
  }

  /**
   * One matcher for several slash-grammar patterns that matches when any of them does: a DFA of their alternation,
   * so a value is read once whatever the number of patterns (an entry's binary globs). Null when the patterns need
   * more DFA states than {@link ByteAutomaton#MAX_DFA_STATES}: then evaluate them one by one.
   */
  static GlobMatcher union(List<String> slashPatterns) {
    List<List<GlobNode>> alternatives = new ArrayList<>();
    StringBuilder description = new StringBuilder("{");
    for (String p : slashPatterns) {
      alternatives.add(GlobParser.parse(p, SLASH_CHARS));
      description.append(description.length() > 1 ? ", " : "").append(p);
    }
    ByteAutomaton automaton = ByteAutomaton.compile(List.of(new GlobNode.Alternation(alternatives)));
    return automaton.narrow == null ? null : new GlobMatcher(description.append('}').toString(), automaton);
  }

  /** The matcher of {@link #union}. */
  private GlobMatcher(String description, ByteAutomaton automaton) {
    this.source = description;
    this.delimiters = GlobDelimiters.SLASH;
    this.foldCase = false;
    this.everything = false;
    this.literal = null;
    this.shape = GENERAL;
    this.affix = null;
    this.secondAffix = null;
    this.stars = null;
    this.requiredPrefix = "";
    this.requiredSuffix = "";
    this.automaton = automaton;
    this.slashIsDelimiter = true;
    this.asciiDelimiter = SLASH_TABLE;
    this.otherDelimiters = NO_CHARS;
  }

  /** The whole pattern {@code **}: matches every value (spec §3.2). */
  private static final String EVERYTHING = "**";

  /** True when {@code src} has no glob syntax and no U+0000: it matches itself only. */
  private static boolean isPlain(String src) {
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\\' || c == '\0') {
        return false;
      }
    }
    return true;
  }

  private static final char[] NO_CHARS = {};
  private static final char[] SLASH_CHARS = GlobDelimiters.SLASH.toCharArray();
  private static final boolean[] DOT_TABLE = asciiDelimiters(GlobDelimiters.DOT);
  private static final boolean[] SLASH_TABLE = asciiDelimiters(GlobDelimiters.SLASH);

  /** The ASCII delimiters of {@code d} other than {@code /} (which the transform treats on its own). */
  private static boolean[] asciiDelimiters(GlobDelimiters d) {
    boolean[] table = new boolean[128];
    for (char c : d.toCharArray()) {
      if (c != '/' && c < 128) {
        table[c] = true;
      }
    }
    return table;
  }

  /**
   * Compiles a parsed pattern; values are matched case-sensitively.
   *
   * @param pattern the parsed pattern
   * @return the matcher
   */
  public static GlobMatcher compile(GlobPattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    return new GlobMatcher(pattern.source(), pattern.delimiters(), false, pattern);
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
    return new GlobMatcher(Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(delimiters), false, null);
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
    return new GlobMatcher(pattern.toLowerCase(Locale.ROOT), Objects.requireNonNull(delimiters), true, null);
  }

  /**
   * Returns the compiled pattern (parsed again: a matcher keeps its automaton, not the parsed nodes).
   *
   * @return a pattern equal to the one compiled (for {@link #compileLowerCased}, the lower-cased one)
   */
  public GlobPattern pattern() {
    return GlobPattern.parse(source, delimiters);
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
    return value.indexOf('\0') >= 0 ? ERROR : evaluateScreened(value);
  }

  /**
   * {@link #evaluate} of a value the caller has screened for U+0000 already ({@link NulScreen}): {@link #MATCH} or
   * {@link #NO_MATCH}, without scanning the value once more.
   */
  int evaluateScreened(String value) {
    return match(value, foldCase);
  }

  /**
   * {@link #evaluateScreened} of a value that is lower-cased per code point already (a host without surrogates,
   * lower-cased once per request): a {@link #compileLowerCased} matcher then compares exactly, as lower-casing again
   * changes nothing, with the JDK's vectorised comparisons instead of a character loop.
   */
  int evaluateLowerCase(String value) {
    return match(value, false);
  }

  /** The match; {@code fold}: lower-case the value's characters while comparing. */
  private int match(String value, boolean fold) {
    if (everything) {
      return MATCH;
    }
    if (literal != null) {
      return (fold ? equalsLowered(literal, value) : literal.equals(value)) ? MATCH : NO_MATCH;
    }
    switch (shape) {
      case ONE_LABEL_SUFFIX: {
        int cut = value.length() - affix.length();
        return cut >= 0 && endsWith(value, affix, fold) && value.lastIndexOf('.', cut - 1) < 0 ? MATCH : NO_MATCH;
      }
      case ANY_LABELS_SUFFIX:
        return endsWith(value, affix, fold) ? MATCH : NO_MATCH;
      case SEGMENTS_PREFIX:
        return value.startsWith(affix) ? MATCH : NO_MATCH;
      case SEGMENTS_BETWEEN:
        return value.length() >= affix.length() + secondAffix.length() - 1 && value.startsWith(affix)
            && value.endsWith(secondAffix) ? MATCH : NO_MATCH;
      case STARS:
        return fold ? stars.match(value) : stars.matchExactly(value);
      default:
        if (!hasRequiredAffixes(value, fold)) {
          return NO_MATCH;
        }
        return (automaton.narrow != null ? runDfa(value) : run(value)) ? MATCH : NO_MATCH;
    }
  }

  /**
   * The literal text before the pattern's first glob syntax, which every match starts with; {@code ""} when the
   * pattern has escapes (not worth reading them here). A {@code /} just before a {@code **} is left out: a leading
   * {@code **}{@code /} may match no separator at all.
   */
  private static String requiredPrefix(String src) {
    if (src.indexOf('\\') >= 0) {
      return "";
    }
    int cut = 0;
    while (cut < src.length() && SYNTAX.indexOf(src.charAt(cut)) < 0) {
      cut++;
    }
    if (cut + 1 < src.length() && src.startsWith("**", cut) && cut > 0 && src.charAt(cut - 1) == '/') {
      cut--;
    }
    return src.substring(0, cut);
  }

  /** The literal text after the pattern's last glob syntax, which every match ends with; as {@link #requiredPrefix}. */
  private static String requiredSuffix(String src) {
    if (src.indexOf('\\') >= 0) {
      return "";
    }
    int from = src.length();
    while (from > 0 && SYNTAX.indexOf(src.charAt(from - 1)) < 0) {
      from--;
    }
    if (from >= 2 && src.startsWith("**", from - 2) && from < src.length() && src.charAt(from) == '/') {
      from++;
    }
    return src.substring(from);
  }

  /** Whether {@code value} starts with {@link #requiredPrefix} and ends with {@link #requiredSuffix}. */
  private boolean hasRequiredAffixes(String value, boolean fold) {
    if (value.length() < requiredPrefix.length() + requiredSuffix.length()) {
      return false;
    }
    if (!fold) {
      return value.startsWith(requiredPrefix) && value.endsWith(requiredSuffix);
    }
    return regionEqualsLowered(value, 0, requiredPrefix)
        && regionEqualsLowered(value, value.length() - requiredSuffix.length(), requiredSuffix);
  }

  /**
   * Whether {@code value} at {@code offset} lower-cases to {@code lower}; true (so the automaton decides) when a
   * surrogate is met, since code-point lower-casing may differ there.
   */
  private static boolean regionEqualsLowered(String value, int offset, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      char c = value.charAt(offset + i);
      if (Character.isSurrogate(c)) {
        return true;
      }
      if (HostIndex.lower(c) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code s} from {@code from} has no glob syntax, no '/' and no empty label. */
  private static boolean plain(String s, int from) {
    if (from >= s.length() || s.charAt(from) == '.' || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (META.indexOf(s.charAt(i)) >= 0 || s.charAt(i) == '\0') {
        return false;
      }
    }
    return true;
  }

  /** True when a slash-grammar prefix is literal (no glob syntax at all). */
  private static boolean plainPath(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\\' || c == ',') {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(String value, String suffix, boolean fold) {
    int off = value.length() - suffix.length();
    if (off < 0) {
      return false;
    }
    if (!fold) {
      return value.startsWith(suffix, off);
    }
    for (int i = 0; i < suffix.length(); i++) {
      char c = value.charAt(off + i);
      char lc = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
      if (lc != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The DFA loop: one table lookup per byte; ASCII non-delimiters are the fast path. */
  private boolean runDfa(String v) {
    ByteAutomaton a = automaton;
    char[] t = a.narrow;
    byte[] cls = a.classOf;
    int cc = a.classCount;
    int s = cc; // state 1
    int n = v.length();
    for (int i = 0; i < n; i++) {
      int c = v.charAt(i);
      if (c >= 128) {
        return run(v); // rare: restart on the general path
      }
      if (foldCase && c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c == '/') {
        s = t[s + (cls[slashIsDelimiter ? '/' : 0] & 0xFF)];
      } else if (asciiDelimiter[c]) {
        s = t[s + (cls['/'] & 0xFF)];
        s = t[s + (cls[c] & 0xFF)];
        s = t[s + (cls['/'] & 0xFF)];
      } else {
        s = t[s + (cls[c] & 0xFF)];
      }
      if (s == 0) {
        return false;
      }
    }
    return a.accepts(s, null);
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
    return "GlobMatcher[" + source + ", " + delimiters + (foldCase ? ", lower-cased]" : "]");
  }
}
