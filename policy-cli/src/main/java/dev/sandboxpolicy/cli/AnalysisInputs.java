package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.util.List;

/**
 * The policies the analysis commands read. An input that is not a valid policy is the command's failure to answer
 * (exit status 2, as {@code openshell-prover check} reports {@code invalid_input}), never an answer: status 1 means
 * "exceeds" or "differs" there.
 */
final class AnalysisInputs {
  /** A policy read for analysis, with where its problems are located. */
  record Input(String name, Policy policy, ReadResult<Policy> read) {}

  private AnalysisInputs() {}

  static Input load(String arg, ReadMode mode, Terminal terminal) throws CommandFailure {
    InputDocument document = InputDocument.read(arg, terminal);
    ReadResult<Policy> result = PolicyFiles.read(document, mode);
    ProblemText.print(terminal.err(), document.name(), result.problems());
    if (result.hasErrors() || result.value().isEmpty()) {
      throw CommandFailure.usage(document.name() + " is not a valid policy (" + ProblemText.counts(result.problems())
          + ")");
    }
    return new Input(document.name(), result.value().get(), result);
  }

  /** Reports a policy the matcher refuses to compile (validation errors) as the command's failure. */
  static CommandFailure invalid(PolicyCompileException e, List<Input> inputs, Terminal terminal) {
    for (Input in : inputs) {
      try {
        dev.sandboxpolicy.matcher.CompiledPolicy.compile(in.policy());
      } catch (PolicyCompileException each) {
        List<Problem> located = CompiledPolicies.located(each.problems(), in.read().sourceMap());
        ProblemText.print(terminal.err(), in.name(), located.stream().filter(Problem::isError).toList());
        return CommandFailure.usage(in.name() + " is not a valid policy (" + ProblemText.counts(located) + ")");
      }
    }
    return CommandFailure.usage(e.getMessage());
  }
}
