package dev.sandboxpolicy.model.automaton;

/** Sets of byte values as four 64-bit words (bit {@code b} of word {@code b >>> 6}). */
final class ByteSets {
  private ByteSets() {}

  static long[] single(int b) {
    long[] set = new long[4];
    add(set, b);
    return set;
  }

  static long[] all() {
    return new long[] {-1L, -1L, -1L, -1L};
  }

  static long[] allBut(int b) {
    long[] set = all();
    set[b >>> 6] &= ~(1L << b);
    return set;
  }

  static long[] range(int first, int last) {
    long[] set = new long[4];
    for (int b = first; b <= last; b++) {
      add(set, b);
    }
    return set;
  }

  static long[] of(String ascii) {
    long[] set = new long[4];
    for (int i = 0; i < ascii.length(); i++) {
      add(set, ascii.charAt(i));
    }
    return set;
  }

  static void add(long[] set, int b) {
    set[b >>> 6] |= 1L << b;
  }

  static boolean contains(long[] set, int b) {
    return (set[b >>> 6] & (1L << b)) != 0;
  }

  static long[] union(long[] a, long[] b) {
    return new long[] {a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]};
  }

  static long[] complement(long[] set) {
    return new long[] {~set[0], ~set[1], ~set[2], ~set[3]};
  }
}
