package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an editor's cursor is inside a flow collection ({@code {a: 1}}, {@code [1, 2]}) or a JSON document, for
 * {@link YamlCursor}. The collection that holds the cursor is found by a lexical scan from the start of the
 * document to the cursor (brackets, quotes, comments, commas and the {@code :} of the last entry: enough to know the
 * innermost open bracket, and whether the cursor is at a key or in a value); which node of the document that
 * bracket opens, and the keys already written beside the cursor, come from the reader's plain tree and its
 * {@link SourceMap}, matched by the bracket's line and column. A half-typed document that the reader refuses is read
 * again cut at the cursor, with its open quote and brackets closed ({@code {host: a.com, prot} for
 * {@code {host: a.com, prot|}), so the keys after the cursor are then not known.
 *
 * <p>Empty when the cursor is not in a flow collection, or when the bracket found is not one the reader positioned
 * (a bracket in a block scalar, a document the reader refuses even cut at the cursor): the caller then follows the
 * block structure.
 */
final class FlowCursor {

  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);

  private FlowCursor() {}

  /** One open flow collection met by the scan. */
  private static final class Level {
    final char open;
    final int line;
    final int col;
    /** Commas met in it at its own depth: the index of the item the scan is in. */
    int index;
    /** Whether the current entry of a mapping has had its {@code :}. */
    boolean colon;
    /** Where the current entry's key (or item) starts, and its value; -1 when nothing is written yet. */
    int keyLine = -1;
    int keyCol = -1;
    int valueLine = -1;
    int valueCol = -1;

    Level(char open, int line, int col) {
      this.open = open;
      this.line = line;
      this.col = col;
    }

    /** A token starts at {@code line}, {@code col} at this level's depth. */
    void tokenAt(int line, int col) {
      if (!colon && keyLine < 0) {
        keyLine = line;
        keyCol = col;
      } else if (colon && valueLine < 0) {
        valueLine = line;
        valueCol = col;
      }
    }
  }

  /** The cursor's context at {@code line}, {@code character} of {@code text} (split in {@code lines}). */
  static Optional<YamlCursor> at(String text, List<String> lines, int line, int character) {
    if (line < 0 || line >= lines.size()) {
      return Optional.empty();
    }
    String cursorLine = lines.get(line);
    int ch = Math.min(Math.max(0, character), cursorLine.length());
    Deque<Level> stack = new ArrayDeque<>();
    char quote = scan(lines, line, ch, stack);
    if (stack.isEmpty()) {
      return Optional.empty();
    }
    Object root;
    SourceMap map;
    ReadResult<Object> whole = READER.readTree(text, DocumentFormat.YAML);
    if (!whole.hasErrors()) {
      root = whole.value().orElse(null);
      map = whole.sourceMap();
    } else {
      StringBuilder cut = new StringBuilder();
      for (int i = 0; i < line; i++) {
        cut.append(lines.get(i)).append('\n');
      }
      cut.append(cursorLine, 0, ch);
      if (quote != 0) {
        cut.append(quote);
      }
      for (Level l : stack) { // innermost first
        cut.append(l.open == '{' ? '}' : ']');
      }
      ReadResult<Object> r = READER.readTree(cut.toString(), DocumentFormat.YAML);
      if (r.hasErrors()) {
        return Optional.empty();
      }
      root = r.value().orElse(null);
      map = r.sourceMap();
    }
    Level top = stack.peek();
    List<String> segments = new ArrayList<>();
    int column = lines.get(top.line).codePointCount(0, top.col) + 1;
    Object node = find(root, "", map, top.line + 1, column, segments);
    if (node == null || (top.open == '{') != (node instanceof Map<?, ?>)) {
      return Optional.empty();
    }
    if (top.keyLine < 0 && !top.colon || top.colon && top.valueLine < 0) {
      startsAtCursor(cursorLine, ch).ifPresent(c -> top.tokenAt(line, c));
    }
    YamlCursor.Style style = firstContentIsBracket(lines) ? YamlCursor.Style.JSON : YamlCursor.Style.FLOW;
    List<String> path = new ArrayList<>(segments);
    Optional<String> valueOf = Optional.empty();
    int wordStart = ch;
    int wordEnd = ch;
    Set<String> siblings = new LinkedHashSet<>();
    // the token the word is: the item of a sequence, else the entry's value after its ':', else its key
    int tokenLine = top.keyLine;
    int tokenCol = top.keyCol;
    if (top.open == '[') {
      if (top.keyLine >= 0 && "{[".indexOf(lines.get(top.keyLine).charAt(top.keyCol)) >= 0) {
        return Optional.empty(); // after an item that is a closed collection: the block key's own context
      }
      path.add(Integer.toString(top.index));
    } else {
      if (top.colon) {
        String key = top.keyLine < 0 ? "" : lines.get(top.keyLine);
        valueOf = Optional.of(
            top.keyLine < 0 ? "" : YamlCursor.unquote(key.substring(top.keyCol, OpenDocument.tokenEnd(key, top.keyCol))));
        tokenLine = top.valueLine;
        tokenCol = top.valueCol;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> mapping = (Map<String, Object>) node;
      siblings.addAll(mapping.keySet());
    }
    if (tokenLine == line) {
      wordStart = tokenCol;
      wordEnd = Math.max(ch, OpenDocument.tokenEnd(cursorLine, tokenCol));
    }
    String word = cursorLine.substring(wordStart, wordEnd);
    if (top.open == '{') {
      if (valueOf.isPresent()) {
        siblings.remove(valueOf.get());
      } else {
        word = YamlCursor.unquote(word);
        siblings.remove(word);
      }
    }
    return Optional.of(new YamlCursor(List.copyOf(path), valueOf, word, line, wordStart, wordEnd,
        Collections.unmodifiableSet(siblings), style));
  }

  /**
   * Scans {@code lines} from the start to {@code line}, {@code ch}, leaving on {@code stack} the flow collections
   * still open there (innermost first); returns the quote open at the cursor, or 0.
   */
  private static char scan(List<String> lines, int line, int ch, Deque<Level> stack) {
    char quote = 0;
    for (int l = 0; l <= line; l++) {
      String s = lines.get(l);
      int end = l == line ? ch : s.length();
      if (stack.isEmpty()) {
        quote = 0; // a block line: a quoted scalar does not run on to the next line here
      }
      int closedQuoteAt = -2;
      for (int i = 0; i < end; i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (quote == '"' && c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
            closedQuoteAt = i;
          }
          continue;
        }
        if (c == ' ' || c == '\t') {
          continue;
        }
        char before = i == 0 ? ' ' : s.charAt(i - 1);
        boolean tokenStart = before == ' ' || before == '\t' || "[{,:".indexOf(before) >= 0;
        if (c == '#' && (before == ' ' || before == '\t' || i == 0)) {
          break; // a comment runs to the end of the line
        }
        Level top = stack.peek();
        if ((c == '"' || c == '\'') && tokenStart) {
          if (top != null) {
            top.tokenAt(l, i);
          }
          quote = c;
        } else if ((c == '{' || c == '[') && (top != null || blockValueStart(s, i))) {
          if (top != null) {
            top.tokenAt(l, i);
          }
          stack.push(new Level(c, l, i));
        } else if (top == null) {
          continue;
        } else if (c == '}' || c == ']') {
          stack.pop();
        } else if (c == ',') {
          top.index++;
          top.colon = false;
          top.keyLine = -1;
          top.valueLine = -1;
        } else if (c == ':' && top.open == '{' && !top.colon && (closedQuoteAt == i - 1 || indicatorEnds(s, i))) {
          top.colon = true;
        } else {
          top.tokenAt(l, i);
        }
      }
    }
    return quote;
  }

  /** Whether the {@code :} at {@code i} is followed by a space, the end of the line or a flow indicator. */
  private static boolean indicatorEnds(String s, int i) {
    return i + 1 == s.length() || " \t,]}".indexOf(s.charAt(i + 1)) >= 0;
  }

  /** Whether a bracket at {@code i} of a block line starts a value: only spaces, {@code -} or {@code :} before. */
  private static boolean blockValueStart(String s, int i) {
    int j = i - 1;
    while (j >= 0 && s.charAt(j) == ' ') {
      j--;
    }
    return j < 0 || s.charAt(j) == ':' || s.charAt(j) == '-' && (j == 0 || s.charAt(j - 1) == ' ');
  }

  /** The column where a token starts right at the cursor, when there is one. */
  private static Optional<Integer> startsAtCursor(String line, int ch) {
    if (ch < line.length() && " \t,]}#".indexOf(line.charAt(ch)) < 0) {
      return Optional.of(ch);
    }
    return Optional.empty();
  }

  /** Whether the document's first content (not a comment) is a bracket: a JSON document, or a flow-style one. */
  private static boolean firstContentIsBracket(List<String> lines) {
    for (String l : lines) {
      String t = l.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return t.startsWith("{") || t.startsWith("[");
      }
    }
    return false;
  }

  /**
   * The node at {@code line}, {@code column} (1-based, code points) of the tree {@code node} at {@code pointer},
   * adding its path to {@code segments}; null when no collection is positioned there.
   */
  private static Object find(Object node, String pointer, SourceMap map, int line, int column,
      List<String> segments) {
    if (!(node instanceof Map<?, ?>) && !(node instanceof List<?>)) {
      return null;
    }
    Optional<SourceLocation> at = map.locate(pointer);
    if (at.isPresent() && at.get().line() == line && at.get().column() == column) {
      return node;
    }
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = (String) e.getKey();
        segments.add(key);
        Object found = find(e.getValue(), JsonPointer.key(pointer, key), map, line, column, segments);
        if (found != null) {
          return found;
        }
        segments.remove(segments.size() - 1);
      }
    } else {
      List<?> items = (List<?>) node;
      for (int i = 0; i < items.size(); i++) {
        segments.add(Integer.toString(i));
        Object found = find(items.get(i), JsonPointer.index(pointer, i), map, line, column, segments);
        if (found != null) {
          return found;
        }
        segments.remove(segments.size() - 1);
      }
    }
    return null;
  }
}
