package dev.sandboxpolicy.merge;

/**
 * The lowercase RFC 1123 label shape that NemoClaw uses for sandbox, preset and channel names:
 * {@code ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$}. Checked by hand (no regular expression).
 */
final class Rfc1123Label {

  private Rfc1123Label() {}

  /** Whether {@code s} is non-empty, lowercase alphanumeric with internal hyphens only (any length). */
  static boolean matches(String s) {
    int n = s.length();
    if (n == 0 || s.charAt(0) == '-' || s.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
