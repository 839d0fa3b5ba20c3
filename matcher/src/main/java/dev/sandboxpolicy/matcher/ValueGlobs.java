package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.List;

/**
 * A compiled query-value or MCP tool-name matcher (spec §1.7, §3.5): the value matches when it matches the single
 * glob or any glob of {@code any}; globs use the dot grammar ({@code []} means {@code ["."]}).
 */
final class ValueGlobs {
  private final Glob[] globs;

  private ValueGlobs(Glob[] globs) {
    this.globs = globs;
  }

  static ValueGlobs of(ValueMatcher matcher, CompileCache cache) {
    List<String> sources = matcher.globs();
    Glob[] globs = new Glob[sources.size()];
    for (int i = 0; i < globs.length; i++) {
      globs[i] = cache.glob(sources.get(i), GlobDelimiters.DOT);
    }
    return new ValueGlobs(globs);
  }

  /** MATCH if some glob matches; ERROR if a glob errs before any matched. */
  int evaluate(String value) {
    for (Glob g : globs) {
      int r = g.evaluate(value);
      if (r != GlobMatcher.NO_MATCH) {
        return r;
      }
    }
    return GlobMatcher.NO_MATCH;
  }

  /** {@link #evaluate} of a value already screened for U+0000: {@link GlobMatcher#MATCH} or {@link GlobMatcher#NO_MATCH}
   * (or {@link GlobMatcher#ERROR} from a glob that does not compile). */
  int evaluateScreened(String value) {
    for (Glob g : globs) {
      int r = g.evaluateScreened(value);
      if (r != GlobMatcher.NO_MATCH) {
        return r;
      }
    }
    return GlobMatcher.NO_MATCH;
  }

  /** The first glob that errs on {@code value}, for the error reason. */
  String errorReason(String value) {
    for (Glob g : globs) {
      if (g.evaluate(value) == GlobMatcher.ERROR) {
        return g.errorReason(value);
      }
    }
    return "evaluation error";
  }
}
