package dev.sandboxpolicy.model.automaton;

import dev.sandboxpolicy.model.glob.GlobPattern;
import dev.sandboxpolicy.model.glob.tree.GlobNode;
import dev.sandboxpolicy.model.glob.tree.GlobParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The automaton of a parsed glob over the bytes of the <em>transformed</em> value (spec §3.2 step 5: the upstream
 * regex is byte-oriented): a Thompson NFA, seen through its consuming states ("positions"). Each position consumes one
 * byte of its {@link #byteSet(int) byte set} and then moves to every position of its {@link #follow(int) follow set};
 * the {@link #initial() initial set} is where matching starts. Immutable once built.
 *
 * <p>This is the one automaton builder of the library: the matcher determinises it into its hot-path table ({@link
 * ByteDfa#determinize}) or simulates it with bit sets, and the analysis computes language operations on it.
 *
 * <pre>{@code
 * ByteNfa nfa = ByteNfa.of(GlobPattern.parse("/v[12]/**", GlobDelimiters.SLASH));
 * ByteDfa dfa = ByteDfa.determinize(nfa, 4096).orElseThrow();
 * }</pre>
 */
public final class ByteNfa {
  private static final int BYTESET = 0;
  private static final int SPLIT = 1;
  private static final int MATCH = 2;

  private final int size;
  private final long[][] byteSets;
  private final BitSet initial;
  private final boolean initialAccepts;
  private final BitSet[] follow;
  private final boolean[] followAccepts;

  private ByteNfa(Builder b) {
    this.size = b.size();
    this.byteSets = new long[size][];
    this.follow = new BitSet[size];
    this.followAccepts = new boolean[size];
    this.initial = new BitSet();
    this.initialAccepts = b.closure(b.entry, initial);
    for (int s = 0; s < size; s++) {
      if (b.kind.get(s) == BYTESET) {
        byteSets[s] = b.bytes.get(s);
        BitSet f = new BitSet();
        followAccepts[s] = b.closure(b.out1.get(s), f);
        follow[s] = f;
      }
    }
  }

  /** Builds the automaton of a glob pattern (its parse tree, {@link GlobParser}, is not API). */
  public static ByteNfa of(GlobPattern pattern) {
    return of(GlobParser.parse(pattern.source(), pattern.delimiters().toCharArray()));
  }

  /**
   * Builds the automaton of a parsed glob (see {@link GlobNode} for the fragment each node stands for).
   *
   * @param nodes the parsed, normalised nodes of a {@link dev.sandboxpolicy.model.glob.GlobPattern}
   * @return the automaton
   */
  public static ByteNfa of(List<GlobNode> nodes) {
    Builder b = new Builder();
    int match = b.add(MATCH, null, -1, -1);
    b.matchState = match;
    b.entry = b.sequence(nodes, match);
    return new ByteNfa(b);
  }

  /**
   * Returns the number of states; positions are the states with a non-null {@link #byteSet(int)}.
   *
   * @return the state count
   */
  public int size() {
    return size;
  }

  /**
   * Returns the bytes a position consumes, as four 64-bit words (bit {@code b} of word {@code b >>> 6}).
   *
   * @param state a state number below {@link #size()}
   * @return a fresh copy, or null when {@code state} is not a position
   */
  public long[] byteSet(int state) {
    return byteSets[state] == null ? null : byteSets[state].clone();
  }

  /**
   * Tells whether a position consumes byte {@code b}.
   *
   * @param state a state number
   * @param b a byte value 0..255
   * @return true if {@code state} is a position whose byte set contains {@code b}
   */
  public boolean consumes(int state, int b) {
    long[] set = byteSets[state];
    return set != null && (set[b >>> 6] & (1L << b)) != 0;
  }

  /**
   * Returns the positions matching starts at.
   *
   * @return a fresh copy
   */
  public BitSet initial() {
    return (BitSet) initial.clone();
  }

  /**
   * Tells whether the empty value matches.
   *
   * @return true if the start already accepts
   */
  public boolean initialAccepts() {
    return initialAccepts;
  }

  /**
   * Returns the positions reachable right after {@code position} consumed its byte.
   *
   * @param position a position
   * @return a fresh copy (empty for a state that is not a position)
   */
  public BitSet follow(int position) {
    return follow[position] == null ? new BitSet() : (BitSet) follow[position].clone();
  }

  /**
   * Tells whether the value may end right after {@code position} consumed its byte.
   *
   * @param position a position
   * @return true if matching accepts there
   */
  public boolean followAccepts(int position) {
    return followAccepts[position];
  }

  /** Adds the follow set of {@code position} to {@code into} without copying; true if that accepts. */
  boolean addFollow(int position, BitSet into) {
    into.or(follow[position]);
    return followAccepts[position];
  }

  /** The internal byte set of a position (not copied); for determinisation. */
  long[] byteSetView(int state) {
    return byteSets[state];
  }

  /** Thompson NFA under construction: BYTESET states consume one byte, SPLIT states are epsilon forks. */
  private static final class Builder {
    final List<Integer> kind = new ArrayList<>();
    final List<long[]> bytes = new ArrayList<>();
    final List<Integer> out1 = new ArrayList<>();
    final List<Integer> out2 = new ArrayList<>();
    int entry;
    int matchState = -1;
    private BitSet[] closures;

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
        byte[] utf8 = utf8(l.codePoint());
        int s = next;
        for (int i = utf8.length - 1; i >= 0; i--) {
          s = bytes(ByteSets.single(utf8[i] & 0xFF), s);
        }
        return s;
      } else if (node instanceof GlobNode.AnyChar) {
        return bytes(ByteSets.allBut('/'), next);
      } else if (node instanceof GlobNode.AnySequence) {
        return star(ByteSets.allBut('/'), next);
      } else if (node instanceof GlobNode.Everything) {
        return star(ByteSets.all(), next);
      } else if (node instanceof GlobNode.RecursivePrefix) {
        // (?:/?|.*/)
        int optionalSlash = split(bytes(ByteSets.single('/'), next), next);
        int anyThenSlash = star(ByteSets.all(), bytes(ByteSets.single('/'), next));
        return split(optionalSlash, anyThenSlash);
      } else if (node instanceof GlobNode.RecursiveSuffix) {
        // /.*
        return bytes(ByteSets.single('/'), star(ByteSets.all(), next));
      } else if (node instanceof GlobNode.RecursiveMiddle) {
        // (?:/|/.*/)
        int one = bytes(ByteSets.single('/'), next);
        int many = bytes(ByteSets.single('/'), star(ByteSets.all(), bytes(ByteSets.single('/'), next)));
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

    private void computeClosure(int state, BitSet into) {
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
        if (k == MATCH || k == BYTESET) {
          into.set(s);
        } else {
          if (top + 2 > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
          }
          stack[top++] = out2.get(s);
          stack[top++] = out1.get(s);
        }
      }
    }
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
          ByteSets.add(set, b & 0xFF);
        }
        continue;
      }
      byte[] hi = utf8(r.last());
      for (int i = 0; i < lo.length - 1; i++) {
        ByteSets.add(set, lo[i] & 0xFF);
      }
      for (int b = lo[lo.length - 1] & 0xFF; b <= (hi[0] & 0xFF); b++) {
        ByteSets.add(set, b);
      }
      for (int i = 1; i < hi.length; i++) {
        ByteSets.add(set, hi[i] & 0xFF);
      }
    }
    return c.negated() ? ByteSets.complement(set) : set;
  }

  private static byte[] utf8(int cp) {
    return new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
  }
}
