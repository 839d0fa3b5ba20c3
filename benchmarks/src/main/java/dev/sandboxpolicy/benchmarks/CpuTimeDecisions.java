package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * The realistic decisions timed by the thread's <em>CPU</em> clock rather than the wall clock, for comparing two
 * builds on a machine shared with other work. JMH's average time counts the time the benchmark thread waits for a
 * core; when the machine's load is many times its core count that wait dominates and varies from run to run. The CPU
 * time of the deciding thread does not include it, so the best of several rounds stays close to the quiet-machine
 * figure (caches shared with other processes still add some noise).
 *
 * <p>For each mix of the realistic workload ({@link RealisticDecisionBenchmark}'s): {@value #WARMUP_PASSES} untimed
 * passes over the {@value dev.sandboxpolicy.benchmarks.workload.RequestMix#SIZE} cases, then {@value #ROUNDS} rounds
 * of {@value #PASSES} passes each, timed with {@link ThreadMXBean#getCurrentThreadCpuTime()}; prints the fastest
 * and the median round in CPU nanoseconds per decision. Indicative, like {@link PerCaseLatency}: a plain program
 * (no JMH), the verdicts folded into a printed checksum. Run two builds in alternation, e.g.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.sandboxpolicy.benchmarks.CpuTimeDecisions
 * }</pre>
 */
public final class CpuTimeDecisions {
  /** Untimed passes over a mix before its rounds (lets the JIT compile the decision path). */
  public static final int WARMUP_PASSES = 20_000;

  /** Timed rounds per mix; the fastest and the median are printed. */
  public static final int ROUNDS = 15;

  /** Passes over the mix per timed round. */
  public static final int PASSES = 2_000;

  private CpuTimeDecisions() {}

  /**
   * Prints one Markdown table row per mix.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot read the thread CPU clock");
    }
    PreparedWorkload w = PreparedWorkload.of(RealisticPolicy.withEveryPreset());
    CompiledPolicy compiled = w.compiled();
    NetworkRequest[] allowedNet = PreparedWorkload.networkRequests(w.mix().allowedConnections());
    NetworkRequest[] deniedNet = PreparedWorkload.networkRequests(w.mix().deniedConnections());
    L7Request[] allowedRest = PreparedWorkload.l7Requests(w.mix().allowedRequests());
    L7Request[] deniedRest = PreparedWorkload.l7Requests(w.mix().deniedRequests());
    System.out.println("| decision | mix | best round CPU ns | median round CPU ns |");
    System.out.println("|---|---|---:|---:|");
    long checksum = 0;
    checksum += report(threads, "network | allowed", allowedNet, r -> compiled.decideNetwork(r).verdict().ordinal());
    checksum += report(threads, "network | denied", deniedNet, r -> compiled.decideNetwork(r).verdict().ordinal());
    checksum += report(threads, "REST request | allowed", allowedRest, r -> compiled.decideRequest(r).verdict().ordinal());
    checksum += report(threads, "REST request | denied", deniedRest, r -> compiled.decideRequest(r).verdict().ordinal());
    System.out.println("(checksum " + checksum + ")");
  }

  private static <T> long report(ThreadMXBean threads, String label, T[] cases, ToIntFunction<T> decide) {
    long sink = 0;
    for (int p = 0; p < WARMUP_PASSES; p++) {
      for (T c : cases) {
        sink += decide.applyAsInt(c);
      }
    }
    double[] perDecision = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int p = 0; p < PASSES; p++) {
        for (T c : cases) {
          sink += decide.applyAsInt(c);
        }
      }
      long cpu = threads.getCurrentThreadCpuTime() - start;
      perDecision[round] = (double) cpu / ((long) PASSES * cases.length);
    }
    Arrays.sort(perDecision);
    System.out.printf("| %s | %.0f | %.0f |%n", label, perDecision[0], perDecision[ROUNDS / 2]);
    return sink;
  }
}
