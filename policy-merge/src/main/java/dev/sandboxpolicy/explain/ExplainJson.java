package dev.sandboxpolicy.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON shapes of this package, with upstream's camelCase field names and field order: the
 * {@code policy-explain --json} context (spec nemoclaw-preset-layer §6.1) and the classifier result (§7).
 *
 * <p>Trees are plain ordered values, as {@code PolicyWriter.toTree} gives them: a {@code Map<String, Object>} that keeps
 * the field order, {@code List}s, {@code String}s, {@code Integer}s and {@code null}, so a caller can hand them to any
 * JSON library or embed them in its own responses; no Jackson type is part of this API.
 * {@link #toJson} prints a tree the way {@code JSON.stringify(value, null, 2)} does (2-space indent,
 * {@code "key": value}, {@code []} for empty arrays):
 *
 * <pre>{@code
 * String json = ExplainJson.toJson(ExplainJson.toTree(context)); // policy-explain --json
 * }</pre>
 */
public final class ExplainJson {

  /** JSON.stringify's indentation unit for {@code --json} (2 spaces). */
  static final String INDENT = "  ";

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
   * The context as a plain ordered tree: {@code sandboxName, tier, activePresets, knownUnappliedPresets,
   * approvalPath, supportBoundaries, generatedAt}, in that order; {@code tier} is {@code null} when absent.
   *
   * @param context the context
   * @return a fresh, modifiable tree
   */
  public static Map<String, Object> toTree(PolicyContext context) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sandboxName", context.sandboxName());
    root.put("tier", context.tier().map(ExplainJson::tier).orElse(null));
    root.put("activePresets", presets(context.activePresets()));
    root.put("knownUnappliedPresets", presets(context.knownUnappliedPresets()));
    Map<String, Object> path = new LinkedHashMap<>();
    path.put("inspect", context.approvalPath().inspect());
    path.put("add", context.approvalPath().add());
    path.put("remove", context.approvalPath().remove());
    path.put("documentation", context.approvalPath().documentation());
    root.put("approvalPath", path);
    List<Object> boundaries = new ArrayList<>();
    for (SupportBoundary b : context.supportBoundaries()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("capability", b.capability());
      node.put("owner", b.owner());
      node.put("note", b.note());
      boundaries.add(node);
    }
    root.put("supportBoundaries", boundaries);
    root.put("generatedAt", context.generatedAtText());
    return root;
  }

  private static Map<String, Object> tier(TierSummary tier) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", tier.name());
    t.put("label", tier.label());
    t.put("description", tier.description());
    return t;
  }

  private static List<Object> presets(List<PresetEntry> entries) {
    List<Object> array = new ArrayList<>(entries.size());
    for (PresetEntry p : entries) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("name", p.name());
      node.put("description", p.description());
      node.put("allowedHostCategories", new ArrayList<Object>(p.allowedHostCategories()));
      node.put("redactedHostCount", p.redactedHostCount());
      node.put("source", p.source().wireName());
      node.put("verification", p.verification().wireName());
      array.add(node);
    }
    return array;
  }

  /**
   * The classifier result as a plain ordered tree: {@code kind, reason, nextStep, matchedPreset?, confidence}
   * (upstream order; {@code matchedPreset} only when present). The wire protocol's snake_case names are the CLI's
   * mapping of these.
   *
   * @param result the classification
   * @return a fresh, modifiable tree
   */
  public static Map<String, Object> toTree(FailureClassification result) {
    Map<String, Object> root = new LinkedHashMap<>();
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
   * @param tree a tree of this class (or any tree of {@code Map}, {@code List}, strings, numbers, booleans and
   *     {@code null})
   * @return the JSON text
   */
  public static String toJson(Map<String, ?> tree) {
    return WRITER.writeValueAsString(tree);
  }
}
