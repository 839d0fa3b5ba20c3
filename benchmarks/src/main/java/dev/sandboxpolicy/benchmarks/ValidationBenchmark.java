package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.BaselinePolicy;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.rules.ValidationReport;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating the baseline policy (target: under 2 ms): the semantic validator on the parsed model ({@code
 * PolicyValidator.strict().validate(policy)}), and the editor path from text (YAML read with positions, JSON Schema,
 * semantic rules: {@code validateText}). The realistic policy (baseline plus every preset) is validated too, for
 * scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidationBenchmark {
  private PolicyValidator validator;
  private Policy baseline;
  private String baselineYaml;
  private Policy realistic;

  /** Reads the policies; fails if the baseline is not valid (the benchmark would measure an error path). */
  @Setup
  public void setUp() {
    validator = PolicyValidator.strict();
    baseline = BaselinePolicy.read();
    baselineYaml = BaselinePolicy.yaml();
    realistic = RealisticPolicy.withEveryPreset();
    ValidationReport report = validator.validateText(DocumentKind.POLICY, baselineYaml, ReadMode.STRICT);
    if (report.hasErrors()) {
      throw new IllegalStateException("the baseline policy is not valid: " + report.problems());
    }
  }

  /**
   * Semantic validation of the parsed baseline policy.
   *
   * @return the report
   */
  @Benchmark
  public ValidationReport baselineModel() {
    return validator.validate(baseline);
  }

  /**
   * Read, schema and semantic validation of the baseline policy's YAML text.
   *
   * @return the report
   */
  @Benchmark
  public ValidationReport baselineText() {
    return validator.validateText(DocumentKind.POLICY, baselineYaml, ReadMode.STRICT);
  }

  /**
   * Semantic validation of the realistic policy (baseline plus every built-in preset).
   *
   * @return the report
   */
  @Benchmark
  public ValidationReport realisticModel() {
    return validator.validate(realistic);
  }
}
