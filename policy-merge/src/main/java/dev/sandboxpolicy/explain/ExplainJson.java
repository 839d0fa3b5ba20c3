package dev.sandboxpolicy.explain;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of this package, with upstream's camelCase field names and field order: the
 * {@code policy-explain --json} context (spec nemoclaw-preset-layer §6.1) and the classifier result (§7). Trees are
 * Jackson 3 nodes so the CLI can embed them in protocol responses; {@link #toJson} prints them the way
 * {@code JSON.stringify(value, null, 2)} does (2-space indent, {@code "key": value}, {@code []} for empty arrays).
 */
public final class ExplainJson {

  /** JSON.stringify's indentation unit for {@code --json} (2 spaces). */
  static final String INDENT = "  ";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectWriter WRITER =
      JsonMapper.builder()
          .build()
          .writer()
          .with(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withObjectIndenter(new DefaultIndenter(INDENT, "\n"))
                  .withArrayIndenter(new DefaultIndenter(INDENT, "\n")));

  private ExplainJson() {}

  /**
   * The context as a JSON tree: {@code sandboxName, tier, activePresets, knownUnappliedPresets, approvalPath,
   * supportBoundaries, generatedAt}, in that order; {@code tier} is {@code null} when absent.
   *
   * @param context the context
   * @return a fresh tree
   */
  public static ObjectNode toTree(PolicyContext context) {
    ObjectNode root = NODES.objectNode();
    root.put("sandboxName", context.sandboxName());
    if (context.tier().isPresent()) {
      TierSummary tier = context.tier().get();
      ObjectNode t = root.putObject("tier");
      t.put("name", tier.name());
      t.put("label", tier.label());
      t.put("description", tier.description());
    } else {
      root.putNull("tier");
    }
    presets(root.putArray("activePresets"), context.activePresets());
    presets(root.putArray("knownUnappliedPresets"), context.knownUnappliedPresets());
    ObjectNode path = root.putObject("approvalPath");
    path.put("inspect", context.approvalPath().inspect());
    path.put("add", context.approvalPath().add());
    path.put("remove", context.approvalPath().remove());
    path.put("documentation", context.approvalPath().documentation());
    ArrayNode boundaries = root.putArray("supportBoundaries");
    for (SupportBoundary b : context.supportBoundaries()) {
      ObjectNode node = boundaries.addObject();
      node.put("capability", b.capability());
      node.put("owner", b.owner());
      node.put("note", b.note());
    }
    root.put("generatedAt", context.generatedAtText());
    return root;
  }

  private static void presets(ArrayNode array, Iterable<PresetEntry> entries) {
    for (PresetEntry p : entries) {
      ObjectNode node = array.addObject();
      node.put("name", p.name());
      node.put("description", p.description());
      ArrayNode hosts = node.putArray("allowedHostCategories");
      p.allowedHostCategories().forEach(hosts::add);
      node.put("redactedHostCount", p.redactedHostCount());
      node.put("source", p.source().wireName());
      node.put("verification", p.verification().wireName());
    }
  }

  /**
   * The classifier result as a JSON tree: {@code kind, reason, nextStep, matchedPreset?, confidence} (upstream order;
   * {@code matchedPreset} only when present). The wire protocol's snake_case names are the CLI's mapping of these.
   *
   * @param result the classification
   * @return a fresh tree
   */
  public static ObjectNode toTree(FailureClassification result) {
    ObjectNode root = NODES.objectNode();
    root.put("kind", result.kind().wireName());
    root.put("reason", result.reason());
    root.put("nextStep", result.nextStep());
    result.matchedPreset().ifPresent(p -> root.put("matchedPreset", p));
    root.put("confidence", result.confidence().wireName());
    return root;
  }

  /**
   * Prints a tree like {@code JSON.stringify(tree, null, 2)} (no trailing newline).
   *
   * @param tree the tree
   * @return the JSON text
   */
  public static String toJson(ObjectNode tree) {
    return WRITER.writeValueAsString(tree);
  }
}
