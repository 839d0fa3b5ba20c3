package dev.sandboxpolicy.io;

import java.util.Locale;
import java.util.Set;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Decides which strings the YAML writer must quote: on top of Jackson's rules, every string that a YAML 1.1 or
 * YAML 1.2 reader could resolve to something other than a string (a boolean such as {@code yes} or {@code on},
 * a number such as {@code 1000}, {@code 0777} or {@code 1e3}, a null such as {@code ~}) is quoted. The output then
 * reads back as the same strings in every YAML reader.
 */
final class YamlQuoting extends StringQuotingChecker.Default {

  private static final long serialVersionUID = 1L;

  private static final Set<String> NON_STRING_WORDS =
      Set.of(
          "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan");

  static final YamlQuoting INSTANCE = new YamlQuoting();

  @Override
  public boolean needToQuoteValue(String value) {
    return resolvesToNonString(value) || super.needToQuoteValue(value);
  }

  @Override
  public boolean needToQuoteName(String name) {
    return resolvesToNonString(name) || super.needToQuoteName(name);
  }

  /** Conservative: anything that starts like a number, or is a YAML 1.1/1.2 keyword. */
  static boolean resolvesToNonString(String s) {
    if (NON_STRING_WORDS.contains(s.toLowerCase(Locale.ROOT))) {
      return true;
    }
    char c = s.charAt(0);
    if (Character.isDigit(c)) {
      return true;
    }
    if ((c == '+' || c == '-' || c == '.') && s.length() > 1) {
      char d = s.charAt(1);
      return Character.isDigit(d) || d == '.';
    }
    return false;
  }
}
