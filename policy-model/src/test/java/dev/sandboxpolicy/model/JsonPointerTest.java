package dev.sandboxpolicy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPointerTest {

  @Test
  void escapesTildeBeforeSlashAndUnescapesInTheReverseOrder() {
    assertEquals("a~1b", JsonPointer.escape("a/b"));
    assertEquals("a~0b", JsonPointer.escape("a~b"));
    assertEquals("~01", JsonPointer.escape("~1"));        // not "~1": that would read back as "/"
    assertEquals("~1", JsonPointer.unescape("~01"));      // RFC 6901 §4: ~1 first, then ~0
    for (String token : List.of("", "plain", "a/b", "~", "~0", "~1", "/~/", "x~01y")) {
      assertEquals(token, JsonPointer.unescape(JsonPointer.escape(token)), token);
    }
  }

  @Test
  void buildsAndSplitsPointers() {
    String p = JsonPointer.index(JsonPointer.key(JsonPointer.key("", "network_policies"), "a/b~c") + "/endpoints", 2);
    assertEquals("/network_policies/a~1b~0c/endpoints/2", p);
    assertEquals(List.of("network_policies", "a/b~c", "endpoints", "2"), JsonPointer.tokens(p));
    assertEquals("/network_policies/a~1b~0c/endpoints", JsonPointer.parent(p));
    assertEquals(List.of(), JsonPointer.tokens(""));
    assertEquals(List.of(""), JsonPointer.tokens("/"));
    assertEquals(List.of("a", ""), JsonPointer.tokens("/a/"));
    assertThrows(IllegalArgumentException.class, () -> JsonPointer.tokens("a/b"));
  }
}
