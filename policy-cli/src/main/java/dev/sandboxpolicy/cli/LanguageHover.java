package dev.sandboxpolicy.cli;

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
    Optional<YamlCursor> found = YamlCursor.at(document.lines(), position.getLine(), position.getCharacter());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlCursor cursor = found.get();
    List<String> path = cursor.wordPath();
    SchemaGuide guide = SchemaGuide.of(document.kind());
    if (path.isEmpty() || !guide.knows(path)) {
      return Optional.empty();
    }
    String name = path.get(path.size() - 1);
    StringBuilder text = new StringBuilder();
    if (cursor.valueOf().isPresent() && !cursor.word().isEmpty()) {
      String value = YamlCursor.unquote(cursor.word());
      guide.valueDocumentation(path, value).ifPresent(doc -> text.append("`").append(value).append("`: ").append(doc)
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

  /** {@code **name** · type}; a user-chosen key ({@code github} under {@code network_policies}) is shown as such. */
  static String heading(SchemaGuide guide, List<String> path, String name) {
    String type = guide.typeName(path);
    List<String> parent = path.subList(0, path.size() - 1);
    boolean chosenName = guide.isOpenMapping(parent);
    boolean index = !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    String shown = index ? "**item " + name + "**"
        : chosenName ? "**" + name + "** *(a name you choose)*"
        : "**" + name + "**";
    return shown + (type.isEmpty() ? "" : " · " + type);
  }

  /** {@code Values: `a`, `b` · Default: `x`}, or empty. */
  static String facts(SchemaGuide guide, List<String> path) {
    StringBuilder out = new StringBuilder();
    List<String> values = guide.values(path);
    if (!values.isEmpty() && !values.equals(List.of("true", "false"))) {
      out.append("Values: ").append(String.join(", ", values.stream().map(v -> "`" + v + "`").toList()));
    }
    guide.defaultValue(path).ifPresent(d -> {
      if (out.length() > 0) {
        out.append(" · ");
      }
      out.append("Default: `").append(d.isEmpty() ? "\"\"" : d).append("`");
    });
    return out.toString();
  }
}
