package dev.sandboxpolicy.matcher;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request target canonicalized exactly as upstream does before policy evaluation (spec §3.6): the canonical path
 * that rule globs are matched against, the raw query (forwarded verbatim) and the decoded query multimap.
 *
 * <pre>{@code
 * CanonicalTarget t = CanonicalTarget.parse("/a/./b/../c%40d;v=1?x=1&x=2&y", false);
 * t.path();   // "/a/c@d"
 * t.query();  // {x=[1, 2], y=[]}  ("y" without '=' has the value "")
 *
 * CanonicalTarget.parse("/a%2Fb", false);  // throws RequestTargetException, code "encoded_slash"
 * CanonicalTarget.parse("/a%2Fb", true).path();  // "/a%2Fb"
 * }</pre>
 *
 * <p>Path steps: reject raw control bytes, raw non-ASCII and {@code #}; split at the first {@code ?}; keep only the
 * path of an absolute-form target ({@code scheme://authority/path}); empty means {@code /}; percent-decode (bad
 * escapes, decoded control bytes, and {@code %2F} unless allowed are rejected); split on {@code /}; strip {@code
 * ;params}; resolve dot segments ({@code ..} above the root is rejected, not clamped); collapse empty segments except
 * a trailing one; re-encode everything except unreserved characters, sub-delimiters, {@code :} and {@code @}.
 */
public final class CanonicalTarget {
  /** Longest accepted path in bytes (spec §3.6 step 4). */
  public static final int MAX_PATH_BYTES = 4096;

  private static final int OPAQUE_SLASH = -1;
  private static final String LITERAL_PCHARS = "-._~!$&'()*+,;=:@";

  private final String path;
  private final Optional<String> rawQuery;
  private final Map<String, List<String>> query;
  private final boolean encodedSlash;

  private CanonicalTarget(String path, Optional<String> rawQuery, Map<String, List<String>> query, boolean slash) {
    this.path = path;
    this.rawQuery = rawQuery;
    this.query = query;
    this.encodedSlash = slash;
  }

  /**
   * Canonicalizes a request target (origin-form or absolute-form).
   *
   * @param target the target as sent on the request line
   * @param allowEncodedSlash the endpoint's {@code allow_encoded_slash}
   * @return the canonical target
   * @throws RequestTargetException if the proxy must reject the request; {@link RequestTargetException#code()}
   *     says why
   */
  public static CanonicalTarget parse(String target, boolean allowEncodedSlash) throws RequestTargetException {
    Objects.requireNonNull(target, "target");
    checkRawCharacters(target);
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    Optional<String> rawQuery = q < 0 ? Optional.empty() : Optional.of(target.substring(q + 1));
    rawPath = stripAbsoluteForm(rawPath);
    boolean[] sawSlash = new boolean[1];
    String path = canonicalizePath(rawPath, allowEncodedSlash, sawSlash);
    Map<String, List<String>> query = rawQuery.isPresent() ? parseQuery(rawQuery.get()) : Map.of();
    return new CanonicalTarget(path, rawQuery, query, sawSlash[0]);
  }

  /**
   * Canonicalizes a request <em>path</em> (not a whole target: a {@code ?} is an ordinary character here and is
   * re-encoded as {@code %3F}, and an absolute-form URL is not a path). An already canonical path is returned as
   * it is. {@link L7Request} runs every path through this, so a decision never depends on the caller having
   * canonicalized.
   *
   * <pre>{@code
   * CanonicalTarget.canonicalPath("/repos/a/x/../secret//k;v=1", false);  // "/repos/a/secret/k"
   * CanonicalTarget.canonicalPath("/a/../..", false);  // throws RequestTargetException, code "path_traversal"
   * }</pre>
   *
   * @param path the path
   * @param allowEncodedSlash whether {@code %2F} is kept (as an in-segment slash) or rejected
   * @return the canonical path
   * @throws RequestTargetException if the proxy must reject a request with this path
   */
  public static String canonicalPath(String path, boolean allowEncodedSlash) throws RequestTargetException {
    Objects.requireNonNull(path, "path");
    if (isCanonicalPath(path) && (allowEncodedSlash || !path.contains("%2F"))) {
      return path;
    }
    checkRawCharacters(path);
    return canonicalizePath(path, allowEncodedSlash, new boolean[1]);
  }

  /**
   * Whether {@code path} is certainly canonical, by one allocation-free scan: starts with {@code /}, at most
   * {@link #MAX_PATH_BYTES}, only literal path characters (not {@code ;}) and upper-case {@code %HH} escapes of
   * bytes that must stay escaped (not {@code %2F}), no empty segment except a trailing one, no {@code .} or {@code
   * ..} segment. False means "canonicalize to find out", not "not canonical".
   */
  static boolean isCanonicalPath(String path) {
    int n = path.length();
    if (n == 0 || n > MAX_PATH_BYTES || path.charAt(0) != '/') {
      return false;
    }
    int segment = 1;
    for (int i = 1; i < n; i++) {
      char c = path.charAt(i);
      if (c == '/') {
        if (i == segment || isDotSegment(path, segment, i)) {
          return false;
        }
        segment = i + 1;
      } else if (c == '%') {
        if (i + 2 >= n) {
          return false;
        }
        int hi = upperHexDigit(path.charAt(i + 1));
        int lo = upperHexDigit(path.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          return false;
        }
        int b = hi * 16 + lo;
        if (b < 0x20 || b == 0x7F || b == '/' || b == ';' || isLiteral(b)) {
          return false;
        }
        i += 2;
      } else if (c == ';' || !isLiteral(c)) {
        return false;
      }
    }
    return !isDotSegment(path, segment, n);
  }

  private static boolean isDotSegment(String path, int from, int to) {
    return (to - from == 1 && path.charAt(from) == '.')
        || (to - from == 2 && path.charAt(from) == '.' && path.charAt(from + 1) == '.');
  }

  private static int upperHexDigit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /** Whether byte or character {@code b} is written literally in a canonical path (§3.6 step 8). */
  private static boolean isLiteral(int b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
        || (b < 0x80 && LITERAL_PCHARS.indexOf(b) >= 0);
  }

  /** §3.6 step 1: raw control bytes, raw non-ASCII and {@code #} are rejected. */
  private static void checkRawCharacters(String target) throws RequestTargetException {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new RequestTargetException("control_character", "raw control byte 0x"
            + String.format("%02X", (int) c) + " at offset " + i);
      }
      if (c > 0x7F) {
        throw new RequestTargetException("non_ascii", "raw non-ASCII character at offset " + i);
      }
      if (c == '#') {
        throw new RequestTargetException("fragment", "'#' is not allowed in a request target (offset " + i + ")");
      }
    }
  }

  /** §3.6 steps 4-8 on a path whose raw characters are checked. */
  private static String canonicalizePath(String rawPath, boolean allowEncodedSlash, boolean[] sawSlash)
      throws RequestTargetException {
    if (rawPath.isEmpty()) {
      rawPath = "/";
    }
    if (rawPath.charAt(0) != '/') {
      throw new RequestTargetException("path_not_absolute", "the path must start with '/'");
    }
    if (rawPath.length() > MAX_PATH_BYTES) {
      throw new RequestTargetException(
          "path_too_long", "the path has " + rawPath.length() + " bytes, more than " + MAX_PATH_BYTES);
    }
    List<int[]> segments = decodeSegments(rawPath, allowEncodedSlash, sawSlash);
    List<int[]> resolved = resolve(segments);
    StringBuilder out = new StringBuilder(rawPath.length());
    for (int[] segment : resolved) {
      out.append('/');
      encode(segment, out);
    }
    if (out.length() == 0) {
      out.append('/');
    }
    return out.toString();
  }

  private static String stripAbsoluteForm(String p) {
    if (p.startsWith("/")) {
      return p; // origin-form, even if it contains "://"
    }
    int colon = p.indexOf("://");
    if (colon <= 0 || !isScheme(p, colon)) {
      return p;
    }
    int slash = p.indexOf('/', colon + 3);
    return slash < 0 ? "/" : p.substring(slash);
  }

  private static boolean isScheme(String p, int end) {
    if (!Character.isLetter(p.charAt(0))) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      char c = p.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** Splits on raw '/', percent-decodes each segment to bytes (OPAQUE_SLASH for an allowed %2F), strips ;params. */
  private static List<int[]> decodeSegments(String rawPath, boolean allowEncodedSlash, boolean[] sawSlash)
      throws RequestTargetException {
    List<int[]> segments = new ArrayList<>();
    int start = 1;
    while (true) {
      int end = rawPath.indexOf('/', start);
      String raw = rawPath.substring(start, end < 0 ? rawPath.length() : end);
      int[] bytes = new int[raw.length()];
      int n = 0;
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c != '%') {
          bytes[n++] = c;
          continue;
        }
        if (i + 2 >= raw.length()) {
          throw new RequestTargetException("invalid_percent_encoding", "short percent escape in the path");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new RequestTargetException("invalid_percent_encoding", "bad percent escape '"
              + raw.substring(i, i + 3) + "' in the path");
        }
        int b = hi * 16 + lo;
        i += 2;
        if (b < 0x20 || b == 0x7F) {
          throw new RequestTargetException("encoded_control_character",
              "the path encodes control byte 0x" + String.format("%02X", b));
        }
        if (b == '/') {
          if (!allowEncodedSlash) {
            throw new RequestTargetException("encoded_slash", "the path contains %2F and the endpoint does not "
                + "allow encoded slashes");
          }
          sawSlash[0] = true;
          bytes[n++] = OPAQUE_SLASH;
        } else {
          bytes[n++] = b;
        }
      }
      for (int i = 0; i < n; i++) {
        if (bytes[i] == ';') {
          n = i;
          break;
        }
      }
      segments.add(java.util.Arrays.copyOf(bytes, n));
      if (end < 0) {
        return segments;
      }
      start = end + 1;
    }
  }

  private static boolean isDot(int[] s) {
    return s.length == 1 && s[0] == '.';
  }

  private static boolean isDotDot(int[] s) {
    return s.length == 2 && s[0] == '.' && s[1] == '.';
  }

  private static List<int[]> resolve(List<int[]> segments) throws RequestTargetException {
    List<int[]> out = new ArrayList<>();
    int last = segments.size() - 1;
    for (int i = 0; i <= last; i++) {
      int[] s = segments.get(i);
      boolean isLast = i == last;
      if (isDot(s)) {
        if (isLast) {
          out.add(new int[0]);
        }
      } else if (isDotDot(s)) {
        if (out.isEmpty()) {
          throw new RequestTargetException("path_traversal", "'..' climbs above the root");
        }
        out.remove(out.size() - 1);
        if (isLast) {
          out.add(new int[0]);
        }
      } else if (s.length == 0 && !isLast) {
        continue; // collapse empty segments except a trailing one
      } else {
        out.add(s);
      }
    }
    for (int[] s : out) {
      int from = 0;
      for (int i = 0; i <= s.length; i++) {
        if (i == s.length || s[i] == OPAQUE_SLASH) {
          int len = i - from;
          if ((len == 1 && s[from] == '.') || (len == 2 && s[from] == '.' && s[from + 1] == '.')) {
            throw new RequestTargetException("dot_segment", "a '.' or '..' segment is hidden behind %2F");
          }
          from = i + 1;
        }
      }
    }
    return out;
  }

  private static void encode(int[] segment, StringBuilder out) {
    for (int b : segment) {
      if (b == OPAQUE_SLASH) {
        out.append("%2F");
      } else if (isLiteral(b)) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
  }

  private static Map<String, List<String>> parseQuery(String raw) throws RequestTargetException {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int start = 0; start <= raw.length(); ) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? raw.length() : amp;
      String pair = raw.substring(start, end);
      start = end + 1;
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decodeQueryPart(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decodeQueryPart(pair.substring(eq + 1));
      map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(frozen);
  }

  private static String decodeQueryPart(String s) throws RequestTargetException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new RequestTargetException("invalid_query_encoding", "short percent escape in the query");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new RequestTargetException("invalid_query_encoding", "bad percent escape in the query");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RequestTargetException("query_not_utf8", "a decoded query key or value is not UTF-8");
    }
  }

  /**
   * Returns the canonical path.
   *
   * @return the path, starting with {@code /}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the query exactly as sent (for forwarding), without the {@code ?}.
   *
   * @return the raw query, empty when the target had no {@code ?}
   */
  public Optional<String> rawQuery() {
    return rawQuery;
  }

  /**
   * Returns the decoded query multimap: every value of a repeated key, in order; a pair without {@code =} has the
   * value {@code ""}.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> query() {
    return query;
  }

  /**
   * Tells whether an (allowed) {@code %2F} survived in the path.
   *
   * @return true if the path contains an encoded slash
   */
  public boolean hasEncodedSlash() {
    return encodedSlash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanonicalTarget t && path.equals(t.path) && rawQuery.equals(t.rawQuery)
        && query.equals(t.query);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, rawQuery, query);
  }

  @Override
  public String toString() {
    return "CanonicalTarget[" + path + rawQuery.map(q -> "?" + q).orElse("") + "]";
  }
}
