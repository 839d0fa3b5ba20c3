package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.RequestMix;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyHolder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decisions through one shared {@link PolicyHolder}, as a proxy makes them from many threads: the realistic policy
 * (both mixes, allowed and denied interleaved, network and request decisions alternating). Run with {@code -t 1} and
 * {@code -t 2} (throughput mode, operations per second per run): the target is 2 threads at least 1.8x the
 * throughput of one. On a machine shared with other work the wall-clock throughput mostly measures the cores it gets;
 * {@link CpuTimeDecisions} {@code scaling} measures the same with the threads' CPU clocks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HolderScalingBenchmark {
  private PolicyHolder holder;
  private NetworkRequest[] connections;
  private L7Request[] requests;

  /** Compiles the realistic policy into a holder and prepares both mixes. */
  @Setup
  public void setUp() {
    PreparedWorkload w = PreparedWorkload.of(RealisticPolicy.withEveryPreset());
    holder = PolicyHolder.of(w.compiled());
    connections = PreparedWorkload.networkRequests(
        PreparedWorkload.interleave(w.mix().allowedConnections(), w.mix().deniedConnections()));
    requests = PreparedWorkload.l7Requests(
        PreparedWorkload.interleave(w.mix().allowedRequests(), w.mix().deniedRequests()));
  }

  /**
   * One network and one request decision per case, through the holder.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(4 * RequestMix.SIZE)
  public void decisions(Blackhole bh) {
    for (int i = 0; i < connections.length; i++) {
      bh.consume(holder.decideNetwork(connections[i]));
      bh.consume(holder.decideRequest(requests[i]));
    }
  }
}
