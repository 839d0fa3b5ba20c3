package dev.sandboxpolicy.traffic.beam;

import dev.sandboxpolicy.traffic.ReplaySummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A runnable fleet replay: reads the policies, replays the logs matching {@code --logs} and writes the summary JSON
 * (the shape of {@code policyctl replay --json}) to {@code --output} as one file.
 *
 * <pre>
 * java -cp policy-traffic-beam.jar:beam-runners-direct-java.jar:... dev.sandboxpolicy.traffic.beam.ReplayJob \
 *     --runner=DirectRunner --logs='/var/log/fleet/*.log*' --candidate=new.yaml --output=/tmp/summary.json
 * </pre>
 *
 * <p>The policies are read through Beam's file systems too, so {@code gs://} and {@code s3://} paths work when
 * that file system is on the class path.
 */
public final class ReplayJob {
  private ReplayJob() {}

  /**
   * Builds the job's pipeline on {@code options}.
   *
   * @param options the options
   * @return the pipeline, not yet run
   */
  public static Pipeline build(ReplayJobOptions options) {
    FileSystems.setDefaultPipelineOptions(options);
    List<String> globs = Arrays.stream(options.getLogs().split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toList();
    ReplayPipeline replay = ReplayPipeline.of(globs, readText(options.getCandidate()))
        .withBinaryIdentity(options.getBinaryIdentity());
    if (options.getBaseline() != null) {
      replay = replay.withBaseline(readText(options.getBaseline()));
    }
    Pipeline p = Pipeline.create(options);
    p.apply("Replay", replay)
        .apply("Json", MapElements.into(TypeDescriptors.strings()).via((ReplaySummary s) -> s.toJson(true)))
        .apply("Write", TextIO.write().to(options.getOutput()).withoutSharding());
    return p;
  }

  /**
   * Runs the job and waits for it to finish.
   *
   * @param args Beam-style {@code --name=value} options (see {@link ReplayJobOptions})
   */
  public static void main(String[] args) {
    ReplayJobOptions options = PipelineOptionsFactory.fromArgs(args).withValidation().as(ReplayJobOptions.class);
    PipelineResult.State state = build(options).run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the replay job ended " + state);
    }
  }

  private static String readText(String file) {
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
