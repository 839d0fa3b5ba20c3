package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.TrafficLog;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.traffic.LogEvent;
import dev.sandboxpolicy.traffic.LogReader;
import dev.sandboxpolicy.traffic.Replay;
import dev.sandboxpolicy.traffic.ReplaySummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + replay of shorthand decision lines held in memory ({@link TrafficLog}, {@value #LINES} lines per
 * invocation): the per-line cost without disk I/O. Score: lines per second. {@code TrafficThroughput} measures the
 * same from a file, and advise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogReplayBenchmark {
  /** Lines per invocation. */
  public static final int LINES = 20_000;

  private byte[] log;
  private Replay replay;

  /**
   * Draws the log and compiles the policy.
   *
   * @throws Exception never for the benchmark policy
   */
  @Setup
  public void setup() throws Exception {
    StringWriter w = new StringWriter();
    TrafficLog.write(w, LINES, 15);
    log = w.toString().getBytes(StandardCharsets.UTF_8);
    replay = Replay.against(CompiledPolicy.compile(TrafficLog.policy()));
  }

  /**
   * Reads and replays every line.
   *
   * @return the summary (consumed by JMH)
   * @throws IOException never for an in-memory log
   */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public ReplaySummary parseAndReplay() throws IOException {
    ReplaySummary summary = replay.newSummary();
    try (LogReader reader = LogReader.of(new ByteArrayInputStream(log), "bench")) {
      for (LogEvent e = reader.next(); e != null; e = reader.next()) {
        summary.add(replay.replay(e));
      }
    }
    return summary;
  }

  /**
   * Reads every line without replaying (the parser's share).
   *
   * @return the number of events
   * @throws IOException never for an in-memory log
   */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public long parseOnly() throws IOException {
    long n = 0;
    try (LogReader reader = LogReader.of(new ByteArrayInputStream(log), "bench")) {
      while (reader.next() != null) {
        n++;
      }
    }
    return n;
  }
}
