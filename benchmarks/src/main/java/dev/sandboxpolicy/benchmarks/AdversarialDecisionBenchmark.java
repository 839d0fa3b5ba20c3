package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.baseline.BaselineDecision;
import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.benchmarks.workload.AdversarialInputs;
import dev.sandboxpolicy.io.PolicyReadException;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adversarial requests through the whole request decision: a query parameter with 10,000 values (every one must
 * match the rule's glob, spec §3.5), a 4 KiB path against {@code /files/*a*a*a*a*a*a*b}, and a 4 KiB path of 2,000
 * segments against {@code /**}{@code /x/**}{@code /x/**}{@code /x/**}{@code /d}. The naive port runs only the query
 * case: on the two 4 KiB paths its regexes do not finish (see {@link AdversarialGlobBenchmark} for their growth on
 * small inputs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdversarialDecisionBenchmark {
  private static final String HOST = "adversarial.example.com";
  private static final String BINARY = "/usr/bin/curl";
  private static final String POLICY =
      """
      version: 1
      network_policies:
        adversarial:
          endpoints:
            - host: %s
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: { method: GET, path: /search, query: { tag: "%s" } }
                - allow: { method: GET, path: "/files/%s" }
                - allow: { method: GET, path: "%s" }
          binaries:
            - { path: %s }
      """
          .formatted(
              HOST,
              AdversarialInputs.QUERY_VALUE_GLOB,
              AdversarialInputs.STARS_PATTERN,
              AdversarialInputs.DEEP_PATTERN,
              BINARY);

  private CompiledPolicy compiled;
  private NaiveRegexPolicy naive;
  private L7Request manyValues;
  private Map<String, List<String>> manyValuesQuery;
  private L7Request starsPath;
  private L7Request deepPath;
  private L7Request starsScannedPath;
  private L7Request deepScannedPath;

  /** Path length in bytes for the scanned paths: 1 KiB, 2 KiB, and the 4 KiB limit (spec §3.6 step 4). */
  @Param({"1024", "2048", "4096"})
  public int pathBytes;

  /** Compiles the policy and builds the three requests; checks the expected verdicts. */
  @Setup
  public void setUp() throws PolicyReadException, PolicyCompileException {
    Policy policy = policy();
    compiled = CompiledPolicy.compile(policy);
    naive = NaiveRegexPolicy.of(policy);
    NetworkRequest conn = connection();
    manyValuesQuery = Map.of("tag", AdversarialInputs.queryValues());
    manyValues = L7Request.of(conn, "GET", "/search").withQuery(manyValuesQuery);
    String files = "/files/";
    starsPath = L7Request.of(conn, "GET", files + AdversarialInputs.stars(AdversarialInputs.MAX_PATH_BYTES - files.length()));
    deepPath = L7Request.of(conn, "GET", AdversarialInputs.deepPath(AdversarialInputs.MAX_PATH_BYTES / 2 - 1));
    expect(compiled.decideRequest(manyValues), true);
    starsScannedPath = L7Request.of(conn, "GET", files + AdversarialInputs.starsScanned(pathBytes - files.length()));
    deepScannedPath = L7Request.of(conn, "GET", AdversarialInputs.deepScannedPath(pathBytes / 2 - 1));
    expect(compiled.decideRequest(starsPath), false);
    expect(compiled.decideRequest(deepPath), false);
    expect(compiled.decideRequest(starsScannedPath), false);
    expect(compiled.decideRequest(deepScannedPath), false);
    BaselineDecision naiveMany = naive.decideRequest(HOST, 443, BINARY, List.of(), "GET", "/search", manyValuesQuery);
    if (!naiveMany.allowed()) {
      throw new IllegalStateException("naive port denies the 10,000-value query: " + naiveMany);
    }
  }

  /** The adversarial policy (three rules on one endpoint). */
  static Policy policy() throws PolicyReadException {
    return PolicyReader.of(ReadMode.STRICT).readPolicy(POLICY).orElseThrow();
  }

  /** The connection every adversarial request travels on. */
  static NetworkRequest connection() {
    return NetworkRequest.of(HOST, 443, BINARY);
  }

  private static void expect(Decision d, boolean allowed) {
    if (d.isAllowed() != allowed) {
      throw new IllegalStateException("unexpected decision " + d);
    }
  }

  /**
   * Ours, 10,000 query values.
   *
   * @return the decision
   */
  @Benchmark
  public Decision queryValuesCompiled() {
    return compiled.decideRequest(manyValues);
  }

  /**
   * Naive port, 10,000 query values.
   *
   * @return the decision
   */
  @Benchmark
  public BaselineDecision queryValuesNaive() {
    return naive.decideRequest(HOST, 443, BINARY, List.of(), "GET", "/search", manyValuesQuery);
  }

  /**
   * Ours, 4 KiB path against the star pattern (target: under 10 µs).
   *
   * @return the decision
   */
  @Benchmark
  public Decision starsPath4KiBCompiled() {
    return compiled.decideRequest(starsPath);
  }

  /**
   * Ours, a {@code pathBytes} path that ends like the star rule ({@code ...ab}) and holds one {@code a}: no literal
   * pre-filter rejects it for that rule, so it is scanned (and every other rule sees it too).
   *
   * @return the decision
   */
  @Benchmark
  public Decision starsScannedCompiled() {
    return compiled.decideRequest(starsScannedPath);
  }

  /**
   * Ours, a {@code pathBytes} path of {@code /y} segments ending in {@code /d}: the deep rule's literal prefix and
   * suffix, so its automaton reads the whole path (target: under 10 µs at 4 KiB, and linear).
   *
   * @return the decision
   */
  @Benchmark
  public Decision deepScannedCompiled() {
    return compiled.decideRequest(deepScannedPath);
  }

  /**
   * Ours, 4 KiB path of 2,047 segments against the deep {@code **} pattern.
   *
   * @return the decision
   */
  @Benchmark
  public Decision deepPath4KiBCompiled() {
    return compiled.decideRequest(deepPath);
  }
}
