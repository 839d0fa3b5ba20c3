package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Reads the policy files subcommands work on: the {@code OPENSHELL_SANDBOX_POLICY} default, the
 * {@code policy get --full} header, and the rule that a policy which does not load is reported problem by
 * problem on standard error and ends the command with {@link ExitCode#FAILED}.
 */
final class PolicyFiles {

  private PolicyFiles() {}

  /**
   * The policy file argument: {@code given} when present, else {@code $OPENSHELL_SANDBOX_POLICY}; a usage error
   * when neither is set.
   */
  static String policyArgument(Optional<String> given, String command, Terminal terminal) throws CommandFailure {
    if (given.isPresent()) {
      return given.get();
    }
    return terminal
        .env(Terminal.POLICY_ENVIRONMENT_VARIABLE)
        .orElseThrow(
            () ->
                CommandFailure.usage(
                    "no policy file given and $"
                        + Terminal.POLICY_ENVIRONMENT_VARIABLE
                        + " is not set (see 'policyctl "
                        + command
                        + " --help')"));
  }

  /** Reads a policy document (plain YAML/JSON or {@code policy get --full} output) into a result with problems. */
  static ReadResult<Policy> read(InputDocument document, ReadMode mode) {
    PolicyReader reader = PolicyReader.of(mode);
    Optional<String> text = document.utf8Text();
    if (text.isEmpty()) {
      return reader.readPolicy(document.bytes(), document.format()); // reports invalid_encoding with a position
    }
    return reader.readPolicy(PolicyGetOutput.withoutHeader(text.get()), document.format());
  }

  /** Reads policy text (as sent over the stdio protocol), accepting a {@code policy get --full} header. */
  static ReadResult<Policy> read(String text, ReadMode mode) {
    return PolicyReader.of(mode).readPolicy(PolicyGetOutput.withoutHeader(text));
  }

  /**
   * Loads the policy named by {@code arg}. Warnings go to standard error; errors go there too and end the
   * command with {@link ExitCode#FAILED}.
   */
  static Policy load(String arg, ReadMode mode, Terminal terminal) throws CommandFailure {
    InputDocument document = InputDocument.read(arg, terminal);
    ReadResult<Policy> result = read(document, mode);
    return require(document.name(), result, terminal);
  }

  /** The policy of {@code result}, or a failure after printing its problems. */
  static Policy require(String name, ReadResult<Policy> result, Terminal terminal) throws CommandFailure {
    List<Problem> problems = result.problems();
    ProblemText.print(terminal.err(), name, problems);
    if (result.hasErrors() || result.value().isEmpty()) {
      throw CommandFailure.invalid(name + " is not a valid policy (" + ProblemText.counts(problems) + ")", problems);
    }
    return result.value().get();
  }
}
