package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.ProtocolWorkload;
import dev.sandboxpolicy.benchmarks.workload.RequestMix;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * GraphQL, JSON-RPC and MCP request decisions ({@link ProtocolWorkload}), each next to its floor: one {@link
 * HashMap} lookup of the name that decides the request (operation name, method, tool name) in an allowlist. One
 * operation = one decision, averaged over a {@value RequestMix#SIZE}-request mix of allowed or denied requests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProtocolDecisionBenchmark {
  /** Which mix: every request allowed, or every request denied. */
  @Param({"allowed", "denied"})
  public String mix;

  private CompiledPolicy compiled;
  private final Map<ProtocolWorkload.Kind, L7Request[]> requests = new HashMap<>();
  private final Map<ProtocolWorkload.Kind, String[]> keys = new HashMap<>();
  private final Map<ProtocolWorkload.Kind, Map<String, String>> tables = new HashMap<>();

  /** Builds the workload (which checks every verdict). */
  @Setup
  public void setUp() {
    ProtocolWorkload w = ProtocolWorkload.build();
    compiled = w.compiled();
    for (ProtocolWorkload.Kind kind : ProtocolWorkload.Kind.values()) {
      ProtocolWorkload.Mixes m = w.mixes(kind);
      List<ProtocolWorkload.Case> cases = mix.equals("allowed") ? m.allowed() : m.denied();
      requests.put(kind, cases.stream().map(ProtocolWorkload.Case::request).toArray(L7Request[]::new));
      keys.put(kind, cases.stream().map(c -> new String(c.floorKey())).toArray(String[]::new));
      tables.put(kind, m.floorTable());
    }
  }

  private void decide(ProtocolWorkload.Kind kind, Blackhole bh) {
    for (L7Request r : requests.get(kind)) {
      bh.consume(compiled.decideRequest(r));
    }
  }

  private void floor(ProtocolWorkload.Kind kind, Blackhole bh) {
    Map<String, String> table = tables.get(kind);
    for (String key : keys.get(kind)) {
      bh.consume(table.get(key));
    }
  }

  /**
   * Ours, GraphQL.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void compiledGraphql(Blackhole bh) {
    decide(ProtocolWorkload.Kind.GRAPHQL, bh);
  }

  /**
   * Floor, GraphQL: one lookup of the operation name.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void floorGraphql(Blackhole bh) {
    floor(ProtocolWorkload.Kind.GRAPHQL, bh);
  }

  /**
   * Ours, JSON-RPC.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void compiledJsonRpc(Blackhole bh) {
    decide(ProtocolWorkload.Kind.JSON_RPC, bh);
  }

  /**
   * Floor, JSON-RPC: one lookup of the method.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void floorJsonRpc(Blackhole bh) {
    floor(ProtocolWorkload.Kind.JSON_RPC, bh);
  }

  /**
   * Ours, MCP.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void compiledMcp(Blackhole bh) {
    decide(ProtocolWorkload.Kind.MCP, bh);
  }

  /**
   * Floor, MCP: one lookup of the tool name (or the method).
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void floorMcp(Blackhole bh) {
    floor(ProtocolWorkload.Kind.MCP, bh);
  }
}
