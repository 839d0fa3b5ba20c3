package dev.sandboxpolicy.matcher;

/**
 * The request methods a REST rule names most, numbered so that a rule's methods are a bit mask and a request's method
 * is classified once, when its {@link L7Request} is built: a rule then checks the method with one bit test instead of
 * a case-insensitive comparison (spec §3.5: methods compare ASCII case-insensitively, and {@code HEAD} satisfies a
 * {@code GET} rule). Any other method keeps the comparison.
 */
final class RequestMethods {
  /** The numbered methods (spec §2.4's REST and WebSocket methods, and the remaining RFC 9110 ones). */
  private static final String[] KNOWN = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE", "WEBSOCKET_TEXT"
  };
  /** The id of a method that is not in {@link #KNOWN}. */
  static final int OTHER = -1;
  /** A rule method that matches every method. */
  static final String ANY = "*";

  private static final int GET = 0;
  private static final int HEAD = 1;

  private RequestMethods() {}

  /** The id of {@code token} (ASCII case-insensitive), or {@link #OTHER}. */
  static int id(String token) {
    for (int i = 0; i < KNOWN.length; i++) {
      if (asciiEqualsIgnoreCase(KNOWN[i], token)) {
        return i;
      }
    }
    return OTHER;
  }

  /** The ids a rule method matches, as bits: {@code *} all, {@code GET} also {@code HEAD}, empty none. */
  static int mask(String ruleMethod) {
    if (ruleMethod.equals(ANY)) {
      return -1;
    }
    int id = id(ruleMethod);
    if (id == OTHER) {
      return 0;
    }
    return id == GET ? (1 << GET) | (1 << HEAD) : 1 << id;
  }

  /** ASCII case-insensitive equality (HTTP method tokens). */
  static boolean asciiEqualsIgnoreCase(String a, String b) {
    int n = a.length();
    if (n != b.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 'A' && x <= 'Z') {
          x += 32;
        }
        if (y >= 'A' && y <= 'Z') {
          y += 32;
        }
        if (x != y) {
          return false;
        }
      }
    }
    return true;
  }
}
