package dev.sandboxpolicy.cli;

/**
 * Accepts the output of {@code openshell policy get --full} wherever a policy is read: a metadata header
 * ({@code Version: 3}, {@code Hash: sha256:...}, {@code Status: ...}) and a {@code ---} line before the YAML
 * (preset layer spec §2.2).
 *
 * <p>The header and the separator are replaced by empty lines rather than cut off, so that line numbers in
 * problems still point into the file the user has. Unlike upstream, the text before the first {@code ---} line
 * is only treated as a header when every non-blank line of it looks like {@code Capitalised Key: value}; a YAML
 * stream whose first document is a policy therefore stays two documents (and is reported as such) instead of
 * silently losing its first document.
 */
final class PolicyGetOutput {

  private PolicyGetOutput() {}

  /** {@code text} with a {@code policy get --full} header blanked out, or {@code text} itself when it has none. */
  static String withoutHeader(String text) {
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      int contentEnd = lineEnd < 0 ? text.length() : lineEnd;
      String line = text.substring(lineStart, contentEnd);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (isSeparator(line)) {
        return lineStart == 0 ? text : blank(text, lineEnd < 0 ? text.length() : lineEnd);
      }
      if (!line.isBlank() && !isHeaderLine(line)) {
        return text;
      }
      if (lineEnd < 0) {
        return text;
      }
      lineStart = lineEnd + 1;
    }
    return text;
  }

  /** {@code ---} followed only by spaces or tabs. */
  private static boolean isSeparator(String line) {
    if (!line.startsWith("---")) {
      return false;
    }
    for (int i = 3; i < line.length(); i++) {
      if (line.charAt(i) != ' ' && line.charAt(i) != '\t') {
        return false;
      }
    }
    return true;
  }

  /** {@code Key: value} where the key starts with an upper-case ASCII letter and holds letters, spaces, hyphens. */
  private static boolean isHeaderLine(String line) {
    int colon = line.indexOf(": ");
    if (colon <= 0 && !(line.endsWith(":") && line.length() > 1)) {
      return false;
    }
    String key = colon > 0 ? line.substring(0, colon) : line.substring(0, line.length() - 1);
    if (key.charAt(0) < 'A' || key.charAt(0) > 'Z') {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ' || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Every character before {@code end} except line breaks replaced by nothing (line count kept). */
  private static String blank(String text, int end) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        b.append('\n');
      }
    }
    return b.append(text, end, text.length()).toString();
  }
}
