package dev.sandboxpolicy.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs one hostile case in the current thread and checks it stayed within a time and allocation budget and threw
 * nothing (no unchecked exception, no {@link StackOverflowError}, no {@link OutOfMemoryError}).
 *
 * <p>The time budget is on the thread's CPU time, not the wall clock: the cases are pure computation, so a runaway
 * case (a hang, a quadratic blow-up) still exceeds it, while the time the thread waits for a core on a machine shared
 * with other builds does not count against it.
 */
public final class Budget {

  /** What one bounded run cost: the CPU time of the running thread and the bytes it allocated. */
  public record Cost<T>(T value, Duration elapsed, long allocatedBytes) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Budget() {}

  /**
   * Runs {@code action}; fails with an {@link AssertionError} naming {@code what} if it throws anything, uses more
   * than {@code maxTime} of CPU time, or allocates more than {@code maxAllocatedBytes} (thread allocation counter).
   */
  public static <T> Cost<T> run(String what, Duration maxTime, long maxAllocatedBytes, Callable<T> action) {
    long id = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(id);
    long start = THREADS.getCurrentThreadCpuTime();
    T value;
    try {
      value = action.call();
    } catch (Throwable t) {
      throw new AssertionError(what + ": threw " + t, t);
    }
    Duration elapsed = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - start);
    long allocated = THREADS.getThreadAllocatedBytes(id) - allocatedBefore;
    if (elapsed.compareTo(maxTime) > 0) {
      throw new AssertionError(
          what + ": took " + elapsed.toMillis() + " ms of CPU time, budget " + maxTime.toMillis() + " ms");
    }
    if (allocated > maxAllocatedBytes) {
      throw new AssertionError(what + ": allocated " + (allocated >> 20) + " MiB, budget " + (maxAllocatedBytes >> 20) + " MiB");
    }
    return new Cost<>(value, elapsed, allocated);
  }
}
