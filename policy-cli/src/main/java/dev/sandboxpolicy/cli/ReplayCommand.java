package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.traffic.Replay;
import dev.sandboxpolicy.traffic.ReplaySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyctl replay}: the arguments; the replay is the library's {@link Replay}, the text {@link ReplayReport}. */
@Command(
    name = "replay",
    header = "replay logged decisions against a candidate policy: what would it break, what would it open",
    description = {
      "Reads OpenShell decision logs and decides every logged connection and request again under the CANDIDATE"
          + " policy, then compares with the logged decision, or with BEFORE's decision when --baseline is given."
          + " Each LOG may be 'openshell logs' output, the supervisor's log file or stderr, bare shorthand, the OCSF"
          + " JSON Lines file, or this tool's request JSON Lines (check --requests, with an optional \"decision\"),"
          + " mixed line by line; gzip is recognised by content; '-' is standard input.",
      "",
      "decisions (events replayed) = unchanged + allow_to_deny + deny_to_allow + undecidable. Audit passes like"
          + " allow. An event is undecidable when its outcome depends on what the log does not record (no binary on"
          + " an in-tunnel line that no single CONNECT explains, ancestors not logged, a body the policy would"
          + " inspect, ...); nothing is guessed. Lines that record no decision are skipped; lines that cannot be read"
          + " are malformed and listed with their line numbers; neither stops the replay. A progress line goes to"
          + " standard error when it is a terminal.",
      "",
      "With --json: {reference, decisions, unchanged, allow_to_deny, deny_to_allow, undecidable,"
          + " undecidable_reasons, transitions, events_by_kind, sources, lines, skipped_lines, skipped_reasons,"
          + " malformed_lines, malformed, changes, changes_omitted}; changes are grouped by change, policy entry,"
          + " host:port and binary, each with its count and first samples (file, line, request, both decisions).",
      "",
      "Example:",
      "  policyctl replay --policy new.yaml --fail-on allow-to-deny openshell.2026-08-21.log"
    },
    exitCodeList = {
      "0:replayed (and --fail-on, if given, did not match)",
      "1:--fail-on matched, or a policy is invalid",
      "2:usage or I/O error"
    })
final class ReplayCommand extends Subcommand {

  /** The {@code --fail-on} values. */
  enum FailOn {
    ALLOW_TO_DENY, DENY_TO_ALLOW, ANY;

    static FailOn parse(String value) throws CommandFailure {
      for (FailOn f : values()) {
        if (f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(value)) {
          return f;
        }
      }
      throw CommandFailure.usage("--fail-on takes allow-to-deny, deny-to-allow or any, not '" + value + "'");
    }

    boolean matches(ReplaySummary s) {
      return switch (this) {
        case ALLOW_TO_DENY -> s.allowToDeny() > 0;
        case DENY_TO_ALLOW -> s.denyToAllow() > 0;
        case ANY -> s.allowToDeny() + s.denyToAllow() > 0;
      };
    }
  }

  @Parameters(paramLabel = "LOG", arity = "0..*", description = "decision logs (- is standard input)")
  List<String> logs = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "CANDIDATE", description = "the policy to try")
  String policy;

  @Option(names = "--baseline", paramLabel = "BEFORE",
      description = "compare with this policy's decisions instead of the logged ones")
  String baseline;

  @Option(names = "--fail-on", paramLabel = "CHANGE",
      description = "exit 1 when allow-to-deny, deny-to-allow or any change happened")
  String failOn;

  @Option(names = "--no-binary-identity", description = "endpoint-only mode: any binary may use an allowed endpoint")
  boolean noBinaryIdentity;

  @Option(names = "--json", description = "print the summary as one JSON object")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    FailOn fail = failOn == null ? null : FailOn.parse(failOn);
    List<String> others = baseline == null ? List.of() : List.of(baseline);
    Replay replay = Replay.against(TrafficInputs.start(name(), helpHint(), policy, logs, others, readMode.mode(),
        noBinaryIdentity, terminal));
    if (baseline != null) {
      replay = replay.withBaseline(TrafficInputs.compile(baseline, readMode.mode(),
          TrafficInputs.matcherOptions(noBinaryIdentity, terminal), terminal));
    }
    ReplaySummary summary = replay.newSummary();
    Replay r = replay;
    summary.addReadStats(TrafficInputs.read(logs, terminal, e -> summary.add(r.replay(e))));
    if (json) {
      terminal.out().print(summary.toJson(true));
    } else {
      ReplayReport.print(summary, policy, terminal.out());
    }
    return fail != null && fail.matches(summary) ? ExitCode.FAILED : ExitCode.OK;
  }
}
