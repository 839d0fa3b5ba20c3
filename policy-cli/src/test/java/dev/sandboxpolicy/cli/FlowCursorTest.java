package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/** Where the cursor is inside flow collections and JSON: the path, key or value, word and siblings. */
class FlowCursorTest {

  /** The cursor at the {@code ^} of {@code text} (which is removed), as hover and completion find it. */
  private static YamlCursor at(String text) {
    int caret = text.indexOf('^');
    String plain = text.substring(0, caret) + text.substring(caret + 1);
    int line = (int) text.substring(0, caret).chars().filter(c -> c == '\n').count();
    int column = caret - (text.lastIndexOf('\n', caret - 1) + 1);
    return YamlCursor.in(new OpenDocument("file:///x.yaml", 1, plain), new Position(line, column)).orElseThrow();
  }

  @Test
  void aKeyAValueAndTheGapBetweenEntriesOfAFlowMapping() {
    YamlCursor key = at("e: [{host: a.com, po^rt: 443}]\n");
    assertEquals(List.of("e", "0"), key.path());
    assertEquals(Optional.empty(), key.valueOf());
    assertEquals("port", key.word());
    assertEquals(Set.of("host"), key.siblings());
    assertEquals(YamlCursor.Style.FLOW, key.style());
    assertEquals(18, key.wordStart());

    YamlCursor value = at("e: [{host: a.com, port: 4^43}]\n");
    assertEquals(Optional.of("port"), value.valueOf());
    assertEquals("443", value.word());
    assertEquals(Set.of("host"), value.siblings());

    YamlCursor gap = at("e: [{host: a.com, ^port: 443}]\n");
    assertEquals("port", gap.word(), "at the first character of a key");
    YamlCursor between = at("e: [{host: a.com,^ port: 443}]\n");
    assertEquals("", between.word());
    assertEquals(Optional.empty(), between.valueOf());
    assertEquals(Set.of("host", "port"), between.siblings());
  }

  @Test
  void afterAClosedItemTheCursorIsNotInItsMapping() {
    YamlCursor after = at("e: [{host: a.com}^]\n");
    assertEquals(List.of(), after.path());
    assertEquals(Optional.of("e"), after.valueOf());
    YamlCursor next = at("e: [{host: a.com}, ^]\n");
    assertEquals(List.of("e", "1"), next.path(), "a new item");
    assertEquals(Set.of(), next.siblings());
  }

  @Test
  void theBlockPartOfALineIsStillBlock() {
    YamlCursor key = at("e^: [1, 2]\n");
    assertEquals(List.of(), key.path());
    assertEquals("e", key.word());
    assertEquals(YamlCursor.Style.BLOCK, key.style());
  }

  @Test
  void jsonNestsAndQuotedKeysAreUnquoted() {
    YamlCursor item = at("{\"a\": {\"b\": [1, 2^2]}}\n");
    assertEquals(List.of("a", "b", "1"), item.path());
    assertEquals("22", item.word());
    assertEquals(YamlCursor.Style.JSON, item.style());
    YamlCursor key = at("{\"a\": {\"b\": 1, \"c^\": 2}}\n");
    assertEquals(List.of("a"), key.path());
    assertEquals("c", key.word());
    assertEquals(Set.of("b"), key.siblings());
  }

  @Test
  void quotesCommentsAndBlockScalarsDoNotOpenOrSeparate() {
    YamlCursor quoted = at("# a comment with { and [\nk: {x: \"a, b: [\", y: ^}\n");
    assertEquals(List.of("k"), quoted.path());
    assertEquals(Optional.of("y"), quoted.valueOf());
    assertEquals(Set.of("x"), quoted.siblings());

    YamlCursor block = at("d: |\n  [not flow\ne:\n  f: 1^\n");
    assertEquals(List.of("e"), block.path());
    assertEquals(Optional.of("f"), block.valueOf());
    assertEquals(YamlCursor.Style.BLOCK, block.style());
    YamlCursor after = at("d: |\n  [not flow\ne: [1, ^2]\n");
    assertEquals(List.of("e", "1"), after.path());
  }

  @Test
  void aHalfTypedFlowMappingIsReadCutAtTheCursor() {
    YamlCursor typed = at("k: {x: 1,\n  y^\nz: 2\n");
    assertEquals(List.of("k"), typed.path());
    assertEquals("y", typed.word());
    assertEquals(Set.of("x"), typed.siblings());
    YamlCursor quote = at("{\"k\": {\"x\": 1, \"y\": \"ab^");
    assertEquals(Optional.of("y"), quote.valueOf());
    assertEquals("\"ab", quote.word());
    assertTrue(quote.siblings().contains("x"), quote.siblings().toString());
  }
}
