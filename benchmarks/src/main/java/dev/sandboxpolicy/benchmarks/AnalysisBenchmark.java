package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.analysis.Comparison;
import dev.sandboxpolicy.analysis.Containment;
import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.benchmarks.workload.BaselinePolicy;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.benchmarks.workload.ScalePolicy;
import dev.sandboxpolicy.benchmarks.workload.SharedHostPolicy;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code policy-analysis}: prove and compare on the realistic policy (the NemoClaw-style baseline with every
 * applicable built-in preset, {@link RealisticPolicy}) and on 1,000 scale-series entries; lint on 10,000 entries.
 * Targets (issue 14): prove and compare on the realistic policy under 50 ms, on 1,000 entries under 2 s; lint on
 * 10,000 entries under 5 s.
 *
 * <p>The hardest case of each is measured: {@code prove...Within} proves a policy against a copy of itself whose
 * keys are renamed in reverse order, so nothing short-cuts (identical inputs, or endpoint lists that decide alike in
 * the same order) and every connection and request class is decided; {@code compare...} also collects every region.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AnalysisBenchmark {
  /** Entries of the scale-series policy for prove and compare. */
  public static final int SCALE_ENTRIES = 1000;
  /** Entries of the scale-series policy for lint. */
  public static final int LINT_ENTRIES = 10_000;
  /** Entries of the shared-host policy ({@link SharedHostPolicy}) for lint, prove and compare. */
  public static final int SHARED_ENTRIES = 1000;
  /** Hosts those entries share (about 100 entries per host). */
  public static final int SHARED_HOSTS = 10;

  private Policy baseline;
  private Policy realistic;
  private Policy realisticShuffled;
  private Policy scale;
  private Policy scaleShuffled;
  private Policy scaleWithPypi;
  private Policy lintPolicy;
  private Policy shared;
  private Policy sharedShuffled;

  /** Builds every policy once. */
  @Setup
  public void setUp() throws PresetLayerException {
    baseline = BaselinePolicy.read();
    realistic = RealisticPolicy.withEveryPreset();
    realisticShuffled = shuffledKeys(realistic);
    scale = ScalePolicy.withEntries(SCALE_ENTRIES);
    scaleShuffled = shuffledKeys(scale);
    scaleWithPypi = PresetMerger.merge(scale, PresetCatalog.builtIn().require("pypi")).policy();
    lintPolicy = ScalePolicy.withEntries(LINT_ENTRIES);
    shared = SharedHostPolicy.withEntries(SHARED_ENTRIES, SHARED_HOSTS);
    sharedShuffled = shuffledKeys(shared);
  }

  /** The same entries under new keys in reverse order: equivalent, but no endpoint list keeps its order. */
  static Policy shuffledKeys(Policy p) {
    List<String> keys = new ArrayList<>(p.networkPolicies().keySet());
    Collections.sort(keys);
    Map<String, NetworkPolicy> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(String.format("k%05d", keys.size() - i), p.networkPolicies().get(keys.get(i)));
    }
    return Policy.builder().from(p).networkPolicies(out).build();
  }

  /**
   * Prove the realistic policy within a renamed copy of itself (within, after deciding every class).
   *
   * @return the answer
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Containment proveRealisticWithin() throws PolicyCompileException {
    return PolicyAnalysis.prove(realisticShuffled, realistic);
  }

  /**
   * What every built-in preset widens on the baseline.
   *
   * @return the regions
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Comparison compareBaselineToRealistic() throws PolicyCompileException {
    return PolicyAnalysis.compare(baseline, realistic);
  }

  /**
   * Compare the realistic policy with a renamed copy of itself (equivalent, after deciding every class).
   *
   * @return the answer
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Comparison compareRealisticReordered() throws PolicyCompileException {
    return PolicyAnalysis.compare(realistic, realisticShuffled);
  }

  /**
   * Prove 1,000 entries within a renamed copy of themselves.
   *
   * @return the answer
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Containment proveScaleWithin() throws PolicyCompileException {
    return PolicyAnalysis.prove(scaleShuffled, scale);
  }

  /**
   * Compare 1,000 entries with the same entries plus the {@code pypi} preset.
   *
   * @return the answer
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Comparison compareScaleWithPreset() throws PolicyCompileException {
    return PolicyAnalysis.compare(scale, scaleWithPypi);
  }

  /**
   * Compare 1,000 entries with a renamed copy of themselves.
   *
   * @return the answer
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Comparison compareScaleReordered() throws PolicyCompileException {
    return PolicyAnalysis.compare(scale, scaleShuffled);
  }

  /**
   * Lint 10,000 entries.
   *
   * @return the warnings
   * @throws PolicyCompileException never for this policy
   */
  @Benchmark
  @Warmup(iterations = 1, time = 1)
  @Measurement(iterations = 3, time = 1)
  public List<Problem> lintScale() throws PolicyCompileException {
    return PolicyAnalysis.lint(lintPolicy);
  }

  /**
   * Lint 1,000 entries that share 10 hosts: every entry meets about a hundred others on its host and port.
   *
   * @return the warnings
   * @throws PolicyCompileException never for this policy
   */
  @Benchmark
  public List<Problem> lintSharedHosts() throws PolicyCompileException {
    return PolicyAnalysis.lint(shared);
  }

  /**
   * Prove 1,000 entries that share 10 hosts within a renamed copy of themselves.
   *
   * @return the answer
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Containment proveSharedHostsWithin() throws PolicyCompileException {
    return PolicyAnalysis.prove(sharedShuffled, shared);
  }

  /**
   * Compare 1,000 entries that share 10 hosts with a renamed copy of themselves.
   *
   * @return the answer
   * @throws PolicyCompileException never for these policies
   */
  @Benchmark
  public Comparison compareSharedHostsReordered() throws PolicyCompileException {
    return PolicyAnalysis.compare(shared, sharedShuffled);
  }
}
