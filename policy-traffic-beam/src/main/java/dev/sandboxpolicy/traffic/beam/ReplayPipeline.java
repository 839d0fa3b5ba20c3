package dev.sandboxpolicy.traffic.beam;

import dev.sandboxpolicy.traffic.ReplaySummary;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Replays every decision of the log files matching some globs against a candidate policy and combines the result
 * into one {@link ReplaySummary}: the same counts, groups and samples that {@code policyctl replay --json} prints
 * for the same files, whatever the runner and however it splits the work.
 *
 * <pre>{@code
 * PCollection<ReplaySummary> summary = pipeline.apply(
 *     ReplayPipeline.of(List.of("/var/log/fleet/*.log"), Files.readString(candidate))
 *         .withBaseline(Files.readString(baseline)));
 * }</pre>
 *
 * <p>How: the globs are matched ({@link FileIO#matchAll()}, any Beam file system: local, {@code gs://},
 * {@code s3://}, {@code hdfs://}), each file is read whole by one worker with a {@code LogReader} (it recognises gzip
 * by content, so files are opened uncompressed; a file must be read in order for in-tunnel lines to find their
 * connection), each file's events are replayed into a summary, and the summaries are combined with {@link
 * ReplaySummary#merge}, which is associative and commutative. The policies travel as text and are compiled once per
 * worker instance.
 */
public final class ReplayPipeline extends PTransform<PBegin, PCollection<ReplaySummary>> {
  private static final long serialVersionUID = 1L;

  private final List<String> globs;
  private final String candidate;
  private final String baseline;
  private final boolean binaryIdentity;

  private ReplayPipeline(List<String> globs, String candidate, String baseline, boolean binaryIdentity) {
    this.globs = List.copyOf(globs);
    this.candidate = Objects.requireNonNull(candidate, "candidate");
    this.baseline = baseline;
    this.binaryIdentity = binaryIdentity;
  }

  /**
   * The replay of the files matching {@code globs} against the candidate policy, with the logged decisions as the
   * reference and binary identity required (the upstream default).
   *
   * @param globs file patterns of any Beam file system
   * @param candidatePolicy the candidate policy (YAML or JSON text)
   * @return the transform
   */
  public static ReplayPipeline of(List<String> globs, String candidatePolicy) {
    return new ReplayPipeline(globs, candidatePolicy, null, true);
  }

  /**
   * Returns this replay with a baseline policy's decisions as the reference instead of the logged ones.
   *
   * @param baselinePolicy the baseline policy (YAML or JSON text)
   * @return the new transform
   */
  public ReplayPipeline withBaseline(String baselinePolicy) {
    return new ReplayPipeline(globs, candidate, Objects.requireNonNull(baselinePolicy, "baselinePolicy"),
        binaryIdentity);
  }

  /**
   * Returns this replay in endpoint-only mode (any binary may use an allowed endpoint) or not.
   *
   * @param required whether binary identity is required
   * @return the new transform
   */
  public ReplayPipeline withBinaryIdentity(boolean required) {
    return new ReplayPipeline(globs, candidate, baseline, required);
  }

  @Override
  public PCollection<ReplaySummary> expand(PBegin input) {
    SerializableCoder<ReplaySummary> coder = SerializableCoder.of(ReplaySummary.class);
    return input
        .apply("Globs", Create.of(globs))
        .apply("Match", FileIO.matchAll())
        .apply("Open", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
        .apply("ReplayFile", ParDo.of(new ReplayFileFn(candidate, baseline, binaryIdentity)))
        .setCoder(coder)
        .apply("Combine", Combine.globally(new SummaryCombineFn(baseline != null)))
        .setCoder(coder);
  }
}
