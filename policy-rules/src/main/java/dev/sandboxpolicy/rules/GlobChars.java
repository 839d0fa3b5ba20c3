package dev.sandboxpolicy.rules;

/**
 * Small glob helpers the rules need beyond {@link dev.sandboxpolicy.model.glob.GlobPattern} (which checks syntax):
 * whether a string uses glob characters at all, and a star-only match for the MCP {@code tools/call} rule.
 */
final class GlobChars {
  private GlobChars() {}

  /** Whether {@code s} contains one of the glob characters {@code * ? [ ] { }}. */
  static boolean hasGlobChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case '*', '?', '[', ']', '{', '}' -> {
          return true;
        }
        default -> { }
      }
    }
    return false;
  }

  /**
   * Whether the star/question-mark glob {@code glob} matches {@code value} (iterative, linear backtracking on the
   * last star). Classes and braces are compared literally; used only for the MCP {@code tools/call} conflict rule.
   */
  static boolean simpleMatch(String glob, String value) {
    int g = 0;
    int v = 0;
    int star = -1;
    int mark = 0;
    while (v < value.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == value.charAt(v))) {
        g++;
        v++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = v;
      } else if (star >= 0) {
        g = star + 1;
        v = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}
