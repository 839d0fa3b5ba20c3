package dev.sandboxpolicy.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One case of a seeded run: its index, the seed of its own random source and its size. Every seeded run of the
 * testkit ({@link PropertyCheck}, the JUnit 5 sources {@code @GeneratedPolicies} and {@code @GeneratedRequests})
 * derives its cases the same way, so a seed printed by one reproduces in the others:
 *
 * <pre>{@code
 * for (SeededCase c : SeededCase.of(SeededCase.seedInEffect(42L), 100, 20)) {
 *   Policy p = c.generate(PolicyGenerator.defaults().policies());   // case c.index(), size c.size()
 * }
 * }</pre>
 *
 * <p>Case {@code i} is generated from {@code new SplittableRandom(caseSeed)}, where the case seeds are drawn in order
 * from {@code new SplittableRandom(seed)}, with size {@code maxSize * i / (count - 1)} (growing from 0 to
 * {@code maxSize}; {@code maxSize} when there is one case).
 *
 * @param index the case's index, from 0
 * @param count how many cases the run has
 * @param seed the seed of the whole run
 * @param caseSeed the seed of this case's random source
 * @param size the size this case is generated with
 */
public record SeededCase(int index, int count, long seed, long caseSeed, int size) {

  /** The cases of a run of {@code count} cases from {@code seed}, sizes growing to {@code maxSize}. */
  public static List<SeededCase> of(long seed, int count, int maxSize) {
    if (count < 1 || maxSize < 0) {
      throw new IllegalArgumentException("count must be >= 1 and maxSize >= 0");
    }
    SplittableRandom seeds = new SplittableRandom(seed);
    List<SeededCase> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int size = count == 1 ? maxSize : (int) ((long) maxSize * i / (count - 1));
      out.add(new SeededCase(i, count, seed, seeds.nextLong(), size));
    }
    return out;
  }

  /**
   * The seed a run declared with {@code declared} uses: the system property {@value PropertyCheck#SEED_PROPERTY}
   * (decimal, or hex with {@code 0x}) when it is set, else {@code declared}.
   *
   * @throws NumberFormatException if the property is set to something else
   */
  public static long seedInEffect(long declared) {
    String override = System.getProperty(PropertyCheck.SEED_PROPERTY);
    if (override == null || override.isBlank()) {
      return declared;
    }
    String s = override.strip();
    return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
  }

  /** {@code value} as the testkit prints seeds: {@code 0x} and lowercase hex digits. */
  static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /** This case's value of {@code generator}: {@code generator.generate(new SplittableRandom(caseSeed), size)}. */
  public <T> T generate(Generator<T> generator) {
    return generator.generate(new SplittableRandom(caseSeed), size);
  }

  /**
   * A display name that reproduces the case: {@code seed 0x2a, case 3 of 20 (size 4)}; rerun with
   * {@code -Dsandboxpolicy.seed=0x2a} to get the same cases.
   */
  public String describe() {
    return "seed " + hex(seed) + ", case " + index + " of " + count + " (size " + size + ")";
  }
}
