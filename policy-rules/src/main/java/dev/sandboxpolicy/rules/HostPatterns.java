package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.net.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape rules for endpoint host patterns (spec §2.2, §2.4, §3.3) and DNS selectors of {@code protocol: tcp}.
 * Hand-written scanners; no regular expressions.
 */
final class HostPatterns {

  /** RFC 1035 §2.3.4: a label is at most 63 octets. */
  static final int MAX_LABEL_LENGTH = 63;
  /** RFC 1035 §2.3.4: a name is at most 255 octets (253 characters in text form without the root dot). */
  static final int MAX_NAME_LENGTH = 253;
  /** Spec §2.2: a wildcard host with this many labels or fewer is a TLD wildcard. */
  static final int TLD_WILDCARD_MAX_LABELS = 2;

  private HostPatterns() {}

  /** Splits on {@code .}, keeping empty labels. */
  static List<String> labels(String host) {
    List<String> labels = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= host.length(); i++) {
      if (i == host.length() || host.charAt(i) == '.') {
        labels.add(host.substring(start, i));
        start = i + 1;
      }
    }
    return labels;
  }

  /**
   * The wildcard problem of {@code host}, or {@code null} when the host has no {@code *} or a valid shape:
   * {@link ProblemCode#HOST_WILDCARD_ALL} for {@code *}/{@code **}, {@link ProblemCode#HOST_WILDCARD_TLD} for wildcards with two
   * labels or fewer, {@link ProblemCode#HOST_WILDCARD_SHAPE} for {@code **} that is not the whole first label or a partial
   * {@code *} in a later label.
   */
  static ProblemCode wildcardProblem(String host) {
    if (host.indexOf('*') < 0) {
      return null;
    }
    String h = host.trim();
    if (h.equals("*") || h.equals("**")) {
      return ProblemCode.HOST_WILDCARD_ALL;
    }
    List<String> labels = labels(h);
    if (labels.size() <= TLD_WILDCARD_MAX_LABELS) {
      return ProblemCode.HOST_WILDCARD_TLD;
    }
    String first = labels.get(0);
    if (first.contains("**") && !first.equals("**")) {
      return ProblemCode.HOST_WILDCARD_SHAPE;
    }
    for (int i = 1; i < labels.size(); i++) {
      String label = labels.get(i);
      if (label.indexOf('*') >= 0 && !label.equals("*")) {
        return ProblemCode.HOST_WILDCARD_SHAPE;
      }
    }
    return null;
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal (optionally bracketed). */
  static boolean isIpLiteral(String host) {
    String h = host;
    if (h.startsWith("[") && h.endsWith("]")) {
      return true;
    }
    if (h.indexOf(':') >= 0) {
      return true; // a DNS name never contains ':'
    }
    return IpAddress.tryParseLiteral(h).isPresent();
  }

  /**
   * Why {@code host} is not a valid DNS selector for {@code protocol: tcp} (spec §2.2), or {@code null}. Wildcards
   * {@code *} and {@code **} are replaced by a letter before the name check.
   */
  static String dnsSelectorProblem(String host) {
    if (!host.equals(host.strip())) {
      return "has leading or trailing whitespace";
    }
    if (host.endsWith(".")) {
      return "ends with '.'; omit the trailing DNS root dot";
    }
    return labelGlobProblem(host);
  }

  /**
   * Why {@code pattern} is not a DNS-label glob (used by tcp selectors and middleware selectors): no empty labels,
   * no whitespace or braces, and after replacing {@code *} by a letter every label is an RFC 1123 label.
   */
  static String labelGlobProblem(String pattern) {
    if (pattern.isEmpty()) {
      return "is empty";
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (Character.isWhitespace(c)) {
        return "contains whitespace";
      }
      if (c == '{' || c == '}') {
        return "contains a brace";
      }
    }
    String name = pattern.replace("**", "a").replace('*', 'a');
    if (name.length() > MAX_NAME_LENGTH) {
      return "is longer than " + MAX_NAME_LENGTH + " characters";
    }
    for (String label : labels(name)) {
      if (label.isEmpty()) {
        return "has an empty label";
      }
      if (label.length() > MAX_LABEL_LENGTH) {
        return "has a label longer than " + MAX_LABEL_LENGTH + " characters";
      }
      if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
        return "has a label that starts or ends with '-'";
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_';
        if (!ok) {
          return "has the invalid character '" + c + "' in label '" + label + "'";
        }
      }
    }
    return null;
  }
}
