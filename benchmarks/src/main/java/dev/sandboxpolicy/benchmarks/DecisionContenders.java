package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.benchmarks.workload.NetworkCase;
import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.RequestMix;
import dev.sandboxpolicy.benchmarks.workload.RestCase;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The four decision benchmarks every decision workload runs: ours ({@link CompiledPolicy}) and the naive port
 * ({@link NaiveRegexPolicy}), network and REST request, over one {@value RequestMix#SIZE}-case mix. One operation =
 * one decision. Subclasses choose the policy and the mix in their {@code @Setup} and call {@link #load}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class DecisionContenders {
  private CompiledPolicy compiled;
  private NaiveRegexPolicy naive;
  private NetworkRequest[] connections;
  private NetworkCase[] connectionCases;
  private L7Request[] requests;
  private RestCase[] requestCases;

  /**
   * Prepares the contenders' inputs.
   *
   * @param w the workload (both contenders compiled)
   * @param nets the connections to decide, exactly {@link RequestMix#SIZE}
   * @param rests the REST requests to decide, exactly {@link RequestMix#SIZE}
   */
  protected final void load(PreparedWorkload w, List<NetworkCase> nets, List<RestCase> rests) {
    if (nets.size() != RequestMix.SIZE || rests.size() != RequestMix.SIZE) {
      throw new IllegalStateException("short mix: " + w.mix());
    }
    compiled = w.compiled();
    naive = w.naive();
    connectionCases = nets.toArray(new NetworkCase[0]);
    connections = PreparedWorkload.networkRequests(nets);
    requestCases = rests.toArray(new RestCase[0]);
    requests = PreparedWorkload.l7Requests(rests);
  }

  /**
   * The connections, as plain strings (for floors).
   *
   * @return the cases, not a copy
   */
  protected final NetworkCase[] connectionCases() {
    return connectionCases;
  }

  /**
   * The REST requests, as plain strings (for floors).
   *
   * @return the cases, not a copy
   */
  protected final RestCase[] requestCases() {
    return requestCases;
  }

  /**
   * Ours, network decision.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void compiledNetwork(Blackhole bh) {
    for (NetworkRequest r : connections) {
      bh.consume(compiled.decideNetwork(r));
    }
  }

  /**
   * Naive port, network decision.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void naiveNetwork(Blackhole bh) {
    for (NetworkCase c : connectionCases) {
      bh.consume(naive.decideNetwork(c.host(), c.port(), c.binary(), c.ancestors()));
    }
  }

  /**
   * Ours, REST request decision (method, path, query).
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void compiledRequest(Blackhole bh) {
    for (L7Request r : requests) {
      bh.consume(compiled.decideRequest(r));
    }
  }

  /**
   * Naive port, REST request decision.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void naiveRequest(Blackhole bh) {
    for (RestCase r : requestCases) {
      NetworkCase c = r.connection();
      bh.consume(naive.decideRequest(c.host(), c.port(), c.binary(), c.ancestors(), r.method(), r.path(), r.query()));
    }
  }
}
