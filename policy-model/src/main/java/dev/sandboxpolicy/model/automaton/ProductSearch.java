package dev.sandboxpolicy.model.automaton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Language operations on {@link ByteDfa}s by breadth-first search of their product: is the intersection empty
 * (with a witness when it is not), is one language included in another (with a counterexample when it is not), and
 * which combinations of the automata can accept together ("atoms", each with a witness). Searches are bounded: a
 * product that needs more than the given number of states is refused with {@link StateLimitException}, never
 * explored until memory runs out.
 *
 * <p>Every search runs inside a <em>universe</em>: an automaton that says which byte strings count as values at
 * all (canonical request paths, DNS names, UTF-8 text). Witnesses are shortest in the universe when the search
 * reaches them directly, and the bytes chosen are the most readable of their class (lower-case letters and digits
 * first).
 *
 * <pre>{@code
 * ByteDfa paths = CallSiteLanguages.canonicalPath(false);
 * ProductSearch.intersects(List.of(CallSiteLanguages.routeSelector("/v[12]"),
 *     CallSiteLanguages.routeSelector("/v[34]")), paths);                       // false
 * ProductSearch.counterexample(CallSiteLanguages.pathGlob("/api/**"),
 *     CallSiteLanguages.pathGlob("/api/*"), paths);                             // Optional["/api/a/a"]
 * }</pre>
 */
public final class ProductSearch {
  /** A product bigger than this many states is refused unless a caller passes its own bound. */
  public static final int DEFAULT_MAX_STATES = 200_000;

  private static final ByteDfa EVERYTHING = everything();
  /** Shortest accepting suffixes per universe (universes are few and long-lived: the call-site constants). */
  private static final Map<ByteDfa, int[][]> SUFFIXES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private ProductSearch() {}

  /** Thrown when a product needs more states than allowed (state explosion is refused, not explored). */
  public static final class StateLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int limit;

    StateLimitException(int limit) {
      super("the automaton product needs more than " + limit + " states");
      this.limit = limit;
    }

    /**
     * Returns the bound that was reached.
     *
     * @return the state limit
     */
    public int limit() {
      return limit;
    }
  }

  /**
   * A combination of accept labels that some value in the universe produces, with the first such value found.
   *
   * @param labels the accept label of every automaton, in the order given (0 = does not accept)
   * @param witness a value producing exactly these labels
   */
  public record Atom(int[] labels, byte[] witness) {
    /**
     * Copies the arrays.
     *
     * @param labels the labels
     * @param witness the witness
     */
    public Atom {
      labels = labels.clone();
      witness = witness.clone();
    }

    @Override
    public int[] labels() {
      return labels.clone();
    }

    @Override
    public byte[] witness() {
      return witness.clone();
    }

    /**
     * Returns the label of automaton {@code i}.
     *
     * @param i an automaton's index
     * @return its label (0 = does not accept)
     */
    public int label(int i) {
      return labels[i];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Atom a && Arrays.equals(labels, a.labels) && Arrays.equals(witness, a.witness);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(labels) * 31 + Arrays.hashCode(witness);
    }

    @Override
    public String toString() {
      return "Atom" + Arrays.toString(labels) + "[" + new String(witness, java.nio.charset.StandardCharsets.UTF_8)
          + "]";
    }
  }

  /**
   * Tells whether some value of the universe is accepted by every automaton.
   *
   * @param automata the automata
   * @param universe the values that count, or null for every byte string
   * @return true when the intersection is not empty
   * @throws StateLimitException if the product exceeds {@link #DEFAULT_MAX_STATES}
   */
  public static boolean intersects(List<ByteDfa> automata, ByteDfa universe) {
    return witness(automata, universe, DEFAULT_MAX_STATES).isPresent();
  }

  /**
   * Returns a value of the universe that every automaton accepts.
   *
   * @param automata the automata
   * @param universe the values that count, or null for every byte string
   * @param maxStates the product state bound
   * @return a shortest common value, or empty when the intersection is empty
   * @throws StateLimitException if the product exceeds {@code maxStates}
   */
  public static Optional<byte[]> witness(List<ByteDfa> automata, ByteDfa universe, int maxStates) {
    return find(automata, universe, labels -> {
      for (int l : labels) {
        if (l == 0) {
          return false;
        }
      }
      return true;
    }, maxStates);
  }

  /**
   * Returns a value of the universe that {@code included} accepts and {@code including} does not: empty means the
   * first language is a subset of the second (within the universe).
   *
   * @param included the automaton whose language should be included
   * @param including the automaton that should include it
   * @param universe the values that count, or null for every byte string
   * @return a counterexample, or empty
   * @throws StateLimitException if the product exceeds {@link #DEFAULT_MAX_STATES}
   */
  public static Optional<byte[]> counterexample(ByteDfa included, ByteDfa including, ByteDfa universe) {
    return find(List.of(included, including), universe, l -> l[0] != 0 && l[1] == 0, DEFAULT_MAX_STATES);
  }

  /**
   * Returns a value of the universe whose accept labels satisfy {@code wanted}.
   *
   * @param automata the automata
   * @param universe the values that count, or null for every byte string
   * @param wanted the condition on the labels (index {@code i} is automaton {@code i}'s label, 0 = not accepting)
   * @param maxStates the product state bound
   * @return a value, or empty when no value of the universe qualifies
   * @throws StateLimitException if the product exceeds {@code maxStates}
   */
  public static Optional<byte[]> find(
      List<ByteDfa> automata, ByteDfa universe, Predicate<int[]> wanted, int maxStates) {
    Search s = new Search(automata, universe, maxStates);
    return Optional.ofNullable(s.run(wanted, null));
  }

  /**
   * Returns a value of the universe that no automaton accepts.
   *
   * @param automata the automata
   * @param universe the values that count, or null for every byte string
   * @param maxStates the product state bound
   * @return such a value, or empty when every value of the universe is accepted by some automaton
   * @throws StateLimitException if the product exceeds {@code maxStates}
   */
  public static Optional<byte[]> unmatched(List<ByteDfa> automata, ByteDfa universe, int maxStates) {
    return find(automata, universe, labels -> {
      for (int l : labels) {
        if (l != 0) {
          return false;
        }
      }
      return true;
    }, maxStates);
  }

  /**
   * Returns every combination of accept labels, with at least one automaton accepting, that some value of the
   * universe produces, each with a witness (in the order the search found them: shorter witnesses first).
   *
   * @param automata the automata
   * @param universe the values that count, or null for every byte string
   * @param maxStates the product state bound
   * @return the atoms
   * @throws StateLimitException if the product exceeds {@code maxStates}
   */
  public static List<Atom> atoms(List<ByteDfa> automata, ByteDfa universe, int maxStates) {
    Map<ByteDfa.IntArrayKey, byte[]> found = new LinkedHashMap<>();
    new Search(automata, universe, maxStates).run(null, found);
    List<Atom> out = new ArrayList<>(found.size());
    found.forEach((k, w) -> out.add(new Atom(k.values(), w)));
    return out;
  }

  /** Orders byte values by how readable they are in a witness: lower-case letters first, NUL last. */
  static int readability(int b) {
    if (b >= 'a' && b <= 'z') {
      return b - 'a';
    }
    if (b >= '0' && b <= '9') {
      return 26 + b - '0';
    }
    int i = "-_.~".indexOf(b);
    if (i >= 0) {
      return 36 + i;
    }
    if (b >= 'A' && b <= 'Z') {
      return 40 + b - 'A';
    }
    if (b > 0x20 && b < 0x7F) {
      return 70 + b;
    }
    if (b == 0x20) {
      return 200;
    }
    if (b >= 0x80) {
      return 300 + b;
    }
    return b == 0 ? 1000 : 600 + b;
  }

  private static ByteDfa everything() {
    int[][] table = new int[2][256];
    Arrays.fill(table[1], 1);
    return ByteDfa.fromTable(table, new int[] {0, 1});
  }

  /** One breadth-first search over the product of the automata and the universe. */
  private static final class Search {
    private final ByteDfa[] parts;
    private final ByteDfa universe;
    private final int k;
    private final int width;
    private final int maxStates;
    private final int jointCount;
    private final int[] representative;
    /** Joint classes by the readability of their representative byte. */
    private final int[] order;
    private final int[][] jointClass; // [part][joint] -> part class
    private final boolean[][] sink; // [part][state]
    private final int[] universeDistance; // universe state -> shortest accepting suffix length (-1: none)
    private final int[] universeStep; // universe state -> next byte on a shortest accepting suffix

    private int[] pool = new int[1024];
    private int[] parent = new int[256];
    private byte[] via = new byte[256];
    private int count;
    private final Map<ByteDfa.IntArrayKey, Integer> ids = new HashMap<>();

    Search(List<ByteDfa> automata, ByteDfa universe, int maxStates) {
      this.k = automata.size();
      this.parts = automata.toArray(new ByteDfa[0]);
      this.universe = universe == null ? EVERYTHING : universe;
      this.width = k + 1;
      this.maxStates = maxStates;
      // joint byte classes: refine the partition of the 256 bytes by every automaton's classes in turn
      int[] jointOf = new int[256];
      int count = 1;
      for (int i = 0; i < width; i++) {
        ByteDfa d = i < k ? parts[i] : this.universe;
        int cc = d.classCount();
        int[] remap = new int[count * cc];
        java.util.Arrays.fill(remap, -1);
        int next = 0;
        for (int b = 0; b < 256; b++) {
          int key = jointOf[b] * cc + d.classOf(b);
          if (remap[key] < 0) {
            remap[key] = next++;
          }
          jointOf[b] = remap[key];
        }
        count = next;
      }
      this.jointCount = count;
      this.representative = new int[count];
      java.util.Arrays.fill(representative, -1);
      for (int b = 0; b < 256; b++) {
        int j = jointOf[b];
        if (representative[j] < 0 || readability(b) < readability(representative[j])) {
          representative[j] = b;
        }
      }
      this.order = java.util.stream.IntStream.range(0, jointCount).boxed()
          .sorted(java.util.Comparator.comparingInt(j -> readability(representative[j])))
          .mapToInt(Integer::intValue).toArray();
      this.jointClass = new int[width][jointCount];
      for (int i = 0; i < width; i++) {
        ByteDfa d = i < k ? parts[i] : this.universe;
        for (int j = 0; j < jointCount; j++) {
          jointClass[i][j] = d.classOf(representative[j]);
        }
      }
      this.sink = new boolean[k][];
      for (int i = 0; i < k; i++) {
        sink[i] = parts[i].sinks();
      }
      int[][] suffix = SUFFIXES.computeIfAbsent(this.universe, Search::suffixes);
      this.universeDistance = suffix[0];
      this.universeStep = suffix[1];
    }

    /**
     * Shortest accepting continuation of every universe state (reverse breadth-first search over bytes, the most
     * readable byte first): {@code [distance, next byte]} per state, distance -1 when no accepting state is reachable.
     */
    private static int[][] suffixes(ByteDfa universe) {
      int us = universe.stateCount();
      int[] distance = new int[us];
      int[] step = new int[us];
      Arrays.fill(distance, -1);
      Integer[] bytes = new Integer[256];
      for (int b = 0; b < 256; b++) {
        bytes[b] = b;
      }
      Arrays.sort(bytes, java.util.Comparator.comparingInt(ProductSearch::readability));
      List<List<int[]>> reverse = new ArrayList<>(us);
      for (int s = 0; s < us; s++) {
        reverse.add(new ArrayList<>());
      }
      for (int s = 0; s < us; s++) {
        boolean[] seenTarget = new boolean[us];
        for (int b : bytes) {
          int t = universe.next(s, b);
          if (!seenTarget[t]) {
            seenTarget[t] = true;
            reverse.get(t).add(new int[] {s, b});
          }
        }
      }
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      for (int s = 0; s < us; s++) {
        if (universe.accepts(s)) {
          distance[s] = 0;
          queue.add(s);
        }
      }
      while (!queue.isEmpty()) {
        int t = queue.poll();
        for (int[] edge : reverse.get(t)) {
          int s = edge[0];
          if (distance[s] < 0) {
            distance[s] = distance[t] + 1;
            step[s] = edge[1];
            queue.add(s);
          }
        }
      }
      return new int[][] {distance, step};
    }

    /** Runs the search; returns the first wanted value, or (atoms mode) fills {@code atoms} and returns null. */
    byte[] run(Predicate<int[]> wanted, Map<ByteDfa.IntArrayKey, byte[]> atoms) {
      int[] start = new int[width];
      Arrays.fill(start, ByteDfa.START);
      if (universeDistance[ByteDfa.START] < 0) {
        return null;
      }
      add(start, -1, 0);
      int[] labels = new int[k];
      int[] nextTuple = new int[width];
      for (int id = 0; id < count; id++) {
        int base = id * width;
        int u = pool[base + k];
        boolean allSinks = true;
        boolean allDead = true;
        for (int i = 0; i < k; i++) {
          int s = pool[base + i];
          labels[i] = parts[i].label(s);
          allSinks &= sink[i][s];
          allDead &= s == ByteDfa.DEAD;
        }
        if (universe.accepts(u) && record(labels, id, null, wanted, atoms)) {
          return path(id, null);
        }
        if (allSinks) {
          // the labels can no longer change: finish with the universe's shortest accepting suffix
          if (!universe.accepts(u) && !(atoms != null && allDead)) {
            byte[] suffix = suffix(u);
            if (record(labels, id, suffix, wanted, atoms)) {
              return path(id, suffix);
            }
          }
          continue;
        }
        for (int j : order) {
          int ut = universe.nextByClass(u, jointClass[k][j]);
          if (universeDistance[ut] < 0) {
            continue;
          }
          for (int i = 0; i < k; i++) {
            nextTuple[i] = parts[i].nextByClass(pool[base + i], jointClass[i][j]);
          }
          nextTuple[k] = ut;
          add(nextTuple, id, representative[j]);
        }
      }
      return null;
    }

    /** True when the search should stop with this value. */
    private boolean record(int[] labels, int id, byte[] suffix, Predicate<int[]> wanted,
        Map<ByteDfa.IntArrayKey, byte[]> atoms) {
      if (atoms == null) {
        return wanted.test(labels);
      }
      boolean any = false;
      for (int l : labels) {
        any |= l != 0;
      }
      if (any) {
        atoms.computeIfAbsent(new ByteDfa.IntArrayKey(labels.clone()), key -> path(id, suffix));
      }
      return false;
    }

    private byte[] suffix(int u) {
      byte[] out = new byte[universeDistance[u]];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) universeStep[u];
        u = universe.next(u, universeStep[u]);
      }
      return out;
    }

    private void add(int[] tuple, int from, int b) {
      ByteDfa.IntArrayKey key = new ByteDfa.IntArrayKey(tuple);
      if (ids.containsKey(key)) {
        return;
      }
      if (count >= maxStates) {
        throw new StateLimitException(maxStates);
      }
      int[] copy = tuple.clone();
      ids.put(new ByteDfa.IntArrayKey(copy), count);
      if ((count + 1) * width > pool.length) {
        pool = Arrays.copyOf(pool, Math.max(pool.length * 2, (count + 1) * width));
      }
      System.arraycopy(copy, 0, pool, count * width, width);
      if (count >= parent.length) {
        parent = Arrays.copyOf(parent, parent.length * 2);
        via = Arrays.copyOf(via, via.length * 2);
      }
      parent[count] = from;
      via[count] = (byte) b;
      count++;
    }

    private byte[] path(int id, byte[] suffix) {
      int length = 0;
      for (int i = id; parent[i] >= 0; i = parent[i]) {
        length++;
      }
      int extra = suffix == null ? 0 : suffix.length;
      byte[] out = new byte[length + extra];
      int at = length;
      for (int i = id; parent[i] >= 0; i = parent[i]) {
        out[--at] = via[i];
      }
      if (suffix != null) {
        System.arraycopy(suffix, 0, out, length, extra);
      }
      return out;
    }
  }
}
