package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.ByteNfa;
import dev.sandboxpolicy.model.glob.tree.GlobNode;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A glob compiled for the hot path, over the bytes of the transformed value (spec §3.2 step 5: the upstream regex is
 * byte-oriented, {@code (?-u)}). The automaton is the model's {@link ByteNfa} (the library's one automaton builder,
 * shared with the ambiguity check and the analysis), determinised eagerly into a table DFA over byte equivalence
 * classes with every target pre-multiplied into a row offset; when that would exceed {@link #MAX_DFA_STATES} the NFA
 * is simulated with bit sets instead. Either way matching is linear in the input and never backtracks. Immutable and
 * thread-safe.
 */
final class ByteAutomaton {
  /** Determinisation stops here (a pathological pattern like {@code *a??????????????????}); NFA simulation then. */
  static final int MAX_DFA_STATES = 4096;

  private static final int DEAD = ByteDfa.DEAD;

  /** The largest row offset a {@code char} table holds. */
  private static final int NARROW_LIMIT = Character.MAX_VALUE;

  // DFA form: a state is its row offset (state number x classCount); 0 is the dead state.
  final byte[] classOf;
  final int classCount;
  /**
   * The DFA table with every target pre-multiplied by {@link #classCount} (row offsets), as {@code char}s: half the
   * memory of {@code int}s, and read as fast. Null for the NFA form and for a table too large for it ({@link
   * #offsets}).
   */
  final char[] narrow;
  /** The DFA table as {@code int}s when it is too large for {@link #narrow}; null otherwise. */
  private final int[] offsets;
  private final boolean[] accepting;

  // NFA fallback form (null when the DFA was built)
  private final long[][] positionSets;
  private final long[][] follow;
  private final long[] initial;
  private final boolean[] positionAccepts;
  private final boolean initialAccepts;
  private final ThreadLocal<long[][]> scratch;

  private ByteAutomaton(ByteNfa nfa) {
    Optional<ByteDfa> dfa = ByteDfa.determinize(nfa, MAX_DFA_STATES);
    if (dfa.isPresent()) {
      ByteDfa d = dfa.get();
      this.classOf = d.byteClasses();
      this.classCount = d.classCount();
      this.accepting = d.acceptingStates();
      int[] table = d.transitions();
      for (int i = 0; i < table.length; i++) {
        table[i] *= classCount;
      }
      boolean fits = (long) table.length <= NARROW_LIMIT + 1L;
      this.narrow = fits ? new char[table.length] : null;
      for (int i = 0; fits && i < table.length; i++) {
        narrow[i] = (char) table[i];
      }
      this.offsets = fits ? null : table;
      this.positionSets = null;
      this.follow = null;
      this.initial = null;
      this.positionAccepts = null;
      this.initialAccepts = false;
      this.scratch = null;
    } else {
      this.classOf = null;
      this.classCount = 0;
      this.accepting = null;
      this.narrow = null;
      this.offsets = null;
      int n = nfa.size();
      int words = (n + 63) >>> 6;
      this.positionSets = new long[n][];
      this.follow = new long[n][];
      this.positionAccepts = new boolean[n];
      this.initialAccepts = nfa.initialAccepts();
      this.initial = toWords(nfa.initial(), words);
      for (int s = 0; s < n; s++) {
        positionSets[s] = nfa.byteSet(s);
        if (positionSets[s] != null) {
          positionAccepts[s] = nfa.followAccepts(s);
          follow[s] = toWords(nfa.follow(s), words);
        }
      }
      this.scratch = ThreadLocal.withInitial(() -> new long[2][words + 1]);
    }
  }

  /** Compiles parsed nodes. */
  static ByteAutomaton compile(List<GlobNode> nodes) {
    return new ByteAutomaton(ByteNfa.of(nodes));
  }

  /** True when the automaton is a table DFA (the normal case). */
  boolean isDeterministic() {
    return narrow != null || offsets != null;
  }

  /**
   * Returns a scratch area for {@link #start}/{@link #step}/{@link #accepts}: null for a DFA, a per-thread buffer
   * pair for the NFA fallback (allocated once per thread, reused afterwards).
   */
  long[][] scratch() {
    return scratch == null ? null : scratch.get();
  }

  /** Returns the start state; for the NFA fallback this loads the initial set into {@code buffers}. */
  int start(long[][] buffers) {
    if (isDeterministic()) {
      return classCount; // state 1, the start
    }
    long[] cur = buffers[0];
    System.arraycopy(initial, 0, cur, 0, initial.length);
    cur[cur.length - 1] = initialAccepts ? 1 : 0;
    return 1;
  }

  /** Advances by one byte; {@code 0} is the dead state (no match possible any more). */
  int step(int state, int b, long[][] buffers) {
    if (narrow != null) {
      return narrow[state + (classOf[b] & 0xFF)];
    }
    if (offsets != null) {
      return offsets[state + (classOf[b] & 0xFF)];
    }
    long[] cur = buffers[state - 1];
    long[] next = buffers[2 - state];
    Arrays.fill(next, 0L);
    boolean any = false;
    boolean acc = false;
    for (int w = 0; w < cur.length - 1; w++) {
      long word = cur[w];
      while (word != 0) {
        int p = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        long[] set = positionSets[p];
        if (set != null && (set[b >>> 6] & (1L << b)) != 0) {
          long[] f = follow[p];
          for (int k = 0; k < f.length; k++) {
            next[k] |= f[k];
          }
          acc |= positionAccepts[p];
          any = true;
        }
      }
    }
    next[next.length - 1] = acc ? 1 : 0;
    return any ? 3 - state : DEAD;
  }

  /** True if {@code state} accepts (the whole value matched). */
  boolean accepts(int state, long[][] buffers) {
    if (isDeterministic()) {
      return accepting[state / classCount];
    }
    return state != DEAD && buffers[state - 1][buffers[state - 1].length - 1] != 0;
  }

  private static long[] toWords(BitSet set, int words) {
    long[] out = new long[words];
    long[] src = set.toLongArray();
    System.arraycopy(src, 0, out, 0, Math.min(src.length, words));
    return out;
  }
}
