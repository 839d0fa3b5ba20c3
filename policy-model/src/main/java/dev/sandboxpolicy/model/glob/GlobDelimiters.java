package dev.sandboxpolicy.model.glob;

import java.util.Arrays;

/**
 * The delimiter set of one glob call site (spec §3.2 steps 1–4).
 *
 * <p>A delimiter is a character that wildcards do not cross. The upstream primitive implements this by a textual
 * transformation of both pattern and value before matching: when {@code /} is not a delimiter every {@code /}
 * becomes an ordinary character; every other delimiter {@code d} becomes the three characters {@code /d/}. An empty
 * delimiter list means {@code ["."]} (not "no delimiters"), so {@link #of(char...)} with no arguments equals {@link
 * #DOT}.
 *
 * <p>The policy language uses only two sets: {@link #DOT} (hosts, query values, GraphQL names, MCP methods and
 * tools) and {@link #SLASH} (binary paths, request paths).
 *
 * <pre>{@code
 * GlobDelimiters.of()            // same as DOT
 * GlobDelimiters.of('/')         // same as SLASH
 * GlobDelimiters.of('.', ':')    // a custom set
 * }</pre>
 */
public final class GlobDelimiters {
  /** {@code ["."]}, which is also what an empty delimiter list means: {@code *} stays inside one label. */
  public static final GlobDelimiters DOT = new GlobDelimiters(new char[] {'.'});

  /** {@code ["/"]}: classic path globs, {@code *} stays inside one path segment. */
  public static final GlobDelimiters SLASH = new GlobDelimiters(new char[] {'/'});

  private final char[] chars;

  private GlobDelimiters(char[] chars) {
    this.chars = chars;
  }

  /**
   * Returns the delimiter set made of the given characters; duplicates are ignored and the order does not matter.
   * An empty argument list yields {@link #DOT} (spec §3.2 step 1).
   *
   * @param delimiters the delimiter characters; U+0000 is rejected
   * @return the delimiter set
   * @throws IllegalArgumentException if a delimiter is U+0000
   */
  public static GlobDelimiters of(char... delimiters) {
    char[] sorted = delimiters.clone();
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] == '\0') {
        throw new IllegalArgumentException("a glob delimiter cannot be U+0000");
      }
      if (n == 0 || sorted[n - 1] != sorted[i]) {
        sorted[n++] = sorted[i];
      }
    }
    if (n == 0 || (n == 1 && sorted[0] == '.')) {
      return DOT;
    }
    if (n == 1 && sorted[0] == '/') {
      return SLASH;
    }
    return new GlobDelimiters(Arrays.copyOf(sorted, n));
  }

  /**
   * Tells whether {@code c} is one of the delimiters.
   *
   * @param c a character
   * @return true when wildcards do not cross {@code c}
   */
  public boolean isDelimiter(char c) {
    for (char d : chars) {
      if (d == c) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether {@code /} is a delimiter; when it is not, {@code /} is an ordinary character that {@code *} crosses.
   *
   * @return true for {@link #SLASH} and any set that contains {@code /}
   */
  public boolean slashIsDelimiter() {
    return isDelimiter('/');
  }

  /**
   * Returns the delimiter characters in ascending order.
   *
   * @return a fresh copy of the delimiters (never empty)
   */
  public char[] toCharArray() {
    return chars.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobDelimiters && Arrays.equals(chars, ((GlobDelimiters) o).chars);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(chars);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("GlobDelimiters[");
    for (int i = 0; i < chars.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(chars[i]).append('"');
    }
    return sb.append(']').toString();
  }
}
