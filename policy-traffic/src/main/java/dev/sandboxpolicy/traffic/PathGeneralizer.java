package dev.sandboxpolicy.traffic;

/**
 * The mechanistic mapper's path generalisation (logs spec §2.3): strip the query; when the <em>last</em> segment
 * looks like an identifier, replace it with {@code *} ({@code /posts/42} becomes {@code /posts/*}); never {@code **},
 * never a middle segment, so a proposed rule stays as narrow as the logged path.
 */
final class PathGeneralizer {

  /** An all-digit segment is an identifier from this length on ({@code 42} yes, {@code 7} no). */
  static final int MIN_NUMERIC_ID = 2;
  /** A segment with a {@code -} is an identifier when it holds this many hex digits (UUID-like). */
  static final int MIN_DASHED_HEX_DIGITS = 24;
  /** An all-hex segment is an identifier from this length on (hashes, tokens). */
  static final int MIN_HEX_ID = 16;

  private PathGeneralizer() {}

  static String generalize(String raw) {
    int q = raw.indexOf('?');
    String path = q < 0 ? raw : raw.substring(0, q);
    int lastSlash = path.lastIndexOf('/');
    if (lastSlash < 0) {
      return path; // one segment
    }
    return looksLikeId(path.substring(lastSlash + 1)) ? path.substring(0, lastSlash) + "/*" : path;
  }

  static boolean looksLikeId(String segment) {
    if (segment.isEmpty()) {
      return false;
    }
    boolean allDigits = true;
    int hex = 0;
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      allDigits &= c >= '0' && c <= '9';
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        hex++;
      }
    }
    if (allDigits && segment.length() >= MIN_NUMERIC_ID) {
      return true;
    }
    if (hex >= MIN_DASHED_HEX_DIGITS && segment.indexOf('-') >= 0) {
      return true;
    }
    return hex >= MIN_HEX_ID && hex == segment.length();
  }
}
