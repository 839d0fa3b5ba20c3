package dev.sandboxpolicy.model;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6901 JSON Pointers, the one way every module names a place in a document: a problem's pointer, a source-map
 * key, a decision's rule location.
 *
 * <pre>{@code
 * JsonPointer.key("/network_policies", "a/b");  // "/network_policies/a~1b"
 * JsonPointer.index("/binaries", 2);            // "/binaries/2"
 * JsonPointer.unescape("a~1b");                 // "a/b"
 * JsonPointer.tokens("/network_policies/a~1b"); // ["network_policies", "a/b"]
 * }</pre>
 */
public final class JsonPointer {
  private JsonPointer() {}

  /** Escapes one reference token (RFC 6901 §3: {@code ~} as {@code ~0}, then {@code /} as {@code ~1}). */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Reverses {@link #escape} (RFC 6901 §4: {@code ~1} as {@code /}, then {@code ~0} as {@code ~}). */
  public static String unescape(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    return token.replace("~1", "/").replace("~0", "~");
  }

  /** {@code base} extended by one object key. */
  public static String key(String base, String key) {
    String token = escape(key);
    // Sized once: readers build one pointer per node, and the build compiles concatenation to StringBuilder calls
    // (-XDstringConcat=inline), whose default capacity would grow two or three times for a typical pointer.
    return new StringBuilder(base.length() + 1 + token.length()).append(base).append('/').append(token).toString();
  }

  /** {@code base} extended by one array index. */
  public static String index(String base, int index) {
    return new StringBuilder(base.length() + 11).append(base).append('/').append(index).toString();
  }

  /**
   * The unescaped reference tokens of {@code pointer} (RFC 6901 §3-4): {@code ""} has none, {@code "/"} has one
   * empty token.
   *
   * @throws IllegalArgumentException when {@code pointer} is neither empty nor starts with {@code /}
   */
  public static List<String> tokens(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (pointer.charAt(0) != '/') {
      throw new IllegalArgumentException("a JSON Pointer starts with '/': " + pointer);
    }
    List<String> out = new ArrayList<>();
    for (String token : pointer.substring(1).split("/", -1)) {
      out.add(unescape(token));
    }
    return List.copyOf(out);
  }

  /** The parent of {@code pointer}, or {@code ""} for the root. */
  public static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }
}
