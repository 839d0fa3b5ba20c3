package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One network-policy entry: its map key, its order among keys, and its compiled binaries (spec §3.4). */
final class CompiledEntry {
  final String key;
  final int order;
  private final Set<String> literalBinaries;
  private final Glob[] globBinaries;
  /** The first binary glob that does not compile, or null: it errs whenever the entry's binaries are consulted. */
  private final Glob invalidBinaryGlob;
  /** The U+0000 check over the executable path and ancestors that the binary globs read. */
  private final NulScreen nulScreen;
  CompiledEndpoint[] endpoints;

  CompiledEntry(String key, int order, NetworkPolicy policy, GlobCache cache) {
    this.key = key;
    this.order = order;
    Set<String> literal = new HashSet<>();
    List<Glob> globs = new ArrayList<>();
    for (Binary b : policy.binaries()) {
      if (b.path().indexOf('*') >= 0) {
        globs.add(cache.glob(b.path(), GlobDelimiters.SLASH));
      } else if (!b.path().isEmpty()) { // an empty entry (a validation error) never matches anything
        literal.add(b.path());
      }
    }
    this.literalBinaries = Set.copyOf(literal);
    this.globBinaries = globs.toArray(new Glob[0]);
    Glob invalid = null;
    for (Glob g : globBinaries) {
      invalid = invalid == null && g.error() != null ? g : invalid;
    }
    this.invalidBinaryGlob = invalid;
    this.nulScreen = NulScreen.ofBinaries(key, globBinaries.length);
  }

  /**
   * Exe or any ancestor: literal entries by equality, {@code *} entries as slash globs; cmdline never grants. An
   * empty executable or ancestor path (unknown) never matches anything, not even {@code **}: an unknown process has
   * no identity to grant (this library fails closed here; upstream's Rego would let {@code ""} equal {@code ""}).
   * Upstream evaluates every binary glob over the executable and every ancestor, so the errors a glob would raise
   * there (a U+0000 in one of those paths, a glob that does not compile) fail the decision even when a literal
   * entry or another glob already matched.
   */
  int binaryAllowed(NetworkRequest r, boolean identityRequired, EvaluationScratch scratch) {
    if (!identityRequired) {
      return GlobMatcher.MATCH;
    }
    if (invalidBinaryGlob != null) {
      return scratch.fail(invalidBinaryGlob.errorReason(r.binary()));
    }
    if (nulScreen.binaries(r, scratch) == GlobMatcher.ERROR) {
      return GlobMatcher.ERROR;
    }
    String exe = r.binary();
    if (!literalBinaries.isEmpty()) {
      if (literalBinaries.contains(exe)) {
        return GlobMatcher.MATCH;
      }
      List<String> ancestors = r.ancestors();
      for (int i = 0; i < ancestors.size(); i++) {
        if (literalBinaries.contains(ancestors.get(i))) {
          return GlobMatcher.MATCH;
        }
      }
    }
    for (Glob g : globBinaries) {
      int m = exe.isEmpty() ? GlobMatcher.NO_MATCH : g.evaluate(exe);
      if (m == GlobMatcher.ERROR) {
        return scratch.fail(g.errorReason(exe));
      }
      if (m == GlobMatcher.MATCH) {
        return m;
      }
      List<String> ancestors = r.ancestors();
      for (int i = 0; i < ancestors.size(); i++) {
        String ancestor = ancestors.get(i);
        m = ancestor.isEmpty() ? GlobMatcher.NO_MATCH : g.evaluate(ancestor);
        if (m == GlobMatcher.ERROR) {
          return scratch.fail(g.errorReason(ancestor));
        }
        if (m == GlobMatcher.MATCH) {
          return m;
        }
      }
    }
    return GlobMatcher.NO_MATCH;
  }
}
