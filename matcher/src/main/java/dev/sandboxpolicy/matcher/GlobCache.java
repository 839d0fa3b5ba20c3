package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles each distinct (pattern, delimiters, case) once per {@link CompiledPolicy}: policies repeat the same
 * paths and matchers across many rules, and compiled globs are immutable, so they can be shared. Used only while
 * compiling; not thread-safe.
 */
final class GlobCache {
  private record Key(String pattern, GlobDelimiters delimiters, boolean lowerCased) {}

  private final Map<Key, Glob> globs = new HashMap<>();

  Glob glob(String pattern, GlobDelimiters delimiters) {
    return globs.computeIfAbsent(new Key(pattern, delimiters, false), k -> Glob.of(pattern, delimiters));
  }

  Glob lowerCased(String pattern, GlobDelimiters delimiters) {
    return globs.computeIfAbsent(new Key(pattern, delimiters, true), k -> Glob.lowerCased(pattern, delimiters));
  }
}
