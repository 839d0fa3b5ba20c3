package dev.sandboxpolicy.model.automaton;

import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import dev.sandboxpolicy.model.glob.tree.GlobNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The language of every pattern of the policy language at its call site, as a {@link ByteDfa} over the bytes (UTF-8)
 * of the value <em>as the request carries it</em>, plus the universes of values that exist at all. Matching a value
 * against one of these automata answers exactly what the compiled matcher answers for that call site (spec §3.2 to
 * §3.6), for every value of the universe; the analysis and the ambiguity check ask their questions on them through
 * {@link ProductSearch}.
 *
 * <p>What each call site means:
 * <ul>
 *   <li>{@link #hostPattern}: an exact host is compared lower-cased; a host with {@code *} is the dot glob of the
 *       lower-cased pattern over the lower-cased host (spec §3.3). Values are taken from {@link #hostNames()}.
 *   <li>{@link #binaryPattern}: a binary without {@code *} is compared literally; with {@code *} it is a slash glob
 *       (spec §3.4). Values are taken from {@link #executablePaths()}.
 *   <li>{@link #pathGlob}: a rule or endpoint path as Rego reads it: {@code **} is everything, anything else a slash
 *       glob. {@link #routeSelector}: an endpoint path as route selection reads it ({@link RouteSelectorPattern}).
 *       Values are taken from {@link #canonicalPath(boolean)}.
 *   <li>{@link #valueGlob}: a query value, GraphQL name or MCP method/tool glob: the dot grammar, where {@code /} is
 *       ordinary. Values are taken from {@link #text()}.
 * </ul>
 *
 * <p>A value containing U+0000 is an evaluation error upstream, never a match: no automaton here accepts one and no
 * universe contains one.
 *
 * <pre>{@code
 * ByteDfa api = CallSiteLanguages.pathGlob("/api/**");
 * api.matches("/api/x".getBytes(UTF_8));   // true
 * api.matches("/api".getBytes(UTF_8));     // false: the trailing "/**" needs the slash
 * }</pre>
 */
public final class CallSiteLanguages {
  /**
   * A glob whose deterministic automaton needs more states than this is refused ({@link
   * ProductSearch.StateLimitException}); the matcher's own table has the same bound and falls back to simulation.
   */
  public static final int MAX_GLOB_STATES = 4096;

  /** Spec §3.6 step 8: the bytes a canonical path keeps literally (besides letters and digits); {@code ;} never survives. */
  private static final String LITERAL_PATH_PUNCTUATION = "-._~!$&'()*+,=:@";

  private static final ByteDfa EVERYTHING = build(2, t -> {
    for (int b = 1; b < 256; b++) {
      t[1][b] = 1;
    }
  }, 1);

  private static final ByteDfa CANONICAL_PATHS = buildCanonicalPath(false);
  private static final ByteDfa CANONICAL_PATHS_WITH_ENCODED_SLASH = buildCanonicalPath(true);
  private static final ByteDfa HOST_NAMES = buildHostNames();
  private static final ByteDfa TEXT = buildText();
  private static final ByteDfa EXECUTABLE_PATHS = buildExecutablePaths();

  private CallSiteLanguages() {}

  /**
   * The language of a glob at a call site with the given delimiters, over the value as written (the delimiter
   * transformation of spec §3.2 is undone). Only {@link GlobDelimiters#DOT} and {@link GlobDelimiters#SLASH} and other
   * ASCII delimiter sets are supported.
   *
   * @param pattern the parsed pattern
   * @return its automaton
   * @throws ProductSearch.StateLimitException if the automaton needs more than {@link #MAX_GLOB_STATES} states
   * @throws IllegalArgumentException for a non-ASCII delimiter
   */
  public static ByteDfa glob(GlobPattern pattern) {
    return glob(pattern, false);
  }

  private static ByteDfa glob(GlobPattern pattern, boolean lowerCaseValues) {
    GlobDelimiters d = pattern.delimiters();
    for (char c : d.toCharArray()) {
      if (c >= 0x80) {
        throw new IllegalArgumentException("non-ASCII glob delimiter " + c);
      }
    }
    ByteDfa transformed = determinize(ByteNfa.of(pattern));
    boolean slash = d.slashIsDelimiter();
    return transformed.preimage(b -> {
      if (b == 0) {
        return null;
      }
      int v = lowerCaseValues && b >= 'A' && b <= 'Z' ? b + 32 : b;
      if (v == '/' && !slash) {
        return new byte[] {0};
      }
      if (v != '/' && v < 0x80 && d.isDelimiter((char) v)) {
        return new byte[] {'/', (byte) v, '/'};
      }
      return new byte[] {(byte) v};
    });
  }

  private static ByteDfa determinize(List<GlobNode> nodes) {
    return determinize(ByteNfa.of(nodes));
  }

  private static ByteDfa determinize(ByteNfa nfa) {
    return ByteDfa.determinize(nfa, MAX_GLOB_STATES)
        .orElseThrow(() -> new ProductSearch.StateLimitException(MAX_GLOB_STATES));
  }

  /**
   * The hosts an endpoint host matches (spec §3.3), over {@link #hostNames()}: without {@code *} the lower-cased
   * string itself; with {@code *} the dot glob of the lower-cased pattern. The empty host (hostless endpoint) is the
   * caller's to handle.
   *
   * @param host the endpoint host as written, not empty
   * @return its automaton
   * @throws GlobSyntaxException if a wildcard host does not compile
   */
  public static ByteDfa hostPattern(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (host.indexOf('*') < 0) {
      return literal(lower).preimage(b -> new byte[] {(byte) (b >= 'A' && b <= 'Z' ? b + 32 : b)});
    }
    return glob(GlobPattern.parse(lower, GlobDelimiters.DOT), true);
  }

  /**
   * The executable paths a binary entry matches (spec §3.4): without {@code *} the path itself; with {@code *} the
   * slash glob.
   *
   * @param binary the binary path as written
   * @return its automaton
   * @throws GlobSyntaxException if a binary glob does not compile
   */
  public static ByteDfa binaryPattern(String binary) {
    if (binary.indexOf('*') < 0) {
      return literal(binary);
    }
    return glob(GlobPattern.parse(binary, GlobDelimiters.SLASH));
  }

  /**
   * The request paths a rule path or endpoint path matches in Rego (spec §3.5): {@code **} matches everything,
   * anything else is a slash glob. (An empty rule path never matches and an empty endpoint path matches everything;
   * the caller decides which applies.)
   *
   * @param path the pattern as written
   * @return its automaton
   * @throws GlobSyntaxException if the pattern does not compile
   */
  public static ByteDfa pathGlob(String path) {
    if (path.equals("**")) {
      return EVERYTHING;
    }
    return glob(GlobPattern.parse(path, GlobDelimiters.SLASH));
  }

  /**
   * The values a query-value, GraphQL-name or MCP glob matches: the dot grammar.
   *
   * @param pattern the pattern as written
   * @return its automaton
   * @throws GlobSyntaxException if the pattern does not compile
   */
  public static ByteDfa valueGlob(String pattern) {
    return glob(GlobPattern.parse(pattern, GlobDelimiters.DOT));
  }

  /**
   * The request paths an endpoint path selects in route selection ({@link RouteSelectorPattern}), over {@link
   * #canonicalPath(boolean)} (whose values are ASCII, so {@code ?} is one byte there).
   *
   * @param selector the endpoint's {@code path} as written
   * @return its automaton
   */
  public static ByteDfa routeSelector(String selector) {
    RouteSelectorPattern p = RouteSelectorPattern.parse(selector);
    if (p.matchesAll()) {
      return EVERYTHING;
    }
    List<List<GlobNode>> alternatives = new ArrayList<>();
    if (p.prefix().isPresent()) {
      List<GlobNode> exact = literalNodes(p.prefix().get());
      List<GlobNode> below = new ArrayList<>(exact);
      below.add(new GlobNode.Literal('/'));
      below.add(new GlobNode.Everything());
      alternatives.add(exact);
      alternatives.add(below);
    }
    if (p.literalOnly()) {
      alternatives.add(literalNodes(selector));
    } else {
      alternatives.add(tokenNodes(p));
    }
    return determinize(List.of(new GlobNode.Alternation(alternatives))).preimage(b -> b == 0 ? null : new byte[] {
      (byte) b});
  }

  /**
   * Tells whether two endpoint path selectors can select a common canonical request path in route selection: the
   * exact overlap question of the endpoint ambiguity check (spec §2.6), decided on the automata.
   *
   * @param a one selector as written
   * @param b the other
   * @param encodedSlash whether request paths may keep an encoded slash ({@code %2F})
   * @return true if some request path is selected by both
   * @throws ProductSearch.StateLimitException if the product is too large to decide
   */
  public static boolean routeSelectorsOverlap(String a, String b, boolean encodedSlash) {
    if (a.equals(b)) {
      return true;
    }
    return ProductSearch.intersects(List.of(routeSelector(a), routeSelector(b)), canonicalPath(encodedSlash));
  }

  private static List<GlobNode> literalNodes(String s) {
    List<GlobNode> out = new ArrayList<>();
    s.codePoints().forEach(cp -> out.add(new GlobNode.Literal(cp)));
    return out;
  }

  private static List<GlobNode> tokenNodes(RouteSelectorPattern p) {
    int n = p.tokenCount();
    boolean fallback = n > RouteSelectorPattern.MAX_NFA_TOKENS;
    List<GlobNode> out = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      switch (p.kind(t)) {
        case RouteSelectorPattern.LITERAL -> out.add(new GlobNode.Literal(p.codePoint(t)));
        case RouteSelectorPattern.ANY_ONE -> out.add(new GlobNode.CharClass(true, List.of()));
        case RouteSelectorPattern.ANY_SEQUENCE -> out.add(new GlobNode.Everything());
        case RouteSelectorPattern.CLASS -> {
          int[] r = p.ranges(t);
          List<GlobNode.CharRange> ranges = new ArrayList<>();
          for (int i = 0; i < r.length; i += 2) {
            ranges.add(new GlobNode.CharRange(r[i], r[i + 1]));
          }
          out.add(new GlobNode.CharClass(p.negated(t), ranges));
        }
        default -> {
          if (fallback || t == n - 1) {
            out.add(new GlobNode.Everything());
          } else {
            out.add(new GlobNode.Alternation(
                List.of(List.of(), List.of(new GlobNode.Everything(), new GlobNode.Literal('/')))));
          }
        }
      }
    }
    return out;
  }

  /**
   * The values that contain {@code fragment} anywhere.
   *
   * @param fragment the fragment
   * @return its automaton
   */
  public static ByteDfa containing(String fragment) {
    List<GlobNode> nodes = new ArrayList<>();
    nodes.add(new GlobNode.Everything());
    nodes.addAll(literalNodes(fragment));
    nodes.add(new GlobNode.Everything());
    return determinize(nodes).preimage(b -> b == 0 ? null : new byte[] {(byte) b});
  }

  /**
   * The automaton of one exact value.
   *
   * @param value the value
   * @return an automaton accepting only its UTF-8 bytes
   */
  public static ByteDfa literal(String value) {
    return ByteDfa.literals(List.of(value.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Every byte string without U+0000 (the universe of no call site in particular).
   *
   * @return the automaton
   */
  public static ByteDfa everything() {
    return EVERYTHING;
  }

  /**
   * The canonical request paths (spec §3.6): {@code /}, or {@code /}-separated non-empty segments with an optional
   * trailing {@code /}; no {@code .} or {@code ..} segment; a segment keeps letters, digits and {@code
   * -._~!$&'()*+,=:@} literally and carries every other byte as upper-case {@code %HH} ({@code ;} never survives,
   * control bytes never occur, {@code %2F} only when encoded slashes are allowed). Every such string is its own
   * canonical form.
   *
   * @param encodedSlash whether {@code %2F} may occur
   * @return the automaton
   */
  public static ByteDfa canonicalPath(boolean encodedSlash) {
    return encodedSlash ? CANONICAL_PATHS_WITH_ENCODED_SLASH : CANONICAL_PATHS;
  }

  private static ByteDfa buildCanonicalPath(boolean encodedSlash) {
    // 0 dead, 1 start, 2 segment start (accepting), 3 ".", 4 "..", 5 in segment (accepting), 6 after '%',
    // 7 + h: after '%' and hex digit h (h = 0..15); 23 after '%' following "." or "..", 24 after "%2" there;
    // with encoded slashes a segment is cut into parts at each %2F, and no part may be "." or ".." (spec §3.6
    // step 7): 25 part start after %2F (accepting), 26 part ".", 27 part "..".
    long[] literal = ByteSets.of(LITERAL_PATH_PUNCTUATION);
    for (int b = 0; b < 256; b++) {
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
        ByteSets.add(literal, b);
      }
    }
    return build(28, t -> {
      t[1]['/'] = 2;
      for (int s : new int[] {2, 3, 4, 5, 25, 26, 27}) {
        for (int b = 0; b < 256; b++) {
          if (ByteSets.contains(literal, b)) {
            t[s][b] = 5;
          }
        }
        t[s]['%'] = 6;
      }
      t[2]['.'] = 3;
      t[3]['.'] = 4;
      t[25]['.'] = 26;
      t[26]['.'] = 27;
      t[5]['/'] = 2;
      t[25]['/'] = 2;
      for (int dotty : new int[] {3, 4, 26, 27}) {
        t[dotty]['%'] = 23;
      }
      for (int hi = 0; hi < 16; hi++) {
        for (int lo = 0; lo < 16; lo++) {
          int b = hi * 16 + lo;
          boolean encoded = b >= 0x20 && b != 0x7F && !ByteSets.contains(literal, b) && b != ';'
              && (b != '/' || encodedSlash);
          if (!encoded) {
            continue;
          }
          t[6][hexDigit(hi)] = 7 + hi;
          t[7 + hi][hexDigit(lo)] = b == '/' ? 25 : 5;
          if (b == '/') {
            continue; // a "." or ".." part followed by %2F is a dot segment hidden behind it: rejected
          }
          if (hi == 2) {
            t[23]['2'] = 24;
            t[24][hexDigit(lo)] = 5;
          } else {
            t[23][hexDigit(hi)] = 7 + hi;
          }
        }
      }
    }, 2, 5, 25);
  }

  /**
   * The host names a request may carry, as the decision sees them (after one trailing dot is removed): ASCII
   * without U+0000 and {@code :}, without upper-case letters (every decision lower-cases the host first, so they add
   * no behaviour), made of non-empty labels (a name with an empty label cannot be resolved), and whose last label is
   * not a number ({@code 10}, {@code 0x1f}): a URL parser reads such a host as an IP address, whose decision adds the
   * destination checks, so IP literals are analysed one by one instead.
   *
   * @return the automaton
   */
  public static ByteDfa hostNames() {
    return HOST_NAMES;
  }

  private static ByteDfa buildHostNames() {
    // 1 label start (the start, and after '.'), 2 label of digits, 3 label "0", 4 label "0x" + hex digits,
    // 5 other label (accepting)
    return build(6, t -> {
      for (int s = 1; s <= 5; s++) {
        for (int b = 1; b < 0x80; b++) {
          if ((b < 'A' || b > 'Z') && b != ':') {
            t[s][b] = 5;
          }
        }
        t[s]['.'] = s == 1 ? 0 : 1;
      }
      t[1]['0'] = 3;
      for (int b = '1'; b <= '9'; b++) {
        t[1][b] = 2;
      }
      for (int s : new int[] {2, 3}) {
        for (int b = '0'; b <= '9'; b++) {
          t[s][b] = 2;
        }
      }
      t[3]['x'] = 4;
      for (int b = 0; b < 256; b++) {
        if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f')) {
          t[4][b] = 4;
        }
      }
    }, 5);
  }

  /**
   * Valid UTF-8 text without U+0000, the empty string included: query values, GraphQL names, MCP methods and tools.
   *
   * @return the automaton
   */
  public static ByteDfa text() {
    return TEXT;
  }

  private static ByteDfa buildText() {
    // 1 ready (accepting), 2..8 inside a multi-byte character
    return build(9, t -> {
      utf8Leads(t, 1, 1, 2);
      utf8Tails(t, 2, 1);
    }, 1);
  }

  /**
   * The paths a kernel reports for an executable: absolute, {@code /}-separated non-empty UTF-8 segments without
   * U+0000, no {@code .} or {@code ..} segment, no trailing {@code /}.
   *
   * @return the automaton
   */
  public static ByteDfa executablePaths() {
    return EXECUTABLE_PATHS;
  }

  private static ByteDfa buildExecutablePaths() {
    // 1 start, 2 segment start, 3 ".", 4 "..", 5 in segment (accepting), 6..12 inside a multi-byte character
    return build(13, t -> {
      t[1]['/'] = 2;
      for (int s = 2; s <= 5; s++) {
        utf8Leads(t, s, 5, 6);
        t[s]['/'] = 0;
      }
      t[2]['.'] = 3;
      t[3]['.'] = 4;
      t[5]['/'] = 2;
      utf8Tails(t, 6, 5);
    }, 5);
  }

  /**
   * From state {@code s}: ASCII except NUL goes to {@code ready}, lead bytes into the continuation states that start
   * at {@code tails} (see {@link #utf8Tails}).
   */
  private static void utf8Leads(int[][] t, int s, int ready, int tails) {
    for (int b = 1; b < 0x80; b++) {
      t[s][b] = ready;
    }
    for (int b = 0xC2; b <= 0xDF; b++) {
      t[s][b] = tails;
    }
    t[s][0xE0] = tails + 1;
    for (int b = 0xE1; b <= 0xEF; b++) {
      t[s][b] = b == 0xED ? tails + 3 : tails + 2;
    }
    t[s][0xF0] = tails + 4;
    for (int b = 0xF1; b <= 0xF3; b++) {
      t[s][b] = tails + 5;
    }
    t[s][0xF4] = tails + 6;
  }

  /**
   * The seven continuation states of UTF-8 (RFC 3629 §4, no surrogates, nothing above U+10FFFF), starting at {@code
   * base}: one more byte, after E0, two more, after ED, after F0, three more, after F4; they end in {@code ready}.
   */
  private static void utf8Tails(int[][] t, int base, int ready) {
    int one = base;
    int two = base + 2;
    int three = base + 5;
    for (int b = 0x80; b <= 0xBF; b++) {
      t[one][b] = ready;
      t[two][b] = one;
      t[three][b] = two;
    }
    for (int b = 0xA0; b <= 0xBF; b++) {
      t[base + 1][b] = one;
    }
    for (int b = 0x80; b <= 0x9F; b++) {
      t[base + 3][b] = one;
    }
    for (int b = 0x90; b <= 0xBF; b++) {
      t[base + 4][b] = two;
    }
    for (int b = 0x80; b <= 0x8F; b++) {
      t[base + 6][b] = two;
    }
  }

  private static int hexDigit(int v) {
    return v < 10 ? '0' + v : 'A' + v - 10;
  }

  /** Builds a small automaton from a full table filled by {@code fill}; the listed states accept. */
  private static ByteDfa build(int states, java.util.function.Consumer<int[][]> fill, int... accepting) {
    int[][] table = new int[states][256];
    fill.accept(table);
    int[] labels = new int[states];
    for (int s : accepting) {
      labels[s] = 1;
    }
    return ByteDfa.fromTable(table, labels);
  }
}
