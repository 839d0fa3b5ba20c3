package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl validate}: every problem of policies, presets or blueprints, with positions. */
final class ValidateCommand implements Subcommand {

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String summary() {
    return "check policies, presets or blueprints and print every problem with its line and column";
  }

  @Override
  public String synopsis() {
    return "validate [FILE...] [--kind policy|preset|blueprint] [--lenient] [--custom] [--json]";
  }

  @Override
  public String description() {
    return """
        Reads each FILE (default: $OPENSHELL_SANDBOX_POLICY; - is standard input) and prints every problem,
        one per line, the way compilers do:
          FILE:LINE:COLUMN: SEVERITY CODE MESSAGE
        for example
          sandbox.yaml:12:9: error unknown_key unknown key 'acess' (did you mean 'access'?)
        then 'FILE: valid' or 'FILE: invalid (N errors, M warnings)'. CODE is a stable snake_case name
        listed in docs/. Strict mode (the default) is the gateway's 'openshell policy set': unknown keys are
        errors and version is required. --lenient is the supervisor's tolerant loader: unknown keys are
        warnings and version may be missing. --custom applies the extra rules for user-supplied presets.

        With --json: {"valid": BOOL, "files": [{"file", "valid", "problems": [PROBLEM...]}]} where PROBLEM is
        {severity, code, pointer, line, column, message} as in the stdio protocol.

        Exit status: 0 every file is valid (warnings allowed); 1 some file has an error;
        2 usage or I/O error.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec()
        .value("kind", "KIND", "policy (default), preset or blueprint")
        .flag("lenient", "unknown keys are warnings and version may be missing (the supervisor's loader)")
        .flag("custom", "presets: apply the rules for user-supplied presets (no allowed_ips, no built-in name)")
        .flag("json", "print one JSON object with every file's problems");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    String kindName = args.value("kind").orElse("policy");
    DocumentValidation.Kind kind =
        DocumentValidation.Kind.named(kindName)
            .orElseThrow(
                () -> CommandFailure.usage("--kind must be policy, preset or blueprint, not '" + kindName + "'"));
    if (args.flag("custom") && kind != DocumentValidation.Kind.PRESET) {
      throw CommandFailure.usage("--custom applies to presets only (use --kind preset)");
    }
    List<String> files = new ArrayList<>(args.positionals());
    if (files.isEmpty()) {
      if (kind != DocumentValidation.Kind.POLICY) {
        throw CommandFailure.usage("validate needs a FILE (see 'policyctl validate --help')");
      }
      files.add(PolicyFiles.policyArgument(java.util.Optional.empty(), name(), terminal));
    }
    ReadMode mode = args.flag("lenient") ? ReadMode.LENIENT : ReadMode.STRICT;
    boolean allValid = true;
    ObjectNode json = Json.object();
    ArrayNode jsonFiles = Json.MAPPER.createArrayNode();
    for (String file : files) {
      InputDocument document = InputDocument.read(file, terminal);
      List<Problem> problems = DocumentValidation.validate(kind, document, mode, args.flag("custom"));
      boolean valid = problems.stream().noneMatch(Problem::isError);
      allValid &= valid;
      if (args.flag("json")) {
        ObjectNode f = jsonFiles.addObject();
        f.put("file", document.name());
        f.put("valid", valid);
        f.set("problems", Json.problems(problems));
      } else {
        ProblemText.print(terminal.out(), document.name(), problems);
        terminal.out().println(
            document.name()
                + (valid ? ": valid" : ": invalid")
                + (problems.isEmpty() ? "" : " (" + ProblemText.counts(problems) + ")"));
      }
    }
    if (args.flag("json")) {
      json.put("valid", allValid);
      json.set("files", jsonFiles);
      terminal.out().println(Json.write(json));
    }
    return allValid ? ExitCode.OK : ExitCode.FAILED;
  }
}
