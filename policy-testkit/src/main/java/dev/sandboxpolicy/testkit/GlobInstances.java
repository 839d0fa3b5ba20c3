package dev.sandboxpolicy.testkit;

import static dev.sandboxpolicy.testkit.Vocabulary.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Turns patterns into concrete strings that (usually) match them: host patterns into host names, binary globs into
 * paths, path globs into request paths, value globs into query values. "Usually" because negated classes and
 * exotic patterns are instantiated on a best-effort basis; the request generators always confirm with the
 * {@link ReferenceMatcher}.
 */
final class GlobInstances {

  private static final List<String> WORDS = List.of("a", "x1", "foo", "bar", "item", "v2", "data", "q");

  private GlobInstances() {}

  /** A host matching the endpoint host pattern (lower-case labels, original case kept for literal parts). */
  static String host(RandomGenerator random, String pattern) {
    if (pattern.isEmpty()) {
      return pick(random, WORDS) + "." + pick(random, Vocabulary.WORDS) + ".com";
    }
    List<String> labels = new ArrayList<>();
    String[] parts = pattern.split("\\.", -1);
    for (int i = 0; i < parts.length; i++) {
      String label = parts[i];
      if (label.equals("**") && i == 0) {
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
          labels.add(pick(random, WORDS));
        }
      } else {
        labels.add(label.replace("**", "*").replace("*", pick(random, WORDS)));
      }
    }
    return String.join(".", labels);
  }

  /** A path matching a binary glob ({@code *} never crosses {@code /}). */
  static String binary(RandomGenerator random, String pattern) {
    return pattern.indexOf('*') < 0 ? pattern : glob(random, pattern, '/');
  }

  /** A value matching a glob with the given separator ({@code /} for paths, {@code .} for values). */
  static String glob(RandomGenerator random, String pattern, char separator) {
    if (pattern.equals("**")) {
      return separator == '/' ? "/" + pick(random, WORDS) + "/" + pick(random, WORDS) : pick(random, WORDS);
    }
    StringBuilder out = new StringBuilder();
    instantiate(random, pattern, 0, pattern.length(), separator, out);
    return out.toString();
  }

  private static void instantiate(RandomGenerator random, String p, int from, int to, char sep, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = p.charAt(i);
      if (c == '*') {
        boolean doubleStar = i + 1 < to && p.charAt(i + 1) == '*';
        boolean wholeSegment = doubleStar && (i == 0 || p.charAt(i - 1) == sep) && (i + 2 == to || p.charAt(i + 2) == sep);
        if (wholeSegment) {
          int n = random.nextInt(3);
          // "x/**" needs at least the separator already written; emit n segments joined by sep
          for (int k = 0; k < n; k++) {
            out.append(k == 0 ? "" : String.valueOf(sep)).append(pick(random, WORDS));
          }
          if (n == 0 && i + 2 < to) {
            i += 3; // "**/" matching zero segments: also drop the following separator
            continue;
          }
          i += 2;
        } else {
          out.append(random.nextInt(4) == 0 ? "" : pick(random, WORDS));
          i += doubleStar ? 2 : 1;
        }
      } else if (c == '?') {
        out.append((char) ('a' + random.nextInt(26)));
        i++;
      } else if (c == '[') {
        int close = p.indexOf(']', i + 2);
        if (close < 0 || close >= to) {
          out.append(c);
          i++;
          continue;
        }
        String body = p.substring(i + 1, close);
        out.append(classMember(random, body));
        i = close + 1;
      } else if (c == '{') {
        int close = matchingBrace(p, i, to);
        if (close < 0) {
          out.append(c);
          i++;
          continue;
        }
        List<int[]> alternatives = alternatives(p, i + 1, close);
        int[] alt = alternatives.get(random.nextInt(alternatives.size()));
        instantiate(random, p, alt[0], alt[1], sep, out);
        i = close + 1;
      } else if (c == '\\' && i + 1 < to) {
        out.append(p.charAt(i + 1));
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  private static char classMember(RandomGenerator random, String body) {
    boolean negated = body.startsWith("!") || body.startsWith("^");
    String members = negated ? body.substring(1) : body;
    if (negated) {
      for (char candidate = 'a'; candidate <= 'z'; candidate++) {
        if (members.indexOf(candidate) < 0 && !inRanges(members, candidate)) {
          return candidate;
        }
      }
      return '_';
    }
    if (members.length() >= 3 && members.charAt(1) == '-') {
      char lo = members.charAt(0);
      char hi = members.charAt(2);
      return hi >= lo ? (char) (lo + random.nextInt(hi - lo + 1)) : lo;
    }
    return members.charAt(random.nextInt(members.length()));
  }

  private static boolean inRanges(String members, char c) {
    for (int k = 0; k + 2 < members.length(); k++) {
      if (members.charAt(k + 1) == '-' && c >= members.charAt(k) && c <= members.charAt(k + 2)) {
        return true;
      }
    }
    return false;
  }

  private static int matchingBrace(String p, int open, int to) {
    int depth = 0;
    for (int k = open; k < to; k++) {
      char c = p.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private static List<int[]> alternatives(String p, int from, int to) {
    List<int[]> out = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int k = from; k < to; k++) {
      char c = p.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(new int[] {start, k});
        start = k + 1;
      }
    }
    out.add(new int[] {start, to});
    return out;
  }

  /** The host with some letters upper-cased (host matching is case-insensitive). */
  static String randomCase(RandomGenerator random, String host) {
    StringBuilder b = new StringBuilder(host.length());
    for (char c : host.toCharArray()) {
      b.append(random.nextInt(5) == 0 ? Character.toUpperCase(c) : c);
    }
    return random.nextBoolean() ? host.toLowerCase(Locale.ROOT) : b.toString();
  }
}
