package dev.sandboxpolicy.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The examples of docs/testing-with-the-testkit.md, compiled and run so that the page stays true. */
class DocumentationExampleTest {

  // --- example 1: a property over generated policies ---
  @Test
  void everyGeneratedPolicyIsValid() {
    PropertyCheck.forAll(PolicyGenerator.defaults().policies())
        .seed(42L)                              // print it, or pass -Dsandboxpolicy.seed=... to override
        .count(200)
        .maxSize(15)                            // up to 15 network_policies entries
        .shrinker(PolicyShrinker.policies())
        .describedBy(PolicyWriter::toYaml)
        .check(policy -> assertFalse(PolicyValidator.strict().validate(policy).hasErrors()));
  }

  // --- example 2: requests a policy allows must pass my proxy's check ---
  @Test
  void myProxyAllowsWhatThePolicyAllows() {
    Policy policy = PolicyGenerator.defaults().policy(new SplittableRandom(7), 20);
    RequestGenerator requests = RequestGenerator.forPolicy(policy);
    ReferenceMatcher reference = ReferenceMatcher.of(policy);
    PropertyCheck.forAll(requests.allowedRequests())
        .seed(7L)
        .count(300)
        .check(r -> assertTrue(reference.decideRequest(r).allowed())); // replace with your own code under test
  }

  // --- example 3: invalid documents are rejected, never crash ---
  @Test
  void mutantsAreRejected() {
    PropertyCheck.forAll(DocumentMutator.invalidPolicies())
        .seed(3L)
        .count(100)
        .check(m -> assertTrue(PolicyValidator.strict()
            .validateText(dev.sandboxpolicy.schema.DocumentKind.POLICY, m.text()).hasErrors(), m.toString()));
  }

  // --- example 4: what a failure looks like ---
  @Test
  void aFailureNamesTheSeedAndTheShrunkCase() {
    try {
      PropertyCheck.forAll(PolicyGenerator.defaults().policies())
          .seed(99L)
          .count(50)
          .maxSize(10)
          .shrinker(PolicyShrinker.policies())
          .describedBy(PolicyWriter::toYaml)
          .holds(p -> p.networkPolicies().size() < 3);       // false once a policy has 3 entries
      fail("the property is false");
    } catch (PropertyFailure e) {
      assertEquals(99L, e.seed());
      assertTrue(e.getMessage().contains("-Dsandboxpolicy.seed=0x63"), e.getMessage());
      // shrinking removes entries until exactly 3 remain, and drops everything else it can
      long entries = e.shrunkCase().lines().filter(l -> l.matches("  [a-z]+_[0-9]+:")).count();
      assertEquals(3, entries, e.shrunkCase());
      assertFalse(e.shrunkCase().contains("filesystem_policy"), e.shrunkCase());
      Policy again = PolicyGenerator.defaults().policies().generate(new SplittableRandom(e.caseSeed()), e.size());
      assertTrue(again.networkPolicies().size() >= 3, "the case seed and size reproduce the failing case");
    }
  }

  // --- example 5: the compiled matcher against the reference, on the same input values ---
  @Test
  void compiledMatcherAgreesWithTheReference() throws PolicyCompileException {
    Policy policy = PolicyGenerator.defaults().policy(new SplittableRandom(11), 20);
    ReferenceMatcher reference = ReferenceMatcher.of(policy);
    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    RequestGenerator requests = RequestGenerator.forPolicy(policy);
    PropertyCheck.forAll(requests.requests()).seed(1L).count(1_000).check(r -> {
      ReferenceDecision expected = reference.decideRequest(r);
      if (expected.outcome() != ReferenceOutcome.UNSUPPORTED) {
        assertEquals(expected.outcome(), ReferenceOutcome.of(compiled.decideRequest(r)), expected.reason());
      }
    });
    PropertyCheck.forAll(requests.connections()).seed(1L).count(1_000).check(connection ->
        assertEquals(reference.decideNetwork(connection).outcome(),
            ReferenceOutcome.of(compiled.decideNetwork(connection))));
  }
}
