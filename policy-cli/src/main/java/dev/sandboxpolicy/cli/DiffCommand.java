package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.analysis.Comparison;
import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl diff}: the structural difference between two policies. */
@Command(
    name = "diff",
    header = "show the structural difference between two policies",
    description = {
      "Compares two policies by meaning, not text (map order and comments do not matter; list order does) and"
          + " prints one line per change:",
      "  ~ version: 1 -> 2              the version changed",
      "  ~ filesystem_policy            a top-level section changed",
      "  + network_policies.pypi        a key was added (- removed)",
      "  ~ network_policies.github      an entry changed, followed by what changed inside it:",
      "      + endpoint uploads.github.com:443",
      "      - binary /usr/bin/curl",
      "Nothing is printed when the policies mean the same. Either file may be '-' (standard input) or the output of"
          + " 'openshell policy get --full'.",
      "",
      "With --semantic it compares what the policies allow instead of how they are written: the relation (equivalent,"
          + " wider, narrower, incomparable) and every widened (+) and narrowed (-) region, each with a concrete"
          + " connection or request decided by the compiled matcher under both policies and the entry, endpoint and"
          + " rule it comes from in each. Reordering or splitting entries is equivalent. See docs/analysis.md."
    },
    exitCodeList = {
      "0:the policies mean the same (with --semantic: allow exactly the same)",
      "1:they differ, or one is not a valid policy (with --semantic an invalid policy is status 2)",
      "2:usage or I/O error",
      "3:--semantic: no difference found, but something in use is not modelled"
    })
final class DiffCommand extends Subcommand {

  @Parameters(paramLabel = "BEFORE AFTER", arity = "0..*", description = "the two policy files")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--json",
      description = "print {identical, version, sections, network_policies: {added, removed, changed}}")
  boolean json;

  @Option(
      names = "--semantic",
      description = "compare what the policies allow: relation and every widened and narrowed region with a witness"
          + " (with --json: {relation, widened, narrowed, unsupported})")
  boolean semantic;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (files.size() != 2) {
      throw CommandFailure.usage("diff takes two files, BEFORE and AFTER " + helpHint());
    }
    if (files.get(0).equals("-") && files.get(1).equals("-")) {
      throw CommandFailure.usage("only one of BEFORE and AFTER can be standard input");
    }
    ReadMode mode = readMode.mode();
    if (semantic) {
      return semantic(terminal, mode);
    }
    Policy before = PolicyFiles.load(files.get(0), mode, terminal);
    Policy after = PolicyFiles.load(files.get(1), mode, terminal);
    PolicyComparison comparison = PolicyComparison.of(before, after);
    if (json) {
      terminal.out().println(Json.write(comparison.toJson()));
    } else {
      comparison.lines().forEach(terminal.out()::println);
    }
    return comparison.identical() ? ExitCode.OK : ExitCode.FAILED;
  }

  private int semantic(Terminal terminal, ReadMode mode) throws CommandFailure {
    AnalysisInputs.Input before = AnalysisInputs.load(files.get(0), mode, terminal);
    AnalysisInputs.Input after = AnalysisInputs.load(files.get(1), mode, terminal);
    Comparison result;
    try {
      result = PolicyAnalysis.compare(before.policy(), after.policy());
    } catch (PolicyCompileException e) {
      throw AnalysisInputs.invalid(e, List.of(before, after), terminal);
    }
    if (json) {
      ObjectNode o = Json.object();
      AnalysisJson.comparison(result, o);
      terminal.out().println(Json.write(o));
    } else {
      AnalysisText.comparison(result, terminal.out());
    }
    return exitCode(result);
  }

  /** 0 equivalent (fully modelled), 1 a difference, 3 no difference found but something is not modelled. */
  static int exitCode(Comparison c) {
    if (c.relation() != Comparison.Relation.EQUIVALENT) {
      return ExitCode.FAILED;
    }
    return c.unsupported().isEmpty() ? ExitCode.OK : ExitCode.UNSUPPORTED;
  }
}
