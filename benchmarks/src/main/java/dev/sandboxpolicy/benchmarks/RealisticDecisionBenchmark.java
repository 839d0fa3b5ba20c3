package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.benchmarks.workload.Floors;
import dev.sandboxpolicy.benchmarks.workload.NetworkCase;
import dev.sandboxpolicy.benchmarks.workload.PreparedWorkload;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.RequestMix;
import dev.sandboxpolicy.benchmarks.workload.RestCase;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The realistic workload: the NemoClaw-style baseline policy with every built-in preset applied ({@link
 * RealisticPolicy}), and {@value RequestMix#SIZE}-case mixes of allowed or denied connections and REST requests
 * ({@link RequestMix}: exact and wildcard hosts, upper-case hosts, binary globs, ancestors, query rules, deny rules).
 * One operation = one decision, averaged over the mix.
 *
 * <p>Contenders: {@code compiled*} is {@link CompiledPolicy}; {@code naive*} is {@link NaiveRegexPolicy}; the floors
 * do the least any decision must do with the same input ({@link Floors}): {@code floorHashMap*} one {@link
 * HashMap} lookup of the host (network) or of the path (request), {@code floorStringEquals*} one {@link
 * String#equals} of the host (network) or of the path (request) with an equal copy. The floors' strings reuse their
 * cached hash codes.
 */
@State(Scope.Benchmark)
public class RealisticDecisionBenchmark extends DecisionContenders {
  /** Which mix: every case allowed, or every case denied. */
  @Param({"allowed", "denied"})
  public String mix;

  private Map<String, String> exactHosts;
  private String[] hostCopies;
  private Map<String, String> routes;
  private String[] pathCopies;

  /** Builds the policy, both contenders and the inputs. */
  @Setup
  public void setUp() {
    PreparedWorkload w = PreparedWorkload.of(RealisticPolicy.withEveryPreset());
    boolean allowed = mix.equals("allowed");
    load(
        w,
        allowed ? w.mix().allowedConnections() : w.mix().deniedConnections(),
        allowed ? w.mix().allowedRequests() : w.mix().deniedRequests());
    exactHosts = Floors.hostTable(w.policy());
    routes = Floors.routeTable(allowed ? w.mix().allowedRequests() : w.mix().deniedRequests());
    hostCopies = new String[RequestMix.SIZE];
    pathCopies = new String[RequestMix.SIZE];
    for (int i = 0; i < RequestMix.SIZE; i++) {
      hostCopies[i] = new String(connectionCases()[i].host());
      pathCopies[i] = new String(requestCases()[i].path());
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
    for (NetworkCase c : connectionCases()) {
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
    NetworkCase[] cases = connectionCases();
    for (int i = 0; i < RequestMix.SIZE; i++) {
      bh.consume(cases[i].host().equals(hostCopies[i]));
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
    for (RestCase r : requestCases()) {
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
    RestCase[] cases = requestCases();
    for (int i = 0; i < RequestMix.SIZE; i++) {
      bh.consume(cases[i].path().equals(pathCopies[i]));
    }
  }
}
