package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.ScalePolicy;
import dev.sandboxpolicy.merge.MergeResult;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
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
 * One built-in preset ({@value #PRESET}) merged into, and removed from, a 1,000-entry scale-series policy (target:
 * merge under 1 ms). Includes building the result's diff.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MergeBenchmark {
  /** The preset applied. */
  public static final String PRESET = "pypi";

  /** Entries of the live policy. */
  public static final int ENTRIES = 1000;

  private Policy live;
  private Policy merged;
  private Preset preset;

  /** Generates the live policy and looks up the preset. */
  @Setup
  public void setUp() throws PresetLayerException {
    live = ScalePolicy.withEntries(ENTRIES);
    preset = PresetCatalog.builtIn().require(PRESET);
    merged = PresetMerger.merge(live, preset).policy();
  }

  /**
   * {@code policy-add}: merge the preset.
   *
   * @return the result
   * @throws PresetLayerException never for a built-in preset
   */
  @Benchmark
  public MergeResult merge() throws PresetLayerException {
    return PresetMerger.merge(live, preset);
  }

  /**
   * {@code policy-remove}: take it off again.
   *
   * @return the result
   * @throws PresetLayerException never for a built-in preset
   */
  @Benchmark
  public MergeResult remove() throws PresetLayerException {
    return PresetMerger.remove(merged, preset);
  }
}
