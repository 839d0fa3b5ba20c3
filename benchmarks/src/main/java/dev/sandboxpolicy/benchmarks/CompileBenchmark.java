package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.benchmarks.workload.ScalePolicy;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
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
 * Compiling a scale-series policy: {@link CompiledPolicy#compile(Policy)} (which validates first) against building
 * the naive port (one {@code Pattern.compile} per glob). Target: 10,000 entries under 500 ms. Retained memory of the
 * compiled policy is measured by {@link RetainedMemory}, not here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CompileBenchmark {
  /** Network-policy entries. */
  @Param({"1000", "10000"})
  public int entries;

  private Policy policy;

  /** Generates the policy. */
  @Setup
  public void setUp() {
    policy = ScalePolicy.withEntries(entries);
  }

  /**
   * Ours: validate and compile.
   *
   * @return the compiled policy
   * @throws PolicyCompileException never for the generated policies
   */
  @Benchmark
  public CompiledPolicy compiled() throws PolicyCompileException {
    return CompiledPolicy.compile(policy);
  }

  /**
   * Naive port: translate every glob to a regex.
   *
   * @return the baseline
   */
  @Benchmark
  public NaiveRegexPolicy naive() {
    return NaiveRegexPolicy.of(policy);
  }
}
