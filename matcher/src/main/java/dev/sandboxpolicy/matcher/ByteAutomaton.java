package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.glob.GlobNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A glob compiled to an automaton over the bytes of the transformed value (spec §3.2 step 5: the upstream regex is
 * byte-oriented, {@code (?-u)}). The parsed nodes become a Thompson NFA, which is determinised eagerly into a table
 * DFA over byte equivalence classes; when that would exceed {@link #MAX_DFA_STATES} the NFA is simulated with bit
 * sets instead. Either way matching is linear in the input and never backtracks. Immutable and thread-safe.
 */
final class ByteAutomaton {
  /** Determinisation stops here (a pathological pattern like {@code *a??????????????????}); NFA simulation then. */
  static final int MAX_DFA_STATES = 4096;

  private static final int BYTESET = 0;
  private static final int SPLIT = 1;
  private static final int MATCH = 2;
  private static final int DEAD = 0;

  /** A determinised automaton: the transition table (state x class) and which states accept. */
  private record Dfa(int[] table, boolean[] accepting) {}

  // DFA form: a state is its row offset (state number x classCount); 0 is the dead state.
  final byte[] classOf;
  final int classCount;
  /** The DFA table with every target pre-multiplied by {@link #classCount} (row offsets); null for the NFA form. */
  final int[] offsets;
  private final boolean[] accepting;

  // NFA fallback form (null when the DFA was built)
  private final long[][] positionSets;
  private final long[][] follow;
  private final long[] initial;
  private final boolean[] positionAccepts;
  private final boolean initialAccepts;
  private final ThreadLocal<long[][]> scratch;

  private ByteAutomaton(Nfa nfa) {
    int[] classes = new int[256];
    this.classCount = byteClasses(nfa, classes);
    this.classOf = new byte[256];
    for (int b = 0; b < 256; b++) {
      classOf[b] = (byte) classes[b];
    }
    Dfa dfa = determinise(nfa);
    if (dfa != null) {
      this.accepting = dfa.accepting();
      this.offsets = new int[dfa.table().length];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = dfa.table()[i] * classCount;
      }
      this.positionSets = null;
      this.follow = null;
      this.initial = null;
      this.positionAccepts = null;
      this.initialAccepts = false;
      this.scratch = null;
    } else {
      this.accepting = null;
      this.offsets = null;
      int n = nfa.size();
      int words = (n + 63) >>> 6;
      this.positionSets = new long[n][];
      this.follow = new long[n][];
      this.positionAccepts = new boolean[n];
      BitSet initialSet = new BitSet();
      this.initialAccepts = nfa.closure(nfa.entry, initialSet);
      this.initial = toWords(initialSet, words);
      for (int s = 0; s < n; s++) {
        if (nfa.kind.get(s) == BYTESET) {
          positionSets[s] = nfa.bytes.get(s);
          BitSet f = new BitSet();
          positionAccepts[s] = nfa.closure(nfa.out1.get(s), f);
          follow[s] = toWords(f, words);
        }
      }
      this.scratch = ThreadLocal.withInitial(() -> new long[2][words + 1]);
    }
  }

  /** Compiles parsed nodes. */
  static ByteAutomaton compile(List<GlobNode> nodes) {
    Nfa nfa = new Nfa();
    int match = nfa.add(MATCH, null, -1, -1);
    nfa.matchState = match;
    nfa.entry = nfa.sequence(nodes, match);
    return new ByteAutomaton(nfa);
  }

  /** True when the automaton is a table DFA (the normal case). */
  boolean isDeterministic() {
    return offsets != null;
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
    if (offsets != null) {
      return classCount; // state 1, the start
    }
    long[] cur = buffers[0];
    System.arraycopy(initial, 0, cur, 0, initial.length);
    cur[cur.length - 1] = initialAccepts ? 1 : 0;
    return 1;
  }

  /** Advances by one byte; {@code 0} is the dead state (no match possible any more). */
  int step(int state, int b, long[][] buffers) {
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
    if (offsets != null) {
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

  /** Partitions the 256 byte values into classes no byte set of the NFA distinguishes; returns the class count. */
  private static int byteClasses(Nfa nfa, int[] classes) {
    int count = 1;
    int[] remap = new int[512];
    List<long[]> seen = new ArrayList<>();
    for (int s = 0; s < nfa.size(); s++) {
      long[] set = nfa.bytes.get(s);
      if (set == null || seen.stream().anyMatch(x -> Arrays.equals(x, set))) {
        continue;
      }
      seen.add(set);
      Arrays.fill(remap, 0, count * 2, -1);
      int next = 0;
      for (int b = 0; b < 256; b++) {
        int key = classes[b] * 2 + (int) ((set[b >>> 6] >>> b) & 1L);
        if (remap[key] < 0) {
          remap[key] = next++;
        }
        classes[b] = remap[key];
      }
      count = next;
    }
    return count;
  }

  private Dfa determinise(Nfa nfa) {
    // DFA state 0 is dead, 1 is the start.
    int[] representative = new int[classCount];
    Arrays.fill(representative, -1);
    for (int b = 0; b < 256; b++) {
      if (representative[classOf[b] & 0xFF] < 0) {
        representative[classOf[b] & 0xFF] = b;
      }
    }
    Map<BitSet, Integer> ids = new HashMap<>();
    List<BitSet> states = new ArrayList<>();
    List<Boolean> acc = new ArrayList<>();
    BitSet dead = new BitSet();
    ids.put(dead, 0);
    states.add(dead);
    acc.add(false);
    BitSet first = new BitSet();
    boolean firstAccepts = nfa.closure(nfa.entry, first);
    ids.put(first, 1);
    states.add(first);
    acc.add(firstAccepts);
    int[] tbl = new int[64 * classCount];
    for (int d = 1; d < states.size(); d++) {
      BitSet current = states.get(d);
      for (int c = 0; c < classCount; c++) {
        int b = representative[c];
        BitSet target = new BitSet();
        boolean targetAccepts = false;
        for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
          long[] set = nfa.bytes.get(s);
          if (set != null && (set[b >>> 6] & (1L << b)) != 0) {
            targetAccepts |= nfa.closure(nfa.out1.get(s), target);
          }
        }
        Integer id = ids.get(target);
        if (id == null) {
          if (states.size() >= MAX_DFA_STATES) {
            return null;
          }
          id = states.size();
          ids.put(target, id);
          states.add(target);
          acc.add(targetAccepts);
        }
        int index = d * classCount + c;
        if (index >= tbl.length) {
          tbl = Arrays.copyOf(tbl, Math.max(tbl.length * 2, index + classCount));
        }
        tbl[index] = id;
      }
    }
    boolean[] accArray = new boolean[states.size()];
    for (int i = 0; i < accArray.length; i++) {
      accArray[i] = acc.get(i);
    }
    return new Dfa(Arrays.copyOf(tbl, states.size() * classCount), accArray);
  }

  /** Thompson NFA under construction: BYTESET states consume one byte, SPLIT states are epsilon forks. */
  private static final class Nfa {
    final List<Integer> kind = new ArrayList<>();
    final List<long[]> bytes = new ArrayList<>();
    final List<Integer> out1 = new ArrayList<>();
    final List<Integer> out2 = new ArrayList<>();
    int entry;

    int size() {
      return kind.size();
    }

    int add(int k, long[] set, int a, int b) {
      kind.add(k);
      bytes.add(set);
      out1.add(a);
      out2.add(b);
      return kind.size() - 1;
    }

    int bytes(long[] set, int next) {
      return add(BYTESET, set, next, -1);
    }

    int split(int a, int b) {
      return add(SPLIT, null, a, b);
    }

    /** {@code set*} followed by next. */
    int star(long[] set, int next) {
      int fork = split(-1, next);
      int loop = bytes(set, fork);
      out1.set(fork, loop);
      return fork;
    }

    int sequence(List<GlobNode> nodes, int next) {
      int entryState = next;
      for (int i = nodes.size() - 1; i >= 0; i--) {
        entryState = node(nodes.get(i), entryState);
      }
      return entryState;
    }

    int node(GlobNode node, int next) {
      if (node instanceof GlobNode.Literal l) {
        byte[] utf8 = new String(Character.toChars(l.codePoint())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int s = next;
        for (int i = utf8.length - 1; i >= 0; i--) {
          s = bytes(single(utf8[i] & 0xFF), s);
        }
        return s;
      } else if (node instanceof GlobNode.AnyChar) {
        return bytes(notSlash(), next);
      } else if (node instanceof GlobNode.AnySequence) {
        return star(notSlash(), next);
      } else if (node instanceof GlobNode.Everything) {
        return star(all(), next);
      } else if (node instanceof GlobNode.RecursivePrefix) {
        // (?:/?|.*/)
        int optionalSlash = split(bytes(single('/'), next), next);
        int anyThenSlash = star(all(), bytes(single('/'), next));
        return split(optionalSlash, anyThenSlash);
      } else if (node instanceof GlobNode.RecursiveSuffix) {
        // /.*
        return bytes(single('/'), star(all(), next));
      } else if (node instanceof GlobNode.RecursiveMiddle) {
        // (?:/|/.*/)
        int one = bytes(single('/'), next);
        int many = bytes(single('/'), star(all(), bytes(single('/'), next)));
        return split(one, many);
      } else if (node instanceof GlobNode.CharClass c) {
        return bytes(classBytes(c), next);
      } else if (node instanceof GlobNode.Alternation a) {
        List<List<GlobNode>> alternatives = a.alternatives();
        int s = sequence(alternatives.get(alternatives.size() - 1), next);
        for (int i = alternatives.size() - 2; i >= 0; i--) {
          s = split(sequence(alternatives.get(i), next), s);
        }
        return s;
      }
      throw new IllegalStateException("unknown glob node " + node);
    }

    private BitSet[] closures;

    /** Adds the epsilon closure of {@code state} to {@code into} (memoised per state); true if MATCH is reached. */
    boolean closure(int state, BitSet into) {
      if (state < 0) {
        return false;
      }
      if (closures == null) {
        closures = new BitSet[size()];
      }
      BitSet c = closures[state];
      if (c == null) {
        c = new BitSet();
        computeClosure(state, c);
        closures[state] = c;
      }
      into.or(c);
      return c.get(matchState);
    }

    int matchState = -1;

    private boolean computeClosure(int state, BitSet into) {
      boolean matched = false;
      int[] stack = new int[size() + 1];
      BitSet seen = new BitSet();
      int top = 0;
      stack[top++] = state;
      while (top > 0) {
        int s = stack[--top];
        if (s < 0 || seen.get(s)) {
          continue;
        }
        seen.set(s);
        int k = kind.get(s);
        if (k == MATCH) {
          matched = true;
          into.set(s);
        } else if (k == BYTESET) {
          into.set(s);
        } else {
          if (top + 2 > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
          }
          stack[top++] = out2.get(s);
          stack[top++] = out1.get(s);
        }
      }
      return matched;
    }
  }

  static long[] single(int b) {
    long[] set = new long[4];
    set[b >>> 6] |= 1L << b;
    return set;
  }

  private static long[] all() {
    return new long[] {-1L, -1L, -1L, -1L};
  }

  private static long[] notSlash() {
    long[] set = all();
    set['/' >>> 6] &= ~(1L << '/');
    return set;
  }

  /**
   * The byte set of a class as the upstream regex sees it: each range {@code lo-hi} was written as the escaped UTF-8
   * bytes of {@code lo}, a dash, and the escaped UTF-8 bytes of {@code hi}, so for non-ASCII members only the bytes
   * adjacent to the dash form a range and the others are single members.
   */
  static long[] classBytes(GlobNode.CharClass c) {
    long[] set = new long[4];
    for (GlobNode.CharRange r : c.ranges()) {
      byte[] lo = utf8(r.first());
      if (r.first() == r.last()) {
        for (byte b : lo) {
          set[(b & 0xFF) >>> 6] |= 1L << (b & 0xFF);
        }
        continue;
      }
      byte[] hi = utf8(r.last());
      for (int i = 0; i < lo.length - 1; i++) {
        set[(lo[i] & 0xFF) >>> 6] |= 1L << (lo[i] & 0xFF);
      }
      for (int b = lo[lo.length - 1] & 0xFF; b <= (hi[0] & 0xFF); b++) {
        set[b >>> 6] |= 1L << b;
      }
      for (int i = 1; i < hi.length; i++) {
        set[(hi[i] & 0xFF) >>> 6] |= 1L << (hi[i] & 0xFF);
      }
    }
    if (c.negated()) {
      for (int i = 0; i < 4; i++) {
        set[i] = ~set[i];
      }
    }
    return set;
  }

  private static byte[] utf8(int cp) {
    return new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
