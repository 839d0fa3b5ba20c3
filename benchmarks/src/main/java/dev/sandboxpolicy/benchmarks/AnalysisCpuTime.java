package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.benchmarks.workload.BaselinePolicy;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.ScalePolicy;
import dev.sandboxpolicy.benchmarks.workload.SharedHostPolicy;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.model.Policy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@link AnalysisBenchmark} operations timed in thread CPU time as well as wall time: on a machine shared with
 * other builds, wall time measures the neighbours, CPU time the analysis. Each operation is run {@value #WARMUP}
 * times to warm up, then {@value #RUNS} times; the median of each clock is printed.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.sandboxpolicy.benchmarks.AnalysisCpuTime
 * }</pre>
 */
public final class AnalysisCpuTime {
  /** Runs before measuring. */
  public static final int WARMUP = 3;
  /** Measured runs (the median is reported). */
  public static final int RUNS = 5;

  private AnalysisCpuTime() {}

  /**
   * Prints one line per operation: name, median wall ms, median CPU ms.
   *
   * @param args names of the operations to run (a name runs every operation it is a prefix of); none runs all
   * @throws Exception if a policy does not build
   */
  public static void main(String[] args) throws Exception {
    Policy baseline = BaselinePolicy.read();
    Policy realistic = RealisticPolicy.withEveryPreset();
    Policy realisticShuffled = AnalysisBenchmark.shuffledKeys(realistic);
    Policy scale = ScalePolicy.withEntries(AnalysisBenchmark.SCALE_ENTRIES);
    Policy scaleShuffled = AnalysisBenchmark.shuffledKeys(scale);
    Policy scaleWithPypi = PresetMerger.merge(scale, PresetCatalog.builtIn().require("pypi")).policy();
    Policy lint = ScalePolicy.withEntries(AnalysisBenchmark.LINT_ENTRIES);
    Policy shared =
        SharedHostPolicy.withEntries(AnalysisBenchmark.SHARED_ENTRIES, AnalysisBenchmark.SHARED_HOSTS);
    Policy sharedShuffled = AnalysisBenchmark.shuffledKeys(shared);
    selected = List.of(args);
    System.out.printf("%-28s %12s %12s%n", "operation", "wall ms", "cpu ms");
    time("proveRealisticWithin", () -> PolicyAnalysis.prove(realisticShuffled, realistic));
    time("compareBaselineToRealistic", () -> PolicyAnalysis.compare(baseline, realistic));
    time("compareRealisticReordered", () -> PolicyAnalysis.compare(realistic, realisticShuffled));
    time("proveScaleWithin", () -> PolicyAnalysis.prove(scaleShuffled, scale));
    time("compareScaleWithPreset", () -> PolicyAnalysis.compare(scale, scaleWithPypi));
    time("compareScaleReordered", () -> PolicyAnalysis.compare(scale, scaleShuffled));
    time("lintScale", () -> PolicyAnalysis.lint(lint));
    time("lintSharedHosts", () -> PolicyAnalysis.lint(shared));
    time("proveSharedHostsWithin", () -> PolicyAnalysis.prove(sharedShuffled, shared));
    time("compareSharedHostsReordered", () -> PolicyAnalysis.compare(shared, sharedShuffled));
  }

  private static List<String> selected = List.of();

  private static void time(String name, Callable<?> op) throws Exception {
    if (!selected.isEmpty() && selected.stream().noneMatch(name::startsWith)) {
      return;
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUP; i++) {
      op.call();
    }
    double[] wall = new double[RUNS];
    double[] cpu = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      op.call();
      wall[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("%-28s %12.1f %12.1f%n", name, wall[RUNS / 2], cpu[RUNS / 2]);
  }
}
