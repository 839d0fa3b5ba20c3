package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.testkit.DocumentMutator;
import dev.sandboxpolicy.testkit.Mutant;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PolicyShrinker;
import dev.sandboxpolicy.testkit.PropertyCheck;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyWriter} writes text and hashes straight from the model, without the tree {@link DocumentTree} builds
 * (policy-io's {@code StreamedWritingTest} checks the documents of the repository and upstream): here generated
 * policies and presets, and mutants read by the legacy tolerant reading (unknown keys, wrong types kept as unknown),
 * must give byte for byte the text of their tree in every layout. In this package to reach the tree writer.
 */
class GeneratedDocumentsStreamedTest {

  private static final DocumentTree DOCUMENT = new DocumentTree(false);
  private static final DocumentTree CANONICAL = new DocumentTree(true);

  private static void assertWrittenAsTree(Policy p) {
    assertEquals(PolicyWriter.yaml(DOCUMENT.policy(p)), PolicyWriter.toYaml(p));
    assertEquals(PolicyWriter.json(DOCUMENT.policy(p), true), PolicyWriter.toJson(p));
    assertEquals(PolicyWriter.yaml(CANONICAL.policy(p)), PolicyWriter.toCanonicalYaml(p));
    assertEquals(PolicyWriter.json(CANONICAL.policy(p), false), PolicyWriter.toCanonicalJson(p));
  }

  @Test
  void generatedPoliciesAreWrittenAsTheirTree() {
    PropertyCheck.forAll(PolicyGenerator.defaults().policies())
        .seed(0x57e4L)
        .count(150)
        .maxSize(12)
        .shrinker(PolicyShrinker.policies())
        .describedBy(PolicyWriter::toYaml)
        .check(GeneratedDocumentsStreamedTest::assertWrittenAsTree);
  }

  @Test
  void generatedPoliciesWithEveryProtocolAreWrittenAsTheirTree() {
    PolicyGenerator every = PolicyGenerator.builder().graphqlShare(0.3).jsonRpcShare(0.3).mcpShare(0.3)
        .mcpVersionsShare(0.5).queryRuleShare(0.4).denyRuleShare(0.4).build();
    PropertyCheck.forAll(every.policies())
        .seed(0x57e5L)
        .count(150)
        .maxSize(10)
        .shrinker(PolicyShrinker.policies())
        .describedBy(PolicyWriter::toYaml)
        .check(GeneratedDocumentsStreamedTest::assertWrittenAsTree);
  }

  @Test
  void generatedPresetsAreWrittenAsTheirTree() {
    PropertyCheck.forAll(PolicyGenerator.defaults().presets())
        .seed(0x57e6L)
        .count(60)
        .maxSize(6)
        .describedBy(PolicyWriter::toYaml)
        .check((Preset p) -> {
          assertEquals(PolicyWriter.yaml(DOCUMENT.preset(p)), PolicyWriter.toYaml(p));
          assertEquals(PolicyWriter.json(DOCUMENT.preset(p), true), PolicyWriter.toJson(p));
        });
  }

  @Test
  void mutantsReadTolerantlyAreWrittenAsTheirTree() {
    PolicyReader tolerant = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
    int[] withUnknownKeys = {0};
    PropertyCheck.forAll(DocumentMutator.invalidPolicies())
        .seed(0x57e7L)
        .count(200)
        .maxSize(4)
        .describedBy(Mutant::text)
        .check(m -> {
          ReadResult<Policy> read = tolerant.readPolicy(m.text());
          read.value().ifPresent(GeneratedDocumentsStreamedTest::assertWrittenAsTree);
          if (read.value().isPresent() && read.problems().stream().anyMatch(p -> p.code().equals("unknown_key"))) {
            withUnknownKeys[0]++;
          }
        });
    // the mutants exercise the streamed writer's fallback for mappings with unknown keys
    assertTrue(withUnknownKeys[0] > 0, "no mutant was read with unknown keys");
  }
}
