package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.PresetCatalog;
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
          + " \"label\", \"description\", \"presets\": [{\"name\", \"access\"}]}]}."
    },
    exitCodeList = {"0:ok", "2:usage error"})
final class PresetsCommand extends Subcommand {

  @Option(
      names = "--agent",
      paramLabel = "AGENT",
      description = "the sandbox's agent (default: " + PresetCatalog.DEFAULT_AGENT + ")")
  String agent;

  @Option(names = "--json", description = "print the catalog as JSON")
  boolean json;

  @Override
  int run(Terminal terminal) {
    PresetCatalog catalog =
        agent == null ? PresetCatalog.builtIn() : PresetCatalog.builtIn().forAgent(agent);
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

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
