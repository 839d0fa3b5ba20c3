package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.benchmarks.workload.NetworkCase;
import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.RequestMix;
import dev.sandboxpolicy.benchmarks.workload.RestCase;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * The realistic workload: the NemoClaw-style baseline policy with every built-in preset applied ({@link
 * RealisticPolicy}), and {@value RequestMix#SIZE}-case mixes of allowed or denied connections and REST requests
 * ({@link RequestMix}: exact and wildcard hosts, upper-case hosts, binary globs, ancestors, query rules, deny rules).
 * One operation = one decision, averaged over the mix.
 *
 * <p>Contenders: {@code compiled*} is {@link CompiledPolicy}; {@code naive*} is {@link NaiveRegexPolicy}; the floors
 * do the least any decision must do with the same input: {@code floorHashMap*} one {@link HashMap} lookup of the
 * host (network) or of the path (request), {@code floorStringEquals*} one {@link String#equals} of the host
 * (network) or of the path (request) with an equal copy. The floors' strings reuse their cached hash codes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RealisticDecisionBenchmark {
  /** Which mix: every case allowed, or every case denied. */
  @Param({"allowed", "denied"})
  public String mix;

  private CompiledPolicy compiled;
  private NaiveRegexPolicy naive;
  private NetworkRequest[] connections;
  private NetworkCase[] connectionCases;
  private L7Request[] requests;
  private RestCase[] requestCases;
  private Map<String, String> exactHosts;
  private String[] hostCopies;
  private Map<String, String> routes;
  private String[] pathCopies;

  /** Builds the policy, both contenders and the inputs. */
  @Setup
  public void setUp() {
    PreparedWorkload w = PreparedWorkload.of(RealisticPolicy.withEveryPreset());
    compiled = w.compiled();
    naive = w.naive();
    boolean allowed = mix.equals("allowed");
    List<NetworkCase> nets = allowed ? w.mix().allowedConnections() : w.mix().deniedConnections();
    List<RestCase> rests = allowed ? w.mix().allowedRequests() : w.mix().deniedRequests();
    if (nets.size() != RequestMix.SIZE || rests.size() != RequestMix.SIZE) {
      throw new IllegalStateException("short mix: " + w.mix());
    }
    connectionCases = nets.toArray(new NetworkCase[0]);
    connections = PreparedWorkload.networkRequests(nets);
    requestCases = rests.toArray(new RestCase[0]);
    requests = PreparedWorkload.l7Requests(rests);
    exactHosts = new HashMap<>();
    routes = new HashMap<>();
    for (Map.Entry<String, NetworkPolicy> e : w.policy().networkPolicies().entrySet()) {
      for (Endpoint endpoint : e.getValue().endpoints()) {
        exactHosts.put(endpoint.host().toLowerCase(Locale.ROOT), e.getKey());
      }
    }
    hostCopies = new String[RequestMix.SIZE];
    pathCopies = new String[RequestMix.SIZE];
    for (int i = 0; i < RequestMix.SIZE; i++) {
      hostCopies[i] = new String(connectionCases[i].host());
      pathCopies[i] = new String(requestCases[i].path());
      routes.put(requestCases[i].path(), "route");
    }
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
   * Floor, network: one {@link HashMap} lookup of the host.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void floorHashMapNetwork(Blackhole bh) {
    for (NetworkCase c : connectionCases) {
      bh.consume(exactHosts.get(c.host()));
    }
  }

  /**
   * Floor, network: one {@link String#equals} of the host with an equal copy.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void floorStringEqualsNetwork(Blackhole bh) {
    for (int i = 0; i < RequestMix.SIZE; i++) {
      bh.consume(connectionCases[i].host().equals(hostCopies[i]));
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

  /**
   * Floor, request: one {@link HashMap} lookup of the path.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void floorHashMapRequest(Blackhole bh) {
    for (RestCase r : requestCases) {
      bh.consume(routes.get(r.path()));
    }
  }

  /**
   * Floor, request: one {@link String#equals} of the path with an equal copy.
   *
   * @param bh sink
   */
  @Benchmark
  @OperationsPerInvocation(RequestMix.SIZE)
  public void floorStringEqualsRequest(Blackhole bh) {
    for (int i = 0; i < RequestMix.SIZE; i++) {
      bh.consume(requestCases[i].path().equals(pathCopies[i]));
    }
  }
}
