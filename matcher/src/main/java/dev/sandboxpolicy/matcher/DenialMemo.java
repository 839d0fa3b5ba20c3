package dev.sandboxpolicy.matcher;

/**
 * The recent denial decisions of one compiled policy, remembered by their {@link Denial} identity: a denial that
 * comes again (an agent retrying a blocked host, a client repeating a forbidden request) gets the decision built the
 * first time, so it allocates nothing; a new one allocates one small decision whose reason is rendered only when
 * asked for. A cache, not a record: forgetting costs a rebuild, never a different answer.
 *
 * <p>{@value #SLOTS} slots in sets of {@value #WAYS}, chosen by the denial's hash; a full set replaces its members in
 * turn. Lock-free: a slot holds a reference to an immutable decision (final fields, so a racy read sees it whole),
 * and two threads racing on one slot at worst both build a decision. Denials naming a value longer than {@value
 * #MAX_REMEMBERED_CHARS} characters are not remembered, so the memo retains at most a few hundred kilobytes.
 */
final class DenialMemo {
  /** Slots per compiled policy: room for a few hundred distinct denials (a realistic mix has 128). */
  static final int SLOTS = 1024;
  /** Slots per set (a power of two dividing {@link #SLOTS}). */
  static final int WAYS = 4;
  /** Longest request value (a path, a host, a header) a remembered denial may hold. */
  static final int MAX_REMEMBERED_CHARS = 512;

  private static final int SET_BITS = Integer.numberOfTrailingZeros(SLOTS / WAYS);
  private static final int GOLDEN = 0x9E3779B9;

  private final Decision[] slots = new Decision[SLOTS];
  /** Round-robin victim counter; racy on purpose (a lost increment only changes which member is replaced). */
  private int turn;

  /** The first slot of the set of {@code hash}. */
  private static int set(int hash) {
    return ((hash * GOLDEN) >>> (32 - SET_BITS)) * WAYS;
  }

  /**
   * The remembered decision with this identity, else a new one (remembered when its values are short enough).
   * Allocation-free when found.
   */
  Decision decision(Denial.Kind kind, Object anchor, int variant, Object first, Object second, int number) {
    Decision d = find(kind, anchor, variant, first, second, number);
    return d != null ? d : remember(new Denial(kind, anchor, variant, first, second, number, null));
  }

  /**
   * The remembered decision with this identity, or null (for denials whose {@link Denial#derived} values cost
   * something to compute: the caller computes them and calls {@link #remember}). Allocation-free.
   */
  Decision find(Denial.Kind kind, Object anchor, int variant, Object first, Object second, int number) {
    int hash = Denial.hash(kind, anchor, variant, first, second, number);
    int base = set(hash);
    for (int i = base; i < base + WAYS; i++) {
      Decision d = slots[i];
      if (d != null && d.denial().matches(hash, kind, anchor, variant, first, second, number)) {
        return d;
      }
    }
    return null; // also for values too long to remember: nothing stored can match them
  }

  /** Builds the decision of {@code denial} and remembers it (unless it holds a value too long to keep). */
  Decision remember(Denial denial) {
    Decision d = denial.decision();
    if (denial.longestValue() > MAX_REMEMBERED_CHARS) {
      return d;
    }
    int base = set(denial.hash);
    for (int i = base; i < base + WAYS; i++) {
      if (slots[i] == null) {
        slots[i] = d;
        return d;
      }
    }
    slots[base + (turn++ & (WAYS - 1))] = d;
    return d;
  }
}
