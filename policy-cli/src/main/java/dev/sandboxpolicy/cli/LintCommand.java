package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.analysis.Surprise;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl lint}: rules and entries that do nothing, and (optionally) the requests people get wrong. */
@Command(
    name = "lint",
    header = "find rules and entries that change no decision",
    description = {
      "Reports, as FILE:LINE:COLUMN warnings, the parts of a valid policy that do nothing, each decided exactly by"
          + " the compiled matcher:",
      "  redundant_rule          an allow rule whose requests other rules of its endpoint already allow",
      "  unreachable_deny_rule   a deny rule that matches nothing its endpoint allows",
      "  redundant_entry         an entry whose removal changes no decision",
      "With --surprises it also probes the boundary requests people get wrong (the apex of *.example.com, /api"
          + " against /api/**, case, trailing dots, encoded slashes, IPv4-mapped addresses, HEAD under GET, a dot in"
          + " a query value, an enforcement value that means audit) and prints what the policy does with each."
    },
    exitCodeList = {
      "0:no warnings",
      "1:warnings were found",
      "2:usage or I/O error, or the input is not a valid policy"
    })
final class LintCommand extends Subcommand {

  @Parameters(paramLabel = "POLICY", arity = "0..1", description = "the policy file (default $"
      + Terminal.POLICY_ENVIRONMENT_VARIABLE + ")")
  List<String> policy = new ArrayList<>();

  @Option(names = "--surprises", description = "also print the boundary requests people get wrong, each decided")
  boolean surprises;

  @Option(names = "--json", description = "print {problems: [PROBLEM], surprises: [SURPRISE] (with --surprises)}")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (policy.size() > 1) {
      throw CommandFailure.usage("lint takes one POLICY " + helpHint());
    }
    String file = PolicyFiles.policyArgument(policy.stream().findFirst(), name(), terminal);
    AnalysisInputs.Input in = AnalysisInputs.load(file, readMode.mode(), terminal);
    List<Problem> problems;
    Optional<List<Surprise>> probed = Optional.empty();
    try {
      problems = PolicyAnalysis.lint(in.policy());
      if (surprises) {
        probed = Optional.of(PolicyAnalysis.surprises(in.policy()));
      }
    } catch (PolicyCompileException e) {
      throw AnalysisInputs.invalid(e, List.of(in), terminal);
    }
    if (json) {
      ObjectNode o = Json.object();
      o.set("problems", Json.problems(problems));
      probed.ifPresent(s -> o.set("surprises", AnalysisJson.surprises(s)));
      terminal.out().println(Json.write(o));
    } else {
      problems.forEach(p -> terminal.out().println(ProblemText.format(in.name(), p)));
      probed.ifPresent(s -> AnalysisText.surprises(in.name(), s, terminal.out()));
    }
    return problems.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }
}
