package dev.sandboxpolicy.benchmarks.workload;

/**
 * Writes one value that a glob (spec §3.2) is meant to match, for building request mixes out of a policy: {@code *}
 * becomes a short word, {@code **} a couple of segments (or labels), {@code ?} one letter, a class its first member
 * and an alternation its first alternative. Best effort: callers keep a sample only after checking that the policy
 * really decides it the way they want.
 */
final class GlobSample {
  private GlobSample() {}

  /**
   * Samples a value.
   *
   * @param glob the glob as written
   * @param separator {@code '/'} for paths and binaries, {@code '.'} for hosts and query values
   * @param word what a single {@code *} becomes
   * @return a value the glob probably matches
   */
  static String of(String glob, char separator, String word) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*' && glob.startsWith("**", i)) {
        out.append("a").append(separator).append(word);
        i += 2;
        while (i < glob.length() && glob.charAt(i) == '*') {
          i++;
        }
      } else if (c == '*') {
        out.append(word);
        i++;
      } else if (c == '?') {
        out.append('q');
        i++;
      } else if (c == '\\' && i + 1 < glob.length()) {
        out.append(glob.charAt(i + 1));
        i += 2;
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 2);
        char first = glob.charAt(i + 1);
        out.append(first == '!' || first == '^' ? '~' : first);
        i = close < 0 ? glob.length() : close + 1;
      } else if (c == '{') {
        int depth = 0;
        int j = i;
        boolean copying = true;
        for (; j < glob.length(); j++) {
          char d = glob.charAt(j);
          if (d == '{') {
            depth++;
            if (depth == 1) {
              continue;
            }
          } else if (d == '}') {
            depth--;
            if (depth == 0) {
              break;
            }
          } else if (d == ',' && depth == 1) {
            copying = false;
            continue;
          }
          if (copying && d != '{' && d != '}') {
            out.append(d);
          }
        }
        i = j + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
