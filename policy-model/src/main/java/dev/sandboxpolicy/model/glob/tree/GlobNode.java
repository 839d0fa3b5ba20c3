package dev.sandboxpolicy.model.glob.tree;

import java.util.List;

/**
 * One node of a parsed glob, over the <em>transformed</em> pattern (spec §3.2 step 5): after the delimiter
 * transformation the only separator is {@code /}. Each node stands for one fragment of the anchored regular
 * expression that the upstream primitive builds; the comments give that fragment. Matching is byte-wise over the
 * UTF-8 encoding of the transformed value, exactly as upstream.
 *
 * <p>Normalisation done by the parser: empty alternatives are dropped, an alternation left with one alternative is
 * inlined, an alternation left with none disappears, and a pattern that is exactly a whole-segment {@code **}
 * becomes the single node {@link Everything}.
 *
 * <p>Not API: the parse tree is the input of the automata ({@code ByteNfa}), and its package is exported only to the
 * matcher, which builds its own tables from them. Users see a glob as a
 * {@link dev.sandboxpolicy.model.glob.GlobPattern}.
 */
public sealed interface GlobNode
    permits GlobNode.Literal,
        GlobNode.AnyChar,
        GlobNode.AnySequence,
        GlobNode.RecursivePrefix,
        GlobNode.RecursiveSuffix,
        GlobNode.RecursiveMiddle,
        GlobNode.Everything,
        GlobNode.CharClass,
        GlobNode.Alternation {

  /**
   * One literal code point (after escapes were applied).
   *
   * @param codePoint the Unicode code point
   */
  record Literal(int codePoint) implements GlobNode {}

  /** {@code ?}: exactly one byte that is not the separator ({@code [^/]}). */
  record AnyChar() implements GlobNode {}

  /** {@code *} (and a {@code **} that is not a whole segment): zero or more non-separator bytes ({@code [^/]*}). */
  record AnySequence() implements GlobNode {}

  /** A leading {@code **}{@code /}: zero or more leading segments ({@code (?:/?|.*}{@code /)}). */
  record RecursivePrefix() implements GlobNode {}

  /** A trailing {@code /**}: the separator plus anything ({@code /.*}); {@code a/**} does not match {@code a}. */
  record RecursiveSuffix() implements GlobNode {}

  /** A {@code /**}{@code /} in the middle: one separator or {@code /…/} ({@code (?:/|/.*}{@code /)}). */
  record RecursiveMiddle() implements GlobNode {}

  /** The whole pattern is {@code **} (or {@code **}{@code /}): anything, even the empty string ({@code .*}). */
  record Everything() implements GlobNode {}

  /**
   * A bracket class. Upstream matches one <em>byte</em>: a class naming a non-ASCII character stands for the
   * individual bytes of its UTF-8 form (a faithful quirk; see the matcher's compatibility notes). A negated class can
   * match the separator.
   *
   * @param negated true for {@code [!...]} and {@code [^...]}
   * @param ranges the ranges in pattern order, each {@code first <= last}
   */
  record CharClass(boolean negated, List<CharRange> ranges) implements GlobNode {
    /**
     * Copies the ranges.
     *
     * @param negated true for a negated class
     * @param ranges the ranges
     */
    public CharClass {
      ranges = List.copyOf(ranges);
    }
  }

  /**
   * An inclusive code point range inside a {@link CharClass}; a single character is a range with {@code first ==
   * last}.
   *
   * @param first the first code point
   * @param last the last code point, {@code >= first}
   */
  record CharRange(int first, int last) {
    /**
     * Checks the order.
     *
     * @param first the first code point
     * @param last the last code point
     */
    public CharRange {
      if (last < first) {
        throw new IllegalArgumentException("reversed range");
      }
    }
  }

  /**
   * {@code {a,b}}: one of at least two non-empty alternatives (nesting allowed).
   *
   * @param alternatives each alternative as a node sequence
   */
  record Alternation(List<List<GlobNode>> alternatives) implements GlobNode {
    /**
     * Copies the alternatives.
     *
     * @param alternatives the alternatives
     */
    public Alternation {
      alternatives = alternatives.stream().map(List::copyOf).toList();
    }
  }
}
