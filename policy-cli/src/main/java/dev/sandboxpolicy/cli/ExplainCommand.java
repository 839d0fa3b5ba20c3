package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.explain.ExplainJson;
import dev.sandboxpolicy.explain.PolicyContext;
import dev.sandboxpolicy.explain.PolicyContextMarkdown;
import dev.sandboxpolicy.merge.PresetDocument;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.model.Preset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyctl explain}: NemoClaw's policy-explain, as Markdown or JSON. */
@Command(
    name = "explain",
    header = "explain what a sandbox may reach and how to get more (NemoClaw policy-explain)",
    description = {
      "Builds the policy-explain context of a sandbox from its registry state: the tier, the active presets with the"
          + " host categories they open (internal hosts are redacted), the presets known but not applied, the"
          + " approval path and the support boundaries. Text output is the Markdown of policy-explain (and of"
          + " POLICY.md); --json is its camelCase JSON (PolicyContext).",
      "",
      "--applied and --gateway-presets take one name each, or several separated by commas. --gateway-presets says"
          + " which presets the gateway enforces, for the verification status; without it the gateway counts as"
          + " not probed (verification 'unknown').",
      "",
      "Example:",
      "  policyctl explain --sandbox alpha --tier balanced --applied npm,pypi --gateway-presets npm"
    },
    exitCodeList = {"0:ok", "1:a custom preset is invalid", "2:usage or I/O error"})
final class ExplainCommand extends Subcommand {

  @Option(
      names = "--sandbox",
      paramLabel = "NAME",
      description = "the sandbox name (default: " + ExplainInputs.DEFAULT_SANDBOX + ")")
  String sandbox = ExplainInputs.DEFAULT_SANDBOX;

  @Option(names = "--tier", paramLabel = "TIER", description = "the recorded policy tier (restricted, balanced, open)")
  String tier;

  @Option(names = "--applied", paramLabel = "NAME", description = "an applied preset name (repeatable, or comma-separated)")
  List<String> applied = new ArrayList<>();

  @Option(names = "--custom", paramLabel = "FILE", description = "a custom preset file that is applied (repeatable)")
  List<String> customFiles = new ArrayList<>();

  /** {@code null} when not given: the gateway was not probed. */
  @Option(
      names = "--gateway-presets",
      paramLabel = "NAME",
      description = "a preset the gateway enforces (repeatable, or comma-separated)")
  List<String> gatewayPresets;

  @Option(names = "--json", description = "print the PolicyContext as JSON")
  boolean json;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (!ExplainInputs.validSandbox(sandbox)) {
      throw CommandFailure.usage(
          "--sandbox must be 1-63 lowercase letters, digits and inner hyphens, not '" + sandbox + "'");
    }
    List<Preset> custom = new ArrayList<>();
    for (String file : customFiles) {
      InputDocument document = InputDocument.read(file, terminal);
      try {
        custom.add(PresetDocument.readUnchecked(document.utf8Text().orElse("")).preset());
      } catch (PresetLayerException e) {
        ProblemText.print(terminal.err(), document.name(), e.problems());
        throw CommandFailure.invalid(document.name() + ": " + e.getMessage(), e.problems());
      }
    }
    Optional<List<String>> gateway = Optional.ofNullable(gatewayPresets).map(ExplainCommand::split);
    PolicyContext context =
        new ExplainInputs(sandbox, Optional.ofNullable(tier), split(applied), custom, gateway).context();
    if (json) {
      terminal.out().println(ExplainJson.toJson(ExplainJson.toTree(context)));
    } else {
      terminal.out().print(PolicyContextMarkdown.render(context));
    }
    return ExitCode.OK;
  }

  private static List<String> split(List<String> values) {
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
