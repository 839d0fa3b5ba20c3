package dev.sandboxpolicy.model.automaton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A complete deterministic automaton over bytes, with the 256 byte values partitioned into classes that no state
 * distinguishes. State {@link #DEAD} accepts nothing and never leaves itself; {@link #START} is where matching begins.
 * An accepting state carries a positive <em>label</em> (1 for an ordinary automaton; the literal's number for a {@link
 * #literals literal set}), so a product of automata can tell which member accepted. Immutable and thread-safe.
 *
 * <pre>{@code
 * ByteDfa v12 = CallSiteLanguages.routeSelector("/v[12]");
 * ByteDfa v34 = CallSiteLanguages.routeSelector("/v[34]");
 * ProductSearch.intersects(List.of(v12, v34), CallSiteLanguages.canonicalPath(false)); // false
 * }</pre>
 */
public final class ByteDfa {
  /** The state that accepts nothing; every byte leads back to it. */
  public static final int DEAD = 0;
  /** The start state. */
  public static final int START = 1;

  private final byte[] classOf;
  private final int classCount;
  /** Successor of (state, class) at {@code state * classCount + class}. */
  private final int[] next;
  /** Accept label per state; 0 = not accepting. */
  private final int[] labels;
  /** States every byte leads back to (computed on first use; racy but idempotent). */
  private volatile boolean[] sinks;

  ByteDfa(byte[] classOf, int classCount, int[] next, int[] labels) {
    this.classOf = classOf;
    this.classCount = classCount;
    this.next = next;
    this.labels = labels;
  }

  /**
   * Determinises a glob automaton by subset construction over byte classes.
   *
   * @param nfa the automaton
   * @param maxStates the most states the result may have (including {@link #DEAD})
   * @return the automaton, or empty when it would need more than {@code maxStates} states
   */
  public static Optional<ByteDfa> determinize(ByteNfa nfa, int maxStates) {
    int[] classes = new int[256];
    int classCount = byteClasses(nfa, classes);
    byte[] classOf = new byte[256];
    int[] representative = new int[classCount];
    Arrays.fill(representative, -1);
    for (int b = 0; b < 256; b++) {
      classOf[b] = (byte) classes[b];
      if (representative[classes[b]] < 0) {
        representative[classes[b]] = b;
      }
    }
    Map<BitSet, Integer> ids = new HashMap<>();
    List<BitSet> states = new ArrayList<>();
    List<Boolean> acc = new ArrayList<>();
    BitSet dead = new BitSet();
    ids.put(dead, DEAD);
    states.add(dead);
    acc.add(false);
    BitSet first = nfa.initial();
    ids.put(first, START);
    states.add(first);
    acc.add(nfa.initialAccepts());
    int[] tbl = new int[64 * classCount];
    BitSet target = new BitSet(); // reused: a state's set is copied only when it is new
    for (int d = START; d < states.size(); d++) {
      BitSet current = states.get(d);
      for (int c = 0; c < classCount; c++) {
        int b = representative[c];
        target.clear();
        boolean targetAccepts = false;
        for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
          if (nfa.consumes(s, b)) {
            targetAccepts |= nfa.addFollow(s, target);
          }
        }
        Integer id = ids.get(target);
        if (id == null) {
          if (states.size() >= maxStates) {
            return Optional.empty();
          }
          id = states.size();
          BitSet state = (BitSet) target.clone();
          ids.put(state, id);
          states.add(state);
          acc.add(targetAccepts);
        }
        int index = d * classCount + c;
        if (index >= tbl.length) {
          tbl = Arrays.copyOf(tbl, Math.max(tbl.length * 2, index + classCount));
        }
        tbl[index] = id;
      }
    }
    int[] labels = new int[states.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = acc.get(i) ? 1 : 0;
    }
    return Optional.of(new ByteDfa(classOf, classCount, Arrays.copyOf(tbl, states.size() * classCount), labels));
  }

  /** Partitions the 256 byte values into classes no byte set of the NFA distinguishes; returns the class count. */
  private static int byteClasses(ByteNfa nfa, int[] classes) {
    int count = 1;
    int[] remap = new int[512];
    java.util.Set<LongArrayKey> seen = new java.util.HashSet<>();
    for (int s = 0; s < nfa.size(); s++) {
      long[] set = nfa.byteSetView(s);
      if (set == null || !seen.add(new LongArrayKey(set))) {
        continue;
      }
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

  /** A byte set as a hash key. */
  private record LongArrayKey(long[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof LongArrayKey k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }

  /**
   * Builds an automaton from a full table: {@code table[state][byte]} is the successor, {@code labels[state]} the
   * accept label. State 0 must be dead (all its successors 0, label 0) and state 1 the start. Byte classes are
   * computed here.
   */
  static ByteDfa fromTable(int[][] table, int[] labels) {
    int states = table.length;
    Map<IntArrayKey, Integer> columns = new HashMap<>();
    byte[] classOf = new byte[256];
    List<Integer> representatives = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      int[] column = new int[states];
      for (int s = 0; s < states; s++) {
        column[s] = table[s][b];
      }
      Integer id = columns.get(new IntArrayKey(column));
      if (id == null) {
        id = columns.size();
        columns.put(new IntArrayKey(column), id);
        representatives.add(b);
      }
      classOf[b] = (byte) (int) id;
    }
    int classCount = columns.size();
    int[] next = new int[states * classCount];
    for (int s = 0; s < states; s++) {
      for (int c = 0; c < classCount; c++) {
        next[s * classCount + c] = table[s][representatives.get(c)];
      }
    }
    return new ByteDfa(classOf, classCount, next, labels.clone());
  }

  /**
   * Builds the automaton of a finite set of byte strings (a trie): the state reached by member {@code i} accepts
   * with label {@code i + 1}; when a string occurs twice the first label wins.
   *
   * @param members the strings
   * @return the automaton
   */
  public static ByteDfa literals(List<byte[]> members) {
    int[] classes = new int[256];
    Arrays.fill(classes, -1);
    int classCount = 1; // class 0: bytes no member uses
    for (byte[] m : members) {
      for (byte x : m) {
        if (classes[x & 0xFF] < 0) {
          classes[x & 0xFF] = classCount++;
        }
      }
    }
    byte[] classOf = new byte[256];
    for (int b = 0; b < 256; b++) {
      classOf[b] = (byte) Math.max(classes[b], 0);
    }
    int[] next = new int[(2 + total(members)) * classCount];
    int[] labels = new int[next.length / classCount];
    int states = 2;
    for (int i = 0; i < members.size(); i++) {
      int s = START;
      for (byte x : members.get(i)) {
        int index = s * classCount + classes[x & 0xFF];
        if (next[index] == DEAD) {
          next[index] = states++;
        }
        s = next[index];
      }
      if (labels[s] == 0) {
        labels[s] = i + 1;
      }
    }
    return new ByteDfa(classOf, classCount, Arrays.copyOf(next, states * classCount), Arrays.copyOf(labels, states));
  }

  private static int total(List<byte[]> members) {
    int n = 0;
    for (byte[] m : members) {
      n += m.length;
    }
    return n;
  }

  /**
   * Returns the automaton of the values whose image under {@code substitution} this automaton accepts: a value byte
   * {@code b} is read as the byte string {@code substitution.image(b)}, or leads to {@link #DEAD} when that is null.
   * This is how a glob over the transformed value (spec §3.2) becomes an automaton over the value as written.
   *
   * @param substitution the byte-to-bytes mapping
   * @return the automaton over the original bytes
   */
  public ByteDfa preimage(Substitution substitution) {
    // Value bytes whose images read the same sequence of classes behave alike from every state: one class each.
    Map<IntArrayKey, Integer> keys = new HashMap<>();
    byte[] rawClassOf = new byte[256];
    List<byte[]> images = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      byte[] image = substitution.image(b);
      int[] key;
      if (image == null) {
        key = new int[] {-1};
      } else {
        key = new int[image.length];
        for (int i = 0; i < image.length; i++) {
          key[i] = classOf[image[i] & 0xFF] & 0xFF;
        }
      }
      Integer id = keys.get(new IntArrayKey(key));
      if (id == null) {
        id = keys.size();
        keys.put(new IntArrayKey(key), id);
        images.add(image);
      }
      rawClassOf[b] = (byte) (int) id;
    }
    int rawCount = keys.size();
    int states = stateCount();
    int[] rawNext = new int[states * rawCount];
    for (int c = 0; c < rawCount; c++) {
      byte[] image = images.get(c);
      for (int s = 0; s < states; s++) {
        int t = image == null ? DEAD : s;
        for (int i = 0; image != null && i < image.length && t != DEAD; i++) {
          t = next(t, image[i] & 0xFF);
        }
        rawNext[s * rawCount + c] = t;
      }
    }
    return new ByteDfa(rawClassOf, rawCount, rawNext, labels);
  }

  /** A mapping from a value byte to the bytes the automaton reads for it; see {@link ByteDfa#preimage}. */
  @FunctionalInterface
  public interface Substitution {
    /**
     * Returns the bytes read for {@code b}.
     *
     * @param b a byte value 0..255
     * @return the image (a one-byte array {@code {b}} for the identity), or null when {@code b} must not occur
     */
    byte[] image(int b);
  }

  /**
   * Returns the number of states, {@link #DEAD} included.
   *
   * @return the state count
   */
  public int stateCount() {
    return labels.length;
  }

  /**
   * Returns the number of byte classes.
   *
   * @return between 1 and 256
   */
  public int classCount() {
    return classCount;
  }

  /**
   * Returns the class of a byte.
   *
   * @param b a byte value 0..255
   * @return its class
   */
  public int classOf(int b) {
    return classOf[b] & 0xFF;
  }

  /**
   * Returns the successor of a state on a byte.
   *
   * @param state a state
   * @param b a byte value 0..255
   * @return the next state
   */
  public int next(int state, int b) {
    return next[state * classCount + (classOf[b] & 0xFF)];
  }

  /**
   * Returns the successor of a state on a byte class.
   *
   * @param state a state
   * @param byteClass a class below {@link #classCount()}
   * @return the next state
   */
  public int nextByClass(int state, int byteClass) {
    return next[state * classCount + byteClass];
  }

  /**
   * Returns the accept label of a state: 0 when it does not accept.
   *
   * @param state a state
   * @return the label
   */
  public int label(int state) {
    return labels[state];
  }

  /**
   * Tells whether a state accepts.
   *
   * @param state a state
   * @return true for a positive label
   */
  public boolean accepts(int state) {
    return labels[state] != 0;
  }

  /**
   * Runs the automaton over a whole value.
   *
   * @param value the bytes
   * @return the state reached
   */
  public int run(byte[] value) {
    int s = START;
    for (int i = 0; i < value.length && s != DEAD; i++) {
      s = next(s, value[i] & 0xFF);
    }
    return s;
  }

  /**
   * Tells whether the automaton accepts a whole value.
   *
   * @param value the bytes
   * @return true if it accepts
   */
  public boolean matches(byte[] value) {
    return accepts(run(value));
  }

  /**
   * Returns the class of every byte value.
   *
   * @return a fresh 256-entry array (read each entry as unsigned)
   */
  public byte[] byteClasses() {
    return classOf.clone();
  }

  /**
   * Returns the transition table: the successor of (state, class) at {@code state * classCount() + class}.
   *
   * @return a fresh copy
   */
  public int[] transitions() {
    return next.clone();
  }

  /**
   * Returns which states accept.
   *
   * @return a fresh array indexed by state
   */
  public boolean[] acceptingStates() {
    boolean[] out = new boolean[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[i] != 0;
    }
    return out;
  }

  /** The states that every byte leads back to ({@link #DEAD} among them); shared, do not modify. */
  boolean[] sinks() {
    boolean[] s = sinks;
    if (s == null) {
      s = new boolean[labels.length];
      for (int state = 0; state < s.length; state++) {
        boolean loops = true;
        for (int c = 0; c < classCount && loops; c++) {
          loops = next[state * classCount + c] == state;
        }
        s[state] = loops;
      }
      sinks = s;
    }
    return s;
  }

  @Override
  public String toString() {
    return "ByteDfa[" + stateCount() + " states, " + classCount + " classes]";
  }

  /** An int array as a hash key. */
  record IntArrayKey(int[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof IntArrayKey k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }
}
