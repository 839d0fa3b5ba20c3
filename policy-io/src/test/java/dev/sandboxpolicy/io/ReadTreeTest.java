package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadTreeTest {

  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);

  @Test
  void readsAPlainOrderedTreeWithYaml12Scalars() throws Exception {
    Object tree = READER.readTree("b: yes\na: [1, 2.5, true, ~, null]\nc: {z: 1, y: 2}\n", DocumentFormat.YAML).orElseThrow();
    Map<?, ?> map = (Map<?, ?>) tree;
    assertEquals(List.of("b", "a", "c"), List.copyOf(map.keySet()));
    assertEquals("yes", map.get("b"));
    assertEquals(java.util.Arrays.asList(1L, 2.5, true, "~", null), map.get("a"));
    assertEquals(List.of("z", "y"), List.copyOf(((Map<?, ?>) map.get("c")).keySet()));
  }

  @Test
  void appliesTheSameLimitsAndChecksAsTypedReads() {
    assertEquals("duplicate_key", READER.readTree("a: 1\na: 2\n", DocumentFormat.YAML).problems().get(0).code());
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1);
      bomb.append(", *a").append(i - 1).append(", *a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    var r = READER.readTree(bomb.toString(), DocumentFormat.YAML);
    assertTrue(r.hasErrors());
    assertEquals("too_many_nodes", r.problems().get(0).code());
  }
}
