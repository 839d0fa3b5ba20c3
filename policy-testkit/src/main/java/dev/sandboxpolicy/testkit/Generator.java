package dev.sandboxpolicy.testkit;

import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A seeded source of test values: the same random generator state and size always give the same value.
 *
 * <p>A generator is framework-neutral. Pass it a {@link java.util.SplittableRandom} (or any
 * {@link RandomGenerator}) created from a seed you print, and a size that bounds how big the value may get, and
 * it returns one value. {@link PropertyCheck} does both for you and prints the seed when a property fails.
 *
 * <pre>{@code
 * Generator<Policy> policies = PolicyGenerator.defaults().policies();
 * Policy p = policies.generate(new SplittableRandom(42), 10);   // always the same policy for (42, 10)
 * }</pre>
 *
 * @param <T> the type of the generated values
 */
@FunctionalInterface
public interface Generator<T> {

  /**
   * One value drawn from {@code random}.
   *
   * @param random the source of randomness; a generator must draw every random choice from it (never from a
   *     global source), so that a seed reproduces the value
   * @param size how big the value may be (entries, list lengths, string lengths scale with it); {@code 0} asks
   *     for the smallest values, larger sizes for larger ones; never negative
   * @return the value, never {@code null}
   */
  T generate(RandomGenerator random, int size);

  /** A generator of {@code mapper(value)} for every value of this generator. */
  default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return (random, size) -> mapper.apply(generate(random, size));
  }
}
