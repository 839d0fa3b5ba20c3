package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.TrafficLog;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.traffic.Advice;
import dev.sandboxpolicy.traffic.Advisor;
import dev.sandboxpolicy.traffic.LogEvent;
import dev.sandboxpolicy.traffic.LogReader;
import dev.sandboxpolicy.traffic.Replay;
import dev.sandboxpolicy.traffic.ReplaySummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The traffic throughput harness (a plain program, not JMH: the targets are about whole files). Writes a synthetic
 * shorthand log ({@link TrafficLog}) to a temporary file, then on one thread:
 *
 * Each phase reports its wall time, the CPU time of the thread that ran it, and the CPU time of the whole process
 * (the thread plus the garbage collector and the JIT compilers) with the collector's share: on a shared, loaded
 * machine the CPU times are the fair single-core figures, wall time counts the waiting for a core.
 *
 * <ol>
 *   <li>parse + replay: reads the file with a {@code LogReader} and replays every event against the policy, timed
 *       after one warm-up pass; reports lines per minute and the peak heap in use;
 *   <li>advise: reads a file of denial lines into an {@code Advisor} and times {@code advise(...)} including the
 *       replay proof.
 * </ol>
 *
 * Run it with a small heap to show that memory does not grow with the log:
 *
 * <pre>
 * java -Xmx64m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.sandboxpolicy.benchmarks.TrafficThroughput 2000000 100000
 * </pre>
 */
public final class TrafficThroughput {
  private static final long SEED = 15;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private TrafficThroughput() {}

  /**
   * Runs the harness.
   *
   * @param args replay lines (default 1,000,000) and advise denial lines (default 100,000)
   * @throws Exception on I/O or an invalid policy
   */
  public static void main(String[] args) throws Exception {
    long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    long denials = args.length > 1 ? Long.parseLong(args[1]) : 100_000L;
    CompiledPolicy policy = CompiledPolicy.compile(TrafficLog.policy());
    Path dir = Files.createTempDirectory("traffic-throughput");
    Path log = dir.resolve("replay.log");
    Path denialLog = dir.resolve("denials.log");
    try {
      try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        TrafficLog.write(w, lines, SEED);
      }
      try (BufferedWriter w = Files.newBufferedWriter(denialLog, StandardCharsets.UTF_8)) {
        TrafficLog.writeDenials(w, denials, SEED);
      }
      replay(policy, log); // warm-up
      resetPeaks();
      long start = System.nanoTime();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      long processStart = PROCESS.getProcessCpuTime();
      long gcStart = gcMillis();
      ReplaySummary summary = replay(policy, log);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      double process = (PROCESS.getProcessCpuTime() - processStart) / 1e9;
      double gc = (gcMillis() - gcStart) / 1e3;
      long peak = peakHeap();
      System.out.printf("parse + replay: %,d lines (%,d MiB) in %.2f s wall, %.2f s CPU of the thread, %.2f s CPU of"
              + " the process (GC %.2f s) = %,.0f lines/min (wall), %,.0f lines/min (thread CPU), %,.0f lines/min"
              + " (process CPU); peak heap in use %,d MiB (max heap %,d MiB)%n",
          summary.readStats().lines(), Files.size(log) >> 20, seconds, cpu, process, gc,
          summary.readStats().lines() / seconds * 60, summary.readStats().lines() / cpu * 60,
          summary.readStats().lines() / process * 60, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
      System.out.println("  " + summary);

      advise(policy, denialLog); // warm-up
      start = System.nanoTime();
      cpuStart = CPU.getCurrentThreadCpuTime();
      processStart = PROCESS.getProcessCpuTime();
      gcStart = gcMillis();
      Advice advice = advise(policy, denialLog);
      seconds = (System.nanoTime() - start) / 1e9;
      cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      process = (PROCESS.getProcessCpuTime() - processStart) / 1e9;
      gc = (gcMillis() - gcStart) / 1e3;
      System.out.printf("advise: %,d denial lines read, proposed and proven in %.2f s wall, %.2f s CPU of the thread,"
              + " %.2f s CPU of the process (GC %.2f s) (%d entries, proof %s)%n",
          denials, seconds, cpu, process, gc, advice.proposals().size(),
          advice.proof().holds() ? "holds" : "does not hold");
    } finally {
      Files.deleteIfExists(log);
      Files.deleteIfExists(denialLog);
      Files.deleteIfExists(dir);
    }
  }

  private static ReplaySummary replay(CompiledPolicy policy, Path log) throws IOException {
    Replay replay = Replay.against(policy);
    ReplaySummary summary = replay.newSummary();
    try (LogReader reader = LogReader.open(log)) {
      for (LogEvent e = reader.next(); e != null; e = reader.next()) {
        summary.add(replay.replay(e));
      }
      summary.addReadStats(reader.stats());
    }
    return summary;
  }

  private static Advice advise(CompiledPolicy policy, Path log) throws Exception {
    Advisor advisor = Advisor.forPolicy(policy);
    try (LogReader reader = LogReader.open(log)) {
      for (LogEvent e = reader.next(); e != null; e = reader.next()) {
        advisor.add(e);
      }
    }
    return advisor.advise("bench-extras");
  }

  /** The time every garbage collector has spent so far, in milliseconds. */
  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peak usage since the last reset (an upper bound of the heap in use at once). */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
