package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A typed read of an already read plain tree equals the typed read of the text (validation parses a text once). */
class ReadFromTreeTest {

  /** The repository's example and corpus documents (tests run in the module's directory). */
  private static final List<Path> DOCUMENTS = List.of(Path.of("..", "examples"), Path.of("..", "corpus", "policies"));

  /** Texts with every kind of problem a read reports: syntax, limits, structure, unknown keys, types, values. */
  private static final List<String> BROKEN =
      List.of(
          "",
          "version: 1\nnetwork_policies: [unclosed\n",
          "version: 1\nversion: 2\n",
          "network_policies: {}\n",
          "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: x.com\n        port: 443\n"
              + "        acess: full\n",
          "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: x.com\n        port: '443x'\n",
          "version: 1\nfilesystem_policy: 5\n",
          "- a\n- b\n",
          "version: 1\nnetwork_policies:\n  a:\n    endpoints: [{host: x.com, port: 443}]\n    binaries: [{path: 7}]\n",
          "preset:\n  name: x\n  description: y\nnetwork_policies: {}\n",
          "preset:\n  nam: x\nnetwork_policies: {}\n",
          "version: 1\ncomponents:\n  policy:\n    additions: {}\n",
          "version: 1\nnetwork_policies: !!set {a}\n");

  private static List<String> texts() {
    List<String> texts = new ArrayList<>(BROKEN);
    texts.add(Fixtures.text("every-field.yaml"));
    for (Path directory : DOCUMENTS) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          texts.add(Files.readString(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertTrue(texts.size() > BROKEN.size() + 8, "example documents found: " + (texts.size() - BROKEN.size()));
    return texts;
  }

  @Test
  void policyPresetAndBlueprintReadsFromTheTreeEqualReadsFromTheText() {
    int withValue = 0;
    int withProblems = 0;
    for (ReadMode mode : ReadMode.values()) {
      PolicyReader reader = PolicyReader.of(mode);
      for (String text : texts()) {
        ReadResult<Object> tree = PolicyReader.of(ReadMode.STRICT).readTree(text, DocumentFormat.YAML);
        withValue += same(text, reader.readPolicy(text), reader.readPolicy(tree));
        withValue += same(text, reader.readPreset(text), reader.readPreset(tree));
        withValue += same(text, reader.readBlueprint(text), reader.readBlueprint(tree));
        withProblems += reader.readPolicy(text).problems().isEmpty() ? 0 : 1;
      }
    }
    // the cases cover both outcomes
    assertTrue(withValue > 10, "reads with a value: " + withValue);
    assertTrue(withProblems > 10, "reads with problems: " + withProblems);
  }

  @Test
  void aTreeThatCouldNotBeReadGivesItsProblemsAndNoValue() {
    ReadResult<Object> tree = PolicyReader.of(ReadMode.STRICT).readTree("a: [\n", DocumentFormat.YAML);
    ReadResult<?> policy = PolicyReader.of(ReadMode.STRICT).readPolicy(tree);
    assertFalse(policy.value().isPresent());
    assertEquals(tree.problems(), policy.problems());
    assertEquals("yaml_syntax", policy.problems().get(0).code());
  }

  private static <T> int same(String text, ReadResult<T> fromText, ReadResult<T> fromTree) {
    assertEquals(fromText.problems(), fromTree.problems(), text);
    assertEquals(fromText.value(), fromTree.value(), text);
    BiFunction<ReadResult<T>, String, Object> at = (r, p) -> r.sourceMap().locate(p);
    for (String pointer : List.of("", "/version", "/network_policies", "/network_policies/a/endpoints/0/port",
        "/preset/name", "/filesystem_policy")) {
      assertEquals(at.apply(fromText, pointer), at.apply(fromTree, pointer), text + " " + pointer);
    }
    return fromText.value().isPresent() ? 1 : 0;
  }
}
