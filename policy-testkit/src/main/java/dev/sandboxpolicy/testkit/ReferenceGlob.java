package dev.sandboxpolicy.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The glob primitive {@code G(pattern, delimiters, value)} of the language specification §3.2, written the slow
 * and obvious way: the delimiter rewriting of steps 1–4 done literally on strings, then the pattern parsed into
 * globset-style tokens and translated token by token into an anchored {@link java.util.regex} pattern, exactly as
 * the upstream {@code globset} crate translates globs into regular expressions.
 *
 * <p>This is test-support code: it uses {@code java.util.regex} on purpose (the production matcher must not) and
 * caches compiled patterns in a map. Like upstream's byte-oriented regex, both sides are matched as UTF-8 bytes
 * (each byte one {@code char}), so {@code ?} matches one byte. Known approximation: character classes that contain
 * non-ASCII characters are compared byte by byte.
 *
 * <p>Evaluation errors (a U+0000 in the pattern or the value, an unclosed {@code [} or {@code {}, a stray
 * {@code }}, a trailing {@code \}, a reversed range) throw {@link GlobError}; callers fail closed.
 */
final class ReferenceGlob {

  /** An evaluation error of the glob primitive (§3.2 step 2 and step 5's compile errors). */
  static final class GlobError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GlobError(String message) {
      super(message, null, false, false);
    }
  }

  private static final char SEPARATOR = '/';
  private static final char NUL = '\u0000';
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, String> ERRORS = new ConcurrentHashMap<>();
  /** The cache is cleared when it grows beyond this many patterns, to bound memory in long fuzz runs. */
  private static final int CACHE_LIMIT = 50_000;

  private ReferenceGlob() {}

  /**
   * {@code G(pattern, delimiters, value)}.
   *
   * @param delimiters the delimiter characters ({@code ""} means {@code "."}, §3.2 step 1)
   * @throws GlobError on an evaluation error
   */
  static boolean matches(String pattern, String delimiters, String value) {
    String delims = delimiters.isEmpty() ? "." : delimiters;
    if (pattern.indexOf(NUL) >= 0 || value.indexOf(NUL) >= 0) {
      throw new GlobError("U+0000 in glob pattern or value");
    }
    String p = pattern;
    String v = value;
    if (delims.indexOf(SEPARATOR) < 0) {
      p = p.replace(SEPARATOR, NUL);
      v = v.replace(SEPARATOR, NUL);
    }
    for (int i = 0; i < delims.length(); i++) {
      char d = delims.charAt(i);
      if (d != SEPARATOR) {
        String flanked = "/" + d + "/";
        p = p.replace(String.valueOf(d), flanked);
        v = v.replace(String.valueOf(d), flanked);
      }
    }
    return compile(asBytes(p)).matcher(asBytes(v)).matches();
  }

  /** The UTF-8 bytes of {@code s}, one char per byte. */
  static String asBytes(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = (char) (bytes[i] & 0xff);
    }
    return new String(chars);
  }

  private static Pattern compile(String glob) {
    String error = ERRORS.get(glob);
    if (error != null) {
      throw new GlobError(error);
    }
    Pattern cached = CACHE.get(glob);
    if (cached != null) {
      return cached;
    }
    if (CACHE.size() > CACHE_LIMIT) {
      CACHE.clear();
      ERRORS.clear();
    }
    try {
      Pattern compiled = Pattern.compile(toRegex(glob), Pattern.DOTALL);
      CACHE.put(glob, compiled);
      return compiled;
    } catch (GlobError e) {
      ERRORS.put(glob, e.getMessage());
      throw e;
    }
  }

  /** The anchored regular expression for a (delimiter-rewritten) glob whose only separator is {@code /}. */
  static String toRegex(String glob) {
    Parser parser = new Parser(glob);
    List<Token> tokens = parser.sequence(false);
    if (parser.pos < glob.length()) {
      throw new GlobError("unopened '}' at " + parser.pos);
    }
    StringBuilder regex = new StringBuilder();
    if (tokens.size() == 1 && tokens.get(0).kind == Kind.RECURSIVE_PREFIX) {
      return ".*";
    }
    emit(tokens, regex);
    return regex.toString();
  }

  private enum Kind {
    LITERAL,
    ANY_ONE,
    STAR,
    RECURSIVE_PREFIX,
    RECURSIVE_SUFFIX,
    RECURSIVE_ZERO_OR_MORE,
    CLASS,
    ALTERNATION
  }

  /** One globset token. */
  private static final class Token {
    final Kind kind;
    final char literal;
    final boolean negated;
    final List<char[]> ranges;
    final List<List<Token>> alternatives;

    private Token(Kind kind, char literal, boolean negated, List<char[]> ranges, List<List<Token>> alternatives) {
      this.kind = kind;
      this.literal = literal;
      this.negated = negated;
      this.ranges = ranges;
      this.alternatives = alternatives;
    }

    static Token of(Kind kind) {
      return new Token(kind, '\0', false, List.of(), List.of());
    }

    static Token literal(char c) {
      return new Token(Kind.LITERAL, c, false, List.of(), List.of());
    }
  }

  /** A recursive-descent parser following globset's grammar. */
  private static final class Parser {
    final String glob;
    int pos;

    Parser(String glob) {
      this.glob = glob;
    }

    List<Token> sequence(boolean inAlternation) {
      List<Token> tokens = new ArrayList<>();
      while (pos < glob.length()) {
        char c = glob.charAt(pos);
        if (inAlternation && (c == ',' || c == '}')) {
          return tokens;
        }
        switch (c) {
          case '?' -> {
            tokens.add(Token.of(Kind.ANY_ONE));
            pos++;
          }
          case '*' -> star(tokens, inAlternation);
          case '[' -> tokens.add(characterClass());
          case '{' -> tokens.add(alternation());
          case '}' -> {
            return tokens; // stray: reported by the caller (top level) as an error
          }
          case '\\' -> {
            if (pos + 1 >= glob.length()) {
              throw new GlobError("dangling '\\'");
            }
            tokens.add(Token.literal(glob.charAt(pos + 1)));
            pos += 2;
          }
          default -> {
            tokens.add(Token.literal(c));
            pos++;
          }
        }
      }
      return tokens;
    }

    private void star(List<Token> tokens, boolean inAlternation) {
      if (pos + 1 >= glob.length() || glob.charAt(pos + 1) != '*') {
        tokens.add(Token.of(Kind.STAR));
        pos++;
        return;
      }
      pos += 2;
      boolean atEnd = pos >= glob.length();
      boolean atAlternativeEnd = !atEnd && inAlternation && (glob.charAt(pos) == ',' || glob.charAt(pos) == '}');
      boolean beforeSeparator = !atEnd && glob.charAt(pos) == SEPARATOR;
      if (tokens.isEmpty()) {
        if (!(atEnd || atAlternativeEnd || beforeSeparator)) {
          tokens.add(Token.of(Kind.STAR));
          tokens.add(Token.of(Kind.STAR));
          return;
        }
        tokens.add(Token.of(Kind.RECURSIVE_PREFIX));
        if (beforeSeparator) {
          pos++;
        }
        return;
      }
      Token previous = tokens.get(tokens.size() - 1);
      boolean afterSeparator = previous.kind == Kind.LITERAL && previous.literal == SEPARATOR;
      if (!afterSeparator || !(atEnd || atAlternativeEnd || beforeSeparator)) {
        tokens.add(Token.of(Kind.STAR));
        tokens.add(Token.of(Kind.STAR));
        return;
      }
      tokens.remove(tokens.size() - 1);
      if (beforeSeparator) {
        tokens.add(Token.of(Kind.RECURSIVE_ZERO_OR_MORE));
        pos++;
      } else {
        tokens.add(Token.of(Kind.RECURSIVE_SUFFIX));
      }
    }

    private Token characterClass() {
      int start = pos;
      pos++; // '['
      boolean negated = false;
      if (pos < glob.length() && (glob.charAt(pos) == '!' || glob.charAt(pos) == '^')) {
        negated = true;
        pos++;
      }
      List<char[]> ranges = new ArrayList<>();
      boolean first = true;
      boolean inRange = false;
      while (true) {
        if (pos >= glob.length()) {
          throw new GlobError("unclosed character class starting at " + start);
        }
        char c = glob.charAt(pos++);
        if (c == ']' && !first) {
          break;
        }
        if (c == '-' && !first && !inRange && pos < glob.length() && glob.charAt(pos) != ']') {
          inRange = true;
          first = false;
          continue;
        }
        if (inRange) {
          char[] last = ranges.get(ranges.size() - 1);
          if (c < last[0]) {
            throw new GlobError("invalid range " + last[0] + "-" + c);
          }
          last[1] = c;
          inRange = false;
        } else {
          ranges.add(new char[] {c, c});
        }
        first = false;
      }
      return new Token(Kind.CLASS, '\0', negated, ranges, List.of());
    }

    private Token alternation() {
      int start = pos;
      pos++; // '{'
      List<List<Token>> alternatives = new ArrayList<>();
      while (true) {
        List<Token> alternative = sequence(true);
        if (pos >= glob.length()) {
          throw new GlobError("unclosed alternation starting at " + start);
        }
        if (!alternative.isEmpty()) {
          alternatives.add(alternative);
        }
        char c = glob.charAt(pos++);
        if (c == '}') {
          break;
        }
      }
      return new Token(Kind.ALTERNATION, '\0', false, List.of(), alternatives);
    }
  }

  private static void emit(List<Token> tokens, StringBuilder regex) {
    for (Token t : tokens) {
      switch (t.kind) {
        case LITERAL -> literal(t.literal, regex);
        case ANY_ONE -> regex.append("[^/]");
        case STAR -> regex.append("[^/]*");
        case RECURSIVE_PREFIX -> regex.append("(?:/?|.*/)");
        case RECURSIVE_SUFFIX -> regex.append("/.*");
        case RECURSIVE_ZERO_OR_MORE -> regex.append("(?:/|/.*/)");
        case CLASS -> {
          regex.append(t.negated ? "[^" : "[");
          for (char[] range : t.ranges) {
            literal(range[0], regex);
            if (range[1] != range[0]) {
              regex.append('-');
              literal(range[1], regex);
            }
          }
          regex.append(']');
        }
        case ALTERNATION -> {
          regex.append("(?:");
          for (int i = 0; i < t.alternatives.size(); i++) {
            if (i > 0) {
              regex.append('|');
            }
            emit(t.alternatives.get(i), regex);
          }
          regex.append(')');
        }
      }
    }
  }

  private static void literal(char c, StringBuilder regex) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      regex.append(c);
    } else {
      regex.append(String.format("\\x{%x}", (int) c));
    }
  }
}
