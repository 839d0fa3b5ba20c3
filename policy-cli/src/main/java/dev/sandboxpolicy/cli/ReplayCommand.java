package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.traffic.Replay;
import dev.sandboxpolicy.traffic.ReplaySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code policyctl replay}: argument parsing; the replay itself is {@link Replay}, the report {@link ReplayReport}. */
final class ReplayCommand implements Subcommand {

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

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "replay logged decisions against a candidate policy: what would it break, what would it open";
  }

  @Override
  public String synopsis() {
    return "replay --policy CANDIDATE [--baseline BEFORE] [--json] [--fail-on allow-to-deny|deny-to-allow|any] LOG...";
  }

  @Override
  public String description() {
    return """
        Reads OpenShell decision logs and decides every logged connection and request again under the
        CANDIDATE policy, then compares with the logged decision, or with BEFORE's decision when --baseline is
        given. Each LOG may be 'openshell logs' output, the supervisor's log file or stderr, bare shorthand,
        the OCSF JSON Lines file, or this tool's request JSON Lines (check --requests), mixed line by line;
        gzip is recognised by content; '-' is standard input.

        Counts: decisions (events replayed) = unchanged + allow_to_deny + deny_to_allow + undecidable.
        Audit passes like allow. An event is undecidable when its outcome depends on what the log does not
        record (no binary on an in-tunnel line that no single CONNECT explains, ancestors not logged, a body
        the policy would inspect, ...); nothing is guessed. Lines that record no decision are skipped; lines
        that cannot be read are malformed and listed with their line numbers; neither stops the replay.

        With --json: {reference, decisions, unchanged, allow_to_deny, deny_to_allow, undecidable,
        undecidable_reasons, transitions, events_by_kind, sources, lines, skipped_lines, skipped_reasons,
        malformed_lines, malformed, changes, changes_omitted}; changes are grouped by change, policy entry,
        host:port and binary, each with its count and first samples (file, line, request, both decisions).

        Example:
          policyctl replay --policy new.yaml --fail-on allow-to-deny openshell.2026-08-21.log

        Exit status: 0, unless --fail-on names a change that happened (then 1); 1 also when a policy is
        invalid; 2 usage or I/O error.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec()
        .value("policy", "CANDIDATE", "the policy to try")
        .value("baseline", "BEFORE", "compare with this policy's decisions instead of the logged ones")
        .value("fail-on", "CHANGE", "exit 1 when allow-to-deny, deny-to-allow or any change happened")
        .flag("no-binary-identity", "endpoint-only mode: any binary may use an allowed endpoint")
        .flag("lenient", "read the policies like the upstream supervisor (unknown keys are warnings)")
        .flag("json", "print the summary as one JSON object");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    String candidateFile = args.required(name(), "policy");
    List<String> logs = args.positionals();
    if (logs.isEmpty()) {
      throw CommandFailure.usage("replay needs at least one LOG (see 'policyctl replay --help')");
    }
    FailOn failOn = args.value("fail-on").isPresent() ? FailOn.parse(args.value("fail-on").get()) : null;
    List<String> stdinUsers = new ArrayList<>(logs);
    stdinUsers.add(candidateFile);
    args.value("baseline").ifPresent(stdinUsers::add);
    TrafficInputs.requireOneStdin(stdinUsers, "the policies and the logs");
    ReadMode mode = args.flag("lenient") ? ReadMode.LENIENT : ReadMode.STRICT;
    MatcherOptions options = TrafficInputs.matcherOptions(args, terminal);
    Replay replay = Replay.against(TrafficInputs.compile(candidateFile, mode, options, terminal));
    if (args.value("baseline").isPresent()) {
      replay = replay.withBaseline(TrafficInputs.compile(args.value("baseline").get(), mode, options, terminal));
    }
    ReplaySummary summary = replay.newSummary();
    Replay r = replay;
    summary.addReadStats(TrafficInputs.read(logs, terminal, e -> summary.add(r.replay(e))));
    if (args.flag("json")) {
      terminal.out().print(summary.toJson(true));
    } else {
      ReplayReport.print(summary, candidateFile, terminal.out());
    }
    return failOn != null && failOn.matches(summary) ? ExitCode.FAILED : ExitCode.OK;
  }
}
