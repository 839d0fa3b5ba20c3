package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.testkit.Budget;
import dev.sandboxpolicy.testkit.DocumentMutator;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.Mutant;
import dev.sandboxpolicy.testkit.PropertyCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded, bounded mutation fuzzer over the upstream documents in {@code ../shared/upstream/} (skipped when absent)
 * and this module's fixtures: every mutant is either valid or rejected with located problems, within a time budget
 * per mutant, and never makes the reader or the validator throw. Structural mutants that must be rejected are
 * rejected. Counts and times per document are printed as Markdown rows for {@code docs/robustness.md}.
 */
class MutationFuzzTest {

  /** Mutants per document: textual blind edits. */
  static final int TEXTUAL_MUTANTS = 150;
  /** Mutants per document: structural edits of the document tree. */
  static final int STRUCTURAL_MUTANTS = 60;
  static final long SEED = 0xF0220L;
  static final Duration PER_MUTANT = Duration.ofSeconds(2);
  static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  static final Map<String, String> REPORT = new TreeMap<>();
  /** Upstream presets use built-in names, which a custom preset may not take. */
  static final PolicyValidator VALIDATOR = PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN);

  /** Fixture folders of this repository, relative to the policy-testkit module. */
  static final List<String> OWN_FIXTURES = List.of(
      "src/test/resources/fixtures",
      "../examples/policies",
      "../policy-model/src/test/resources/dev/sandboxpolicy/io",
      "../policy-merge/src/main/resources/dev/sandboxpolicy/merge/presets",
      "../policy-merge/src/main/resources/dev/sandboxpolicy/merge/messaging");

  static Stream<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    // Our own fixtures: this module's, the examples, the model's every-field document, the bundled preset catalog.
    for (String dir : OWN_FIXTURES) {
      Path fixtures = Path.of(dir);
      if (Files.isDirectory(fixtures)) {
        try (Stream<Path> walk = Files.walk(fixtures)) {
          walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(docs::add);
        }
      }
    }
    Path upstream = Path.of(System.getProperty("sandboxpolicy.shared", "../shared")).resolve("upstream");
    if (Files.isDirectory(upstream)) {
      try (Stream<Path> walk = Files.walk(upstream)) {
        walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(docs::add);
      }
    } else {
      docs.add(Path.of("<shared-absent>"));
    }
    return docs.stream();
  }

  static DocumentKind kindOf(Path file, String text) {
    if (file.getFileName().toString().equals("blueprint.yaml")) {
      return DocumentKind.BLUEPRINT;
    }
    return text.lines().anyMatch(l -> l.startsWith("preset:")) ? DocumentKind.PRESET : DocumentKind.POLICY;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyMutantIsValidOrRejectedWithProblems(Path file) throws IOException {
    assumeTrue(Files.isRegularFile(file), "../shared is absent");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    boolean tiers = file.getFileName().toString().equals("tiers.yaml");
    DocumentKind kind = kindOf(file, text);
    long seed = SEED ^ file.getFileName().toString().hashCode();
    long start = System.nanoTime();
    int[] outcome = new int[2]; // valid, rejected
    Generator<Mutant> textual = DocumentMutator.textual(text);
    PropertyCheck.forAll(textual).seed(seed).count(TEXTUAL_MUTANTS).maxSize(4)
        .check(m -> judge(file, kind, tiers, m, outcome));
    int structural = 0;
    Map<String, Object> tree = tree(kind, tiers, text);
    if (tree != null) {
      PropertyCheck.forAll(DocumentMutator.structural(tree)).seed(seed + 1).count(STRUCTURAL_MUTANTS).maxSize(3)
          .check(m -> judge(file, kind, tiers, m, outcome));
      structural = STRUCTURAL_MUTANTS;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    String name = file.toString().contains("/upstream/") ? file.toString().replaceFirst("^.*?/upstream/", "upstream/")
        : file.normalize().toString().replace("../", "").replace("src/main/resources/dev/sandboxpolicy/merge/", "merge/")
            .replace("src/test/resources/", "");
    REPORT.put(name, String.format("| %s | %s | %s | %d | %d | %d | %d | %d |", name, tiers ? "tiers" : kind.name().toLowerCase(),
        original(kind, tiers, text), TEXTUAL_MUTANTS, structural, outcome[0], outcome[1], ms));
  }

  /** "valid", or the distinct error codes of the unmutated document under strict validation. */
  private static String original(DocumentKind kind, boolean tiers, String text) {
    List<Problem> problems = tiers
        ? PolicyReader.of(ReadMode.STRICT).readTiers(text).problems()
        : VALIDATOR.validateText(kind, text, ReadMode.STRICT).problems();
    List<String> codes = problems.stream().filter(Problem::isError).map(Problem::code).distinct().sorted().toList();
    return codes.isEmpty() ? "valid" : String.join(", ", codes);
  }

  private static Map<String, Object> tree(DocumentKind kind, boolean tiers, String text) {
    PolicyReader lenient = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
    if (tiers || kind == DocumentKind.BLUEPRINT) {
      return null;
    }
    if (kind == DocumentKind.PRESET) {
      return lenient.readPreset(text).value().map(PolicyWriter::toTree).orElse(null);
    }
    return lenient.readPolicy(text).value().map(PolicyWriter::toTree).orElse(null);
  }

  private static void judge(Path file, DocumentKind kind, boolean tiers, Mutant m, int[] outcome) {
    List<Problem> problems;
    if (tiers) {
      ReadResult<?> r = Budget.run(file + " " + m.operator(), PER_MUTANT, 1L << 30,
          () -> PolicyReader.of(ReadMode.STRICT).readTiers(m.text())).value();
      problems = r.problems();
    } else {
      problems = Budget.run(file + " " + m.operator(), PER_MUTANT, 1L << 30,
          () -> VALIDATOR.validateText(kind, m.text(), ReadMode.STRICT)).value().problems();
    }
    boolean rejected = problems.stream().anyMatch(Problem::isError);
    for (Problem p : problems) {
      assertTrue(SNAKE_CASE.matcher(p.code()).matches(), "code: " + p);
      assertFalse(p.message().isBlank(), "message: " + p);
      if (p.isError()) {
        assertTrue(p.line() > 0 || !p.pointer().isEmpty() || isWholeDocument(p.code()), "location: " + p);
      }
    }
    if (m.expectation() != Mutant.Expectation.VALID_OR_REJECTED) {
      assertTrue(rejected, "must be rejected: " + m + "\nproblems: " + problems);
    }
    outcome[rejected ? 1 : 0]++;
  }

  /** Codes that are about the whole document and may sit at the root pointer without a line. */
  private static boolean isWholeDocument(String code) {
    return code.equals("empty_document") || code.equals("missing_version") || code.equals("document_too_large")
        || code.equals("invalid_encoding") || code.equals("wrong_type");
  }

  /** Structural mutants of generated valid policies: all must be rejected. */
  @Test
  void invalidGeneratedPoliciesAreRejected() {
    int[] outcome = new int[2];
    long start = System.nanoTime();
    PropertyCheck.forAll(DocumentMutator.invalidPolicies()).seed(SEED).count(400).maxSize(3)
        .check(m -> judge(Path.of("generated"), DocumentKind.POLICY, false, m, outcome));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(outcome[1] == 400, "all rejected: " + outcome[1]);
    REPORT.put("~generated", String.format("| generated policies (invalidPolicies()) | policy | valid | 0 | 400 | %d | %d | %d |", outcome[0], outcome[1], ms));
  }

  @Test
  void mutatorIsDeterministic() {
    Generator<Mutant> g = DocumentMutator.textual("version: 1\nnetwork_policies: {}\n");
    for (int i = 0; i < 20; i++) {
      assertTrue(g.generate(new SplittableRandom(i), 3).equals(g.generate(new SplittableRandom(i), 3)));
    }
  }

  @AfterAll
  static void printReport() {
    StringBuilder b = new StringBuilder("| document | kind | unmutated (strict) | textual | structural | valid | rejected | ms |\n|---|---|---|---:|---:|---:|---:|---:|\n");
    REPORT.values().forEach(row -> b.append(row).append('\n'));
    try {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/robustness-fuzz.md"), b.toString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
