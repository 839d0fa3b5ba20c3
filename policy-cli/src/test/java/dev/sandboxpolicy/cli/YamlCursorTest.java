package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the cursor is, from indentation alone: the cases an editor meets while someone types. */
class YamlCursorTest {

  /** The cursor at the {@code |} of {@code text} (which is removed). */
  private static YamlCursor at(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int bar = lines[i].indexOf('|');
      if (bar >= 0) {
        lines[i] = lines[i].substring(0, bar) + lines[i].substring(bar + 1);
        return YamlCursor.at(List.of(lines), i, bar).orElseThrow();
      }
    }
    throw new AssertionError("no | in " + text);
  }

  private static final String POLICY = """
      version: 1
      network_policies:
        github:
          endpoints:
            - host: api.github.com
              port: 443
            - host: uploads.github.com
              %s
          binaries:
            - path: /usr/bin/gh
      """;

  @Test
  void aHalfTypedKeyInTheSecondItemOfASequence() {
    YamlCursor c = at(POLICY.formatted("pro|"));
    assertEquals(List.of("network_policies", "github", "endpoints", "1"), c.path());
    assertTrue(c.atKey());
    assertEquals("pro", c.word());
    assertEquals(Set.of("host"), c.siblings(), "the keys of the same item only");
  }

  @Test
  void theValueOfAKey() {
    YamlCursor c = at(POLICY.formatted("protocol: re|st"));
    assertEquals(List.of("network_policies", "github", "endpoints", "1"), c.path());
    assertEquals(Optional.of("protocol"), c.valueOf());
    assertEquals("rest", c.word());
    assertEquals(List.of("network_policies", "github", "endpoints", "1", "protocol"), c.wordPath());
  }

  @Test
  void anExistingKeyAndTheFirstKeyOfAnItem() {
    YamlCursor port = at(POLICY.formatted("x: 1").replace("port: 443", "po|rt: 443"));
    assertEquals(List.of("network_policies", "github", "endpoints", "0", "port"), port.wordPath());
    assertEquals(Set.of("host"), port.siblings());
    YamlCursor host = at(POLICY.formatted("x: 1").replace("- host: api", "- ho|st: api"));
    assertEquals(List.of("network_policies", "github", "endpoints", "0", "host"), host.wordPath());
    assertEquals(Set.of("port"), host.siblings());
    YamlCursor path = at(POLICY.formatted("x: 1").replace("- path:", "- pa|th:"));
    assertEquals(List.of("network_policies", "github", "binaries", "0", "path"), path.wordPath());
  }

  @Test
  void aBlankLineBelongsToTheMappingItsIndentationNames() {
    YamlCursor entry = at(POLICY.formatted("").replace("    binaries:", "    |\n    binaries:"));
    assertEquals(List.of("network_policies", "github"), entry.path());
    assertEquals(Set.of("endpoints", "binaries"), entry.siblings());
    YamlCursor top = at("version: 1\n|\nnetwork_policies: {}\n");
    assertEquals(List.of(), top.path());
    assertEquals(Set.of("version", "network_policies"), top.siblings());
    YamlCursor newItem =
        at(POLICY.formatted("").replace("      - path: /usr/bin/gh", "      - path: /usr/bin/gh\n      - |"));
    assertEquals(List.of("network_policies", "github", "binaries", "1"), newItem.path());
  }

  @Test
  void compactSequencesNestedSequencesAndQuotedKeys() {
    YamlCursor compact = at("network_policies:\n  a:\n    endpoints:\n    - host: x\n    - host: y\n      po|\n");
    assertEquals(List.of("network_policies", "a", "endpoints", "1"), compact.path());
    YamlCursor nested = at("a:\n  - - x: 1\n    - y: 2\n      z|\n");
    assertEquals(List.of("a", "0", "1"), nested.path());
    YamlCursor quoted = at("network_policies:\n  \"my entry\":\n    na|\n");
    assertEquals(List.of("network_policies", "my entry"), quoted.path());
  }

  @Test
  void commentsAndLinesBetweenAreSkippedAndADocumentMarkerStops() {
    YamlCursor c = at("network_policies:\n  # a comment\n\n  a:\n    # another\n    end|\n");
    assertEquals(List.of("network_policies", "a"), c.path());
    assertTrue(YamlCursor.at(List.of("# a co|mment"), 0, 5).isEmpty(), "inside a comment: nothing");
    YamlCursor second = at("version: 1\n---\n  |\n");
    assertEquals(List.of(), second.path(), "the walk stops at ---");
  }

  @Test
  void aScalarItemOfAList() {
    YamlCursor c = at("filesystem_policy:\n  read_only:\n    - /usr\n    - /et|c\n");
    assertEquals(List.of("filesystem_policy", "read_only", "1"), c.path());
    assertTrue(c.atKey());
    assertEquals("/etc", c.word());
  }
}
