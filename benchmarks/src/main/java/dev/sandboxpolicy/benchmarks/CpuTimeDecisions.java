package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.Floors;
import dev.sandboxpolicy.benchmarks.workload.NetworkCase;
import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.RestCase;
import dev.sandboxpolicy.benchmarks.workload.ScalePolicy;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decisions timed by the thread's <em>CPU</em> clock rather than the wall clock, side by side with their floor, for a
 * machine shared with other work. JMH's average time counts the time the benchmark thread waits for a core; when the
 * machine's load is many times its core count that wait dominates and varies from run to run. The CPU time of the
 * deciding thread does not include it, so the best of several rounds stays close to the quiet-machine figure (caches
 * shared with other processes still add some noise), and the ratio to the floor measured in the same rounds is what
 * the targets compare.
 *
 * <p>Each row runs {@value #WARMUP_PASSES} untimed passes over its cases, then {@value #ROUNDS} rounds; a round times
 * {@value #PASSES} passes of the decision and then {@value #PASSES} passes of its floor with {@link
 * com.sun.management.ThreadMXBean#getCurrentThreadCpuTime()}. Printed: the fastest and the median round of the
 * decision in CPU nanoseconds per decision, the fastest round of the floor, their ratio (fastest / fastest), and the
 * bytes the thread allocated per decision ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}
 * over all rounds, so independent of load). Indicative, like {@link PerCaseLatency}: a plain program, the verdicts
 * folded into a printed checksum.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.sandboxpolicy.benchmarks.CpuTimeDecisions [realistic|scale]
 * }</pre>
 *
 * <p>{@code realistic} (the default) is {@link RealisticDecisionBenchmark}'s workload; {@code scale} runs the 10- and
 * 10,000-entry policies of {@link ScaleBenchmark} (allowed and denied interleaved) and prints the ratio 10,000 / 10.
 */
public final class CpuTimeDecisions {
  /** Untimed passes over a row's cases before its rounds (lets the JIT compile the decision path). */
  public static final int WARMUP_PASSES = 20_000;

  /**
   * Timed rounds per row; the fastest and the median are printed. Many short rounds rather than a few long ones: on
   * a loaded machine a round of a few milliseconds has a fair chance to run undisturbed, which is what the fastest
   * round is meant to show.
   */
  public static final int ROUNDS = 60;

  /** Passes over the cases per timed round. */
  public static final int PASSES = 500;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private CpuTimeDecisions() {}

  /** One timed row: the decision's fastest and median CPU ns, the floor's fastest, bytes per decision. */
  record Result(String label, double best, double median, double floor, double bytes, long checksum) {
    double ratio() {
      return best / floor;
    }

    @Override
    public String toString() {
      return String.format("| %s | %.1f | %.1f | %.2f | %.1fx | %.0f |", label, best, median, floor, ratio(), bytes);
    }
  }

  /**
   * Prints one Markdown table row per mix.
   *
   * @param args {@code realistic} (default) or {@code scale}
   */
  public static void main(String[] args) {
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot read the thread CPU clock");
    }
    String workload = args.length > 0 ? args[0] : "realistic";
    System.out.println("| decision | best CPU ns | median CPU ns | floor CPU ns | best / floor | B/decision |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    long checksum = 0;
    switch (workload) {
      case "realistic" -> {
        for (Result r : realistic(PreparedWorkload.of(RealisticPolicy.withEveryPreset()))) {
          System.out.println(r);
          checksum += r.checksum();
        }
      }
      case "scale" -> {
        List<Result> small = scale(10);
        List<Result> large = scale(10_000);
        for (int i = 0; i < small.size(); i++) {
          System.out.println(small.get(i));
          System.out.println(large.get(i));
          System.out.printf("| %s: 10,000 / 10 entries | %.2fx | | | | |%n", small.get(i).label(),
              large.get(i).best() / small.get(i).best());
          checksum += small.get(i).checksum() + large.get(i).checksum();
        }
      }
      default -> throw new IllegalArgumentException("unknown workload " + workload + ": realistic or scale");
    }
    System.out.println("(checksum " + checksum + ")");
  }

  /** The four realistic mixes: network and REST request, allowed and denied. */
  static List<Result> realistic(PreparedWorkload w) {
    Map<String, String> hosts = Floors.hostTable(w.policy());
    List<Result> out = new ArrayList<>();
    out.add(network("network, allowed", w.compiled(), w.mix().allowedConnections(), hosts));
    out.add(network("network, denied", w.compiled(), w.mix().deniedConnections(), hosts));
    out.add(request("REST request, allowed", w.compiled(), w.mix().allowedRequests()));
    out.add(request("REST request, denied", w.compiled(), w.mix().deniedRequests()));
    return out;
  }

  private static List<Result> scale(int entries) {
    PreparedWorkload w = PreparedWorkload.of(ScalePolicy.withEntries(entries));
    int half = dev.sandboxpolicy.benchmarks.workload.RequestMix.SIZE / 2;
    List<NetworkCase> nets = PreparedWorkload.interleave(
        w.mix().allowedConnections().subList(0, half), w.mix().deniedConnections().subList(0, half));
    List<RestCase> rests = PreparedWorkload.interleave(
        w.mix().allowedRequests().subList(0, half), w.mix().deniedRequests().subList(0, half));
    String suffix = ", " + entries + " entries";
    return List.of(
        network("network" + suffix, w.compiled(), nets, Floors.hostTable(w.policy())),
        request("REST request" + suffix, w.compiled(), rests));
  }

  private static Result network(String label, CompiledPolicy compiled, List<NetworkCase> cases,
      Map<String, String> hosts) {
    NetworkRequest[] requests = PreparedWorkload.networkRequests(cases);
    String[] keys = cases.stream().map(NetworkCase::host).toArray(String[]::new);
    return time(label, new Row() {
      @Override
      public int cases() {
        return requests.length;
      }

      @Override
      public long ours(int passes) {
        long sink = 0;
        for (int p = 0; p < passes; p++) {
          for (NetworkRequest r : requests) {
            sink += compiled.decideNetwork(r).verdict().ordinal();
          }
        }
        return sink;
      }

      @Override
      public long floor(int passes) {
        long sink = 0;
        for (int p = 0; p < passes; p++) {
          for (String h : keys) {
            sink += hosts.get(h) == null ? 0 : 1;
          }
        }
        return sink;
      }
    });
  }

  private static Result request(String label, CompiledPolicy compiled, List<RestCase> cases) {
    L7Request[] requests = PreparedWorkload.l7Requests(cases);
    Map<String, String> routes = Floors.routeTable(cases);
    String[] keys = cases.stream().map(RestCase::path).toArray(String[]::new);
    return time(label, new Row() {
      @Override
      public int cases() {
        return requests.length;
      }

      @Override
      public long ours(int passes) {
        long sink = 0;
        for (int p = 0; p < passes; p++) {
          for (L7Request r : requests) {
            sink += compiled.decideRequest(r).verdict().ordinal();
          }
        }
        return sink;
      }

      @Override
      public long floor(int passes) {
        long sink = 0;
        for (int p = 0; p < passes; p++) {
          for (String path : keys) {
            sink += routes.get(path) == null ? 0 : 1;
          }
        }
        return sink;
      }
    });
  }

  /**
   * One row: a decision over its cases, and its floor over the same cases. Each implementation has its own loops,
   * so every loop calls one target (no call site shared between rows, whose type profile would slow them all).
   */
  interface Row {
    /** Cases per pass. */
    int cases();

    /** Decides every case {@code passes} times; returns a checksum of the verdicts. */
    long ours(int passes);

    /** Runs the floor over every case {@code passes} times; returns a checksum. */
    long floor(int passes);
  }

  /** Times {@code row}'s decision and its floor in the same rounds. */
  static Result time(String label, Row row) {
    long sink = 0;
    for (int p = 0; p < WARMUP_PASSES; p += PASSES) {
      sink += row.ours(PASSES) + row.floor(PASSES);
    }
    double[] ours = new double[ROUNDS];
    double[] floors = new double[ROUNDS];
    long allocated = 0;
    long decisions = (long) PASSES * row.cases();
    for (int round = 0; round < ROUNDS; round++) {
      long bytes = THREADS.getCurrentThreadAllocatedBytes();
      long start = THREADS.getCurrentThreadCpuTime();
      sink += row.ours(PASSES);
      long cpu = THREADS.getCurrentThreadCpuTime() - start;
      allocated += THREADS.getCurrentThreadAllocatedBytes() - bytes;
      ours[round] = (double) cpu / decisions;
      start = THREADS.getCurrentThreadCpuTime();
      sink += row.floor(PASSES);
      floors[round] = (double) (THREADS.getCurrentThreadCpuTime() - start) / decisions;
    }
    Arrays.sort(ours);
    Arrays.sort(floors);
    double perDecision = (double) allocated / (ROUNDS * decisions);
    return new Result(label, ours[0], ours[ROUNDS / 2], floors[0], perDecision, sink);
  }

}
