package dev.sandboxpolicy.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs one hostile case in the current thread and checks it stayed within a time and allocation budget and threw
 * nothing (no unchecked exception, no {@link StackOverflowError}, no {@link OutOfMemoryError}).
 *
 * <p>Time is the thread's CPU time, not wall time: the budget guards against runaway work (a hang, a quadratic
 * scan), and a machine busy with other builds slows the wall clock without the case doing more work.
 */
public final class Budget {

  /** What one bounded run cost: its value, the thread CPU time it used and the bytes it allocated. */
  public record Cost<T>(T value, Duration elapsed, long allocatedBytes) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Budget() {}

  /**
   * Runs {@code action}; fails with an {@link AssertionError} naming {@code what} if it throws anything, uses
   * more than {@code maxTime} of this thread's CPU time, or allocates more than {@code maxAllocatedBytes} (thread allocation counter).
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
      throw new AssertionError(what + ": used " + elapsed.toMillis() + " ms of CPU time, budget " + maxTime.toMillis() + " ms");
    }
    if (allocated > maxAllocatedBytes) {
      throw new AssertionError(what + ": allocated " + (allocated >> 20) + " MiB, budget " + (maxAllocatedBytes >> 20) + " MiB");
    }
    return new Cost<>(value, elapsed, allocated);
  }
}
