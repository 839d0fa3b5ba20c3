package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.ReadLimits;
import dev.sandboxpolicy.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile user input to the preset layer meets the model reader's limits: each document is refused with the
 * layer's code and the reader's located problem, never an exception other than {@link PresetLayerException}, and
 * in bounded time.
 */
class HostileInputTest {

  /** Far more than any of these reads needs on a loaded two-core machine; a parser without limits would not finish. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static final String STACK_HEAD = "policy_stack: 1\nbaseline: {version: 1, network_policies: {}}\n";

  private final PresetCatalog catalog = PresetCatalog.builtIn();

  @TempDir Path dir;

  /** Nine levels of ten aliases each: 10^9 nodes once expanded, in under 400 bytes of text. */
  private static String aliasBomb(String key) {
    StringBuilder sb = new StringBuilder(key).append(":\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int level = 1; level <= 9; level++) {
      String prev = "*l" + (level - 1);
      sb.append("  l").append(level).append(": &l").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, prev))).append("]\n");
    }
    return sb.toString();
  }

  private static PresetLayerException refused(Executable read) {
    return assertTimeoutPreemptively(BOUND, () -> assertThrows(PresetLayerException.class, read));
  }

  private static Problem problem(PresetLayerException e, String code) {
    Optional<Problem> p = e.problems().stream().filter(q -> q.code().equals(code)).findFirst();
    assertTrue(p.isPresent(), () -> "expected a " + code + " problem, got\n" + Fixtures.codes(e.problems()));
    return p.get();
  }

  @Test
  void anAliasBombStackDocumentHitsTheNodeBudget() {
    String text = STACK_HEAD + aliasBomb("padding");
    assertTrue(text.length() < 1_000, "the bomb is tiny as text");
    PresetLayerException e = refused(() -> PolicyStack.read(text, catalog));
    assertEquals("stack_unreadable", e.code());
    Problem p = problem(e, "too_many_nodes");
    assertTrue(p.line() >= 3, "located in the stack document: " + p);
  }

  @Test
  void anAliasBombInsideTheEmbeddedBaselineIsRefusedToo() {
    String text = "policy_stack: 1\nbaseline:\n  version: 1\n  network_policies: {}\n"
        + aliasBomb("  bomb").replace("\n  l", "\n    l");
    PresetLayerException e = refused(() -> PolicyStack.read(text, catalog));
    assertEquals("stack_unreadable", e.code());
    problem(e, "too_many_nodes");
  }

  @Test
  void aFiveMebibyteStackDocumentIsRefusedBeforeParsing() {
    int fiveMiB = 5 * 1024 * 1024;
    assertTrue(fiveMiB > ReadLimits.DEFAULT_MAX_DOCUMENT_BYTES);
    // Otherwise a well-formed stack: the padding is an unknown top-level key that a lenient read would ignore.
    String text = STACK_HEAD + "padding: " + "x".repeat(fiveMiB) + "\n";
    PresetLayerException e = refused(() -> PolicyStack.read(text, catalog));
    assertEquals("stack_unreadable", e.code());
    problem(e, "document_too_large");
    // The same document without the padding is read, so the size alone refused it.
    assertTimeoutPreemptively(BOUND, () -> PolicyStack.read(STACK_HEAD + "padding: x\n", catalog));
  }

  @Test
  void aDuplicateKeyInAStackDocumentIsLocated() {
    PresetLayerException e = refused(() -> PolicyStack.read(STACK_HEAD + "layers: []\nlayers: []\n", catalog));
    assertEquals("stack_unreadable", e.code());
    assertEquals(4, problem(e, "duplicate_key").line());
  }

  @Test
  void problemsOfAnEmbeddedDocumentArePlacedInTheStackDocument() {
    String text = "policy_stack: 1\nbaseline:\n  version: 1\n  network_policies: [a]\n";
    PresetLayerException e = refused(() -> PolicyStack.read(text, catalog));
    assertEquals("stack_unreadable", e.code());
    Problem p = e.problems().get(0);
    assertEquals("/baseline/network_policies", p.pointer());
    assertEquals(4, p.line(), p.toString());
  }

  @Test
  void aTenThousandLevelLivePolicyHitsTheDepthLimit() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    for (String text : new String[] {
        "version: 1\nnetwork_policies:\n  x: " + deep + "\n",
        "Version: 3\nStatus: Loaded\n---\nversion: 1\nnetwork_policies:\n  x: " + deep + "\n"}) {
      PresetLayerException e = refused(() -> LivePolicy.parse(text));
      assertEquals("live_policy_not_yaml", e.code());
      Problem p = problem(e, "nesting_too_deep");
      assertTrue(p.line() >= 3, "located in the body: " + p);
    }
  }

  /** A line over the reader's limit is a reader limit like any other: the text is not usable YAML. */
  @Test
  void anOverLongLineInALivePolicyIsNotYaml() {
    String longHost = "h".repeat(ReadLimits.DEFAULT_MAX_LINE_LENGTH) + ".example";
    String body = "version: 1\nnetwork_policies:\n  x:\n    name: x\n    endpoints:\n      - host: " + longHost
        + "\n        port: 443\n";
    for (String text : new String[] {body, "Version: 3\nStatus: Loaded\n---\n" + body}) {
      PresetLayerException e = refused(() -> LivePolicy.parse(text));
      assertEquals("live_policy_not_yaml", e.code(), e::getMessage);
      assertTrue(problem(e, "line_too_long").line() >= 6, "located at the long line");
    }
    PresetLayerException merge = refused(
        () -> PresetMerger.mergeText(body, List.of(Fixtures.presetYaml("my-api", "my_api", "api.example"))));
    assertEquals("live_policy_not_yaml", merge.code(), merge::getMessage);
    problem(merge, "line_too_long");
  }

  @Test
  void anOverLongLineInACustomPresetIsUnreadable() throws Exception {
    String preset = Fixtures.presetYaml("my-api", "my_api", "h".repeat(ReadLimits.DEFAULT_MAX_LINE_LENGTH) + ".example");
    Path file = dir.resolve("long.yaml");
    Files.writeString(file, preset);
    PresetLayerException e = refused(() -> CustomPresetLoader.loadFile(file));
    assertEquals("preset_unreadable", e.code(), e::getMessage);
    problem(e, "line_too_long");
    PresetLayerException text = refused(() -> PresetMerger.mergeText(Fixtures.BASELINE, List.of(preset)));
    assertEquals("preset_unreadable", text.code(), text::getMessage);
    problem(text, "line_too_long");
  }

  @Test
  void aTenThousandLevelLivePolicyIsRefusedByATextMergeToo() {
    String live = "version: 1\nnetwork_policies:\n  x: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n";
    PresetLayerException e = refused(
        () -> PresetMerger.mergeText(live, List.of(Fixtures.presetYaml("my-api", "my_api", "api.example"))));
    assertEquals("live_policy_not_yaml", e.code());
    problem(e, "nesting_too_deep");
  }

  @Test
  void duplicateKeysInACustomPresetAreRefusedWithTheirLine() throws Exception {
    String dupName = "preset:\n  name: my-api\n  name: builtin-lookalike\n  description: d\n"
        + "network_policies:\n  my_api: {name: my_api}\n";
    Path file = dir.resolve("dup.yaml");
    Files.writeString(file, dupName);
    PresetLayerException e = refused(() -> CustomPresetLoader.loadFile(file));
    assertEquals("preset_unreadable", e.code());
    assertEquals(3, problem(e, "duplicate_key").line());

    // A duplicated entry key would otherwise let the second definition silently replace the first.
    String dupEntry = Fixtures.presetYaml("my-api", "my_api", "api.example")
        + "  my_api:\n    name: my_api\n    endpoints: [{host: evil.example, port: 443}]\n";
    PresetLayerException entry = refused(() -> CustomPresetLoader.check(dupEntry, dir.resolve("inline.yaml")));
    assertEquals("preset_unreadable", entry.code());
    Problem p = problem(entry, "duplicate_key");
    assertTrue(p.pointer().startsWith("/network_policies"), p.toString());
    // Without the duplicate the same preset loads, so the duplicate alone refused it.
    assertEquals("my-api", CustomPresetLoader.check(Fixtures.presetYaml("my-api", "my_api", "api.example"),
        dir.resolve("inline.yaml")).name());
  }

  @Test
  void anAliasBombCustomPresetIsRefusedWithoutAName() {
    String text = "preset: {name: my-api, description: d}\nnetwork_policies: {}\n" + aliasBomb("padding");
    PresetLayerException e = refused(() -> CustomPresetLoader.check(text, dir.resolve("bomb.yaml")));
    assertEquals("preset_unreadable", e.code());
    problem(e, "too_many_nodes");
    PresetLayerException merge = refused(() -> PresetDocument.read(text, "merge"));
    assertEquals("preset_unreadable", merge.code());
    assertFalse(merge.presetName().isPresent(), "an unreadable document is not read a second time for its name");
  }
}
