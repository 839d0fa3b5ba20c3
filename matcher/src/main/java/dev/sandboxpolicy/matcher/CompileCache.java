package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link CompiledPolicy} compiles once and shares: each distinct (pattern, delimiters, case) glob, each
 * distinct list of ports, and each distinct {@link NulScreen}. Policies repeat the same paths, matchers and ports
 * across many rules and endpoints, and all three are immutable, so they can be shared. Used only while compiling;
 * not thread-safe.
 */
final class CompileCache {
  private record Key(String pattern, GlobDelimiters delimiters, boolean lowerCased) {}

  private final Map<Key, Glob> globs = new HashMap<>();
  private final Map<List<Integer>, int[]> ports = new HashMap<>();
  private final Map<NulScreen, NulScreen> screens = new HashMap<>();

  /** The screen equal to {@code screen} that this policy already uses, else {@code screen}. */
  NulScreen shared(NulScreen screen) {
    return screens.computeIfAbsent(screen, s -> s);
  }

  /** The ports as an array, one shared array per distinct list. */
  int[] ports(List<Integer> list) {
    return ports.computeIfAbsent(list, l -> l.stream().mapToInt(Integer::intValue).toArray());
  }

  Glob glob(String pattern, GlobDelimiters delimiters) {
    return globs.computeIfAbsent(new Key(pattern, delimiters, false), k -> Glob.of(pattern, delimiters));
  }

  Glob lowerCased(String pattern, GlobDelimiters delimiters) {
    return globs.computeIfAbsent(new Key(pattern, delimiters, true), k -> Glob.lowerCased(pattern, delimiters));
  }
}
