package dev.sandboxpolicy.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * BASELINE ONLY. The upstream glob primitive {@code G(pattern, delimiters, value)} (spec §3.2) done the way a straight
 * port of the Rego/globset stack does it: rewrite pattern and value with the delimiter transformation, translate the
 * pattern to a {@link java.util.regex.Pattern} once, and run {@link java.util.regex.Matcher#matches()} on the
 * rewritten value for every call. This is what the library's compiled matcher is measured against; never use it on a
 * hot path (regex backtracking, one or two string copies per call).
 *
 * <p>Written independently of {@code dev.sandboxpolicy.model.glob} so that the differential test compares two
 * implementations, not one implementation with itself.
 */
public final class RegexGlob {
  /** The placeholder that an ordinary {@code /} becomes when {@code /} is not a delimiter (spec §3.2 step 3). */
  private static final char ORDINARY_SLASH = '\0';

  private final String source;
  private final char[] delimiters;
  private final Pattern regex;

  private RegexGlob(String source, char[] delimiters, Pattern regex) {
    this.source = source;
    this.delimiters = delimiters;
    this.regex = regex;
  }

  /**
   * Translates a glob to a regex.
   *
   * @param pattern the glob as written
   * @param delimiters the call site's delimiters; empty means {@code .} (spec §3.2 step 1)
   * @return the compiled glob
   * @throws IllegalArgumentException if the glob does not compile (upstream: an evaluation error) or contains U+0000
   */
  public static RegexGlob compile(String pattern, char... delimiters) {
    char[] d = delimiters.length == 0 ? new char[] {'.'} : delimiters.clone();
    String transformed = transform(pattern, d);
    return new RegexGlob(pattern, d, Pattern.compile(new Translator(transformed).translate(), Pattern.DOTALL));
  }

  /**
   * Matches the whole value.
   *
   * @param value the value
   * @return true on a match
   * @throws IllegalArgumentException if the value contains U+0000 (upstream: an evaluation error)
   */
  public boolean matches(String value) {
    return regex.matcher(transform(value, delimiters)).matches();
  }

  /**
   * Returns the regex the glob became (for reports and tests).
   *
   * @return the regex source
   */
  public String regex() {
    return regex.pattern();
  }

  @Override
  public String toString() {
    return "RegexGlob[" + source + " -> " + regex.pattern() + "]";
  }

  /** Spec §3.2 steps 2–4, applied to pattern and value alike. */
  static String transform(String s, char[] delimiters) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("U+0000 in a glob pattern or value");
    }
    boolean slashIsDelimiter = false;
    for (char c : delimiters) {
      slashIsDelimiter |= c == '/';
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/') {
        out.append(slashIsDelimiter ? '/' : ORDINARY_SLASH);
      } else if (isDelimiter(c, delimiters)) {
        out.append('/').append(c).append('/');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isDelimiter(char c, char[] delimiters) {
    for (char d : delimiters) {
      if (d == c) {
        return true;
      }
    }
    return false;
  }

  /** Glob (separator {@code /}) to regex, following the globset translation described in spec §3.2 step 5. */
  private static final class Translator {
    private final String p;
    private int i;

    Translator(String p) {
      this.p = p;
    }

    String translate() {
      if (p.equals("**")) {
        return ".*";
      }
      StringBuilder sb = new StringBuilder();
      if (p.startsWith("**/")) {
        sb.append("(?:/?|.*/)");
        i = 3;
      }
      sb.append(sequence(false));
      if (i < p.length()) {
        throw new IllegalArgumentException("unopened '}' in glob " + p);
      }
      return sb.toString();
    }

    /** Translates until the end, or (inside braces) until an unnested ',' or '}'. */
    private String sequence(boolean inBraces) {
      StringBuilder sb = new StringBuilder();
      while (i < p.length()) {
        char c = p.charAt(i);
        if (inBraces && (c == ',' || c == '}')) {
          return sb.toString();
        }
        if (c == '}') {
          throw new IllegalArgumentException("unopened '}' in glob " + p);
        }
        switch (c) {
          case '/':
            if (!inBraces && p.startsWith("/**", i) && i + 3 == p.length()) {
              sb.append("/.*");
              i += 3;
            } else if (!inBraces && p.startsWith("/**/", i)) {
              sb.append("(?:/|/.*/)");
              i += 4;
            } else {
              sb.append('/');
              i++;
            }
            break;
          case '*':
            sb.append("[^/]*");
            i++;
            break;
          case '?':
            sb.append("[^/]");
            i++;
            break;
          case '[':
            sb.append(characterClass());
            break;
          case '{':
            sb.append(alternation());
            break;
          case '\\':
            if (i + 1 >= p.length()) {
              throw new IllegalArgumentException("dangling '\\' in glob " + p);
            }
            sb.append(literal(p.charAt(i + 1)));
            i += 2;
            break;
          default:
            sb.append(literal(c));
            i++;
        }
      }
      if (inBraces) {
        throw new IllegalArgumentException("unclosed '{' in glob " + p);
      }
      return sb.toString();
    }

    private String alternation() {
      i++; // '{'
      List<String> alternatives = new ArrayList<>();
      while (true) {
        String alt = sequence(true);
        if (!alt.isEmpty()) {
          alternatives.add(alt);
        }
        char c = p.charAt(i++);
        if (c == '}') {
          break;
        }
      }
      return "(?:" + String.join("|", alternatives) + ")";
    }

    private String characterClass() {
      int start = i;
      i++; // '['
      StringBuilder sb = new StringBuilder("[");
      if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
        sb.append('^');
        i++;
      }
      boolean first = true;
      while (true) {
        if (i >= p.length()) {
          throw new IllegalArgumentException("unclosed '[' at " + start + " in glob " + p);
        }
        char c = p.charAt(i);
        if (c == ']' && !first) {
          i++;
          return sb.append(']').toString();
        }
        first = false;
        if (i + 2 < p.length() && p.charAt(i + 1) == '-' && p.charAt(i + 2) != ']') {
          char hi = p.charAt(i + 2);
          if (hi < c) {
            throw new IllegalArgumentException("reversed range " + c + "-" + hi + " in glob " + p);
          }
          sb.append(classChar(c)).append('-').append(classChar(hi));
          i += 3;
        } else {
          sb.append(classChar(c));
          i++;
        }
      }
    }

    private static String classChar(char c) {
      return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\x{" + Integer.toHexString(c) + "}";
    }

    private static String literal(char c) {
      return Character.isLetterOrDigit(c) || c == '/' ? String.valueOf(c) : "\\x{" + Integer.toHexString(c) + "}";
    }
  }
}
