package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether two endpoint path selectors can select a common request path (spec §2.6), decided exactly on their route
 * selection automata ({@link CallSiteLanguages#routeSelectorsOverlap}): {@code /v[12]} and {@code /v[34]} are
 * disjoint, {@code /v1/**} and {@code /v1} overlap, {@code *} crosses {@code /}. Only canonical request paths count
 * (spec §3.6), with an encoded slash when either endpoint allows one. Answers are memoised for one check.
 *
 * <p>Fail closed: when the product of two selectors exceeds the search bound the selectors are taken to overlap, so
 * the check reports a conflict rather than miss one.
 */
final class PathSelectorOverlap {
  private record Key(String a, String b, boolean encodedSlash) {}

  private final Map<Key, Boolean> answers = new HashMap<>();

  boolean overlap(String a, String b, boolean encodedSlash) {
    if (a.equals(b)) {
      return true;
    }
    Key key = a.compareTo(b) < 0 ? new Key(a, b, encodedSlash) : new Key(b, a, encodedSlash);
    return answers.computeIfAbsent(key, k -> {
      try {
        return CallSiteLanguages.routeSelectorsOverlap(k.a(), k.b(), k.encodedSlash());
      } catch (ProductSearch.StateLimitException e) {
        return true;
      }
    });
  }
}
