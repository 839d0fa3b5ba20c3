package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.AppliedPreset;
import dev.sandboxpolicy.merge.AppliedPresets;
import dev.sandboxpolicy.merge.BaselineExclusions;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.model.Policy;
import java.util.List;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Tier;
import dev.sandboxpolicy.model.TierPreset;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl presets}: the built-in presets and the tiers. */
@Command(
    name = "presets",
    header = "list the built-in presets and tiers",
    description = {
      "Lists the built-in presets (name, description, the network_policies keys each one sets) and the tiers with"
          + " the presets each one selects and their access. Any built-in name can be given to 'policyctl merge'"
          + " and 'policyctl remove' in place of a preset file. --agent shows the view of a sandbox running that"
          + " agent (default: openclaw, which sees all presets).",
      "",
      "--json prints {\"agent\", \"presets\": [{\"name\", \"description\", \"keys\"}], \"tiers\": [{\"name\","
          + " \"label\", \"description\", \"presets\": [{\"name\", \"access\"}]}]}.",
      "",
      "--applied POLICY lists instead which presets POLICY (a live policy, for example 'openshell policy get --full'"
          + " output) has applied, read from its network_policies keys alone: the live policy is the only state. A"
          + " built-in preset is applied when every one of its keys is there, 'verified' when the entries are exactly"
          + " the preset's, 'drifted' when they differ; 'partial' (some keys) and 'baseline' (the keys hold the"
          + " --baseline policy's own entries) are listed but not applied. A custom preset is found by the keys it"
          + " owns (nemoclaw_custom__NAME__KEY) and is 'custom'. With --baseline, the baseline entries the policy no"
          + " longer holds are listed as excluded. --json prints {\"agent\", \"applied\": [{\"name\", \"source\","
          + " \"state\", \"applied\", \"keys\"}], \"excluded\": [KEY...]}."
    },
    exitCodeList = {"0:ok", "1:POLICY cannot be read as a live policy", "2:usage error"})
final class PresetsCommand extends Subcommand {

  @Option(
      names = "--agent",
      paramLabel = "AGENT",
      description = "the sandbox's agent (default: " + PresetCatalog.DEFAULT_AGENT + ")")
  String agent;

  @Option(names = "--json", description = "print the catalog as JSON")
  boolean json;

  @Option(
      names = "--applied",
      paramLabel = "POLICY",
      description = "list the presets POLICY has applied (from its keys) instead of the catalog")
  String applied;

  @Option(
      names = "--baseline",
      paramLabel = "BASELINE",
      description = "with --applied: the sandbox's baseline policy (entries that are its own, and exclusions)")
  String baseline;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    PresetCatalog catalog =
        agent == null ? PresetCatalog.builtIn() : PresetCatalog.builtIn().forAgent(agent);
    if (applied != null) {
      return applied(catalog, terminal);
    }
    if (baseline != null) {
      throw CommandFailure.usage("--baseline goes with --applied " + helpHint());
    }
    if (json) {
      ObjectNode o = Json.object();
      o.put("agent", catalog.agent());
      ArrayNode presets = o.putArray("presets");
      for (Preset p : catalog.presets()) {
        ObjectNode j = presets.addObject();
        j.put("name", p.name());
        j.put("description", p.description());
        p.networkPolicies().keySet().forEach(j.putArray("keys")::add);
      }
      ArrayNode tiers = o.putArray("tiers");
      for (Tier t : catalog.tiers().tiers()) {
        ObjectNode j = tiers.addObject();
        j.put("name", t.name());
        j.put("label", t.label());
        j.put("description", t.description());
        ArrayNode ps = j.putArray("presets");
        for (TierPreset tp : t.presets()) {
          ps.addObject().put("name", tp.name()).put("access", tp.access());
        }
      }
      terminal.out().println(Json.write(o));
      return ExitCode.OK;
    }
    var out = terminal.out();
    out.println(catalog.agent().isEmpty() ? "Presets:" : "Presets (agent " + catalog.agent() + "):");
    int width = catalog.presets().stream().mapToInt(p -> p.name().length()).max().orElse(0);
    for (Preset p : catalog.presets()) {
      out.println("  " + pad(p.name(), width) + "  " + p.description());
    }
    out.println();
    out.println("Tiers:");
    for (Tier t : catalog.tiers().tiers()) {
      String presets =
          t.presets().stream()
              .map(tp -> tp.access().isEmpty() ? tp.name() : tp.name() + " (" + tp.access() + ")")
              .collect(Collectors.joining(", "));
      boolean label = !t.label().isEmpty() && !t.label().equalsIgnoreCase(t.name());
      out.println("  " + t.name() + (label ? " (" + t.label() + ")" : "") + ": "
          + (presets.isEmpty() ? "(no presets)" : presets));
    }
    return ExitCode.OK;
  }

  /** {@code --applied}: the presets of a live policy, from its keys alone. */
  private int applied(PresetCatalog catalog, Terminal terminal) throws CommandFailure {
    Policy live = LivePolicies.read(applied, terminal).policy();
    Policy base = baseline == null ? null : LivePolicies.read(baseline, terminal).policy();
    List<AppliedPreset> found = AppliedPresets.derive(live, catalog, base);
    List<String> excluded = base == null ? List.of() : BaselineExclusions.excluded(live, base);
    if (json) {
      ObjectNode o = Json.object();
      o.put("agent", catalog.agent());
      ArrayNode list = o.putArray("applied");
      for (AppliedPreset a : found) {
        ObjectNode j = list.addObject();
        j.put("name", a.name());
        j.put("source", a.isCustom() ? "custom" : "builtin");
        j.put("state", a.state().wireName());
        j.put("applied", a.isApplied());
        a.keys().forEach(j.putArray("keys")::add);
      }
      excluded.forEach(o.putArray("excluded")::add);
      terminal.out().println(Json.write(o));
      return ExitCode.OK;
    }
    var out = terminal.out();
    if (found.isEmpty()) {
      out.println("No presets applied.");
    }
    int width = found.stream().mapToInt(a -> a.name().length()).max().orElse(0);
    int stateWidth = found.stream().mapToInt(a -> a.state().wireName().length()).max().orElse(0);
    for (AppliedPreset a : found) {
      out.println((a.isApplied() ? "\u25cf " : "\u25cb ") + pad(a.name(), width) + "  "
          + pad(a.state().wireName(), stateWidth) + "  " + String.join(", ", a.keys()));
    }
    if (!excluded.isEmpty()) {
      out.println();
      out.println("Excluded baseline entries: " + String.join(", ", excluded));
    }
    return ExitCode.OK;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
