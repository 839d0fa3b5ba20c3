package dev.sandboxpolicy.model.glob.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses one pattern exactly like the upstream primitive (spec §3.2): the delimiter transformation, then the glob
 * grammar of the Rust {@code globset} crate with {@code literal_separator} and backslash escapes on. Not thread-safe;
 * one instance per parse.
 *
 * <p>{@code GlobPattern.parse} checks a pattern through it and turns a {@link Failure} into a {@code GlobError}; the
 * automata take its {@link GlobNode}s from {@link #parse(String, char[])}. This package sits below
 * {@code dev.sandboxpolicy.model.glob} (it knows neither {@code GlobDelimiters} nor {@code GlobErrorKind}, whose
 * wire names are the constants here), so the public glob types hand out no parse tree and no package cycle arises.
 *
 * <pre>{@code
 * GlobPattern p = GlobPattern.parse("/v1/**", GlobDelimiters.SLASH);
 * GlobParser.parse(p.source(), p.delimiters().toCharArray());
 * // [Literal('/'), Literal('v'), Literal('1'), RecursiveSuffix]
 * }</pre>
 */
public final class GlobParser {

  /** The wire name of a {@code [} that is never closed. */
  public static final String UNCLOSED_CLASS = "glob_unclosed_class";
  /** The wire name of a class range whose end is below its start. */
  public static final String INVALID_RANGE = "glob_invalid_range";
  /** The wire name of a <code>{</code> that is never closed. */
  public static final String UNCLOSED_ALTERNATES = "glob_unclosed_alternates";
  /** The wire name of a <code>}</code> without its opening brace. */
  public static final String UNOPENED_ALTERNATES = "glob_unopened_alternates";
  /** The wire name of a trailing escape. */
  public static final String DANGLING_ESCAPE = "glob_dangling_escape";
  /** The wire name of a U+0000 in a pattern. */
  public static final String NUL_CHARACTER = "glob_nul_character";

  /** Why a pattern does not compile: one of the wire names above, the offset in the pattern, and a message. */
  public static final class Failure extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int offset;

    Failure(String code, int offset, String message) {
      super(message);
      this.code = code;
      this.offset = offset;
    }

    /** The wire name of the error (a {@code GlobErrorKind}'s). */
    public String code() {
      return code;
    }

    /** The offset in the pattern as written. */
    public int offset() {
      return offset;
    }
  }
  private static final int NONE = -1;
  private static final int SEPARATOR = '/';

  /** Alternatives of one {@code {...}} group before empty ones are dropped. */
  private record RawAlternation(List<List<Object>> alternatives) {}

  private final String source;
  private final int[] chars;
  private final int[] origin;
  private int pos;
  private int prev = NONE;
  private int cur = NONE;
  private final List<List<Object>> branches = new ArrayList<>();
  private final Deque<int[]> openGroups = new ArrayDeque<>();
  private Failure error;

  private GlobParser(String source, int[] chars, int[] origin) {
    this.source = source;
    this.chars = chars;
    this.origin = origin;
  }

  /**
   * Returns the parsed, normalised nodes of the transformed pattern (an empty list matches only the empty string).
   *
   * @param pattern the pattern as written
   * @param delimiters the call site's delimiters ({@code GlobDelimiters.toCharArray()})
   * @throws Failure when the pattern does not compile
   */
  public static List<GlobNode> parse(String pattern, char[] delimiters) {
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '\0') {
        throw new Failure(NUL_CHARACTER, i, "the pattern contains U+0000, which is never allowed");
      }
    }
    int[] cps = new int[pattern.length() * 3];
    int[] origin = new int[cps.length];
    int n = 0;
    boolean slash = isDelimiter(delimiters, '/');
    for (int i = 0; i < pattern.length(); ) {
      int cp = pattern.codePointAt(i);
      if (cp == '/' && !slash) {
        origin[n] = i;
        cps[n++] = 0;
      } else if (cp != '/' && cp < 0x10000 && isDelimiter(delimiters, (char) cp)) {
        origin[n] = i;
        cps[n++] = SEPARATOR;
        origin[n] = i;
        cps[n++] = cp;
        origin[n] = i;
        cps[n++] = SEPARATOR;
      } else {
        origin[n] = i;
        cps[n++] = cp;
      }
      i += Character.charCount(cp);
    }
    GlobParser p = new GlobParser(pattern, java.util.Arrays.copyOf(cps, n), java.util.Arrays.copyOf(origin, n));
    List<Object> raw = p.run();
    if (raw == null) {
      throw p.error;
    }
    if (raw.size() == 1 && raw.get(0) instanceof GlobNode.RecursivePrefix) {
      return List.of(new GlobNode.Everything());
    }
    return List.copyOf(normalize(raw));
  }

  private List<Object> run() {
    branches.add(new ArrayList<>());
    while (bump() != NONE) {
      int c = cur;
      boolean ok;
      switch (c) {
        case '?' -> ok = push(new GlobNode.AnyChar());
        case '*' -> ok = parseStar();
        case '[' -> ok = parseClass();
        case '{' -> ok = openGroup();
        case '}' -> ok = closeGroup();
        case ',' -> ok = comma();
        case '\\' -> ok = escape();
        default -> ok = push(new GlobNode.Literal(c));
      }
      if (!ok) {
        return null;
      }
    }
    if (!openGroups.isEmpty()) {
      int at = openGroups.peek()[1];
      fail(UNCLOSED_ALTERNATES, at, "'{' at offset " + at + " is never closed by '}'");
      return null;
    }
    return branches.get(0);
  }

  private int bump() {
    prev = cur;
    cur = pos < chars.length ? chars[pos++] : NONE;
    return cur;
  }

  private int peek() {
    return pos < chars.length ? chars[pos] : NONE;
  }

  private int offsetOfCurrent() {
    return origin[pos - 1];
  }

  private boolean push(Object token) {
    branches.get(branches.size() - 1).add(token);
    return true;
  }

  private Object pop() {
    List<Object> top = branches.get(branches.size() - 1);
    return top.remove(top.size() - 1);
  }

  private boolean parseStar() {
    int before = prev;
    if (peek() != '*') {
      return push(new GlobNode.AnySequence());
    }
    bump();
    if (branches.get(branches.size() - 1).isEmpty()) {
      int next = peek();
      if (next != NONE && next != SEPARATOR) {
        push(new GlobNode.AnySequence());
        return push(new GlobNode.AnySequence());
      }
      push(new GlobNode.RecursivePrefix());
      bump();
      return true;
    }
    if (before != SEPARATOR && (openGroups.isEmpty() || (before != ',' && before != '{'))) {
      push(new GlobNode.AnySequence());
      return push(new GlobNode.AnySequence());
    }
    boolean suffix;
    int next = peek();
    if (next == NONE) {
      bump();
      suffix = true;
    } else if ((next == ',' || next == '}') && !openGroups.isEmpty()) {
      suffix = true;
    } else if (next == SEPARATOR) {
      bump();
      suffix = false;
    } else {
      push(new GlobNode.AnySequence());
      return push(new GlobNode.AnySequence());
    }
    Object last = pop();
    if (last instanceof GlobNode.RecursivePrefix || last instanceof GlobNode.RecursiveSuffix) {
      return push(last);
    }
    return push(suffix ? new GlobNode.RecursiveSuffix() : new GlobNode.RecursiveMiddle());
  }

  private boolean parseClass() {
    int open = offsetOfCurrent();
    boolean negated = false;
    if (peek() == '!' || peek() == '^') {
      bump();
      negated = true;
    }
    List<int[]> ranges = new ArrayList<>();
    boolean first = true;
    boolean inRange = false;
    while (true) {
      int c = bump();
      if (c == NONE) {
        return fail(UNCLOSED_CLASS, open, "'[' at offset " + open + " is never closed by ']'");
      }
      if (c == ']') {
        if (!first) {
          break;
        }
        ranges.add(new int[] {']', ']', offsetOfCurrent()});
      } else if (c == '-') {
        if (first) {
          ranges.add(new int[] {'-', '-', offsetOfCurrent()});
        } else if (inRange) {
          if (!extendLast(ranges, '-')) {
            return false;
          }
          inRange = false;
        } else {
          inRange = true;
        }
      } else {
        if (inRange) {
          if (!extendLast(ranges, c)) {
            return false;
          }
        } else {
          ranges.add(new int[] {c, c, offsetOfCurrent()});
        }
        inRange = false;
      }
      first = false;
    }
    if (inRange) {
      ranges.add(new int[] {'-', '-', offsetOfCurrent()});
    }
    List<GlobNode.CharRange> out = new ArrayList<>(ranges.size());
    for (int[] r : ranges) {
      out.add(new GlobNode.CharRange(r[0], r[1]));
    }
    return push(new GlobNode.CharClass(negated, out));
  }

  private boolean extendLast(List<int[]> ranges, int last) {
    int[] r = ranges.get(ranges.size() - 1);
    r[1] = last;
    if (r[1] < r[0]) {
      return fail(
          INVALID_RANGE,
          r[2],
          "range '" + new String(Character.toChars(r[0])) + "-" + new String(Character.toChars(r[1]))
              + "' at offset " + r[2] + " is reversed");
    }
    return true;
  }

  private boolean openGroup() {
    openGroups.push(new int[] {branches.size(), offsetOfCurrent()});
    branches.add(new ArrayList<>());
    return true;
  }

  private boolean closeGroup() {
    if (openGroups.isEmpty()) {
      int at = offsetOfCurrent();
      return fail(UNOPENED_ALTERNATES, at, "'}' at offset " + at + " has no opening '{'");
    }
    int start = openGroups.pop()[0];
    List<List<Object>> alternatives = new ArrayList<>(branches.subList(start, branches.size()));
    branches.subList(start, branches.size()).clear();
    return push(new RawAlternation(alternatives));
  }

  private boolean comma() {
    if (openGroups.isEmpty()) {
      return push(new GlobNode.Literal(','));
    }
    branches.add(new ArrayList<>());
    return true;
  }

  private boolean escape() {
    int at = offsetOfCurrent();
    if (bump() == NONE) {
      return fail(DANGLING_ESCAPE, at, "the pattern ends with an escape '\\' at offset " + at);
    }
    return push(new GlobNode.Literal(cur));
  }

  private boolean fail(String code, int offset, String message) {
    error = new Failure(code, offset, message + " in '" + source + "'");
    return false;
  }

  /**
   * The one value a parse matches when it has no wildcard, class or alternation (escapes resolved, the delimiter
   * transformation undone), or {@code null}: {@code GlobPattern.literal()} and the matcher's shape choice.
   */
  public static String literal(List<GlobNode> nodes, char[] delimiters) {
    StringBuilder transformed = new StringBuilder();
    for (GlobNode node : nodes) {
      if (!(node instanceof GlobNode.Literal l)) {
        return null;
      }
      transformed.appendCodePoint(l.codePoint());
    }
    boolean slash = isDelimiter(delimiters, '/');
    StringBuilder out = new StringBuilder(transformed.length());
    for (int i = 0; i < transformed.length(); i++) {
      char c = transformed.charAt(i);
      if (c == '\0' && !slash) {
        out.append('/');
      } else if (c == '/') {
        if (i + 2 < transformed.length() && transformed.charAt(i + 2) == '/' && transformed.charAt(i + 1) != '/'
            && isDelimiter(delimiters, transformed.charAt(i + 1))) {
          out.append(transformed.charAt(i + 1));
          i += 2;
        } else if (slash) {
          out.append('/');
        } else {
          return null;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether a parse matches every value, including the empty one (the whole pattern is {@code **}). */
  public static boolean isEverything(List<GlobNode> nodes) {
    return nodes.size() == 1 && nodes.get(0) instanceof GlobNode.Everything;
  }

  private static boolean isDelimiter(char[] delimiters, char c) {
    for (char d : delimiters) {
      if (d == c) {
        return true;
      }
    }
    return false;
  }

  private static List<GlobNode> normalize(List<Object> raw) {
    List<GlobNode> out = new ArrayList<>(raw.size());
    for (Object token : raw) {
      if (token instanceof RawAlternation alternation) {
        List<List<GlobNode>> kept = new ArrayList<>();
        for (List<Object> alternative : alternation.alternatives()) {
          List<GlobNode> nodes = normalize(alternative);
          if (!nodes.isEmpty()) {
            kept.add(nodes);
          }
        }
        if (kept.size() == 1) {
          out.addAll(kept.get(0));
        } else if (kept.size() > 1) {
          out.add(new GlobNode.Alternation(kept));
        }
      } else {
        out.add((GlobNode) token);
      }
    }
    return out;
  }
}
