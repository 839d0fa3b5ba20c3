package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.Floors;
import dev.sandboxpolicy.benchmarks.workload.NetworkCase;
import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.ProtocolWorkload;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.RestCase;
import dev.sandboxpolicy.benchmarks.workload.ScalePolicy;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyHolder;
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

  /** Untimed compiles before the timed ones. */
  static final int COMPILE_WARMUP = 5;

  /** Timed compiles; the fastest counts. */
  static final int COMPILE_ROUNDS = 10;

  /** Two-thread rounds count for scaling only when the threads ran together this much (of 2.0). */
  static final double MIN_OVERLAP = 1.6;

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
      case "protocols" -> {
        for (Result r : protocols(ProtocolWorkload.build())) {
          System.out.println(r);
          checksum += r.checksum();
        }
      }
      case "adversarial" -> {
        for (Result r : adversarial()) {
          System.out.println(r);
          checksum += r.checksum();
        }
      }
      case "compile" -> {
        for (int entries : new int[] {1_000, 10_000}) {
          compile(entries);
        }
      }
      case "scaling" -> {
        checksum += scaling(PreparedWorkload.of(RealisticPolicy.withEveryPreset()));
      }
      default -> throw new IllegalArgumentException(
          "unknown workload " + workload + ": realistic, scale, protocols, adversarial, compile or scaling");
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

  /**
   * {@link AdversarialDecisionBenchmark}'s scanned paths through the whole request decision at 1, 2 and 4 KiB, next
   * to the floor of one {@link String#indexOf(int)} over the same path (a vectorised linear scan).
   */
  static List<Result> adversarial() {
    CompiledPolicy compiled;
    try {
      compiled = CompiledPolicy.compile(AdversarialDecisionBenchmark.policy());
    } catch (dev.sandboxpolicy.io.PolicyReadException | dev.sandboxpolicy.matcher.PolicyCompileException e) {
      throw new IllegalStateException(e);
    }
    NetworkRequest conn = AdversarialDecisionBenchmark.connection();
    List<Result> out = new ArrayList<>();
    for (int bytes : new int[] {1024, 2048, 4096}) {
      String deep = dev.sandboxpolicy.benchmarks.workload.AdversarialInputs.deepScannedPath(bytes / 2 - 1);
      L7Request[] requests = {L7Request.of(conn, "GET", deep)};
      String[] paths = {requests[0].path()};
      out.add(time("deep path scanned, " + bytes + " B (floor: indexOf)", new Row() {
        @Override
        public int cases() {
          return 1;
        }

        @Override
        public long ours(int passes) {
          long sink = 0;
          for (int p = 0; p < passes; p++) {
            sink += compiled.decideRequest(requests[0]).verdict().ordinal();
          }
          return sink;
        }

        @Override
        public long floor(int passes) {
          long sink = 0;
          for (int p = 0; p < passes; p++) {
            sink += paths[0].indexOf('x');
          }
          return sink;
        }
      }));
    }
    return out;
  }

  /**
   * {@link CompileBenchmark}'s compile of a scale-series policy (validation included), and the validation on its own
   * ({@link dev.sandboxpolicy.rules.PolicyRules#strict()}): fastest of {@value #COMPILE_ROUNDS} rounds in thread CPU
   * ms, and bytes allocated per compile (the last round's).
   */
  private static void compile(int entries) {
    dev.sandboxpolicy.model.Policy policy = ScalePolicy.withEntries(entries);
    double best = Double.MAX_VALUE;
    double bestValidation = Double.MAX_VALUE;
    long bytes = 0;
    long validationBytes = 0;
    for (int round = 0; round < COMPILE_WARMUP + COMPILE_ROUNDS; round++) {
      long b0 = THREADS.getCurrentThreadAllocatedBytes();
      long t0 = THREADS.getCurrentThreadCpuTime();
      dev.sandboxpolicy.rules.PolicyRules.strict().validate(policy);
      long t1 = THREADS.getCurrentThreadCpuTime();
      long b1 = THREADS.getCurrentThreadAllocatedBytes();
      try {
        CompiledPolicy.compile(policy);
      } catch (dev.sandboxpolicy.matcher.PolicyCompileException e) {
        throw new IllegalStateException(e);
      }
      long t2 = THREADS.getCurrentThreadCpuTime();
      long b2 = THREADS.getCurrentThreadAllocatedBytes();
      if (round >= COMPILE_WARMUP) {
        bestValidation = Math.min(bestValidation, (t1 - t0) / 1e6);
        best = Math.min(best, (t2 - t1) / 1e6);
        validationBytes = b1 - b0;
        bytes = b2 - b1;
      }
    }
    System.out.printf("| compile %,d entries (validate + compile) | %.1f ms | %,d B | validation alone %.1f ms, %,d B |%n",
        entries, best, bytes, bestValidation, validationBytes);
  }

  /** GraphQL, JSON-RPC and MCP, allowed and denied, each next to its own floor. */
  static List<Result> protocols(ProtocolWorkload w) {
    List<Result> out = new ArrayList<>();
    for (ProtocolWorkload.Kind kind : ProtocolWorkload.Kind.values()) {
      ProtocolWorkload.Mixes m = w.mixes(kind);
      String name = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      out.add(request(name + ", allowed", w.compiled(), m.allowed(), m.floorTable()));
      out.add(request(name + ", denied", w.compiled(), m.denied(), m.floorTable()));
    }
    return out;
  }

  private static Result request(String label, CompiledPolicy compiled, List<ProtocolWorkload.Case> cases,
      Map<String, String> table) {
    L7Request[] requests = cases.stream().map(ProtocolWorkload.Case::request).toArray(L7Request[]::new);
    String[] keys = cases.stream().map(c -> new String(c.floorKey())).toArray(String[]::new);
    return requests(label, compiled, requests, keys, table);
  }

  /**
   * {@link HolderScalingBenchmark}'s decisions on one thread, then on two threads at once through the same {@link
   * PolicyHolder}, in CPU ns per decision of each thread. Two threads scale when each spends as much CPU per decision
   * as one alone (no shared writes, no contended lines). Each two-thread round also reports how much the threads
   * overlapped (their CPU time over the round's wall time: 2.0 = both ran all along); only rounds with an overlap of
   * at least {@value #MIN_OVERLAP} count, since threads that took turns on one core cannot contend.
   */
  private static long scaling(PreparedWorkload w) {
    PolicyHolder holder = PolicyHolder.of(w.compiled());
    NetworkRequest[] nets = PreparedWorkload.networkRequests(
        PreparedWorkload.interleave(w.mix().allowedConnections(), w.mix().deniedConnections()));
    L7Request[] rests = PreparedWorkload.l7Requests(
        PreparedWorkload.interleave(w.mix().allowedRequests(), w.mix().deniedRequests()));
    Row row = new Row() {
      @Override
      public int cases() {
        return 2 * nets.length;
      }

      @Override
      public long ours(int passes) {
        long sink = 0;
        for (int p = 0; p < passes; p++) {
          for (int i = 0; i < nets.length; i++) {
            sink += holder.decideNetwork(nets[i]).verdict().ordinal();
            sink += holder.decideRequest(rests[i]).verdict().ordinal();
          }
        }
        return sink;
      }

      @Override
      public long floor(int passes) {
        return 0;
      }
    };
    Result one = time("1 thread", row);
    System.out.printf("| 1 thread | %.1f | %.1f | | | %.0f |%n", one.best(), one.median(), one.bytes());
    double[] perThread = new double[2 * ROUNDS];
    double[] overlaps = new double[ROUNDS];
    long[] sinks = new long[2];
    int kept = 0;
    for (int round = -WARMUP_PASSES / PASSES / 4; round < ROUNDS; round++) {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      double[] cpu = new double[2];
      Thread[] threads = new Thread[2];
      for (int t = 0; t < 2; t++) {
        int id = t;
        threads[t] = new Thread(() -> {
          try {
            start.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          long c0 = THREADS.getCurrentThreadCpuTime();
          sinks[id] += row.ours(PASSES);
          cpu[id] = THREADS.getCurrentThreadCpuTime() - c0;
        });
        threads[t].start();
      }
      long wall0 = System.nanoTime();
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      double overlap = (cpu[0] + cpu[1]) / (System.nanoTime() - wall0);
      if (round >= 0) {
        overlaps[round] = overlap;
        if (overlap >= MIN_OVERLAP) {
          perThread[kept++] = cpu[0] / ((long) PASSES * row.cases());
          perThread[kept++] = cpu[1] / ((long) PASSES * row.cases());
        }
      }
    }
    Arrays.sort(overlaps);
    if (kept == 0) {
      System.out.printf("| 2 threads | no round overlapped >= %.1f (median overlap %.2f): the machine is too busy |%n",
          MIN_OVERLAP, overlaps[ROUNDS / 2]);
    } else {
      double[] k = Arrays.copyOf(perThread, kept);
      Arrays.sort(k);
      System.out.printf("| 2 threads, %d rounds overlapping >= %.1f of %d | %.1f (best) | %.1f (median) | | "
          + "implied scaling %.2fx | |%n", kept / 2, MIN_OVERLAP, ROUNDS, k[0], k[kept / 2],
          2 * one.median() / k[kept / 2]);
    }
    return one.checksum() + sinks[0] + sinks[1];
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
    String[] keys = cases.stream().map(RestCase::path).toArray(String[]::new);
    return requests(label, compiled, PreparedWorkload.l7Requests(cases), keys, Floors.routeTable(cases));
  }

  /** Request decisions over {@code requests}; the floor looks each of {@code keys} up in {@code table}. */
  private static Result requests(String label, CompiledPolicy compiled, L7Request[] requests, String[] keys,
      Map<String, String> table) {
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
          for (String k : keys) {
            sink += table.get(k) == null ? 0 : 1;
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
