package dev.sandboxpolicy.traffic.beam;

import dev.sandboxpolicy.traffic.ReplaySummary;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;

/** Combines per-file summaries with {@link ReplaySummary#merge}, associative and commutative as Beam requires. */
final class SummaryCombineFn extends Combine.CombineFn<ReplaySummary, ReplaySummary, ReplaySummary> {
  private static final long serialVersionUID = 1L;

  private final boolean baseline;

  SummaryCombineFn(boolean baseline) {
    this.baseline = baseline;
  }

  @Override
  public ReplaySummary createAccumulator() {
    return ReplaySummary.create(baseline ? ReplaySummary.REFERENCE_BASELINE : ReplaySummary.REFERENCE_LOGGED);
  }

  @Override
  public ReplaySummary addInput(ReplaySummary accumulator, ReplaySummary input) {
    return accumulator.merge(input);
  }

  @Override
  public ReplaySummary mergeAccumulators(Iterable<ReplaySummary> accumulators) {
    ReplaySummary merged = createAccumulator();
    for (ReplaySummary a : accumulators) {
      merged.merge(a);
    }
    return merged;
  }

  @Override
  public ReplaySummary extractOutput(ReplaySummary accumulator) {
    return accumulator;
  }

  @Override
  public Coder<ReplaySummary> getAccumulatorCoder(CoderRegistry registry, Coder<ReplaySummary> inputCoder)
      throws CannotProvideCoderException {
    return SerializableCoder.of(ReplaySummary.class);
  }

  @Override
  public Coder<ReplaySummary> getDefaultOutputCoder(CoderRegistry registry, Coder<ReplaySummary> inputCoder)
      throws CannotProvideCoderException {
    return SerializableCoder.of(ReplaySummary.class);
  }
}
