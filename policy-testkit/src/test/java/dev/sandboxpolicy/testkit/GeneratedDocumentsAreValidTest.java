package dev.sandboxpolicy.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.ValidationReport;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the generators promise: every generated policy and preset passes strict validation (§2) with no error. */
class GeneratedDocumentsAreValidTest {

  private static List<Problem> errors(ValidationReport report) {
    return report.problems().stream().filter(Problem::isError).toList();
  }

  @Test
  void generatedPoliciesAreValid() {
    PropertyCheck.forAll(PolicyGenerator.defaults().policies())
        .seed(0xa11dL)
        .count(200)
        .maxSize(25)
        .shrinker(PolicyShrinker.policies())
        .describedBy(PolicyWriter::toYaml)
        .check(policy -> assertEquals(List.of(), errors(PolicyValidator.strict().validate(policy))));
  }

  @Test
  void generatedPoliciesAreValidAsText() {
    PropertyCheck.forAll(PolicyGenerator.defaults().policies())
        .seed(0xa11d2L)
        .count(60)
        .maxSize(10)
        .describedBy(PolicyWriter::toJson)
        .check(policy -> assertEquals(List.of(),
            errors(PolicyValidator.strict().validateText(DocumentKind.POLICY, PolicyWriter.toJson(policy)))));
  }

  @Test
  void generatedGraphqlAndJsonRpcPoliciesAreValid() {
    PolicyGenerator bodies = PolicyGenerator.builder().graphqlShare(0.3).jsonRpcShare(0.3).mcpShare(0.3).denyRuleShare(0.4).build();
    PropertyCheck.forAll(bodies.policies())
        .seed(0x6A9L)
        .count(150)
        .maxSize(15)
        .shrinker(PolicyShrinker.policies())
        .describedBy(PolicyWriter::toYaml)
        .check(policy -> assertEquals(List.of(), errors(PolicyValidator.strict().validate(policy))));
  }

  @Test
  void generatedPresetsAreValid() {
    PropertyCheck.forAll(PolicyGenerator.defaults().presets())
        .seed(0xb0b0L)
        .count(100)
        .maxSize(8)
        .describedBy(PolicyWriter::toYaml)
        .check((Preset preset) -> assertEquals(List.of(), errors(PolicyValidator.strict().validatePreset(preset))));
  }

  @Test
  void scaleSeriesPointsAreValid() {
    for (int entries : new int[] {10, 100, 1_000}) {
      Policy p = PolicyGenerator.defaults().policy(new SplittableRandom(entries), entries);
      List<Problem> errors = errors(PolicyValidator.strict().validate(p));
      assertTrue(errors.isEmpty(), entries + " entries: " + errors.subList(0, Math.min(5, errors.size())));
    }
  }
}
