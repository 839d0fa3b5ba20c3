package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One network-policy entry: its map key, its order among keys, and its compiled binaries (spec §3.4). */
final class CompiledEntry {
  /** Up to this many exact binaries are compared one by one; more are looked up in a hash set. */
  static final int LINEAR_LITERALS = 8;
  /** From this many binary globs on, an entry matches them with one automaton. */
  static final int UNION_FROM = 3;
  private static final String[] NO_PATHS = {};
  private static final Glob[] NO_GLOBS = {};
  private static final int[] NO_HASHES = {};

  final String key;
  final int order;
  /**
   * The exact binary paths. A handful (the usual case) are compared one by one, by hash code first ({@link
   * #literalHashes}; the request's paths cache theirs), so a mismatch reads no string; more go through {@link
   * #literalSet}.
   */
  private final String[] literalBinaries;
  private final int[] literalHashes;
  /** The exact binary paths as a set when there are more than {@link #LINEAR_LITERALS}, else null. */
  private final Set<String> literalSet;
  private final Glob[] globBinaries;
  /** The first binary glob that does not compile, or null: it errs whenever the entry's binaries are consulted. */
  private final Glob invalidBinaryGlob;
  /**
   * The binary globs without {@code **} as one automaton ({@link GlobMatcher#union}) when there are at least {@link
   * #UNION_FROM} of them and all globs are valid: a path is then read once, not once per glob; else null. Globs with
   * {@code **} (whose alternation can take many DFA states to build) stay in {@link #separateGlobs}.
   */
  private final GlobMatcher globUnion;
  /** The globs evaluated one by one: all of {@link #globBinaries} without a union, else those with {@code **}. */
  private final Glob[] separateGlobs;
  /** The U+0000 check over the executable path and ancestors that the binary globs read. */
  private final NulScreen nulScreen;
  CompiledEndpoint[] endpoints;

  CompiledEntry(String key, int order, NetworkPolicy policy, CompileCache cache) {
    this.key = key;
    this.order = order;
    Set<String> literal = new LinkedHashSet<>();
    List<Glob> globs = new ArrayList<>();
    for (Binary b : policy.binaries()) {
      if (b.path().indexOf('*') >= 0) {
        globs.add(cache.glob(b.path(), GlobDelimiters.SLASH));
      } else if (!b.path().isEmpty()) { // an empty entry (a validation error) never matches anything
        literal.add(b.path());
      }
    }
    this.literalBinaries = literal.isEmpty() ? NO_PATHS : literal.toArray(NO_PATHS);
    this.literalHashes = literal.isEmpty() ? NO_HASHES : literal.stream().mapToInt(String::hashCode).toArray();
    this.literalSet = literalBinaries.length > LINEAR_LITERALS ? Set.copyOf(literal) : null;
    this.globBinaries = globs.isEmpty() ? NO_GLOBS : globs.toArray(NO_GLOBS);
    Glob invalid = null;
    for (Glob g : globBinaries) {
      invalid = invalid == null && g.error() != null ? g : invalid;
    }
    this.invalidBinaryGlob = invalid;
    this.nulScreen = NulScreen.ofBinaries(globBinaries.length);
    Glob[] simple = globs.stream().filter(g -> !g.source().contains("**")).toArray(Glob[]::new);
    this.globUnion = simple.length >= UNION_FROM && invalid == null ? union(simple) : null;
    this.separateGlobs = globUnion == null ? globBinaries
        : globs.stream().filter(g -> g.source().contains("**")).toArray(Glob[]::new);
  }

  private static GlobMatcher union(Glob[] globs) {
    List<String> patterns = new ArrayList<>();
    for (Glob g : globs) {
      patterns.add(g.source());
    }
    return GlobMatcher.union(patterns);
  }

  /**
   * Exe or any ancestor: literal entries by equality, {@code *} entries as slash globs; cmdline never grants. An
   * empty executable or ancestor path (unknown) never matches anything, not even {@code **}: an unknown process has
   * no identity to grant (this library fails closed here; upstream's Rego would let {@code ""} equal {@code ""}).
   * Upstream evaluates every binary glob over the executable and every ancestor, so the errors a glob would raise
   * there (a U+0000 in one of those paths, a glob that does not compile) fail the decision even when a literal
   * entry or another glob already matched. The U+0000 screen runs first, so no glob below should see one.
   * With a null {@code scratch} an error comes without its reason (the caller asks again with one).
   */
  int binaryAllowed(NetworkRequest r, boolean identityRequired, EvaluationScratch scratch) {
    if (!identityRequired) {
      return GlobMatcher.MATCH;
    }
    if (invalidBinaryGlob != null) {
      return scratch == null ? GlobMatcher.ERROR : scratch.fail(invalidBinaryGlob.errorReason(r.binary()));
    }
    if (r.identityHasNul() && nulScreen.binaries(r, scratch, key) == GlobMatcher.ERROR) {
      return GlobMatcher.ERROR;
    }
    String exe = r.binary();
    if (literalBinaries.length > 0) {
      if (isLiteral(exe)) {
        return GlobMatcher.MATCH;
      }
      List<String> ancestors = r.ancestors();
      for (int i = 0; i < ancestors.size(); i++) {
        if (isLiteral(ancestors.get(i))) {
          return GlobMatcher.MATCH;
        }
      }
    }
    if (globUnion != null) { // the screen above ruled out U+0000 in every path a glob reads
      if (!exe.isEmpty() && globUnion.evaluateScreened(exe) == GlobMatcher.MATCH) {
        return GlobMatcher.MATCH;
      }
      List<String> ancestors = r.ancestors();
      for (int i = 0; i < ancestors.size(); i++) {
        String ancestor = ancestors.get(i);
        if (!ancestor.isEmpty() && globUnion.evaluateScreened(ancestor) == GlobMatcher.MATCH) {
          return GlobMatcher.MATCH;
        }
      }
    }
    for (Glob g : separateGlobs) {
      int m = exe.isEmpty() ? GlobMatcher.NO_MATCH : g.evaluateScreened(exe);
      if (m != GlobMatcher.NO_MATCH) {
        return m == GlobMatcher.MATCH || scratch == null ? m : scratch.fail(g.errorReason(exe));
      }
      List<String> ancestors = r.ancestors();
      for (int i = 0; i < ancestors.size(); i++) {
        String ancestor = ancestors.get(i);
        m = ancestor.isEmpty() ? GlobMatcher.NO_MATCH : g.evaluateScreened(ancestor);
        if (m != GlobMatcher.NO_MATCH) {
          return m == GlobMatcher.MATCH || scratch == null ? m : scratch.fail(g.errorReason(ancestor));
        }
      }
    }
    return GlobMatcher.NO_MATCH;
  }

  /**
   * {@link GlobMatcher#ERROR} exactly when {@link #binaryAllowed} would err on {@code r} (a binary glob that does not
   * compile, or a U+0000 a binary glob would read), else {@link GlobMatcher#NO_MATCH}: for entries after the decision
   * is known, whose errors still fail it as upstream's Rego evaluates every binary glob.
   */
  int binaryError(NetworkRequest r, boolean identityRequired) {
    return identityRequired
        && (invalidBinaryGlob != null || (r.identityHasNul() && nulScreen.binaries(r, null, key) == GlobMatcher.ERROR))
        ? GlobMatcher.ERROR : GlobMatcher.NO_MATCH;
  }

  private boolean isLiteral(String path) {
    if (literalSet != null) {
      return literalSet.contains(path);
    }
    int h = path.hashCode();
    for (int i = 0; i < literalHashes.length; i++) {
      if (literalHashes[i] == h && literalBinaries[i].equals(path)) {
        return true;
      }
    }
    return false;
  }
}
