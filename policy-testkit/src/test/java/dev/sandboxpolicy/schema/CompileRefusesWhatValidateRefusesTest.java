package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.testkit.DocumentMutator;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.Mutant;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PropertyCheck;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 1: every path that compiles a policy refuses exactly what {@code validate} refuses in the same mode.
 * For generated policies and their textual and structural mutants, in strict and lenient mode, the library's path
 * (reader in that mode, then {@link CompiledPolicy#compile} with that mode's rule set) refuses a document if and only
 * if {@link PolicyValidator#validateText} reports an error for it.
 */
class CompileRefusesWhatValidateRefusesTest {
  static final long SEED = 0x19_01L;

  /** Generated valid policies as text, then mutated (textually or structurally); the mutant's text. */
  private static Generator<Mutant> documents() {
    return (random, size) -> {
      Policy policy = PolicyGenerator.defaults().policy(random, 1 + random.nextInt(3));
      String yaml = PolicyWriter.toYaml(policy);
      int pick = random.nextInt(4);
      if (pick == 0) {
        return new Mutant(yaml, "unmutated", Mutant.Expectation.VALID_OR_REJECTED);
      }
      if (pick == 3 && yaml.contains("- path: ")) {
        // The issue's own cases: a binary entry with an empty or a missing path.
        String empty = random.nextBoolean() ? "- path: \"\"" : "- {}";
        return new Mutant(yaml.replaceFirst("- path: [^\n]*", empty), "binary " + empty,
            Mutant.Expectation.VALIDATION_ERROR);
      }
      Map<String, Object> tree = PolicyWriter.toTree(policy);
      return pick == 1 ? DocumentMutator.textual(yaml).generate(random, size)
          : DocumentMutator.structural(tree).generate(random, size);
    };
  }

  /** Whether the library path (read, then compile with the mode's rules) refuses {@code text}. */
  static boolean libraryRefuses(String text, ReadMode mode) {
    ReadResult<Policy> read = PolicyReader.of(mode).readPolicy(text);
    if (read.hasErrors() || read.value().isEmpty()) {
      return true;
    }
    try {
      CompiledPolicy.compile(read.value().get(), MatcherOptions.defaults().withStrictRules(mode == ReadMode.STRICT));
      return false;
    } catch (PolicyCompileException e) {
      return true;
    }
  }

  static boolean validateRefuses(String text, ReadMode mode) {
    PolicyValidator validator = mode == ReadMode.STRICT ? PolicyValidator.strict() : PolicyValidator.legacyTolerant();
    return validator.validateText(DocumentKind.POLICY, text, mode).problems().stream().anyMatch(Problem::isError);
  }

  @Test
  void theLibraryRefusesExactlyWhatValidateRefuses() {
    Map<String, Integer> outcomes = new TreeMap<>();
    PropertyCheck.forAll(documents()).seed(SEED).count(150).maxSize(3).check(m -> {
      for (ReadMode mode : List.of(ReadMode.STRICT, ReadMode.LEGACY_TOLERANT)) {
        boolean validate = validateRefuses(m.text(), mode);
        boolean library = libraryRefuses(m.text(), mode);
        assertEquals(validate, library, mode + " " + m.operator() + ": validate refuses " + validate
            + ", the library refuses " + library + "\n" + PolicyValidator.strict()
                .validateText(DocumentKind.POLICY, m.text(), mode).problems() + "\n" + m.text());
        if (m.expectation() == Mutant.Expectation.VALIDATION_ERROR
            || (mode == ReadMode.STRICT && m.expectation() != Mutant.Expectation.VALID_OR_REJECTED)) {
          assertTrue(validate, mode + " must refuse " + m.operator() + "\n" + m.text());
        }
        outcomes.merge(mode + (validate ? " refused" : " accepted"), 1, Integer::sum);
      }
    });
    System.out.println("[robustness] compile vs validate: " + outcomes);
    // Both sides of the property are exercised: enough documents are accepted and enough refused in each mode.
    for (String outcome : List.of("STRICT refused", "STRICT accepted", "LEGACY_TOLERANT refused", "LEGACY_TOLERANT accepted")) {
      assertTrue(outcomes.getOrDefault(outcome, 0) > 30, outcomes.toString());
    }
  }
}
