package dev.sandboxpolicy.testkit;

import java.util.List;

/**
 * Proposes smaller variants of a failing test case, so that {@link PropertyCheck} can report the smallest case it
 * finds that still fails.
 *
 * <p>Shrinking is greedy and simple: the runner tries the candidates in order, moves to the first one that still
 * fails the property, and asks for its candidates in turn, until no candidate fails or a step budget runs out. A
 * shrinker therefore should return candidates that are strictly "smaller" by some measure (fewer entries, shorter
 * strings), otherwise the runner may cycle until its budget ends.
 *
 * @param <T> the type of the values shrunk
 */
@FunctionalInterface
public interface Shrinker<T> {

  /**
   * Smaller variants of {@code value}, most aggressive first (for example "remove half the entries" before
   * "remove one entry"); an empty list when {@code value} cannot be shrunk further.
   */
  List<T> candidates(T value);

  /** A shrinker that never proposes anything: the failing case is reported as generated. */
  static <T> Shrinker<T> none() {
    return value -> List.of();
  }
}
