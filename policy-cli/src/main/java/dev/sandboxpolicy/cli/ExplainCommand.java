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

/** {@code policyctl explain}: NemoClaw's policy-explain, as Markdown or JSON. */
final class ExplainCommand implements Subcommand {

  @Override
  public String name() {
    return "explain";
  }

  @Override
  public String summary() {
    return "explain what a sandbox may reach and how to get more (NemoClaw policy-explain)";
  }

  @Override
  public String synopsis() {
    return "explain [--sandbox NAME] [--tier TIER] [--applied NAME]... [--custom FILE]... [--gateway-presets NAME]... [--json]";
  }

  @Override
  public String description() {
    return """
        Builds the policy-explain context of a sandbox from its registry state: the tier, the active presets
        with the host categories they open (internal hosts are redacted), the presets known but not applied,
        the approval path and the support boundaries. Text output is the Markdown of policy-explain (and of
        POLICY.md); --json is its camelCase JSON (PolicyContext).

        --applied and --gateway-presets take one name each, or several separated by commas.
        --gateway-presets says which presets the gateway enforces, for the verification status; without
        it the gateway counts as not probed (verification 'unknown').

        Example:
          policyctl explain --sandbox alpha --tier balanced --applied npm,pypi --gateway-presets npm

        Exit status: 0 ok; 1 a custom preset is invalid; 2 usage or I/O error.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec()
        .value("sandbox", "NAME", "the sandbox name (default: " + ExplainInputs.DEFAULT_SANDBOX + ")")
        .value("tier", "TIER", "the recorded policy tier (restricted, balanced, open)")
        .repeated("applied", "NAME", "an applied preset name (repeatable, or comma-separated)")
        .repeated("custom", "FILE", "a custom preset file that is applied (repeatable)")
        .repeated("gateway-presets", "NAME", "a preset the gateway enforces (repeatable, or comma-separated)")
        .flag("json", "print the PolicyContext as JSON");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    if (!args.positionals().isEmpty()) {
      throw CommandFailure.usage("explain takes no arguments (see 'policyctl explain --help')");
    }
    String sandbox = args.value("sandbox").orElse(ExplainInputs.DEFAULT_SANDBOX);
    if (!ExplainInputs.validSandbox(sandbox)) {
      throw CommandFailure.usage(
          "--sandbox must be 1-63 lowercase letters, digits and inner hyphens, not '" + sandbox + "'");
    }
    List<Preset> custom = new ArrayList<>();
    for (String file : args.values("custom")) {
      InputDocument document = InputDocument.read(file, terminal);
      try {
        custom.add(PresetDocument.readUnchecked(document.utf8Text().orElse("")).preset());
      } catch (PresetLayerException e) {
        ProblemText.print(terminal.err(), document.name(), e.problems());
        throw CommandFailure.failed(document.name() + ": " + e.getMessage());
      }
    }
    Optional<List<String>> gateway =
        args.given().contains("gateway-presets") ? Optional.of(split(args.values("gateway-presets"))) : Optional.empty();
    PolicyContext context =
        new ExplainInputs(sandbox, args.value("tier"), split(args.values("applied")), custom, gateway).context();
    if (args.flag("json")) {
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
