package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.KeyChange;
import dev.sandboxpolicy.merge.PolicyDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;

/** How {@code merge --dry-run} and {@code remove --dry-run} show a {@link PolicyDiff}, in text and JSON. */
final class PresetChanges {

  private PresetChanges() {}

  /** {@code + network_policies.KEY} (added), {@code ~} (replaced), {@code -} (removed), then the version. */
  static List<String> lines(PolicyDiff diff) {
    List<String> lines = new ArrayList<>();
    for (KeyChange c : diff.changes()) {
      String sign =
          switch (c.kind()) {
            case ADDED -> "+";
            case REPLACED -> "~";
            case REMOVED -> "-";
          };
      lines.add(sign + " network_policies." + c.key());
    }
    if (diff.versionChanged()) {
      lines.add(
          "~ version: "
              + diff.versionBefore().map(String::valueOf).orElse("(absent)")
              + " -> "
              + diff.versionAfter().map(String::valueOf).orElse("(absent)"));
    }
    return lines;
  }

  /** {@code [{"key", "change": "added" | "replaced" | "removed"}]}. */
  static ArrayNode json(PolicyDiff diff) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (KeyChange c : diff.changes()) {
      var o = a.addObject();
      o.put("key", c.key());
      o.put("change", c.kind().name().toLowerCase(Locale.ROOT));
    }
    return a;
  }
}
