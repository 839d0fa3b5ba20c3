package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.analysis.Containment;
import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl prove}: is everything the candidate allows also allowed by the boundary? */
@Command(
    name = "prove",
    header = "prove that a candidate policy stays within a boundary policy",
    description = {
      "Decides exactly whether every connection and request CANDIDATE allows is also allowed by BOUNDARY (and"
          + " every filesystem grant, Landlock mode and process identity), like 'openshell-prover check':",
      "  within_boundary    yes (exit 0)",
      "  exceeds_boundary   no: a counterexample follows, a concrete connection or request the candidate lets"
          + " through and the boundary refuses, each decided by the compiled matcher (exit 1)",
      "  unsupported        no counterexample, but something in use is not modelled (GraphQL, JSON-RPC or MCP"
          + " bodies, middlewares, differing destination checks, ...), so nothing is proven (exit 3)",
      "Allowed means what the proxy lets through: audit-mode endpoints forward what their rules deny, and"
          + " connections without an inspected endpoint are relayed without request decisions. See"
          + " docs/analysis.md."
    },
    exitCodeList = {
      "0:within_boundary",
      "1:exceeds_boundary (the counterexample is printed)",
      "2:usage or I/O error, or an input that is not a valid policy",
      "3:unsupported (what is not modelled is listed)"
    })
final class ProveCommand extends Subcommand {

  @Option(names = "--within", paramLabel = "BOUNDARY", description = "the boundary policy file")
  String boundary;

  @Parameters(paramLabel = "CANDIDATE", arity = "0..1", description = "the candidate policy file")
  List<String> candidate = new ArrayList<>();

  @Option(
      names = "--json",
      description = "print {result, domain, counterexample, boundary, candidate, unsupported}; a network"
          + " counterexample is the request object of the stdio 'decide' operation")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (boundary == null || candidate.size() != 1) {
      throw CommandFailure.usage("prove takes --within BOUNDARY and one CANDIDATE " + helpHint());
    }
    if (boundary.equals("-") && candidate.get(0).equals("-")) {
      throw CommandFailure.usage("only one of BOUNDARY and CANDIDATE can be standard input");
    }
    AnalysisInputs.Input b = AnalysisInputs.load(boundary, readMode.mode(), terminal);
    AnalysisInputs.Input c = AnalysisInputs.load(candidate.get(0), readMode.mode(), terminal);
    Containment result;
    try {
      result = PolicyAnalysis.prove(b.policy(), c.policy());
    } catch (PolicyCompileException e) {
      throw AnalysisInputs.invalid(e, List.of(b, c), terminal);
    }
    if (json) {
      ObjectNode o = Json.object();
      AnalysisJson.containment(result, o);
      terminal.out().println(Json.write(o));
    } else {
      AnalysisText.containment(result, terminal.out());
    }
    return result.result().exitCode();
  }
}
