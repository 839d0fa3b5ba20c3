package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.schema.DocumentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.InsertTextMode;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import tools.jackson.databind.JsonNode;

/**
 * Completion, from the language reference in the schema ({@link SchemaGuide}) and the built-in preset catalog:
 *
 * <ul>
 *   <li>where a key is written: the keys the mapping may still have (not those already there), in the language
 *       reference's order, each with its type and documentation; the schema's {@code defaultSnippets} (an entry, an
 *       endpoint, a rule) where a new item starts; under a policy's {@code network_policies}, every built-in
 *       preset, inserting its entries;
 *   <li>in a value: the closed set of values ({@code protocol}, {@code access}, {@code enforcement}, {@code tls},
 *       booleans, ...) with their documentation, then the schema's examples.
 * </ul>
 *
 * <p>Each item replaces the word under the cursor; multi-line insertions carry their own indentation
 * ({@link InsertTextMode#AsIs}).
 */
final class LanguageCompletion {

  private LanguageCompletion() {}

  /** The completion items at {@code position}. */
  static List<CompletionItem> at(OpenDocument document, Position position) {
    Optional<YamlCursor> found = YamlCursor.in(document, position);
    if (found.isEmpty()) {
      return List.of();
    }
    YamlCursor cursor = found.get();
    SchemaGuide guide = SchemaGuide.of(document.kind());
    Range range = new Range(
        new Position(cursor.line(), cursor.wordStart()), new Position(cursor.line(), cursor.wordEnd()));
    List<CompletionItem> items = new ArrayList<>();
    if (!cursor.atKey()) {
      values(guide, cursor.wordPath(), range, cursor.style(), items);
      return items;
    }
    List<String> path = cursor.path();
    if (guide.isMapping(path) && !guide.isOpenMapping(path)) {
      String line = document.line(cursor.line());
      boolean keyWritten = line.substring(Math.min(cursor.wordEnd(), line.length())).stripLeading().startsWith(":");
      keys(guide, cursor, range, keyWritten, items);
      if (cursor.siblings().isEmpty() && !keyWritten && cursor.style() == YamlCursor.Style.BLOCK) {
        snippets(guide, path, cursor.wordStart(), range, items);
      }
    } else if (guide.isOpenMapping(path)) {
      if (document.kind() == DocumentKind.POLICY && path.equals(List.of("network_policies"))
          && cursor.style() == YamlCursor.Style.BLOCK) {
        presets(cursor.wordStart(), range, items);
      }
    } else {
      values(guide, path, range, cursor.style(), items); // an item of a list of scalars
    }
    return items;
  }

  private static void keys(SchemaGuide guide, YamlCursor cursor, Range range, boolean keyWritten,
      List<CompletionItem> items) {
    int order = 0;
    for (Map.Entry<String, List<String>> e : guide.properties(cursor.path()).entrySet()) {
      String key = e.getKey();
      order++;
      if (cursor.siblings().contains(key)) {
        continue;
      }
      List<String> path = e.getValue();
      CompletionItem item = new CompletionItem(key);
      item.setKind(CompletionItemKind.Property);
      item.setDetail(guide.typeName(path));
      item.setDocumentation(documentation(guide, path));
      item.setSortText(String.format("%03d", order));
      item.setFilterText(key);
      String insert;
      if (cursor.style() == YamlCursor.Style.BLOCK) {
        insert = keyWritten ? key : key + ":" + afterColon(guide, path, cursor.wordStart());
      } else {
        String written = cursor.style() == YamlCursor.Style.JSON ? jsonString(key) : key;
        insert = keyWritten ? written : written + ": "; // in a flow collection the value stays on the line
      }
      item.setTextEdit(Either.forLeft(new TextEdit(range, insert)));
      item.setInsertTextFormat(InsertTextFormat.PlainText);
      item.setInsertTextMode(InsertTextMode.AsIs);
      items.add(item);
    }
  }

  /** What follows {@code key:}: a space for a scalar, a new indented line for a mapping, a new item for a list. */
  private static String afterColon(SchemaGuide guide, List<String> path, int column) {
    List<JsonNode> nodes = guide.at(path);
    boolean block = !nodes.isEmpty() && nodes.stream().allMatch(
        n -> n.has("properties") || List.of("object", "array").contains(n.path("type").asString("")));
    if (!block) {
      return " ";
    }
    boolean list = nodes.stream().anyMatch(n -> n.path("type").asString("").equals("array"));
    return "\n" + " ".repeat(column + 2) + (list ? "- " : "");
  }

  private static void values(SchemaGuide guide, List<String> path, Range range, YamlCursor.Style style,
      List<CompletionItem> items) {
    int order = 0;
    for (String value : guide.suggestedValues(path)) {
      CompletionItem item = valueItem(value, range, String.format("0%03d", order++), style);
      item.setKind(CompletionItemKind.EnumMember);
      guide.valueDocumentation(path, value).ifPresent(
          doc -> item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc)));
      items.add(item);
    }
    for (String example : guide.examples(path)) {
      if (items.stream().noneMatch(i -> i.getLabel().equals(example))) {
        CompletionItem item = valueItem(example, range, String.format("1%03d", order++), style);
        item.setKind(CompletionItemKind.Value);
        item.setDetail("example");
        items.add(item);
      }
    }
  }

  private static CompletionItem valueItem(String value, Range range, String sortText, YamlCursor.Style style) {
    CompletionItem item = new CompletionItem(value);
    item.setSortText(sortText);
    item.setFilterText(value);
    String written = style != YamlCursor.Style.JSON ? PolicyWriter.yaml(value).strip()
        : List.of("true", "false", "null").contains(value) || isNumber(value) ? value
        : jsonString(value);
    item.setTextEdit(Either.forLeft(new TextEdit(range, written)));
    item.setInsertTextFormat(InsertTextFormat.PlainText);
    return item;
  }

  /** {@code value} as a JSON string. */
  private static String jsonString(String value) {
    return Json.MAPPER.writeValueAsString(value);
  }

  /** Whether {@code value} is written as a JSON number: digits, with a leading minus. */
  private static boolean isNumber(String value) {
    int from = value.startsWith("-") ? 1 : 0;
    return value.length() > from && value.substring(from).chars().allMatch(Character::isDigit);
  }

  /** The schema's {@code defaultSnippets} for the node at {@code path}, as YAML at {@code column}. */
  private static void snippets(SchemaGuide guide, List<String> path, int column, Range range,
      List<CompletionItem> items) {
    for (JsonNode snippet : guide.snippets(path)) {
      JsonNode body = snippet.path("body");
      if (!body.isObject()) {
        continue;
      }
      CompletionItem item = new CompletionItem(snippet.path("label").asString("snippet"));
      item.setKind(CompletionItemKind.Snippet);
      item.setDetail(snippet.path("description").asString(""));
      String text = String.join("\n" + " ".repeat(column), snippetLines(body));
      item.setTextEdit(Either.forLeft(new TextEdit(range, text)));
      item.setInsertTextFormat(InsertTextFormat.Snippet);
      item.setInsertTextMode(InsertTextMode.AsIs);
      item.setSortText("~" + item.getLabel()); // after the keys
      items.add(item);
    }
  }

  /** Every built-in preset, inserting its {@code network_policies} entries at {@code column}. */
  private static void presets(int column, Range range, List<CompletionItem> items) {
    for (Preset preset : PresetCatalog.builtIn().presets()) {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<String, NetworkPolicy> e : preset.networkPolicies().entrySet()) {
        entries.put(e.getKey(), PolicyWriter.toTree(e.getValue()));
      }
      String yaml = PolicyWriter.yaml(entries);
      String indented = yaml.stripTrailing().replace("\n", "\n" + " ".repeat(column));
      CompletionItem item = new CompletionItem(preset.name());
      item.setKind(CompletionItemKind.Module);
      item.setDetail("built-in preset" + (preset.description().isEmpty() ? "" : ": " + preset.description()));
      item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN,
          "Inserts the entries of the built-in preset `" + preset.name() + "`:\n\n```yaml\n" + yaml + "```"));
      item.setFilterText(preset.name());
      item.setTextEdit(Either.forLeft(new TextEdit(range, indented)));
      item.setInsertTextFormat(InsertTextFormat.PlainText);
      item.setInsertTextMode(InsertTextMode.AsIs);
      items.add(item);
    }
  }

  /**
   * A snippet body (JSON, as yaml-language-server takes it) as block YAML lines without indentation: strings are
   * written as they are, so their {@code ${1:placeholder}}s stay snippet placeholders.
   */
  static List<String> snippetLines(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode v = e.getValue();
        if (v.isValueNode()) {
          String scalar = v.asString();
          // yaml-language-server's convention: a leading ^ inserts the rest unquoted (a number placeholder)
          out.add(e.getKey() + ": " + (scalar.startsWith("^") ? scalar.substring(1) : scalar));
        } else {
          out.add(e.getKey() + ":");
          snippetLines(v).forEach(l -> out.add("  " + l));
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        List<String> lines = snippetLines(item);
        for (int i = 0; i < lines.size(); i++) {
          out.add((i == 0 ? "- " : "  ") + lines.get(i));
        }
      }
    } else {
      out.add(node.asString());
    }
    return out;
  }

  private static MarkupContent documentation(SchemaGuide guide, List<String> path) {
    StringBuilder text = new StringBuilder();
    guide.documentation(path).ifPresent(text::append);
    String facts = LanguageHover.facts(guide, path);
    if (!facts.isEmpty()) {
      text.append(text.length() > 0 ? "\n\n" : "").append(facts);
    }
    return new MarkupContent(MarkupKind.MARKDOWN, text.toString());
  }
}
