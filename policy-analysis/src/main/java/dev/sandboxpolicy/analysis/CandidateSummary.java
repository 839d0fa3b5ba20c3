package dev.sandboxpolicy.analysis;

/**
 * What a set of candidate endpoints says about one request cell, packed in a {@code long}: everything the request
 * decision (spec §3.5) reads from the set, and nothing else, so that the summary of a union of sets is the
 * {@link #join} of their summaries. That is what lets the analysis decide every combination of executable and
 * ancestors on a host and port without enumerating them: the entries a connection meets are a union of the entry
 * sets its executables match, so the summaries it can have are the closure of those sets' summaries under {@code
 * join}, a small set however many combinations there are.
 *
 * <p>The request decision over candidate endpoints {@code C} (in the matcher's order) is:
 *
 * <ol>
 *   <li>no inspected endpoint in {@code C}: the connection is relayed, every request passes;
 *   <li>one inspected endpoint: it is selected (no route check); several: the inspected endpoint whose route
 *       selector matches the path with the highest specificity is selected, none matching refuses the request;
 *   <li>an encoded slash ({@code %2F}) in the path refuses the request unless the selected endpoint allows it;
 *   <li>the selected endpoint in audit mode forwards every request; enforced, a request passes when some endpoint of
 *       {@code C} whose Rego selector matches allows it and none denies it.
 * </ol>
 *
 * <p>Only the selected endpoint's enforcement and {@code allow_encoded_slash} are read, and among endpoints of equal
 * specificity whose routes match one path those agree (spec §2.6: the ambiguity check rejects a policy where they do
 * not), so which of them is first does not matter and the decision is a function of the set. A summary records: some
 * endpoint; no / one route-less / routed inspected endpoints (one whose route matches is "routed" already: selected
 * alone or among several, it is the same endpoint); for one route-less inspected endpoint, its identity and
 * attributes; the highest specificity of a matching route and its attributes; whether some endpoint allows and
 * whether some endpoint denies. Two routed endpoints of equal specificity with different attributes (impossible in a
 * valid policy) set {@link #CONFLICT}, which the callers report instead of deciding.
 */
final class CandidateSummary {
  /** The summary of the empty set. */
  static final long EMPTY = 0L;

  /** Some endpoint is in the set. */
  static final long ANY = 1L;
  private static final int MODE_SHIFT = 1;
  private static final long MODE_MASK = 3L << MODE_SHIFT;
  /** No inspected endpoint. */
  static final int NO_INSPECTED = 0;
  /** Exactly one inspected endpoint, whose route does not match the path. */
  static final int ONE_ROUTELESS = 1;
  /** One inspected endpoint whose route matches, or several inspected endpoints. */
  static final int ROUTED = 2;
  private static final int ONE_SHIFT = 3;
  private static final int ONE_BITS = 24;
  private static final long ONE_MASK = ((1L << ONE_BITS) - 1) << ONE_SHIFT;
  /** The largest endpoint number a summary can tell apart. */
  static final int MAX_ENDPOINTS = (1 << ONE_BITS) - 2;
  private static final int ATTR_ONE_SHIFT = 27;
  private static final int BEST_SHIFT = 29;
  private static final int BEST_BITS = 16;
  private static final long BEST_MASK = ((1L << BEST_BITS) - 1) << BEST_SHIFT;
  /** The largest route specificity a summary can hold. */
  static final int MAX_SPECIFICITY = (1 << BEST_BITS) - 2;
  private static final int ATTR_BEST_SHIFT = 45;
  /** Attribute bit: the endpoint is not enforced (audit mode). */
  static final int AUDIT = 1;
  /** Attribute bit: the endpoint allows encoded slashes. */
  static final int ENCODED_SLASH = 2;
  /** Two routed endpoints of the highest specificity disagree on their attributes. */
  static final long CONFLICT = 1L << 47;
  /** Some endpoint whose selector matches allows the request. */
  static final long ALLOW = 1L << 48;
  /** Some endpoint whose selector matches denies the request. */
  static final long DENY = 1L << 49;

  private CandidateSummary() {}

  /**
   * The summary of one endpoint.
   *
   * @param inspected whether the endpoint is inspected (has a non-{@code tcp} protocol)
   * @param number the endpoint's number among the candidates (tells route-less endpoints apart)
   * @param routeMatches whether its route selector matches the path
   * @param specificity its route specificity
   * @param attributes {@link #AUDIT} and {@link #ENCODED_SLASH}
   * @param verdict {@link #ALLOW}, {@link #DENY} or 0
   * @return the summary
   */
  static long endpoint(boolean inspected, int number, boolean routeMatches, int specificity, int attributes,
      long verdict) {
    long s = ANY | verdict;
    if (!inspected) {
      return s;
    }
    if (routeMatches) {
      return s | ((long) ROUTED << MODE_SHIFT) | ((long) (Math.min(specificity, MAX_SPECIFICITY) + 1) << BEST_SHIFT)
          | ((long) attributes << ATTR_BEST_SHIFT);
    }
    return s | ((long) ONE_ROUTELESS << MODE_SHIFT) | ((long) (number + 1) << ONE_SHIFT)
        | ((long) attributes << ATTR_ONE_SHIFT);
  }

  /** The summary of the union of two sets. */
  static long join(long a, long b) {
    if (a == b || b == EMPTY) {
      return a;
    }
    if (a == EMPTY) {
      return b;
    }
    long flags = (a | b) & (ANY | CONFLICT | ALLOW | DENY);
    int ma = mode(a);
    int mb = mode(b);
    long one = 0;
    int mode;
    if (ma == NO_INSPECTED || mb == NO_INSPECTED) {
      mode = Math.max(ma, mb);
      if (mode == ONE_ROUTELESS) {
        one = (ma == ONE_ROUTELESS ? a : b) & (ONE_MASK | (3L << ATTR_ONE_SHIFT));
      }
    } else if (ma == ONE_ROUTELESS && mb == ONE_ROUTELESS && (a & ONE_MASK) == (b & ONE_MASK)) {
      mode = ONE_ROUTELESS;
      one = a & (ONE_MASK | (3L << ATTR_ONE_SHIFT));
    } else {
      mode = ROUTED;
    }
    long bestA = (a & BEST_MASK) >>> BEST_SHIFT;
    long bestB = (b & BEST_MASK) >>> BEST_SHIFT;
    long best;
    if (bestA > bestB) {
      best = a & (BEST_MASK | (3L << ATTR_BEST_SHIFT));
    } else if (bestB > bestA) {
      best = b & (BEST_MASK | (3L << ATTR_BEST_SHIFT));
    } else {
      best = a & (BEST_MASK | (3L << ATTR_BEST_SHIFT));
      if (bestA != 0 && (a & (3L << ATTR_BEST_SHIFT)) != (b & (3L << ATTR_BEST_SHIFT))) {
        flags |= CONFLICT;
      }
    }
    return flags | ((long) mode << MODE_SHIFT) | one | best;
  }

  /** Whether joining {@code s} to {@code k} changes nothing ({@code s} is below {@code k} in the lattice). */
  static boolean absorbs(long k, long s) {
    return join(k, s) == k;
  }

  static int mode(long s) {
    return (int) ((s & MODE_MASK) >>> MODE_SHIFT);
  }

  /**
   * Whether a request in the cell passes (is allowed, forwarded in audit mode, or relayed) over a set with this
   * summary. Only meaningful for a non-empty set without {@link #CONFLICT}.
   *
   * @param s the summary of the candidate endpoints
   * @param encodedSlash whether the cell's path contains {@code %2F}
   * @return whether the request gets through
   */
  static boolean passes(long s, boolean encodedSlash) {
    int attributes;
    switch (mode(s)) {
      case NO_INSPECTED:
        return true; // relayed without a request decision
      case ONE_ROUTELESS:
        attributes = (int) ((s >>> ATTR_ONE_SHIFT) & 3);
        break;
      default:
        if ((s & BEST_MASK) == 0) {
          return false; // several inspected endpoints and no route matches
        }
        attributes = (int) ((s >>> ATTR_BEST_SHIFT) & 3);
    }
    if (encodedSlash && (attributes & ENCODED_SLASH) == 0) {
      return false;
    }
    if ((attributes & AUDIT) != 0) {
      return true;
    }
    return (s & ALLOW) != 0 && (s & DENY) == 0;
  }

  static boolean conflicted(long s) {
    return (s & CONFLICT) != 0;
  }

  static boolean any(long s) {
    return (s & ANY) != 0;
  }
}
