package dev.sandboxpolicy.traffic.beam;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.traffic.LogEvent;
import dev.sandboxpolicy.traffic.LogReader;
import dev.sandboxpolicy.traffic.Replay;
import dev.sandboxpolicy.traffic.ReplaySummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;

/** Replays one whole log file into a summary. The policies are compiled once per instance ({@link Setup}). */
final class ReplayFileFn extends DoFn<FileIO.ReadableFile, ReplaySummary> {
  private static final long serialVersionUID = 1L;

  private final String candidateText;
  private final String baselineText;
  private final boolean binaryIdentity;
  private transient Replay replay;

  ReplayFileFn(String candidateText, String baselineText, boolean binaryIdentity) {
    this.candidateText = candidateText;
    this.baselineText = baselineText;
    this.binaryIdentity = binaryIdentity;
  }

  @Setup
  public void setup() {
    MatcherOptions options = MatcherOptions.defaults().withBinaryIdentity(binaryIdentity);
    Replay r = Replay.against(compile("candidate", candidateText, options));
    if (baselineText != null) {
      r = r.withBaseline(compile("baseline", baselineText, options));
    }
    this.replay = r;
  }

  /** Reads and compiles a policy; an invalid one stops the job with its problems listed. */
  static CompiledPolicy compile(String role, String text, MatcherOptions options) {
    ReadResult<Policy> read = PolicyReader.of(ReadMode.STRICT).readPolicy(text);
    if (read.value().isEmpty() || read.hasErrors()) {
      throw new IllegalArgumentException("the " + role + " policy is not valid: " + problems(read));
    }
    try {
      return CompiledPolicy.compile(read.value().get(), options);
    } catch (PolicyCompileException e) {
      throw new IllegalArgumentException("the " + role + " policy is not valid: " + e.getMessage(), e);
    }
  }

  private static String problems(ReadResult<Policy> read) {
    return read.problems().stream().filter(Problem::isError).map(Problem::toString)
        .collect(Collectors.joining("; "));
  }

  @ProcessElement
  public void process(@Element FileIO.ReadableFile file, OutputReceiver<ReplaySummary> out) throws IOException {
    ReplaySummary summary = replay.newSummary();
    String name = file.getMetadata().resourceId().toString();
    try (InputStream in = Channels.newInputStream(file.open()); LogReader reader = LogReader.of(in, name)) {
      for (LogEvent e = reader.next(); e != null; e = reader.next()) {
        summary.add(replay.replay(e));
      }
      summary.addReadStats(reader.stats());
    }
    out.output(summary);
  }
}
