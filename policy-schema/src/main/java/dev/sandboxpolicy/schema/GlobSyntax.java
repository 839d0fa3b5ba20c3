package dev.sandboxpolicy.schema;

/**
 * Load-time syntax check of a glob (spec §3.2): unclosed {@code [} or <code>{</code>, a stray <code>}</code>, a
 * trailing {@code \}, or a reversed range such as {@code [z-a]}. Upstream only warns at load time, but the same
 * pattern fails closed at request time.
 */
final class GlobSyntax {
  private GlobSyntax() {}

  /** Why {@code glob} does not compile, or {@code null} when it does. */
  static String problem(String glob) {
    int braces = 0;
    int n = glob.length();
    for (int i = 0; i < n; i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= n) {
            return "ends with an escape '\\'";
          }
          i++;
        }
        case '[' -> {
          int end = classEnd(glob, i);
          if (end < 0) {
            return "has an unclosed '[' at offset " + i;
          }
          String reversed = reversedRange(glob, i, end);
          if (reversed != null) {
            return "has the reversed range '" + reversed + "'";
          }
          i = end;
        }
        case '{' -> braces++;
        case '}' -> {
          if (braces == 0) {
            return "has an unmatched '}' at offset " + i;
          }
          braces--;
        }
        default -> { }
      }
    }
    return braces > 0 ? "has an unclosed '{'" : null;
  }

  /** The index of the {@code ]} closing the class that opens at {@code open}, or -1. */
  private static int classEnd(String glob, int open) {
    int i = open + 1;
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      i++;
    }
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++; // ']' first in a class is literal
    }
    for (; i < glob.length(); i++) {
      if (glob.charAt(i) == ']') {
        return i;
      }
    }
    return -1;
  }

  private static String reversedRange(String glob, int open, int close) {
    for (int i = open + 1; i + 2 < close; i++) {
      if (glob.charAt(i + 1) == '-' && glob.charAt(i + 2) < glob.charAt(i)) {
        return glob.substring(i, i + 3);
      }
    }
    return null;
  }

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
