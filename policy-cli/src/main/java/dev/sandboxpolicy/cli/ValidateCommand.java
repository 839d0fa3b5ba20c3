package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.ValidationProfile;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyctl validate}: every problem of policies, presets or blueprints, with positions. */
@Command(
    name = "validate",
    header = "check policies, presets or blueprints and print every problem with its line and column",
    description = {
      "Reads each FILE (default: $OPENSHELL_SANDBOX_POLICY; - is standard input) and prints every problem, one per"
          + " line, the way compilers do:",
      "  FILE:LINE:COLUMN: SEVERITY CODE MESSAGE",
      "for example",
      "  sandbox.yaml:7:9: error unknown_key unknown key 'acess' in an endpoint at /network_policies/github/endpoints/0 (did"
          + " you mean 'access'?); OpenShell rejects unknown keys on every load path",
      "then 'FILE: valid' or 'FILE: invalid (N errors, M warnings)'. CODE is a stable snake_case name listed in"
          + " docs/validation-codes.md.",
      "",
      "By default a document is read the way every OpenShell load path reads it since #3334: unknown keys are"
          + " errors and version is required. --legacy-tolerant (alias --lenient) reads an older file the way"
          + " OpenShell's local-YAML loader did before: unknown keys are warnings and version may be missing, so you"
          + " see what to change. --custom applies the extra rules for user-supplied presets. --profile nemoclaw adds"
          + " the rules of NemoClaw's own, stricter JSON Schemas (entries scope binaries explicitly, REST rules use"
          + " REST methods only, JSON-RPC and MCP body limits, a policy has network_policies, closed blueprint"
          + " components; see docs/validation-codes.md, NemoClaw profile).",
      "",
      "--format json (or --json) prints {\"valid\": BOOL, \"files\": [{\"file\", \"valid\", \"problems\":"
          + " [PROBLEM...], \"error\"?}]} where PROBLEM is {severity, code, pointer, line, column, message} as in the"
          + " stdio protocol and error ({code, message}) says why a file could not be read. --format sarif prints a"
          + " SARIF 2.1.0 log for code-scanning tools; --format github prints GitHub Actions annotations"
          + " (::error file=...,line=...,col=...::message). A file that cannot be read is reported with the others."
    },
    exitCodeList = {
      "0:every file is valid (warnings allowed)",
      "1:some file has an error",
      "2:usage error, or a file could not be read"
    })
final class ValidateCommand extends Subcommand {

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "a file to validate (- is standard input)")
  List<String> files = new ArrayList<>();

  @Mixin KindOption kind;

  @Option(
      names = "--custom",
      description = "presets: apply the rules for user-supplied presets (no allowed_ips, no built-in name)")
  boolean custom;

  @Mixin ReportFormat.FormatOption format;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      completionCandidates = DocumentValidation.ProfileNames.class,
      description = "openshell (default) or nemoclaw: also apply NemoClaw's own, stricter schemas")
  String profile = ValidationProfile.OPENSHELL.wireName();

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    DocumentKind documentKind = kind.kind();
    ValidationProfile validationProfile = ValidationProfile.fromWireName(profile).orElseThrow(
        () -> CommandFailure.usage("--profile must be openshell or nemoclaw, not '" + profile + "'"));
    if (custom && documentKind != DocumentKind.PRESET) {
      throw CommandFailure.usage("--custom applies to presets only (use --kind preset)");
    }
    ReportFormat chosen = format.format();
    List<String> inputs = new ArrayList<>(files);
    if (inputs.isEmpty()) {
      if (documentKind != DocumentKind.POLICY) {
        throw CommandFailure.usage("validate needs a FILE " + helpHint());
      }
      inputs.add(PolicyFiles.policyArgument(java.util.Optional.empty(), name(), terminal));
    }
    List<FileReport> reports = new ArrayList<>();
    for (String file : inputs) {
      reports.add(
          ProblemReport.read(
              file,
              terminal,
              input -> DocumentValidation.validate(documentKind, input, readMode.mode(), custom, validationProfile)));
    }
    return ProblemReport.print(reports, chosen, terminal);
  }
}
