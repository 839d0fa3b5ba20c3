package dev.sandboxpolicy.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs one hostile case in the current thread and checks it stayed within a time and allocation budget and threw
 * nothing (no unchecked exception, no {@link StackOverflowError}, no {@link OutOfMemoryError}).
 */
public final class Budget {

  /** What one bounded run cost. */
  public record Cost<T>(T value, Duration elapsed, long allocatedBytes) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Budget() {}

  /**
   * Runs {@code action}; fails with an {@link AssertionError} naming {@code what} if it throws anything, takes
   * longer than {@code maxTime}, or allocates more than {@code maxAllocatedBytes} (thread allocation counter).
   */
  public static <T> Cost<T> run(String what, Duration maxTime, long maxAllocatedBytes, Callable<T> action) {
    long id = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(id);
    long start = System.nanoTime();
    T value;
    try {
      value = action.call();
    } catch (Throwable t) {
      throw new AssertionError(what + ": threw " + t, t);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    long allocated = THREADS.getThreadAllocatedBytes(id) - allocatedBefore;
    if (elapsed.compareTo(maxTime) > 0) {
      throw new AssertionError(what + ": took " + elapsed.toMillis() + " ms, budget " + maxTime.toMillis() + " ms");
    }
    if (allocated > maxAllocatedBytes) {
      throw new AssertionError(what + ": allocated " + (allocated >> 20) + " MiB, budget " + (maxAllocatedBytes >> 20) + " MiB");
    }
    return new Cost<>(value, elapsed, allocated);
  }
}
