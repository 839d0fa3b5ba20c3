package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.glob.GlobDelimiters;

/**
 * A glob made of literal characters and single stars only ({@code /usr/bin/python3*}, {@code *-api.example.com},
 * {@code /v1/*}{@code /items}, {@code *a*a*b}), matched without an automaton: the value must start with the first
 * literal piece, end with the last, contain the middle pieces in order, and no star may cover a delimiter (spec
 * §3.2: after the delimiter transform, {@code *} is any run of non-separator characters, and every delimiter becomes
 * or is flanked by the separator). The middle pieces are found leftmost-first with {@link String#indexOf(String,
 * int)}: when a match exists the leftmost one also works (an earlier occurrence leaves a longer, still
 * delimiter-free rest; a piece that contains a delimiter can occur at one place only), so the value is scanned a
 * bounded number of times, with the JDK's vectorised search, and never backtracks.
 *
 * <p>Why the raw characters can be compared: the transform maps each character of pattern and value the same way
 * (a non-delimiter {@code /} to U+0000, a delimiter {@code d} to {@code /d/}), pieces are whole characters, so the
 * byte-level regex and this character-level comparison agree. Patterns with {@code ?}, classes, alternatives,
 * escapes or {@code **} are not of this shape ({@link #of} returns null).
 */
final class StarPattern {
  /** A surrogate met under case folding: the value is lower-cased per code point and matched again. */
  private static final int UNDECIDED = -1;
  private static final String META = "?[]{}\\";

  private static final String[] NO_PIECES = {};

  /** The pattern; its first piece is {@code [0, firstEnd)}, its last {@code [lastStart, length)}. */
  private final String source;
  private final int firstEnd;
  private final int lastStart;
  /** The pieces between two stars, in order (none for a single star). */
  private final String[] middle;
  private final boolean foldCase;
  /** The single delimiter character, when there is exactly one; else {@code 0} and {@link #delimiters} decides. */
  private final char delimiter;
  private final GlobDelimiters delimiters;
  private final boolean slashIsDelimiter;

  private StarPattern(String source, boolean foldCase, GlobDelimiters delimiters) {
    this.source = source;
    this.firstEnd = source.indexOf('*');
    this.lastStart = source.lastIndexOf('*') + 1;
    String[] pieces = source.split("\\*", -1);
    this.middle = pieces.length == 2 ? NO_PIECES : java.util.Arrays.copyOfRange(pieces, 1, pieces.length - 1);
    this.foldCase = foldCase;
    this.delimiters = delimiters;
    this.slashIsDelimiter = delimiters.slashIsDelimiter();
    char[] all = delimiters.toCharArray();
    this.delimiter = all.length == 1 ? all[0] : 0;
  }

  /**
   * The star pattern of {@code source}, or null when it has other glob syntax, no star, two stars in a row, a
   * U+0000, or a character that could make the byte-level and character-level readings differ (a surrogate or
   * U+FFFD, which an unpaired surrogate of a value becomes).
   */
  static StarPattern of(String source, GlobDelimiters delimiters, boolean foldCase) {
    if (source.indexOf('*') < 0 || source.contains("**")) {
      return null;
    }
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (META.indexOf(c) >= 0 || c == '\0' || c == '\uFFFD' || Character.isSurrogate(c)) {
        return null;
      }
    }
    return new StarPattern(source, foldCase, delimiters);
  }

  /**
   * {@link GlobMatcher#MATCH} or {@link GlobMatcher#NO_MATCH}; the value has no U+0000. Allocation-free, except for
   * a case-folded value with a surrogate (not a host name anyone can register), which is lower-cased per code point
   * first, as the automaton would read it.
   */
  int match(String value) {
    int r = match(value, foldCase);
    return r != UNDECIDED ? r : match(lowerCodePoints(value), false);
  }

  /** {@link #match} of a value compared as it is (lower-cased already, for a case-folding pattern). */
  int matchExactly(String value) {
    return match(value, false);
  }

  private static String lowerCodePoints(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    value.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }

  private int match(String value, boolean foldCase) {
    int lastLength = source.length() - lastStart;
    int end = value.length() - lastLength;
    if (end < firstEnd) {
      return GlobMatcher.NO_MATCH;
    }
    int r = regionMatches(value, 0, 0, firstEnd, foldCase);
    if (r != GlobMatcher.MATCH) {
      return r;
    }
    r = regionMatches(value, end, lastStart, lastLength, foldCase);
    if (r != GlobMatcher.MATCH) {
      return r;
    }
    int pos = firstEnd;
    int nextDelimiter = nextDelimiter(value, pos);
    for (String piece : middle) {
      int at = foldCase ? indexOfLowered(value, piece, pos, end) : value.indexOf(piece, pos);
      if (at == UNDECIDED - 1) {
        return UNDECIDED;
      }
      if (at < 0 || at + piece.length() > end || nextDelimiter < at) {
        return GlobMatcher.NO_MATCH; // not there, past the last piece, or a star would cover a delimiter
      }
      pos = at + piece.length();
      if (nextDelimiter < pos) {
        nextDelimiter = nextDelimiter(value, pos);
      }
    }
    return nextDelimiter >= end ? GlobMatcher.MATCH : GlobMatcher.NO_MATCH;
  }

  /** The index of the first delimiter at or after {@code from}, or the value's length. */
  private int nextDelimiter(String value, int from) {
    if (delimiter != 0 && (delimiter != '/' || slashIsDelimiter)) {
      int i = value.indexOf(delimiter, from);
      return i < 0 ? value.length() : i;
    }
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' ? slashIsDelimiter : delimiters.isDelimiter(c)) {
        return i;
      }
    }
    return value.length();
  }

  /** Whether {@code value} at {@code offset} has the source's {@code length} characters from {@code from}. */
  private int regionMatches(String value, int offset, int from, int length, boolean foldCase) {
    if (!foldCase) {
      return value.regionMatches(offset, source, from, length) ? GlobMatcher.MATCH : GlobMatcher.NO_MATCH;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(offset + i);
      if (Character.isSurrogate(c)) {
        return UNDECIDED;
      }
      if (HostIndex.lower(c) != source.charAt(from + i)) {
        return GlobMatcher.NO_MATCH;
      }
    }
    return GlobMatcher.MATCH;
  }

  /**
   * The first index at or after {@code from} where {@code piece} occurs in the lower-cased value, ending by {@code
   * end}; -1 when none; {@code UNDECIDED - 1} when a surrogate is met (code-point lower-casing could differ).
   */
  private static int indexOfLowered(String value, String piece, int from, int end) {
    for (int at = from; at + piece.length() <= end; at++) {
      int i = 0;
      while (i < piece.length()) {
        char c = value.charAt(at + i);
        if (Character.isSurrogate(c)) {
          return UNDECIDED - 1;
        }
        if (HostIndex.lower(c) != piece.charAt(i)) {
          break;
        }
        i++;
      }
      if (i == piece.length()) {
        return at;
      }
    }
    return -1;
  }
}
