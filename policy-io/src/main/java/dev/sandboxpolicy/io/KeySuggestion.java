package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.internal.EditDistance;
import java.util.Collection;
import java.util.Locale;

/**
 * Suggests the known key an unknown one was probably meant to be ({@code alowed_ips} for {@code allowed_ips}), so
 * that a strict read tells an upgrading author what to change.
 */
final class KeySuggestion {

  /** A suggestion is at most this many single-character edits (insert, delete, replace, swap) away. */
  static final int MAX_EDITS = 2;
  /** Keys longer than this get no suggestion: no key of the language is longer, and the cost stays bounded. */
  static final int MAX_KEY_CHARS = 64;

  private KeySuggestion() {}

  /** The known key closest to {@code key} (the alphabetically first of equally close ones), or null when none is near. */
  static String closest(String key, Collection<String> known) {
    if (key.length() > MAX_KEY_CHARS) {
      return null;
    }
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String candidate : known) {
      if (candidate.equals(key) || Math.abs(candidate.length() - key.length()) > MAX_EDITS) {
        continue;
      }
      int d = distance(key, candidate);
      if (d < bestDistance || d == bestDistance && best != null && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** The edit distance ignoring case ({@link EditDistance}). */
  static int distance(String a, String b) {
    return EditDistance.between(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
  }
}
