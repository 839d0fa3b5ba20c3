package dev.sandboxpolicy.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.Position;

/**
 * Where an editor's cursor is in a block-style YAML document, worked out from indentation alone so that it also
 * works on the half-typed line being edited, which no YAML parser accepts: the path from the root to the mapping
 * (or sequence item) that holds the cursor's word, whether the word is a key or the value of a key, and the keys
 * already present beside it.
 *
 * <pre>{@code
 * network_policies:
 *   github:
 *     endpoints:
 *       - host: api.github.com
 *         prot|                  -> path [network_policies, github, endpoints, 0], a key slot, word "prot"
 *         protocol: r|           -> the same path, the value of "protocol", word "r"
 * }</pre>
 *
 * <p>Inside a flow collection ({@code {a: 1}}, {@code [1, 2]}) or a JSON document, {@link #in} follows the
 * collection instead ({@link FlowCursor}); {@link #at} alone places the cursor at the key the flow value belongs to.
 *
 * @param path the keys and sequence indexes (decimal) from the root to the mapping or item holding the word
 * @param valueOf the key whose value the cursor is in, or empty when the cursor is where a key (or, in a
 *     sequence of scalars, an item) is written
 * @param word the whole token under the cursor ({@code ""} when there is none)
 * @param line the cursor's line (0-based)
 * @param wordStart where {@code word} starts on that line
 * @param wordEnd where it ends
 * @param siblings the other keys written in the same mapping
 * @param style how the collection holding the word is written, which decides how a completion is inserted
 */
record YamlCursor(
    List<String> path,
    Optional<String> valueOf,
    String word,
    int line,
    int wordStart,
    int wordEnd,
    Set<String> siblings,
    Style style) {

  /** How the collection that holds the cursor is written. */
  enum Style {
    /** Block style: one entry a line, nesting by indentation. */
    BLOCK,
    /** A flow collection in a YAML document: entries between brackets, separated by commas. */
    FLOW,
    /** A flow collection in a document that is one (JSON): keys and strings are written quoted. */
    JSON
  }

  /** The cursor's context in {@code document} at {@code position}: in a flow collection, else in block style. */
  static Optional<YamlCursor> in(OpenDocument document, Position position) {
    List<String> lines = document.lines();
    return FlowCursor.at(document.text(), lines, position.getLine(), position.getCharacter())
        .or(() -> at(lines, position.getLine(), position.getCharacter()));
  }

  /** The cursor's context in {@code lines} at {@code line}, {@code character}; empty inside a comment. */
  static Optional<YamlCursor> at(List<String> lines, int line, int character) {
    if (line < 0 || line >= lines.size()) {
      return Optional.empty();
    }
    String text = lines.get(line);
    int ch = Math.min(Math.max(0, character), text.length());
    Shape cur = Shape.of(text);
    if (cur.comment && ch > cur.contentCol) {
      return Optional.empty();
    }
    int entityCol;
    Optional<String> valueOf = Optional.empty();
    int wordStart;
    int wordEnd;
    if (cur.key != null && ch > cur.colon) {
      valueOf = Optional.of(cur.key);
      entityCol = cur.contentCol;
      if (cur.valueCol < text.length() && ch >= cur.valueCol && text.charAt(cur.valueCol) != '#') {
        wordStart = cur.valueCol;
        wordEnd = Math.max(ch, OpenDocument.tokenEnd(text, cur.valueCol));
      } else {
        wordStart = ch;
        wordEnd = ch;
      }
    } else if (cur.key != null) {
      entityCol = cur.contentCol;
      wordStart = cur.contentCol;
      wordEnd = cur.keyEnd;
    } else if (!cur.blank) {
      entityCol = cur.contentCol;
      wordStart = cur.contentCol;
      wordEnd = Math.max(Math.min(ch, text.length()), OpenDocument.tokenEnd(text, cur.contentCol));
    } else {
      entityCol = cur.dashes.isEmpty() ? ch : Math.max(ch, cur.dashes.get(cur.dashes.size() - 1) + 2);
      wordStart = ch;
      wordEnd = ch;
    }
    String word = text.substring(Math.min(wordStart, text.length()), Math.min(wordEnd, text.length()));
    if (valueOf.isEmpty() && cur.key != null) {
      word = cur.key;
    }
    List<Integer> ownDashes = cur.dashes.stream().filter(d -> d < entityCol).toList();
    Walk walk = new Walk();
    walk.enterLine(ownDashes, entityCol);
    for (int i = line - 1; i >= 0 && !walk.done; i--) {
      walk.step(Shape.of(lines.get(i)));
    }
    List<String> path = walk.finish();
    Set<String> siblings = siblings(lines, line, entityCol, !ownDashes.isEmpty());
    return Optional.of(
        new YamlCursor(path, valueOf, word, line, wordStart, wordEnd, Collections.unmodifiableSet(siblings),
            Style.BLOCK));
  }

  /** Whether the cursor is where a key is written (or a scalar item of a sequence), not in a key's value. */
  boolean atKey() {
    return valueOf.isEmpty();
  }

  /** The path of the node the word names: the key's own path at a key, the key's path in a value. */
  List<String> wordPath() {
    List<String> out = new ArrayList<>(path);
    if (valueOf.isPresent()) {
      out.add(valueOf.get());
    } else if (!word.isEmpty()) {
      out.add(word);
    }
    return out;
  }

  /** The keys at {@code entityCol} in the mapping around {@code line} (not the one on {@code line} itself). */
  private static Set<String> siblings(List<String> lines, int line, int entityCol, boolean lineStartsItem) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = line - 1; i >= 0; i--) {
      Shape s = Shape.of(lines.get(i));
      if (s.blank || s.contentCol > entityCol && (s.dashes.isEmpty() || s.dashes.get(0) >= entityCol)) {
        continue;
      }
      if (s.contentCol != entityCol || s.key == null || s.dashes.stream().anyMatch(d -> d >= entityCol)) {
        break;
      }
      if (!s.dashes.isEmpty()) {
        if (!lineStartsItem) {
          out.add(s.key); // the first line of the item the cursor is in
        }
        break;
      }
      out.add(s.key);
    }
    for (int i = line + 1; i < lines.size(); i++) {
      Shape s = Shape.of(lines.get(i));
      if (s.blank) {
        continue;
      }
      if (!s.dashes.isEmpty() && s.dashes.get(0) < entityCol || s.contentCol < entityCol) {
        break;
      }
      if (s.contentCol == entityCol && s.key != null && s.dashes.isEmpty()) {
        out.add(s.key);
      }
    }
    return out;
  }

  /**
   * The upward walk from the cursor's line to the root: it looks for the line that holds the current node (a key
   * less indented than it, or the dash of the sequence item it is in), and counts the items of each sequence it
   * passes through to give their indexes. Segments are collected deepest first.
   */
  private static final class Walk {
    private final List<String> reversed = new ArrayList<>();
    /** The column of the node whose parent is sought. */
    private int col;
    /** Whether that node is a sequence item (a dash at {@link #col}) whose index is being counted. */
    private boolean inSequence;
    private int index;
    private boolean done;

    /** A node at {@code elementCol} on a line with {@code dashes} before it: it is inside those items. */
    void enterLine(List<Integer> dashes, int elementCol) {
      for (int j = dashes.size() - 1; j >= 1; j--) {
        reversed.add("0"); // an inner dash on the same line starts its sequence: the first item
      }
      if (dashes.isEmpty()) {
        inSequence = false;
        col = elementCol;
      } else {
        inSequence = true;
        col = dashes.get(0);
        index = 0;
      }
    }

    void step(Shape s) {
      if (s.documentMarker) {
        done = true;
        return;
      }
      if (s.blank) {
        return;
      }
      if (inSequence) {
        int sibling = s.dashes.indexOf(col);
        if (sibling >= 0) {
          index++; // an earlier item of the same sequence
          if (sibling > 0) {
            // the first item: the sequence starts on this line, in the item of the dash before it
            reversed.add(Integer.toString(index));
            enterLine(s.dashes.subList(0, sibling), col);
          }
          return;
        }
        // the key that holds the sequence: less indented, or at the dash's own column (compact style)
        if (s.key != null && s.contentCol <= col) {
          reversed.add(Integer.toString(index));
          reversed.add(s.key);
          enterLine(s.dashes, s.contentCol);
          return;
        }
        int dash = deepestDashBefore(s, col);
        if (dash >= 0 && s.contentCol >= col) {
          reversed.add(Integer.toString(index)); // a sequence nested in an item
          enterLine(s.dashes.subList(0, dash + 1), col);
        }
        return;
      }
      if (s.key != null && s.contentCol < col) {
        reversed.add(s.key);
        enterLine(s.dashes, s.contentCol);
        return;
      }
      int dash = deepestDashBefore(s, col);
      if (dash >= 0 && s.contentCol >= col) {
        enterLine(s.dashes.subList(0, dash + 1), col); // the first line of the item holding the node
      }
    }

    /** The position in {@code s.dashes} of the last dash before {@code column}, or -1. */
    private static int deepestDashBefore(Shape s, int column) {
      int found = -1;
      for (int j = 0; j < s.dashes.size(); j++) {
        if (s.dashes.get(j) < column) {
          found = j;
        }
      }
      return found;
    }

    List<String> finish() {
      if (inSequence) {
        reversed.add(Integer.toString(index)); // a document that is a sequence
      }
      List<String> path = new ArrayList<>(reversed);
      Collections.reverse(path);
      return List.copyOf(path);
    }
  }

  /** The shape of one line: its sequence dashes, where its content starts, and the key it writes, if any. */
  static final class Shape {
    final List<Integer> dashes = new ArrayList<>();
    int contentCol;
    /** Nothing but spaces, or a comment, or a document marker. */
    boolean blank;
    boolean comment;
    boolean documentMarker;
    /** The key of a {@code key: value} or {@code key:} line (unquoted), or null. */
    String key;
    int keyEnd;
    int colon = -1;
    int valueCol;

    static Shape of(String line) {
      Shape s = new Shape();
      int i = 0;
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      if (line.startsWith("---", i) && i == 0 || line.startsWith("...", i) && i == 0) {
        s.documentMarker = line.length() == 3 || line.charAt(3) == ' ';
      }
      while (i < line.length() && line.charAt(i) == '-' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
        s.dashes.add(i);
        i++;
        while (i < line.length() && line.charAt(i) == ' ') {
          i++;
        }
      }
      s.contentCol = i;
      s.comment = i < line.length() && line.charAt(i) == '#';
      s.blank = s.documentMarker || s.comment || i >= line.length() && s.dashes.isEmpty();
      if (s.blank || i >= line.length()) {
        return s;
      }
      char first = line.charAt(i);
      if (first == '{' || first == '[' || first == '|' || first == '>') {
        return s;
      }
      int end = OpenDocument.tokenEnd(line, i);
      int j = end;
      while (j < line.length() && line.charAt(j) == ' ') {
        j++;
      }
      if (j < line.length() && line.charAt(j) == ':' && (j + 1 == line.length() || line.charAt(j + 1) == ' ')) {
        String raw = line.substring(i, end);
        s.key = unquote(raw);
        s.keyEnd = end;
        s.colon = j;
        int v = j + 1;
        while (v < line.length() && line.charAt(v) == ' ') {
          v++;
        }
        s.valueCol = v;
      }
      return s;
    }
  }

  /**
   * A YAML scalar token without its quotes: {@code "a\"b"} is {@code a"b}, {@code 'it''s'} is {@code it's}, a plain
   * token is itself.
   */
  static String unquote(String raw) {
    if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
        && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
      String inner = raw.substring(1, raw.length() - 1);
      return raw.charAt(0) == '\'' ? inner.replace("''", "'") : inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return raw;
  }
}
