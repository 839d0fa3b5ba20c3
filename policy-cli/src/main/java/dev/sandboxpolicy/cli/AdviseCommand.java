package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.traffic.Advice;
import dev.sandboxpolicy.traffic.AdviceException;
import dev.sandboxpolicy.traffic.Advisor;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyctl advise}: the arguments; the advice is the library's {@link Advisor}, the text {@link AdviceReport}. */
@Command(
    name = "advise",
    header = "propose a least-privilege custom preset for the denials in decision logs, proven by replay",
    description = {
      "Reads decision logs (any format replay reads) and proposes a custom preset NAME that allows the denials"
          + " the CURRENT policy still makes, and nothing the logs do not justify: one entry per host, port and"
          + " binary like OpenShell's mechanistic mapper (allow_<host>_<port>), or the key and endpoint contract of"
          + " the entry that already serves that host to other binaries; an L4 endpoint when the logs carry no"
          + " request, REST rules of the logged methods and paths (only an ID-like last path segment becomes *)"
          + " when they do. Never allowed_ips; nothing for loopback, link-local, metadata, private hosts, SSRF"
          + " refusals, deny rules or lines without a binary: those are listed as skipped, with the reason.",
      "",
      "The preset passes every custom-preset check. The report shows what it widens and the replay proof: every"
          + " targeted denial is allowed by CURRENT with the preset merged, and no logged allow becomes denied."
          + " The preset is written to -o PRESET (only when the proof holds), or printed after the report.",
      "",
      "With --json: {preset_name, preset, proposals, skipped, widening, proof}.",
      "",
      "Example:",
      "  policyctl advise --policy sandbox.yaml --name agent-extras -o agent-extras.yaml openshell.log"
    },
    exitCodeList = {
      "0:advice given and proven (or nothing to propose)",
      "1:the proof does not hold (nothing written), or the policy is invalid",
      "2:usage or I/O error, or an unacceptable preset name"
    })
final class AdviseCommand extends Subcommand {

  @Parameters(paramLabel = "LOG", arity = "0..*", description = "decision logs (- is standard input)")
  List<String> logs = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "CURRENT", description = "the policy the sandbox runs now")
  String policy;

  @Option(names = "--name", paramLabel = "NAME", description = "the preset name (a lowercase RFC 1123 label)")
  String presetName;

  @Option(names = "--no-binary-identity", description = "endpoint-only mode: any binary may use an allowed endpoint")
  boolean noBinaryIdentity;

  @Option(names = "--json", description = "print the advice as one JSON object")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Mixin OutputOption output;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (presetName == null) {
      throw CommandFailure.usage("advise needs --name NAME " + helpHint());
    }
    Advisor advisor = Advisor.forPolicy(TrafficInputs.start(name(), helpHint(), policy, logs, List.of(),
        readMode.mode(), noBinaryIdentity, terminal));
    TrafficInputs.read(logs, terminal, advisor::add);
    Advice advice;
    try {
      advice = advisor.advise(presetName);
    } catch (AdviceException e) {
      if (e.code().equals("advice_invalid")) {
        throw CommandFailure.failed(e.getMessage());
      }
      throw CommandFailure.usage("--name " + presetName + ": " + e.getMessage());
    }
    boolean proven = advice.proof().holds();
    if (output.file().isPresent() && advice.preset().isPresent() && proven) {
      AtomicFile.write(terminal.resolve(output.file().get()), advice.presetYaml(), output.file().get());
    }
    if (json) {
      terminal.out().print(advice.toJson(true));
    } else {
      AdviceReport.print(advice, output.file(), terminal.out());
    }
    if (!proven) {
      terminal.err().println("policyctl advise: the replay proof does not hold"
          + (output.file().isPresent() ? "; " + output.file().get() + " was not written" : ""));
      return ExitCode.FAILED;
    }
    return ExitCode.OK;
  }
}
