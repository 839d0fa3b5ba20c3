package dev.sandboxpolicy.rules;

/** How a value the author wrote is shown inside a problem message: quoted, control characters escaped, bounded. */
final class MessageText {

  /** At most this many characters of a written value are shown; a problem message stays one readable line. */
  static final int MAX_SHOWN_CHARS = 80;

  private MessageText() {}

  /**
   * {@code 'value'}, with control and line-separator characters written as {@code \\uXXXX} and values longer than
   * {@link #MAX_SHOWN_CHARS} cut with {@code ...}.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN_CHARS) + 8).append('\'');
    int shown = Math.min(value.length(), MAX_SHOWN_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > shown) {
      out.append("...");
    }
    return out.append('\'').toString();
  }
}
