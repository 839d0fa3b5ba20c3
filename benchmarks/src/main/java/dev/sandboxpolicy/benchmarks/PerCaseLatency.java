package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The median the targets speak of. JMH's average over a mix hides how the cases differ, and timing one ~100 ns call
 * at a time is below {@code System.nanoTime}'s resolution, so this program times each case of the realistic mixes
 * on its own: {@value #BATCH} calls per batch, the best of {@value #BATCHES} batches after {@value #WARMUP_CALLS}
 * warm-up calls, then prints the median, the 90th percentile and the maximum over the cases. A plain program (run by
 * {@code benchmarks/run.sh} after JMH), indicative only: no forks, no JMH blackhole (the verdicts are folded into a
 * checksum that is printed).
 */
public final class PerCaseLatency {
  /** Calls per timed batch. */
  public static final int BATCH = 20_000;

  /** Timed batches per case; the fastest counts. */
  public static final int BATCHES = 5;

  /** Untimed calls per case before timing. */
  public static final int WARMUP_CALLS = 50_000;

  private static final double PERCENTILE_90 = 0.9;

  private static final int SLOWEST_SHOWN = 3;

  private static final List<String> slowest = new ArrayList<>();

  private PerCaseLatency() {}

  /**
   * Prints one Markdown table row per mix.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    PreparedWorkload w = PreparedWorkload.of(RealisticPolicy.withEveryPreset());
    CompiledPolicy compiled = w.compiled();
    System.out.println("| mix | cases | median ns | p90 ns | max ns |");
    System.out.println("|---|---:|---:|---:|---:|");
    NetworkRequest[] allowedNet = PreparedWorkload.networkRequests(w.mix().allowedConnections());
    NetworkRequest[] deniedNet = PreparedWorkload.networkRequests(w.mix().deniedConnections());
    L7Request[] allowedRest = PreparedWorkload.l7Requests(w.mix().allowedRequests());
    L7Request[] deniedRest = PreparedWorkload.l7Requests(w.mix().deniedRequests());
    long checksum = 0;
    checksum += report("network, allowed", allowedNet, r -> compiled.decideNetwork(r).verdict().ordinal());
    checksum += report("network, denied", deniedNet, r -> compiled.decideNetwork(r).verdict().ordinal());
    checksum += report("REST request, allowed", allowedRest, r -> compiled.decideRequest(r).verdict().ordinal());
    checksum += report("REST request, denied", deniedRest, r -> compiled.decideRequest(r).verdict().ordinal());
    System.out.println();
    System.out.println("Slowest cases:");
    slowest.forEach(System.out::println);
    System.out.println("(checksum " + checksum + ")");
  }

  private static <T> long report(String mix, T[] cases, ToIntFunction<T> decide) {
    double[] ns = new double[cases.length];
    Integer[] order = new Integer[cases.length];
    long checksum = 0;
    for (int i = 0; i < cases.length; i++) {
      T c = cases[i];
      for (int k = 0; k < WARMUP_CALLS; k++) {
        checksum += decide.applyAsInt(c);
      }
      double best = Double.MAX_VALUE;
      for (int b = 0; b < BATCHES; b++) {
        long start = System.nanoTime();
        for (int k = 0; k < BATCH; k++) {
          checksum += decide.applyAsInt(c);
        }
        best = Math.min(best, (System.nanoTime() - start) / (double) BATCH);
      }
      ns[i] = best;
      order[i] = i;
    }
    double[] unsorted = ns.clone();
    Arrays.sort(order, (a, b) -> Double.compare(unsorted[b], unsorted[a]));
    for (int k = 0; k < Math.min(SLOWEST_SHOWN, order.length); k++) {
      slowest.add(String.format("- %s: %.0f ns  %s", mix, unsorted[order[k]], cases[order[k]]));
    }
    Arrays.sort(ns);
    System.out.printf(
        "| %s | %d | %.0f | %.0f | %.0f |%n",
        mix, ns.length, ns[ns.length / 2], ns[(int) Math.floor(PERCENTILE_90 * (ns.length - 1))], ns[ns.length - 1]);
    return checksum;
  }
}
