package dev.sandboxpolicy.testkit;

/**
 * Thrown by {@link PropertyCheck} when a property fails: carries everything needed to reproduce the failure (the
 * seed, the case index and size) and the smallest failing case shrinking found.
 *
 * <p>It is an {@link AssertionError}, so every test framework reports it as a test failure, and its message is
 * self-contained, for example:
 *
 * <pre>
 * property failed on case 17 of 200 (seed 0x1f2e3d4c5b6a7988, case seed 0x..., size 3);
 * reproduce with -Dsandboxpolicy.seed=0x1f2e3d4c5b6a7988
 * shrunk in 4 steps to: ...
 * original case: ...
 * cause: expected ALLOW but was DENY
 * </pre>
 */
public final class PropertyFailure extends AssertionError {

  private static final long serialVersionUID = 1L;

  private final long seed;
  private final int caseIndex;
  private final long caseSeed;
  private final int size;
  private final String originalCase;
  private final String shrunkCase;
  private final int shrinkSteps;

  PropertyFailure(
      long seed,
      int caseIndex,
      int count,
      long caseSeed,
      int size,
      String originalCase,
      String shrunkCase,
      int shrinkSteps,
      Throwable cause) {
    super(message(seed, caseIndex, count, caseSeed, size, originalCase, shrunkCase, shrinkSteps, cause), cause);
    this.seed = seed;
    this.caseIndex = caseIndex;
    this.caseSeed = caseSeed;
    this.size = size;
    this.originalCase = originalCase;
    this.shrunkCase = shrunkCase;
    this.shrinkSteps = shrinkSteps;
  }

  private static String message(
      long seed,
      int caseIndex,
      int count,
      long caseSeed,
      int size,
      String originalCase,
      String shrunkCase,
      int shrinkSteps,
      Throwable cause) {
    return "property failed on case "
        + caseIndex
        + " of "
        + count
        + " (seed "
        + SeededCase.hex(seed)
        + ", case seed "
        + SeededCase.hex(caseSeed)
        + ", size "
        + size
        + ");\nreproduce with -D"
        + PropertyCheck.SEED_PROPERTY
        + "="
        + SeededCase.hex(seed)
        + "\nshrunk in "
        + shrinkSteps
        + " steps to: "
        + shrunkCase
        + "\noriginal case: "
        + originalCase
        + "\ncause: "
        + cause;
  }

  /** The seed of the whole check (what {@code -Dsandboxpolicy.seed} takes). */
  public long seed() {
    return seed;
  }

  /** The index of the failing case (0-based). */
  public int caseIndex() {
    return caseIndex;
  }

  /** The seed of the failing case's own {@link java.util.SplittableRandom}. */
  public long caseSeed() {
    return caseSeed;
  }

  /** The size the failing case was generated with. */
  public int size() {
    return size;
  }

  /** The failing case as generated, rendered by the check's describer. */
  public String originalCase() {
    return originalCase;
  }

  /** The smallest failing case shrinking found (the original when nothing smaller fails). */
  public String shrunkCase() {
    return shrunkCase;
  }

  /** How many successful shrink steps led from the original to the shrunk case. */
  public int shrinkSteps() {
    return shrinkSteps;
  }
}
