package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl validate}: every problem of policies, presets or blueprints, with positions. */
@Command(
    name = "validate",
    header = "check policies, presets or blueprints and print every problem with its line and column",
    description = {
      "Reads each FILE (default: $OPENSHELL_SANDBOX_POLICY; - is standard input) and prints every problem, one per"
          + " line, the way compilers do:",
      "  FILE:LINE:COLUMN: SEVERITY CODE MESSAGE",
      "for example",
      "  sandbox.yaml:7:9: error unknown_key unknown key 'acess' in /network_policies/github/endpoints/0",
      "then 'FILE: valid' or 'FILE: invalid (N errors, M warnings)'. CODE is a stable snake_case name listed in"
          + " docs/validation-codes.md.",
      "",
      "Strict mode (the default) is the gateway's 'openshell policy set': unknown keys are errors and version is"
          + " required. --lenient is the supervisor's tolerant loader: unknown keys are warnings and version may be"
          + " missing. --custom applies the extra rules for user-supplied presets.",
      "",
      "With --json: {\"valid\": BOOL, \"files\": [{\"file\", \"valid\", \"problems\": [PROBLEM...]}]} where PROBLEM"
          + " is {severity, code, pointer, line, column, message} as in the stdio protocol."
    },
    exitCodeList = {
      "0:every file is valid (warnings allowed)",
      "1:some file has an error",
      "2:usage or I/O error"
    })
final class ValidateCommand extends Subcommand {

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "a file to validate (- is standard input)")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      completionCandidates = DocumentValidation.KindNames.class,
      description = "policy (default), preset or blueprint")
  String kind = DocumentValidation.Kind.POLICY.label();

  @Option(
      names = "--custom",
      description = "presets: apply the rules for user-supplied presets (no allowed_ips, no built-in name)")
  boolean custom;

  @Option(names = "--json", description = "print one JSON object with every file's problems")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    DocumentValidation.Kind documentKind =
        DocumentValidation.Kind.named(kind)
            .orElseThrow(
                () -> CommandFailure.usage("--kind must be policy, preset or blueprint, not '" + kind + "'"));
    if (custom && documentKind != DocumentValidation.Kind.PRESET) {
      throw CommandFailure.usage("--custom applies to presets only (use --kind preset)");
    }
    List<String> inputs = new ArrayList<>(files);
    if (inputs.isEmpty()) {
      if (documentKind != DocumentValidation.Kind.POLICY) {
        throw CommandFailure.usage("validate needs a FILE " + helpHint());
      }
      inputs.add(PolicyFiles.policyArgument(java.util.Optional.empty(), name(), terminal));
    }
    boolean allValid = true;
    ObjectNode document = Json.object();
    ArrayNode jsonFiles = Json.MAPPER.createArrayNode();
    for (String file : inputs) {
      InputDocument input = InputDocument.read(file, terminal);
      List<Problem> problems = DocumentValidation.validate(documentKind, input, readMode.mode(), custom);
      boolean valid = problems.stream().noneMatch(Problem::isError);
      allValid &= valid;
      if (json) {
        ObjectNode f = jsonFiles.addObject();
        f.put("file", input.name());
        f.put("valid", valid);
        f.set("problems", Json.problems(problems));
      } else {
        ProblemText.print(terminal.out(), input.name(), problems);
        terminal.out().println(
            input.name()
                + (valid ? ": valid" : ": invalid")
                + (problems.isEmpty() ? "" : " (" + ProblemText.counts(problems) + ")"));
      }
    }
    if (json) {
      document.put("valid", allValid);
      document.set("files", jsonFiles);
      terminal.out().println(Json.write(document));
    }
    return allValid ? ExitCode.OK : ExitCode.FAILED;
  }
}
