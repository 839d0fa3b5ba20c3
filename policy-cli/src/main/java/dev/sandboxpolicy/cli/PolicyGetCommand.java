package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.LivePolicy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code policyctl policy-get}: the live policy from {@code openshell policy get} output, ready to edit and set. */
@Command(
    name = "policy-get",
    header = "turn 'openshell policy get' output into a policy you can edit and set again (NemoClaw policy get)",
    description = {
      "Reads FILE (- is standard input), the output of 'openshell policy get --full' or '--base': a metadata header"
          + " (Version:, Hash:, Status: ...), a --- line, then the policy. Prints the policy without the header,"
          + " comments and layout kept, so it can be edited and passed to 'openshell policy set' again (NemoClaw"
          + " #6122; the header made '--full' output unusable for that, #6052). _provider_ keys, which OpenShell"
          + " composes and refuses to receive, are left out (the policy is then rewritten; a note says so).",
      "",
      "The read fails closed: an empty read, a header without a policy, a diagnostic ('error: ...'), YAML that"
          + " does not parse, a version that is not an integer of at least 1 or a network_policies that is not a"
          + " mapping is refused with its live_policy_* code, and nothing is printed. The policy is then validated"
          + " (strictly, as 'openshell policy set' will; --lenient for the supervisor's tolerant reading); with"
          + " errors nothing is printed either."
    },
    exitCodeList = {
      "0:the policy was printed or written",
      "1:the read was refused or the policy is invalid (the problems are on standard error)",
      "2:usage or I/O error"
    })
final class PolicyGetCommand extends Subcommand {

  @Parameters(paramLabel = "FILE", description = "'openshell policy get' output (- is standard input)")
  String file;

  @Mixin OutputOption output;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    LivePolicy live = LivePolicies.read(file, terminal);
    String text = live.editableText();
    PolicyValidator validator = readMode.legacyTolerant ? PolicyValidator.legacyTolerant() : PolicyValidator.strict();
    List<Problem> problems = validator.validateText(DocumentKind.POLICY, text, readMode.mode()).problems();
    String name = output.file().orElse("<policy>");
    ProblemText.print(terminal.err(), name, problems);
    if (problems.stream().anyMatch(Problem::isError)) {
      throw CommandFailure.invalid("the policy in " + file + " is invalid (" + ProblemText.counts(problems)
          + "); nothing was printed", problems);
    }
    if (live.hasReservedKeys()) {
      terminal.err().println("policy-get: left out the _provider_ keys OpenShell composes (the policy was rewritten,"
          + " comments are not kept)");
    }
    if (output.file().isPresent()) {
      AtomicFile.write(terminal.resolve(output.file().get()), text, output.file().get());
    } else {
      terminal.out().print(text);
    }
    return ExitCode.OK;
  }
}
