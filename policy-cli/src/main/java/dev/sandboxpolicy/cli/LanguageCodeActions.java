package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Quick fixes for this server's diagnostics, each one edit the user picks:
 *
 * <ul>
 *   <li>{@code unknown_key}: "did you mean" the closest keys the mapping may have (at most
 *       {@link UsageErrors#MAX_SUGGESTIONS}, within {@link UsageErrors#MAX_SUGGESTION_EDITS} edits or a third of the
 *       key), renaming the key;
 *   <li>a value outside its closed set ({@code enforcement_unknown}, {@code access_unknown}, {@code tls_unknown},
 *       {@code protocol_unknown}, {@code landlock_compatibility_unknown}, {@code persisted_queries_invalid},
 *       {@code credential_signing_unknown}, an {@code mcp.versions} entry ({@code mcp_version_unknown}),
 *       {@code value_not_allowed}, a boolean written {@code yes}): the closest allowed value, or every allowed value
 *       when none is close;
 *   <li>{@code missing_version}: add {@code version: 1}; {@code coerced_scalar}: quote the value; {@code wrong_type}
 *       of a quoted number where an integer belongs: unquote it;
 *   <li>{@code tls_deprecated}: remove the no-op {@code tls} line; {@code port_and_ports}: remove the ignored
 *       {@code port} line; {@code rest_rule_without_path}: add {@code path: "/**"}, as its message suggests.
 * </ul>
 */
final class LanguageCodeActions {

  /** The most values offered when none is close to what was written. */
  static final int MAX_VALUE_CHOICES = 8;

  /** The codes whose value is outside a closed set the schema lists. */
  private static final List<String> CLOSED_SET_CODES = List.of(
      ProblemCode.ENFORCEMENT_UNKNOWN.wireName(), ProblemCode.ACCESS_UNKNOWN.wireName(),
      ProblemCode.TLS_UNKNOWN.wireName(), ProblemCode.PROTOCOL_UNKNOWN.wireName(),
      ProblemCode.LANDLOCK_COMPATIBILITY_UNKNOWN.wireName(), ProblemCode.PERSISTED_QUERIES_INVALID.wireName(),
      ProblemCode.CREDENTIAL_SIGNING_UNKNOWN.wireName(), ProblemCode.MCP_VERSION_UNKNOWN.wireName(),
      ProblemCode.VALUE_NOT_ALLOWED.wireName(), ProblemCode.WRONG_TYPE.wireName());

  private LanguageCodeActions() {}

  /** The fixes for {@code diagnostics} (those of this server; others are ignored). */
  static List<CodeAction> forDiagnostics(OpenDocument document, List<Diagnostic> diagnostics) {
    List<CodeAction> out = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      if (!LanguageDiagnostics.SOURCE.equals(d.getSource())) {
        continue;
      }
      String code = LanguageDiagnostics.code(d);
      String pointer = LanguageDiagnostics.pointer(d);
      if (code.equals(ProblemCode.UNKNOWN_KEY.wireName())) {
        unknownKey(document, d, pointer, out);
      } else if (code.equals(ProblemCode.MISSING_VERSION.wireName())) {
        missingVersion(document, d, out);
      } else if (code.equals(ProblemCode.COERCED_SCALAR.wireName())) {
        String token = text(document, d.getRange());
        out.add(action("Quote " + token + " (a string)", document, d, new TextEdit(d.getRange(), "\"" + token + "\""),
            true));
      } else if (code.equals(ProblemCode.TLS_DEPRECATED.wireName())
          || code.equals(ProblemCode.PORT_AND_PORTS.wireName())) {
        removeLine(document, d, pointer, out);
      } else if (code.equals(ProblemCode.REST_RULE_WITHOUT_PATH.wireName())) {
        addPath(document, d, out);
      } else if (code.equals(ProblemCode.WRONG_TYPE.wireName())) {
        quotedNumber(document, d, pointer, out);
      }
      if (CLOSED_SET_CODES.contains(code)) {
        closedSet(document, d, pointer, out);
      }
    }
    return out;
  }

  private static void unknownKey(OpenDocument document, Diagnostic d, String pointer, List<CodeAction> out) {
    List<String> tokens = JsonPointer.tokens(pointer);
    if (tokens.isEmpty()) {
      return;
    }
    String key = tokens.get(tokens.size() - 1);
    List<String> parent = tokens.subList(0, tokens.size() - 1);
    Map<String, List<String>> known = SchemaGuide.of(document.kind()).properties(parent);
    Optional<Range> keyRange = keyRange(document, key, d.getRange().getStart());
    if (keyRange.isEmpty()) {
      return;
    }
    List<String> suggestions = UsageErrors.closest(key, List.copyOf(known.keySet()));
    for (String s : suggestions) {
      out.add(action("Did you mean '" + s + "'? (rename '" + key + "')", document, d,
          new TextEdit(keyRange.get(), s), suggestions.size() == 1));
    }
  }

  private static void closedSet(OpenDocument document, Diagnostic d, String pointer, List<CodeAction> out) {
    List<String> path = JsonPointer.tokens(pointer);
    List<String> values = SchemaGuide.of(document.kind()).suggestedValues(path);
    if (values.isEmpty()) {
      return;
    }
    String written = YamlCursor.unquote(text(document, d.getRange()));
    if (values.contains(written)) {
      return;
    }
    if (values.equals(List.of("true", "false"))) {
      String yes = written.toLowerCase(java.util.Locale.ROOT);
      boolean truthy = List.of("yes", "y", "on", "true").contains(yes);
      boolean falsy = List.of("no", "n", "off", "false").contains(yes);
      if (truthy || falsy) {
        out.add(action("Change to " + truthy, document, d, new TextEdit(d.getRange(), String.valueOf(truthy)),
            true));
      }
      return;
    }
    List<String> close = UsageErrors.closest(written, values);
    List<String> offered = close.isEmpty() && values.size() <= MAX_VALUE_CHOICES ? values : close;
    for (String v : offered) {
      out.add(action("Change to '" + v + "'", document, d,
          new TextEdit(d.getRange(), PolicyWriter.yaml(v).strip()), offered.size() == 1));
    }
  }

  /** {@code port: "443"}: the quoted number where the schema wants an integer, unquoted. */
  private static void quotedNumber(OpenDocument document, Diagnostic d, String pointer, List<CodeAction> out) {
    String token = text(document, d.getRange());
    String inner = YamlCursor.unquote(token);
    boolean quotedDigits = !inner.equals(token) && !inner.isEmpty() && inner.chars().allMatch(Character::isDigit);
    boolean integer = SchemaGuide.of(document.kind()).at(JsonPointer.tokens(pointer)).stream()
        .anyMatch(n -> "integer".equals(n.path("type").asString("")));
    if (quotedDigits && integer) {
      out.add(action("Write " + inner + " as a number", document, d, new TextEdit(d.getRange(), inner), true));
    }
  }

  private static void missingVersion(OpenDocument document, Diagnostic d, List<CodeAction> out) {
    int line = 0;
    while (line < document.lineCount() - 1 && document.line(line).stripLeading().startsWith("#")) {
      line++; // after a modeline or a leading comment
    }
    if (document.line(line).stripLeading().startsWith("{")) {
      return; // JSON: left to the author
    }
    Position at = new Position(line, 0);
    out.add(action("Add 'version: 1'", document, d, new TextEdit(new Range(at, at), "version: 1\n"), true));
  }

  /** Removes the whole {@code key: value} line the diagnostic is on, when that line holds just that key. */
  private static void removeLine(OpenDocument document, Diagnostic d, String pointer, List<CodeAction> out) {
    List<String> tokens = JsonPointer.tokens(pointer);
    int line = d.getRange().getStart().getLine();
    YamlCursor.Shape shape = YamlCursor.Shape.of(document.line(line));
    if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).equals(shape.key) || !shape.dashes.isEmpty()) {
      return;
    }
    Range whole = new Range(new Position(line, 0), new Position(line + 1, 0));
    out.add(action("Remove '" + document.line(line).strip() + "' (it has no effect)", document, d,
        new TextEdit(whole, ""), true));
  }

  /** Adds {@code path: "/**"} as the first key of a block-style rule body. */
  private static void addPath(OpenDocument document, Diagnostic d, List<CodeAction> out) {
    Position start = d.getRange().getStart();
    YamlCursor.Shape shape = YamlCursor.Shape.of(document.line(start.getLine()));
    if (shape.key == null || shape.contentCol != start.getCharacter()) {
      return; // a flow mapping: left to the author
    }
    String indent = " ".repeat(start.getCharacter());
    String firstKey = document.line(start.getLine()).substring(start.getCharacter());
    TextEdit edit = new TextEdit(new Range(start, new Position(start.getLine(), document.line(start.getLine())
        .length())), "path: \"/**\"\n" + indent + firstKey);
    out.add(action("Add path: \"/**\" (the rule then matches every path)", document, d, edit, false));
  }

  /**
   * The range of {@code key} written as a mapping key at or before {@code valueStart} (the problem is located at
   * the key's value, which may be on a later line).
   */
  static Optional<Range> keyRange(OpenDocument document, String key, Position valueStart) {
    for (int line = valueStart.getLine(); line >= 0 && line >= valueStart.getLine() - 2; line--) {
      YamlCursor.Shape shape = YamlCursor.Shape.of(document.line(line));
      if (key.equals(shape.key) && (line < valueStart.getLine() || shape.colon < valueStart.getCharacter())) {
        return Optional.of(new Range(new Position(line, shape.contentCol), new Position(line, shape.keyEnd)));
      }
      String text = document.line(line);
      int limit = line == valueStart.getLine() ? valueStart.getCharacter() : text.length();
      int at = text.lastIndexOf(key + ":", Math.max(0, limit - 1));
      if (at >= 0 && at < limit) {
        return Optional.of(new Range(new Position(line, at), new Position(line, at + key.length())));
      }
    }
    return Optional.empty();
  }

  private static String text(OpenDocument document, Range range) {
    String line = document.line(range.getStart().getLine());
    int from = Math.min(range.getStart().getCharacter(), line.length());
    int to = range.getEnd().getLine() == range.getStart().getLine()
        ? Math.min(range.getEnd().getCharacter(), line.length()) : line.length();
    return line.substring(from, Math.max(from, to));
  }

  private static CodeAction action(String title, OpenDocument document, Diagnostic d, TextEdit edit,
      boolean preferred) {
    CodeAction action = new CodeAction(title);
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(List.of(d));
    action.setEdit(new WorkspaceEdit(Map.of(document.uri(), List.of(edit))));
    if (preferred) {
      action.setIsPreferred(true);
    }
    return action;
  }
}
