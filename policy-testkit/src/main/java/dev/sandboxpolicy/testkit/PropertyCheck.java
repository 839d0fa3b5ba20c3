package dev.sandboxpolicy.testkit;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A tiny, framework-neutral property runner: generates {@code count} cases from one seed, checks a property on
 * each, and on the first failure shrinks the case and throws a {@link PropertyFailure} whose message names the
 * seed, the case index, the size, the original and the shrunk case.
 *
 * <pre>{@code
 * PropertyCheck.forAll(PolicyGenerator.defaults().policies())
 *     .seed(20240611L)
 *     .count(200)
 *     .shrinker(PolicyShrinker.policies())
 *     .check(policy -> assertEquals(policy, roundTrip(policy)));
 * }</pre>
 *
 * <p><b>Reproducing a failure.</b> Case {@code i} is generated from {@code new SplittableRandom(caseSeed)} where
 * the case seeds are drawn in order from {@code new SplittableRandom(seed)}, with size
 * {@code maxSize * i / (count - 1)} (growing from 0 to {@code maxSize}). Rerun with the printed seed, or set the
 * system property {@value #SEED_PROPERTY} to override the seed of every check without editing the test.
 *
 * <p>Any {@link Throwable} thrown by the property (an {@link AssertionError}, an unchecked exception, even a
 * {@link StackOverflowError}) counts as a failure and becomes the {@linkplain Throwable#getCause() cause} of the
 * {@link PropertyFailure}; {@link VirtualMachineError}s other than {@link StackOverflowError} are rethrown as they
 * are.
 *
 * @param <T> the type of the generated cases
 */
public final class PropertyCheck<T> {

  /** System property that overrides the seed of every check (a decimal or {@code 0x} hex long). */
  public static final String SEED_PROPERTY = "sandboxpolicy.seed";

  /** Default number of cases: 100. */
  public static final int DEFAULT_COUNT = 100;

  /** Default largest size passed to the generator: 20. */
  public static final int DEFAULT_MAX_SIZE = 20;

  /** Default budget of property evaluations spent on shrinking one failure: 500. */
  public static final int DEFAULT_SHRINK_BUDGET = 500;

  private final Generator<T> generator;
  private long seed;
  private int count = DEFAULT_COUNT;
  private int maxSize = DEFAULT_MAX_SIZE;
  private int shrinkBudget = DEFAULT_SHRINK_BUDGET;
  private Shrinker<T> shrinker = Shrinker.none();
  private Function<? super T, String> describer = String::valueOf;

  private PropertyCheck(Generator<T> generator) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.seed = new SplittableRandom().nextLong();
  }

  /**
   * A check over values of {@code generator}, with a fresh random seed (printed on failure) unless {@link #seed}
   * is called.
   */
  public static <T> PropertyCheck<T> forAll(Generator<T> generator) {
    return new PropertyCheck<>(generator);
  }

  /**
   * Shorthand: checks {@code property} on {@code count} cases of {@code generator} from {@code seed}, without
   * shrinking.
   *
   * @throws PropertyFailure on the first case that fails
   */
  public static <T> void forAll(long seed, int count, Generator<T> generator, Predicate<? super T> property) {
    forAll(generator).seed(seed).count(count).holds(property);
  }

  /** The seed from which every case is derived (the {@value #SEED_PROPERTY} system property still wins). */
  public PropertyCheck<T> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** How many cases to generate; at least 1. */
  public PropertyCheck<T> count(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    this.count = count;
    return this;
  }

  /** The size of the last case; sizes grow linearly from 0. Not negative. */
  public PropertyCheck<T> maxSize(int maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxSize must not be negative: " + maxSize);
    }
    this.maxSize = maxSize;
    return this;
  }

  /** The shrinker used on a failing case (default: none). */
  public PropertyCheck<T> shrinker(Shrinker<T> shrinker) {
    this.shrinker = Objects.requireNonNull(shrinker, "shrinker");
    return this;
  }

  /** How many property evaluations shrinking may spend (default {@value #DEFAULT_SHRINK_BUDGET}). */
  public PropertyCheck<T> shrinkBudget(int evaluations) {
    if (evaluations < 0) {
      throw new IllegalArgumentException("shrink budget must not be negative: " + evaluations);
    }
    this.shrinkBudget = evaluations;
    return this;
  }

  /** How a case is rendered in the failure message (default {@link String#valueOf(Object)}). */
  public PropertyCheck<T> describedBy(Function<? super T, String> describer) {
    this.describer = Objects.requireNonNull(describer, "describer");
    return this;
  }

  /**
   * Checks that {@code property} returns {@code true} (and throws nothing) for every case.
   *
   * @throws PropertyFailure on the first case that fails, after shrinking it
   */
  public void holds(Predicate<? super T> property) {
    Objects.requireNonNull(property, "property");
    run(value -> {
      if (!property.test(value)) {
        throw new AssertionError("property returned false");
      }
    });
  }

  /**
   * Checks that {@code property} completes normally (for example, that its JUnit assertions pass) for every case.
   *
   * @throws PropertyFailure on the first case that fails, after shrinking it
   */
  public void check(Consumer<? super T> property) {
    Objects.requireNonNull(property, "property");
    run(property);
  }

  private void run(Consumer<? super T> property) {
    long effectiveSeed = SeededCase.seedInEffect(seed);
    for (SeededCase c : SeededCase.of(effectiveSeed, count, maxSize)) {
      T value = c.generate(generator);
      Throwable failure = evaluate(property, value);
      if (failure != null) {
        Shrunk<T> shrunk = shrink(property, value, failure);
        throw new PropertyFailure(
            effectiveSeed,
            c.index(),
            count,
            c.caseSeed(),
            c.size(),
            describer.apply(value),
            describer.apply(shrunk.value),
            shrunk.steps,
            shrunk.failure);
      }
    }
  }

  private Shrunk<T> shrink(Consumer<? super T> property, T value, Throwable failure) {
    T current = value;
    Throwable currentFailure = failure;
    int steps = 0;
    int budget = shrinkBudget;
    boolean progressed = true;
    while (progressed && budget > 0) {
      progressed = false;
      List<T> candidates = shrinker.candidates(current);
      for (T candidate : candidates) {
        if (budget-- <= 0) {
          break;
        }
        Throwable candidateFailure = evaluate(property, candidate);
        if (candidateFailure != null) {
          current = candidate;
          currentFailure = candidateFailure;
          steps++;
          progressed = true;
          break;
        }
      }
    }
    return new Shrunk<>(current, currentFailure, steps);
  }

  private static <T> Throwable evaluate(Consumer<? super T> property, T value) {
    try {
      property.accept(value);
      return null;
    } catch (StackOverflowError e) {
      return e;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return e;
    }
  }

  private record Shrunk<T>(T value, Throwable failure, int steps) {}
}
