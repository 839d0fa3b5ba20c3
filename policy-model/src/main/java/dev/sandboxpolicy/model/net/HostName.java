package dev.sandboxpolicy.model.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DNS host name checked for syntax only (no DNS, no public-suffix list). Immutable value, stored lowercased and
 * without a trailing dot.
 *
 * <p>Rules: dot-separated labels of ASCII letters, digits and hyphens (RFC 952 as relaxed by RFC 1123 §2.1, so a label
 * may start with a digit); no label starts or ends with a hyphen; each label is 1 to {@value #MAX_LABEL_LENGTH}
 * characters and the whole name at most {@value #MAX_NAME_LENGTH} characters (RFC 1035 §2.3.4). One trailing dot (a
 * fully qualified name) is accepted and dropped. Underscores, wildcards ({@code *}) and non-ASCII (un-punycoded)
 * labels are rejected: a policy host glob such as {@code *.example.com} is not a host name.
 *
 * <p>Warning: an all-numeric name such as {@code 1.2.3.4} passes this syntax check; test for an address first with
 * {@link IpAddress#tryParse(String)} when that matters.
 */
public final class HostName {

  /** Longest label (RFC 1035 §2.3.4: "labels 63 octets or less"). */
  public static final int MAX_LABEL_LENGTH = 63;

  /**
   * Longest name in text form without the trailing dot (RFC 1035 §2.3.4: "names 255 octets or less" on the wire, which
   * is 253 characters of dotted text once the length octets and the root label are accounted for).
   */
  public static final int MAX_NAME_LENGTH = 253;

  private final String name;

  private HostName(String name) {
    this.name = name;
  }

  /**
   * Parses and lowercases a host name.
   *
   * @param text the name, for example {@code API.GitHub.com.}
   * @return the host name ({@code api.github.com})
   * @throws NetFormatException with codes {@code host_empty}, {@code host_too_long}, {@code host_label_empty},
   *     {@code host_label_too_long}, {@code host_label_hyphen} or {@code host_invalid_character}
   */
  public static HostName parse(String text) {
    if (text == null || text.isEmpty() || text.equals(".")) {
      throw new NetFormatException("host_empty", text == null ? "" : text, 0, "the host name is empty");
    }
    int end = text.charAt(text.length() - 1) == '.' ? text.length() - 1 : text.length();
    if (end > MAX_NAME_LENGTH) {
      throw new NetFormatException(
          "host_too_long", text, MAX_NAME_LENGTH, "a host name has at most " + MAX_NAME_LENGTH + " characters");
    }
    int labelStart = 0;
    for (int i = 0; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '.';
      if (c == '.') {
        int length = i - labelStart;
        if (length == 0) {
          throw new NetFormatException("host_label_empty", text, i, "empty label in host name");
        }
        if (length > MAX_LABEL_LENGTH) {
          throw new NetFormatException(
              "host_label_too_long", text, labelStart, "a label has at most " + MAX_LABEL_LENGTH + " characters");
        }
        if (text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
          throw new NetFormatException(
              "host_label_hyphen", text, labelStart, "a label cannot start or end with '-'");
        }
        labelStart = i + 1;
      } else if (!isLetterDigitHyphen(c)) {
        throw new NetFormatException(
            "host_invalid_character", text, i, "'" + c + "' is not allowed in a host name");
      }
    }
    return new HostName(text.substring(0, end).toLowerCase(Locale.ROOT));
  }

  /**
   * Like {@link #parse(String)} but returns empty instead of throwing.
   *
   * @param text the name, may be {@code null}
   * @return the host name, or empty
   */
  public static Optional<HostName> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (NetFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the text is a syntactically valid host name.
   *
   * @param text the name, may be {@code null}
   * @return true when {@link #parse(String)} would accept it
   */
  public static boolean isValid(String text) {
    return tryParse(text).isPresent();
  }

  static boolean isLetterDigitHyphen(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }

  /**
   * The labels from left to right.
   *
   * @return for {@code api.github.com}: {@code [api, github, com]}
   */
  public List<String> labels() {
    List<String> labels = new ArrayList<>();
    int start = 0;
    for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', start)) {
      labels.add(name.substring(start, dot));
      start = dot + 1;
    }
    labels.add(name.substring(start));
    return Collections.unmodifiableList(labels);
  }

  /**
   * Whether this name equals {@code other} or is a subdomain of it, on label boundaries: {@code a.example.com} is
   * within {@code example.com}, {@code badexample.com} is not.
   *
   * @param other the parent name
   * @return true when equal or a subdomain
   */
  public boolean isWithin(HostName other) {
    return name.equals(other.name)
        || (name.length() > other.name.length()
            && name.endsWith(other.name)
            && name.charAt(name.length() - other.name.length() - 1) == '.');
  }

  /**
   * The lowercase name without trailing dot.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostName && ((HostName) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
