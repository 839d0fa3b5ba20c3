package dev.sandboxpolicy.model.internal;

/**
 * How far apart two spellings are, for "did you mean" suggestions (an unknown key, an unknown command-line
 * option): the optimal string alignment distance, counting insertions, deletions, replacements and swaps of
 * neighbouring characters, each as one edit.
 *
 * <pre>{@code
 * EditDistance.between("acess", "access");   // 1
 * EditDistance.between("accses", "access");  // 1 (a swap)
 * EditDistance.between("Host", "host");      // 1 (case counts; lower-case both to ignore it)
 * }</pre>
 */
public final class EditDistance {

  private EditDistance() {}

  /** The number of single-character edits that turn {@code a} into {@code b}. Quadratic: bound the inputs. */
  public static int between(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
