package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.traffic.UsageAnalysis;
import dev.sandboxpolicy.traffic.UsageReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyctl unused}: the arguments; the analysis is the library's {@link UsageAnalysis}. */
@Command(
    name = "unused",
    header = "list what of a policy no logged decision used, and globs much wider than what was used",
    description = {
      "Replays decision logs (any format replay reads) under CURRENT and lists the entries, endpoints, allow rules"
          + " and binaries that no logged decision used (a decision uses the smallest allowing key and its deciding"
          + " endpoint or rule), and the host, binary and path globs that logged traffic used only a few values of."
          + " These are suggestions to narrow: the narrowed policy drops the unused parts and replaces each such"
          + " glob by the values used, and a replay proves that it still allows every logged request CURRENT allows"
          + " and nothing more. Logs only show what happened: review before narrowing.",
      "",
      "With --json: {decisions, allowed, unused: {entries, endpoints, rules, binaries}, narrowings,"
          + " narrowed_policy, proof}. -o writes the narrowed policy (only when the proof holds)."
    },
    exitCodeList = {
      "0:reported (and the proof holds)",
      "1:the proof does not hold (nothing written), or the policy is invalid",
      "2:usage or I/O error"
    })
final class UnusedCommand extends Subcommand {

  @Parameters(paramLabel = "LOG", arity = "0..*", description = "decision logs (- is standard input)")
  List<String> logs = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "CURRENT", description = "the policy the logs were made under")
  String policy;

  @Option(names = "--no-binary-identity", description = "endpoint-only mode: any binary may use an allowed endpoint")
  boolean noBinaryIdentity;

  @Option(names = "--json", description = "print the report as one JSON object")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Mixin OutputOption output;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    UsageAnalysis usage = UsageAnalysis.forPolicy(TrafficInputs.start(name(), helpHint(), policy, logs, List.of(),
        readMode.mode(), noBinaryIdentity, terminal));
    TrafficInputs.read(logs, terminal, usage::add);
    UsageReport report = usage.report();
    if (output.file().isPresent() && report.proofHolds()) {
      AtomicFile.write(terminal.resolve(output.file().get()), PolicyWriter.toYaml(report.narrowedPolicy()),
          output.file().get());
    }
    if (json) {
      terminal.out().print(report.toJson(true));
    } else {
      print(report, terminal.out());
    }
    if (!report.proofHolds()) {
      terminal.err().println("policyctl unused: the replay proof of the narrowed policy does not hold"
          + (output.file().isPresent() ? "; " + output.file().get() + " was not written" : ""));
      return ExitCode.FAILED;
    }
    return ExitCode.OK;
  }

  private static void print(UsageReport r, PrintStream out) {
    out.println(ReplayReport.count(r.decisions(), "logged decision") + ", " + r.allowed() + " allowed by the policy");
    section(out, "entries no logged decision used", r.unusedEntries());
    section(out, "endpoints no logged decision used", r.unusedEndpoints());
    section(out, "allow rules no logged request used", r.unusedRules());
    section(out, "binaries no logged decision used", r.unusedBinaries());
    section(out, "globs used by only a few values", r.narrowings().stream().map(Object::toString).toList());
    out.println();
    out.println("proof by replay of the narrowed policy: " + (r.proofHolds() ? "holds" : "DOES NOT HOLD") + " ("
        + r.proofBroken() + " of " + r.proofAllows() + " logged allows denied, " + r.proofNewlyAllowed()
        + " newly allowed" + (r.proofUndecidable() > 0 ? ", " + r.proofUndecidable() + " undecidable" : "") + ")");
    r.proofSamples().forEach(s -> out.println("  " + s));
  }

  private static void section(PrintStream out, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    out.println();
    out.println(title + ":");
    items.forEach(i -> out.println("  " + i));
  }
}
