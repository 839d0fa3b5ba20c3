package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.schema.DocumentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * One document the editor has open in the language server: its URI, the version the editor gave it, its whole
 * text, and the {@link DocumentKind} it is checked as. Immutable: an edit makes a new one ({@link #edited}).
 *
 * <p>Positions are LSP positions: 0-based lines and 0-based columns in UTF-16 code units, which are Java
 * {@code char} indexes. The library's problems count 1-based columns in code points; {@link #position(int, int)}
 * converts, so a character outside the Basic Multilingual Plane before a problem does not shift it.
 */
final class OpenDocument {

  /**
   * The top-level keys that make a document a blueprint ({@code blueprint.yaml}); a policy has none of them. A
   * top-level {@code preset} key makes a preset.
   */
  private static final List<String> BLUEPRINT_KEYS =
      List.of("components", "profiles", "min_openshell_version", "max_openshell_version", "min_openclaw_version");

  private final String uri;
  private final int version;
  private final String text;
  private final int[] lineStarts;
  private final DocumentKind kind;

  OpenDocument(String uri, int version, String text) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.version = version;
    this.text = Objects.requireNonNull(text, "text");
    this.lineStarts = lineStarts(text);
    this.kind = detectKind();
  }

  String uri() {
    return uri;
  }

  int version() {
    return version;
  }

  String text() {
    return text;
  }

  /**
   * What the document is checked as: the kind whose schema its first-line modeline
   * ({@link FmtCommand#SCHEMA_MODELINE_PREFIX}) names, else a preset when it has a top-level {@code preset} key, a
   * blueprint when it has a blueprint's top-level keys, else a policy.
   */
  DocumentKind kind() {
    return kind;
  }

  /** This document after the editor's {@code changes} (full or ranged), at {@code newVersion}. */
  OpenDocument edited(int newVersion, List<TextDocumentContentChangeEvent> changes) {
    OpenDocument current = new OpenDocument(uri, newVersion, text);
    for (TextDocumentContentChangeEvent change : changes) {
      String next = change.getText();
      if (change.getRange() != null) {
        int start = current.offset(change.getRange().getStart());
        int end = Math.max(start, current.offset(change.getRange().getEnd()));
        next = current.text.substring(0, start) + change.getText() + current.text.substring(end);
      }
      current = new OpenDocument(uri, newVersion, next);
    }
    return current;
  }

  /** The number of lines (a text ending with a line break has an empty last line). */
  int lineCount() {
    return lineStarts.length;
  }

  /** Line {@code line} (0-based) without its line break; empty past the end. */
  String line(int line) {
    if (line < 0 || line >= lineStarts.length) {
      return "";
    }
    int start = lineStarts[line];
    int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  /** Every line, without line breaks. */
  List<String> lines() {
    List<String> out = new ArrayList<>(lineStarts.length);
    for (int i = 0; i < lineStarts.length; i++) {
      out.add(line(i));
    }
    return out;
  }

  /** The offset into {@link #text()} of an LSP position, clamped to the document and to its line. */
  int offset(Position p) {
    if (p.getLine() < 0) {
      return 0;
    }
    if (p.getLine() >= lineStarts.length) {
      return text.length();
    }
    return lineStarts[p.getLine()] + Math.min(Math.max(0, p.getCharacter()), line(p.getLine()).length());
  }

  /**
   * The LSP position of a library position: {@code line} and {@code column} 1-based, the column in code points. A
   * problem without a position ({@code line} 0) is put at the start of the document.
   */
  Position position(int line, int column) {
    if (line <= 0) {
      return new Position(0, 0);
    }
    int l = Math.min(line - 1, lineStarts.length - 1);
    String text = line(l);
    int units = 0;
    for (int points = 1; points < column && units < text.length(); points++) {
      units += Character.charCount(text.codePointAt(units));
    }
    return new Position(l, Math.min(units, text.length()));
  }

  /**
   * The range of the token that starts at {@code start}: a quoted scalar to its closing quote, a plain key or
   * scalar to the {@code :}, comma, bracket or comment that ends it, or the rest of the line. Empty only at the end
   * of a line (a problem such as an unclosed bracket is reported there).
   */
  Range tokenAt(Position start) {
    String text = line(start.getLine());
    int from = Math.min(start.getCharacter(), text.length());
    int end = tokenEnd(text, from);
    if (end == from && from < text.length()) {
      end = from + 1;
    }
    return new Range(new Position(start.getLine(), from), new Position(start.getLine(), end));
  }

  /** Where the YAML token starting at {@code from} in {@code line} ends. */
  static int tokenEnd(String line, int from) {
    if (from >= line.length()) {
      return from;
    }
    char first = line.charAt(from);
    if (first == '"' || first == '\'') {
      for (int i = from + 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (first == '"' && c == '\\') {
          i++;
        } else if (c == first) {
          if (first == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
            i++; // '' is an escaped quote
          } else {
            return i + 1;
          }
        }
      }
      return line.length();
    }
    int end = from;
    while (end < line.length()) {
      char c = line.charAt(end);
      boolean colonEnds = c == ':' && (end + 1 == line.length() || line.charAt(end + 1) == ' ');
      boolean commentStarts = c == '#' && end > from && line.charAt(end - 1) == ' ';
      if (colonEnds || commentStarts || c == ',' || c == ']' || c == '}') {
        break;
      }
      end++;
    }
    while (end > from && line.charAt(end - 1) == ' ') {
      end--;
    }
    return end;
  }

  private DocumentKind detectKind() {
    String first = line(0).trim();
    if (first.startsWith(FmtCommand.SCHEMA_MODELINE_PREFIX)) {
      String url = first.substring(FmtCommand.SCHEMA_MODELINE_PREFIX.length()).trim();
      for (DocumentKind k : DocumentKind.values()) {
        String file = k.schemaResource().substring(k.schemaResource().lastIndexOf('/') + 1);
        if (url.equals(k.schemaId()) || url.endsWith("/" + file) || url.equals(file)) {
          return k;
        }
      }
    }
    for (int i = 0; i < lineStarts.length; i++) {
      String key = topLevelKey(line(i));
      if (key.equals("preset")) {
        return DocumentKind.PRESET;
      }
      if (BLUEPRINT_KEYS.contains(key)) {
        return DocumentKind.BLUEPRINT;
      }
    }
    return DocumentKind.POLICY;
  }

  /**
   * The key of a top-level mapping entry on {@code line} ({@code key:} at column 0, or {@code "key":} one level
   * into a JSON object), or the empty string.
   */
  private static String topLevelKey(String line) {
    String s = line;
    if (s.startsWith("  \"") || s.startsWith("{\"")) {
      s = s.substring(2, s.length());
      int close = s.indexOf('"');
      return close > 0 && s.startsWith(":", close + 1) ? s.substring(0, close) : "";
    }
    if (s.isEmpty() || s.charAt(0) == ' ' || s.charAt(0) == '#' || s.charAt(0) == '-') {
      return "";
    }
    int colon = s.indexOf(':');
    return colon > 0 && (colon + 1 == s.length() || s.charAt(colon + 1) == ' ') ? s.substring(0, colon) : "";
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    int[] out = new int[starts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = starts.get(i);
    }
    return out;
  }
}
