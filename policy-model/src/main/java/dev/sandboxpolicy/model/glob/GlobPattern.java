package dev.sandboxpolicy.model.glob;

import dev.sandboxpolicy.model.glob.tree.GlobNode;
import dev.sandboxpolicy.model.glob.tree.GlobParser;
import dev.sandboxpolicy.model.WireNamed;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A syntactically valid glob pattern of the policy language together with its delimiters (spec §3.2). Immutable and
 * thread-safe.
 *
 * <p>The pattern is parsed <em>after</em> the delimiter transformation: with {@link GlobDelimiters#DOT},
 * {@code *.example.com} is parsed as if it were {@code *}{@code /./example/./com}, and every {@code /} of the pattern
 * is an ordinary character. The parse tree itself is not API (the matcher and the analysis build their automata
 * from it). Matching is not done here (see the {@code matcher} module); this type only answers
 * "does it compile, and what does it mean".
 *
 * <pre>{@code
 * GlobPattern p = GlobPattern.parse("/v1/**", GlobDelimiters.SLASH);
 * p.literal();    // Optional.empty: the pattern has a wildcard
 * GlobPattern.parse("a\\*b", GlobDelimiters.SLASH).literal(); // Optional[a*b]
 *
 * try {
 *   GlobPattern.parse("/a[b", GlobDelimiters.SLASH);
 * } catch (GlobSyntaxException e) {
 *   e.error().code();   // "glob_unclosed_class"
 *   e.error().offset(); // 2
 * }
 *
 * GlobPattern.check("tools/[z-a]", GlobDelimiters.DOT); // Optional[glob_invalid_range at 7: ...]
 * }</pre>
 *
 * <p>Warning: whether a pattern "has wildcards" for the policy language is decided by the call site, not here. Hosts
 * and binaries without {@code *} are compared literally upstream, so {@code [} and {@code ?} in them are never parsed
 * as glob syntax (spec §3.3, §3.4).
 */
public final class GlobPattern {
  private final String source;
  private final GlobDelimiters delimiters;
  private final String literal;
  private final boolean everything;

  private GlobPattern(String source, GlobDelimiters delimiters, String literal, boolean everything) {
    this.source = source;
    this.delimiters = delimiters;
    this.literal = literal;
    this.everything = everything;
  }

  /**
   * Parses {@code pattern} with the given delimiters.
   *
   * @param pattern the pattern as written in the policy (not lower-cased or otherwise changed)
   * @param delimiters the call site's delimiters
   * @return the parsed pattern
   * @throws GlobSyntaxException if the pattern does not compile; {@link GlobSyntaxException#error()} says why
   * @throws NullPointerException if an argument is null
   */
  public static GlobPattern parse(String pattern, GlobDelimiters delimiters) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(delimiters, "delimiters");
    List<GlobNode> nodes;
    char[] chars = delimiters.toCharArray();
    try {
      nodes = GlobParser.parse(pattern, chars);
    } catch (GlobParser.Failure f) {
      GlobErrorKind kind = WireNamed.fromWireName(GlobErrorKind.class, f.code())
          .orElseThrow(() -> new IllegalStateException("no GlobErrorKind for " + f.code()));
      throw new GlobSyntaxException(pattern, GlobError.of(kind, f.offset(), f.getMessage()));
    }
    return new GlobPattern(pattern, delimiters, GlobParser.literal(nodes, chars), GlobParser.isEverything(nodes));
  }

  /**
   * Checks {@code pattern} without throwing: empty when it compiles, otherwise the first error (as upstream, parsing
   * stops at the first problem).
   *
   * @param pattern the pattern as written
   * @param delimiters the call site's delimiters
   * @return the error, or empty
   */
  public static Optional<GlobError> check(String pattern, GlobDelimiters delimiters) {
    if (cannotFail(pattern)) {
      return Optional.empty(); // no parse needed (a policy's globs are mostly like this)
    }
    try {
      parse(pattern, delimiters);
      return Optional.empty();
    } catch (GlobSyntaxException e) {
      return Optional.of(e.error());
    }
  }

  /**
   * Whether {@code pattern} is valid whatever the delimiters: only classes, alternatives and escapes can be malformed
   * (unclosed, stray, reversed, trailing), and U+0000 is never allowed, so a pattern without {@code [ ] { } \} and
   * U+0000 always parses.
   */
  private static boolean cannotFail(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '[' || c == ']' || c == '{' || c == '}' || c == '\\' || c == '\0') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the pattern as written.
   *
   * @return the source text
   */
  public String source() {
    return source;
  }

  /**
   * Returns the delimiters the pattern was parsed with.
   *
   * @return the delimiters
   */
  public GlobDelimiters delimiters() {
    return delimiters;
  }

  /**
   * Returns the one value this pattern matches when it contains no wildcard, class or alternation (escapes
   * resolved, delimiter transformation undone): {@code a\*b} gives {@code a*b}.
   *
   * @return the literal value, or empty when the pattern has any wildcard
   */
  public Optional<String> literal() {
    return Optional.ofNullable(literal);
  }

  /**
   * Tells whether the pattern matches every value, including the empty one: the whole pattern is {@code **} (or
   * {@code **}{@code /} and equivalents).
   *
   * @return true for a match-everything pattern
   */
  public boolean matchesEverything() {
    return everything;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobPattern other && source.equals(other.source) && delimiters.equals(other.delimiters);
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + delimiters.hashCode();
  }

  @Override
  public String toString() {
    return "GlobPattern[" + source + ", " + delimiters + "]";
  }
}
