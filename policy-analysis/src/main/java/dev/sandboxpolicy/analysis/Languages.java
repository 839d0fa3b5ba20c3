package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The automata built during one analysis, by call site and pattern (the same path, route and value globs recur
 * across hosts, endpoints and the two policies of a comparison), with two facts derived from each: whether it
 * accepts every canonical path, and the prefix every value it accepts starts with.
 */
final class Languages {
  private final Map<String, ByteDfa> automata = new HashMap<>();
  private final Map<String, Boolean> coversPaths = new HashMap<>();
  private final Map<String, String> prefixes = new HashMap<>();

  ByteDfa host(String pattern) {
    return get("host " + pattern, () -> CallSiteLanguages.hostPattern(pattern));
  }

  ByteDfa binary(String pattern) {
    return get("binary " + pattern, () -> CallSiteLanguages.binaryPattern(pattern));
  }

  /**
   * The automaton of {@code key}, built once.
   *
   * @throws dev.sandboxpolicy.model.glob.GlobSyntaxException if the pattern does not compile
   * @throws ProductSearch.StateLimitException if it needs too many states
   */
  ByteDfa get(String key, Supplier<ByteDfa> build) {
    ByteDfa dfa = automata.get(key);
    if (dfa == null) {
      dfa = build.get();
      automata.put(key, dfa);
    }
    return dfa;
  }

  /** Whether the automaton of {@code key} (built) accepts every value of {@code universe}. */
  boolean covers(String key, ByteDfa universe, boolean encodedSlash) {
    return coversPaths.computeIfAbsent(key + (encodedSlash ? " %2F" : ""), k -> ProductSearch.unmatched(
        java.util.List.of(automata.get(key)), universe, NetworkAtoms.MAX_PRODUCT_STATES).isEmpty());
  }

  /**
   * The bytes every value the automaton of {@code key} (built) accepts starts with: followed from the start state
   * while exactly one byte leads on and the state does not accept. Two automata whose prefixes are not prefixes of
   * one another accept no common value.
   */
  String prefix(String key) {
    return prefixes.computeIfAbsent(key, k -> {
      ByteDfa d = automata.get(k);
      StringBuilder sb = new StringBuilder();
      int s = ByteDfa.START;
      while (!d.accepts(s) && sb.length() < 1024) {
        int only = -1;
        for (int b = 0; b < 256; b++) {
          if (d.next(s, b) != ByteDfa.DEAD) {
            if (only >= 0) {
              only = -2;
              break;
            }
            only = b;
          }
        }
        if (only < 0 || only >= 0x80) {
          break;
        }
        sb.append((char) only);
        s = d.next(s, only);
      }
      return sb.toString();
    });
  }
}
