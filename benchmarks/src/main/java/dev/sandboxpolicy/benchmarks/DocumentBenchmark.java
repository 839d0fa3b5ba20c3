package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.BaselinePolicy;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;
import java.util.Map;
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
 * Reading and writing documents through the document layout (one table of every key, {@code policy-io}): binding
 * text to the model, and the model to a tree, to YAML and JSON text, to its canonical form and to its content hash.
 * The baseline policy is read from YAML; the realistic policy (the baseline plus every preset: 31 entries, 80
 * endpoints, 228 rules) from compact JSON, where parsing is cheap and binding dominates. {@link DocumentCpuTime}
 * times the same operations by the thread's CPU clock, and compares two builds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DocumentBenchmark {
  private final PolicyReader reader = PolicyReader.of(ReadMode.STRICT);
  private String baselineYaml;
  private Policy realistic;
  private String realisticJson;

  /** Builds the documents; fails if they do not read back (the benchmark would measure an error path). */
  @Setup
  public void setUp() throws Exception {
    baselineYaml = BaselinePolicy.yaml();
    realistic = RealisticPolicy.withEveryPreset();
    realisticJson = PolicyWriter.json(PolicyWriter.toTree(realistic), false);
    reader.readPolicy(realisticJson, DocumentFormat.JSON).orElseThrow();
    reader.readPolicy(baselineYaml).orElseThrow();
  }

  /**
   * Reads the baseline policy from YAML (scanning, the tree with positions, binding).
   *
   * @return the result
   */
  @Benchmark
  public ReadResult<Policy> readBaselineYaml() {
    return reader.readPolicy(baselineYaml);
  }

  /**
   * Reads the realistic policy from compact JSON.
   *
   * @return the result
   */
  @Benchmark
  public ReadResult<Policy> readRealisticJson() {
    return reader.readPolicy(realisticJson, DocumentFormat.JSON);
  }

  /**
   * The realistic policy as a plain tree in the document layout.
   *
   * @return the tree
   */
  @Benchmark
  public Map<String, Object> treeRealistic() {
    return PolicyWriter.toTree(realistic);
  }

  /**
   * The realistic policy as YAML in the document layout.
   *
   * @return the text
   */
  @Benchmark
  public String yamlRealistic() {
    return PolicyWriter.toYaml(realistic);
  }

  /**
   * The realistic policy as pretty-printed JSON in the document layout.
   *
   * @return the text
   */
  @Benchmark
  public String jsonRealistic() {
    return PolicyWriter.toJson(realistic);
  }

  /**
   * The realistic policy's canonical form as compact JSON (the input of its hash).
   *
   * @return the text
   */
  @Benchmark
  public String canonicalJsonRealistic() {
    return PolicyWriter.toCanonicalJson(realistic);
  }

  /**
   * The content hash of the realistic policy (canonical compact JSON, SHA-256).
   *
   * @return the hash
   */
  @Benchmark
  public String hashRealistic() {
    return PolicyWriter.hash(realistic);
  }
}
