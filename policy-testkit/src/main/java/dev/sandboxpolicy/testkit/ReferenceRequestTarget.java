package dev.sandboxpolicy.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference canonicalization of a request target (language spec §3.6), step by step as the specification
 * lists it, for differential tests of a production canonicalizer and to turn raw targets into
 * {@link dev.sandboxpolicy.matcher.L7Request}s.
 *
 * <pre>{@code
 * ReferenceRequestTarget t = ReferenceRequestTarget.parse("/a/./b/../c%40d;v=1?x=1&x=2&y", false);
 * t.path();    // "/a/c@d"
 * t.query();   // {x=[1, 2], y=[""]}
 * ReferenceRequestTarget.parse("/a%2Fb", false).rejection();   // Optional[encoded_slash]
 * }</pre>
 *
 * <p>Rejection codes (a rejected target has no path or query): {@code control_character} (raw 0x00–0x1F or
 * 0x7F), {@code non_ascii} (raw byte above 0x7E), {@code fragment} ({@code #}), {@code path_not_absolute} (path not
 * starting with {@code /}), {@code path_too_long} (over {@value #MAX_PATH_BYTES} bytes), {@code invalid_percent_encoding},
 * {@code encoded_control_character} (a decoded C0 or DEL byte), {@code encoded_slash} ({@code %2F} without
 * {@code allow_encoded_slash}), {@code path_traversal} ({@code ..} above the root), {@code dot_segment} (a dot
 * segment hidden behind an allowed {@code %2F}), {@code invalid_query_encoding} (malformed {@code %} in the query),
 * {@code query_not_utf8} (decoded query bytes that are not UTF-8). The codes are the matcher's
 * ({@code RequestTargetException.code()}), so the two can be compared directly.
 *
 * <p>Interpretation where §3.6 leaves room: {@code ;params} are stripped after percent-decoding (so {@code %3B}
 * starts parameters too), and decoded control bytes in query values are kept.
 */
public final class ReferenceRequestTarget {

  /** Longest canonicalized-path input in bytes (§3.6 step 4). */
  public static final int MAX_PATH_BYTES = 4096;

  private static final int OPAQUE_SLASH = -1;
  private static final String LITERAL = "-._~!$&'()*+,;=:@";

  private final String path;
  private final Map<String, List<String>> query;
  private final String rejection;

  private ReferenceRequestTarget(String path, Map<String, List<String>> query, String rejection) {
    this.path = path;
    this.query = query;
    this.rejection = rejection;
  }

  /** Canonicalizes {@code target} (origin-form or absolute-form) for an endpoint with the given flag. */
  public static ReferenceRequestTarget parse(String target, boolean allowEncodedSlash) {
    Objects.requireNonNull(target, "target");
    // Step 1: raw bytes.
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return rejected("control_character");
      }
      if (c > 0x7e) {
        return rejected("non_ascii");
      }
      if (c == '#') {
        return rejected("fragment");
      }
    }
    // Step 2: split at the first '?'.
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? null : target.substring(q + 1);
    // Step 3: absolute-form keeps only the path.
    int scheme = schemeEnd(rawPath);
    if (scheme > 0) {
      int slash = rawPath.indexOf('/', scheme + 3);
      rawPath = slash < 0 ? "/" : rawPath.substring(slash);
    }
    // Step 4.
    if (rawPath.isEmpty()) {
      rawPath = "/";
    }
    if (!rawPath.startsWith("/")) {
      return rejected("path_not_absolute");
    }
    if (rawPath.length() > MAX_PATH_BYTES) {
      return rejected("path_too_long");
    }
    // Step 5: split on raw '/' and percent-decode every segment; then step 6: strip ;params, resolve dot segments.
    String[] rawSegments = rawPath.substring(1).split("/", -1);
    List<List<Integer>> decoded = new ArrayList<>();
    for (String raw : rawSegments) {
      try {
        decoded.add(decodeSegment(raw, allowEncodedSlash));
      } catch (Rejection r) {
        return rejected(r.getMessage());
      }
    }
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < decoded.size(); i++) {
      boolean last = i == decoded.size() - 1;
      List<Integer> segment = decoded.get(i);
      int semicolon = segment.indexOf((int) ';');
      if (semicolon >= 0) {
        segment = new ArrayList<>(segment.subList(0, semicolon));
      }
      String s = ascii(segment);
      if (s.equals(".")) {
        if (last) {
          out.add(new ArrayList<>());
        }
      } else if (s.equals("..")) {
        if (out.isEmpty()) {
          return rejected("path_traversal");
        }
        out.remove(out.size() - 1);
        if (last) {
          out.add(new ArrayList<>());
        }
      } else if (segment.isEmpty()) {
        if (last) {
          out.add(segment);
        }
      } else {
        out.add(segment);
      }
    }
    // Step 7: dot segments hidden behind an allowed %2F.
    for (List<Integer> segment : out) {
      for (String part : ascii(segment).split(String.valueOf((char) 0xFFFF), -1)) {
        if (segment.contains(OPAQUE_SLASH) && (part.equals(".") || part.equals(".."))) {
          return rejected("dot_segment");
        }
      }
    }
    // Step 8: re-encode.
    StringBuilder canonical = new StringBuilder();
    for (List<Integer> segment : out) {
      canonical.append('/');
      for (int b : segment) {
        if (b == OPAQUE_SLASH) {
          canonical.append("%2F");
        } else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || LITERAL.indexOf(b) >= 0) {
          canonical.append((char) b);
        } else {
          canonical.append('%').append(String.format("%02X", b));
        }
      }
    }
    if (canonical.length() == 0) {
      canonical.append('/');
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    String queryError = rawQuery == null ? null : parseQuery(rawQuery, query);
    if (queryError != null) {
      return rejected(queryError);
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    query.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new ReferenceRequestTarget(canonical.toString(), Collections.unmodifiableMap(frozen), null);
  }

  /** A rejection found while decoding a segment. */
  private static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    Rejection(String code) {
      super(code, null, false, false);
    }
  }

  /** Percent-decodes one raw segment into bytes ({@link #OPAQUE_SLASH} for an allowed %2F). */
  private static List<Integer> decodeSegment(String raw, boolean allowEncodedSlash) throws Rejection {
    List<Integer> bytes = new ArrayList<>();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.add((int) c);
        continue;
      }
      if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
        throw new Rejection("invalid_percent_encoding");
      }
      int b = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
      i += 2;
      if (b < 0x20 || b == 0x7f) {
        throw new Rejection("encoded_control_character");
      }
      if (b == '/') {
        if (!allowEncodedSlash) {
          throw new Rejection("encoded_slash");
        }
        bytes.add(OPAQUE_SLASH);
        continue;
      }
      bytes.add(b);
    }
    return bytes;
  }

  private static String ascii(List<Integer> segment) {
    StringBuilder b = new StringBuilder();
    for (int v : segment) {
      b.append(v == OPAQUE_SLASH ? (char) 0xFFFF : (char) v);
    }
    return b.toString();
  }

  private static int schemeEnd(String s) {
    int sep = s.indexOf("://");
    if (sep <= 0 || !Character.isLetter(s.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < sep; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return -1;
      }
    }
    return sep;
  }

  /** Fills {@code query}; returns a rejection code, or null. */
  private static String parseQuery(String raw, Map<String, List<String>> query) {
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k;
      String v;
      try {
        k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
        v = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
      } catch (Rejection r) {
        return r.getMessage();
      }
      query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return null;
  }

  private static String decodeQuery(String s) throws Rejection {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          throw new Rejection("invalid_query_encoding");
        }
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        out.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Rejection("query_not_utf8");
    }
  }

  /** The value of an ASCII hex digit (the JDK's, not the library's: the reference shares no code with it). */
  private static int hex(char c) {
    return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
  }

  private static ReferenceRequestTarget rejected(String code) {
    return new ReferenceRequestTarget(null, Map.of(), code);
  }

  /** Why the target is rejected, when it is. */
  public Optional<String> rejection() {
    return Optional.ofNullable(rejection);
  }

  /** Whether the target is rejected. */
  public boolean isRejected() {
    return rejection != null;
  }

  /**
   * The canonical path.
   *
   * @throws IllegalStateException if the target was rejected
   */
  public String path() {
    if (rejection != null) {
      throw new IllegalStateException("target rejected: " + rejection);
    }
    return path;
  }

  /** The decoded query multimap (empty when rejected). */
  public Map<String, List<String>> query() {
    return query;
  }

  @Override
  public String toString() {
    return rejection != null ? "rejected(" + rejection + ")" : path + (query.isEmpty() ? "" : " " + query);
  }
}
