package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.net.Port;
import java.util.Locale;
import java.util.Optional;

/**
 * Canonicalization of a raw preset host into a "host stem" (spec nemoclaw-preset-layer §6.3 step B): the bare, lowercase
 * host name or address that {@code policy-explain} shows and that the failure classifier matches against.
 *
 * <p>This is deliberately upstream's textual algorithm, not a URL parser: {@code 0x7f.1} is kept as a host name (its
 * labels are valid), octets of a dotted quad are not range-checked, and the hex form of an IPv4-mapped address
 * ({@code ::ffff:7f00:1}) is not unwrapped. It decides what is <em>displayed</em>; use
 * {@link dev.sandboxpolicy.model.net.PrivateNetworks} for SSRF decisions.
 */
final class HostStem {

  /** Longest label of the strict host-name form (RFC 1035 §2.3.4: 63 octets). */
  static final int MAX_LABEL_LENGTH = 63;

  /** A port suffix is 1 to 5 digits: as many as the largest port, {@link Port#MAX_VALUE}, has. */
  static final int MAX_PORT_DIGITS = Integer.toString(Port.MAX_VALUE).length();

  /** A dotted-quad shape has four parts (RFC 791 §3.1 octets)... */
  static final int DOTTED_QUAD_PARTS = 4;

  /** ...of one to three digits each. */
  static final int MAX_OCTET_DIGITS = 3;

  private HostStem() {}

  /**
   * Turns a raw host value into its stem, or empty when it cannot be one. Steps: trim; strip a leading
   * {@code scheme://}; drop userinfo up to the last {@code @}; cut at the first {@code /}, {@code ?} or {@code #};
   * lowercase and drop one trailing dot; unbracket {@code [v6]:port} or drop a {@code :port}; unwrap dotted
   * IPv4-mapped IPv6 ({@code ::ffff:10.0.0.1} gives {@code 10.0.0.1}); then accept only a dotted-quad shape, an IPv6
   * shape or a strict host name (so wildcards such as {@code *.example.com} and underscores give empty).
   *
   * @param raw the host value as written in a preset, may be {@code null}
   * @return the stem, or empty
   */
  static Optional<String> canonicalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String v = raw.strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    v = stripScheme(v);
    int at = v.lastIndexOf('@');
    if (at >= 0) {
      v = v.substring(at + 1);
    }
    int cut = firstIndexOfAny(v, "/?#");
    if (cut >= 0) {
      v = v.substring(0, cut);
    }
    v = v.toLowerCase(Locale.ROOT);
    if (v.endsWith(".")) {
      v = v.substring(0, v.length() - 1);
    }
    int close = v.indexOf(']');
    if (v.startsWith("[") && close > 0) {
      v = v.substring(1, close);
    } else if (v.indexOf(':') >= 0) {
      int colon = v.lastIndexOf(':');
      String left = v.substring(0, colon);
      String right = v.substring(colon + 1);
      if (isDigits(right, 1, MAX_PORT_DIGITS) && !left.isEmpty() && left.indexOf(':') < 0) {
        v = left;
      }
    }
    v = unwrapDottedMapped(v);
    if (firstIndexOfAny(v, "/?#@\\!") >= 0 || containsWhitespace(v)) {
      return Optional.empty();
    }
    if (isDottedQuadShape(v) || isIpv6Shape(v) || isStrictHostName(v)) {
      return Optional.of(v);
    }
    return Optional.empty();
  }

  private static String stripScheme(String v) {
    int sep = v.indexOf("://");
    if (sep <= 0 || !isAsciiLetter(v.charAt(0))) {
      return v;
    }
    for (int i = 1; i < sep; i++) {
      char c = v.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') {
        return v;
      }
    }
    return v.substring(sep + 3);
  }

  /** {@code [0:]*ffff:a.b.c.d} (any run of zeros and colons, then ffff:) becomes {@code a.b.c.d}. */
  private static String unwrapDottedMapped(String v) {
    int ffff = v.indexOf("ffff:");
    if (ffff < 0) {
      return v;
    }
    for (int i = 0; i < ffff; i++) {
      if (v.charAt(i) != '0' && v.charAt(i) != ':') {
        return v;
      }
    }
    if (ffff > 0 && v.charAt(ffff - 1) != ':') {
      return v; // "0ffff:" is not a group boundary
    }
    String quad = v.substring(ffff + "ffff:".length());
    return isDottedQuadShape(quad) ? quad : v;
  }

  /** 1-3 digits, four times, separated by dots (octet values not checked). */
  static boolean isDottedQuadShape(String v) {
    int start = 0;
    for (int part = 0; part < DOTTED_QUAD_PARTS; part++) {
      int dot = part < DOTTED_QUAD_PARTS - 1 ? v.indexOf('.', start) : v.length();
      if (dot < 0 || !isDigits(v.substring(start, dot), 1, MAX_OCTET_DIGITS)) {
        return false;
      }
      start = dot + 1;
    }
    return true;
  }

  /** Contains ':', only {@code [0-9a-f:.]}, and either {@code ::} or at least two colons. */
  static boolean isIpv6Shape(String v) {
    int colons = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ':') {
        colons++;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '.')) {
        return false;
      }
    }
    return colons > 0 && (v.contains("::") || colons >= 2);
  }

  /** Dot-separated labels {@code [a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?} (lowercase input). */
  static boolean isStrictHostName(String v) {
    if (v.isEmpty()) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= v.length(); i++) {
      char c = i < v.length() ? v.charAt(i) : '.';
      if (c == '.') {
        int length = i - labelStart;
        if (length == 0 || length > MAX_LABEL_LENGTH || v.charAt(labelStart) == '-' || v.charAt(i - 1) == '-') {
          return false;
        }
        labelStart = i + 1;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigits(String s, int minLength, int maxLength) {
    if (s.length() < minLength || s.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int firstIndexOfAny(String v, String chars) {
    for (int i = 0; i < v.length(); i++) {
      if (chars.indexOf(v.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean containsWhitespace(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (Character.isWhitespace(v.charAt(i)) || Character.isSpaceChar(v.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
