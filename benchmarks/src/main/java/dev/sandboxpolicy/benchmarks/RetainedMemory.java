package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.ScalePolicy;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Retained heap of a compiled policy, for the scale series and the realistic policy. JMH cannot report it, so this is
 * a plain program (run by {@code benchmarks/run.sh} after JMH; best with {@code -XX:+UseSerialGC}).
 *
 * <p>Method: with the source {@link Policy} already reachable (a proxy keeps it too), force full collections, read
 * the used heap, build {@value #COPIES} compiled copies and keep them reachable, collect again, and divide the growth
 * by the number of copies. The model itself (the parsed policy) and the naive port are measured the same way for
 * comparison. Precision is a few KiB: good for the table, not for byte counting.
 */
public final class RetainedMemory {
  /** Copies built per measurement. */
  public static final int COPIES = 4;

  private static final int GC_ROUNDS = 4;

  private RetainedMemory() {}

  /**
   * Prints a Markdown table: policy, entries, model KiB, compiled KiB, naive-port KiB.
   *
   * @param args ignored
   * @throws PolicyCompileException never for the benchmark policies
   */
  public static void main(String[] args) throws PolicyCompileException {
    report(null, 10, () -> ScalePolicy.withEntries(10)); // warm-up: class loading and caches, not printed
    System.out.println("| policy | entries | model (KiB) | compiled (KiB) | naive port (KiB) |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (int entries : new int[] {10, 100, 1_000, 10_000}) {
      report("scale", entries, () -> ScalePolicy.withEntries(entries));
    }
    report("realistic", RealisticPolicy.withEveryPreset().networkPolicies().size(), RealisticPolicy::withEveryPreset);
  }

  private static void report(String name, int entries, Supplier<Policy> source) throws PolicyCompileException {
    long model = retained(() -> source.get());
    Policy policy = source.get();
    CompiledPolicy.compile(policy); // warm the classes before measuring
    long compiled = retained(() -> {
      try {
        return CompiledPolicy.compile(policy);
      } catch (PolicyCompileException e) {
        throw new IllegalStateException(e);
      }
    });
    long naive = retained(() -> NaiveRegexPolicy.of(policy));
    if (name == null) {
      return;
    }
    System.out.printf("| %s | %,d | %,d | %,d | %,d |%n", name, entries, model / 1024, compiled / 1024, naive / 1024);
  }

  private static long retained(Supplier<?> build) {
    List<Object> keep = new ArrayList<>();
    long before = usedAfterGc();
    for (int i = 0; i < COPIES; i++) {
      keep.add(build.get());
    }
    long after = usedAfterGc();
    if (keep.size() != COPIES) {
      throw new AssertionError();
    }
    return Math.max(0, (after - before) / COPIES);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < GC_ROUNDS; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
