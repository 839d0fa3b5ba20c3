package dev.sandboxpolicy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Hover: what the key under the cursor (or the key whose value it is on) means, from the language reference in the
 * schema ({@link SchemaGuide}): its type, its documentation, its closed set of values and its default. On a value
 * of a closed set, that value's own documentation comes first when the schema has one.
 *
 * <pre>{@code
 * **enforcement** · string
 *
 * Whether a denied request is blocked ... Anything but `enforce` audits.
 *
 * Values: `enforce`, `audit` · Default: `audit`
 * }</pre>
 */
final class LanguageHover {

  private LanguageHover() {}

  /** The hover at {@code position}, or empty where the schema describes nothing (user data, unknown keys). */
  static Optional<Hover> at(OpenDocument document, Position position) {
    Optional<YamlCursor> found = YamlCursor.in(document, position);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlCursor cursor = found.get();
    List<String> path = cursor.wordPath();
    SchemaGuide guide = SchemaGuide.of(document.kind());
    boolean scalarItem = cursor.atKey() && !cursor.word().isEmpty() && !guide.knows(path) && isItem(cursor.path())
        && guide.knows(cursor.path()) && !guide.isMapping(cursor.path());
    if (scalarItem) {
      path = cursor.path().subList(0, cursor.path().size() - 1); // an item of a list of scalars: the list's hover
    }
    if (path.isEmpty() || !guide.knows(path)) {
      return Optional.empty();
    }
    String name = path.get(path.size() - 1);
    StringBuilder text = new StringBuilder();
    if ((cursor.valueOf().isPresent() || scalarItem) && !cursor.word().isEmpty()) {
      String value = YamlCursor.unquote(cursor.word());
      guide.valueDocumentation(scalarItem ? cursor.path() : path, value).ifPresent(doc -> text.append("`").append(value).append("`: ").append(doc)
          .append("\n\n"));
    }
    text.append(heading(guide, path, name));
    guide.documentation(path).ifPresent(doc -> text.append("\n\n").append(doc));
    String facts = facts(guide, path);
    if (!facts.isEmpty()) {
      text.append("\n\n").append(facts);
    }
    Hover hover = new Hover(new MarkupContent(MarkupKind.MARKDOWN, text.toString()));
    hover.setRange(new Range(
        new Position(cursor.line(), cursor.wordStart()), new Position(cursor.line(), cursor.wordEnd())));
    return Optional.of(hover);
  }

  private static boolean isItem(List<String> path) {
    return !path.isEmpty() && isIndex(path.get(path.size() - 1));
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
  }

  /** {@code **name** · type}; a user-chosen key ({@code github} under {@code network_policies}) is shown as such. */
  static String heading(SchemaGuide guide, List<String> path, String name) {
    String type = guide.typeName(path);
    List<String> parent = path.subList(0, path.size() - 1);
    boolean chosenName = guide.isOpenMapping(parent);
    boolean index = isIndex(name);
    String shown = index ? "**item " + name + "**"
        : chosenName ? "**" + name + "** *(a name you choose)*"
        : "**" + name + "**";
    return shown + (type.isEmpty() ? "" : " · " + type);
  }

  /**
   * {@code Values: `a`, `b` · Default: `x`} ({@code Items:} for a list whose items are a closed set), or empty.
   */
  static String facts(SchemaGuide guide, List<String> path) {
    StringBuilder out = new StringBuilder();
    List<String> values = guide.values(path);
    String label = "Values: ";
    if (values.isEmpty()) {
      List<String> item = new ArrayList<>(path);
      item.add("0");
      values = guide.values(item);
      label = "Items: ";
    }
    if (!values.isEmpty() && !values.equals(List.of("true", "false"))) {
      out.append(label).append(String.join(", ", values.stream().map(LanguageHover::code).toList()));
    }
    guide.defaultValue(path).ifPresent(d -> {
      if (out.length() > 0) {
        out.append(" · ");
      }
      out.append("Default: ").append(code(d));
    });
    return out.toString();
  }

  /** {@code value} as inline code; the empty string as {@code ""}. */
  private static String code(String value) {
    return "`" + (value.isEmpty() ? "\"\"" : value) + "`";
  }
}
