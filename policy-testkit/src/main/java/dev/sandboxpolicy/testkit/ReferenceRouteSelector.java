package dev.sandboxpolicy.testkit;

import java.util.regex.Pattern;

/**
 * The Rust-side endpoint path selector used for L7 route selection (§3.5 step 2), which differs from the Rego glob:
 * empty, {@code **} and {@code /**} match everything; {@code P/**} matches {@code P} itself and everything below;
 * otherwise the Rust {@code glob} crate with default options, where {@code *} <em>does</em> cross {@code /}; an
 * invalid pattern matches only the identical string.
 */
final class ReferenceRouteSelector {

  private ReferenceRouteSelector() {}

  static boolean matches(String selector, String path) {
    if (selector.isEmpty() || selector.equals("**") || selector.equals("/**")) {
      return true;
    }
    if (selector.endsWith("/**")) {
      String prefix = selector.substring(0, selector.length() - 3);
      return globCrate(prefix, path) || globCrate(selector, path);
    }
    return globCrate(selector, path);
  }

  /** Count of non-{@code *} characters of the selector (empty = 0). */
  static int specificity(String selector) {
    int n = 0;
    for (int i = 0; i < selector.length(); i++) {
      if (selector.charAt(i) != '*') {
        n++;
      }
    }
    return n;
  }

  /** The Rust {@code glob} crate's {@code Pattern::matches} with default {@code MatchOptions}. */
  private static boolean globCrate(String pattern, String path) {
    String regex = toRegex(pattern);
    if (regex == null) {
      return pattern.equals(path);
    }
    return Pattern.compile(regex, Pattern.DOTALL).matcher(path).matches();
  }

  /** The regex of a glob-crate pattern, or {@code null} when the crate rejects the pattern. */
  private static String toRegex(String p) {
    StringBuilder r = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        int run = 0;
        while (i < p.length() && p.charAt(i) == '*') {
          run++;
          i++;
        }
        if (run >= 3) {
          return null;
        }
        if (run == 2) {
          boolean startOk = i - 2 == 0 || p.charAt(i - 3) == '/';
          boolean endOk = i == p.length() || p.charAt(i) == '/';
          if (!startOk || !endOk) {
            return null;
          }
          if (i < p.length()) {
            i++; // "**/" matches zero or more whole components
            r.append("(?:.*/)?");
          } else {
            r.append(".*");
          }
        } else {
          r.append(".*");
        }
      } else if (c == '?') {
        r.append('.');
        i++;
      } else if (c == '[') {
        int close = p.indexOf(']', i + 2);
        if (close < 0) {
          return null;
        }
        String body = p.substring(i + 1, close);
        boolean negated = body.startsWith("!");
        if (negated) {
          body = body.substring(1);
        }
        r.append(negated ? "[^" : "[");
        for (int k = 0; k < body.length(); k++) {
          char b = body.charAt(k);
          if (b == '-' && k > 0 && k < body.length() - 1) {
            r.append('-');
          } else {
            r.append(escape(b));
          }
        }
        r.append(']');
        i = close + 1;
      } else {
        r.append(escape(c));
        i++;
      }
    }
    return r.toString();
  }

  private static String escape(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return String.valueOf(c);
    }
    return String.format("\\x{%x}", (int) c);
  }
}
