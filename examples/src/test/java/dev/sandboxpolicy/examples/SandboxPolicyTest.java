package dev.sandboxpolicy.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.schema.PolicyValidator;
import dev.sandboxpolicy.testfiles.PolicyTestFiles;
import dev.sandboxpolicy.testkit.junit.GeneratedPolicies;
import dev.sandboxpolicy.testkit.junit.GeneratedRequests;
import dev.sandboxpolicy.testkit.junit.PolicyAssert;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * How a project tests its sandbox policy with JUnit 5 (docs/testing-policies.md): the policy's test file as one
 * test per case, assertions on single decisions, and generated requests thrown at the code that enforces the policy.
 */
class SandboxPolicyTest {

  /** The policy under test. */
  static final Path POLICY = Path.of("policies/sandbox.yaml");

  /** Every case of the policy's test file is a test; the cases must exercise every rule, endpoint and binary. */
  @TestFactory
  Stream<DynamicNode> theTestFileOfThePolicy() {
    return PolicyTestFiles.of(Path.of("policies/sandbox.test.yaml")).minCoverage(100).dynamicTests();
  }

  /** Single decisions, with the entry, rule and reason in the message when one goes the wrong way. */
  @Test
  void githubIsForTheGithubToolsOnly() throws Exception {
    CompiledPolicy policy = CompiledPolicy.compile(read(POLICY));
    NetworkRequest gh = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");
    PolicyAssert.assertAllowedBy(policy, gh, "github");
    PolicyAssert.assertAllows(policy, L7Request.of(gh, "GET", "/repos/acme/widgets/pulls"));
    PolicyAssert.assertDenies(policy, L7Request.of(gh, "DELETE", "/repos/acme/widgets"));
    PolicyAssert.assertDenies(policy, NetworkRequest.of("api.github.com", 443, "/usr/bin/curl"));
  }

  /**
   * Requests the policy allows, generated from its endpoints and rules: what your enforcement code must let through.
   * Here the library's own matcher stands in for that code. A failure names its seed; rerun it with
   * {@code -Dsandboxpolicy.seed=...}.
   */
  @ParameterizedTest
  @GeneratedRequests(policyFile = "policies/sandbox.yaml", kind = GeneratedRequests.Kind.ALLOWED_REQUESTS, count = 25)
  void theEnforcementLetsThroughWhatThePolicyAllows(L7Request request, Policy policy) throws Exception {
    PolicyAssert.assertAllows(CompiledPolicy.compile(policy), request);
  }

  /** Generated policies, for code that takes any policy (here: the validator accepts what the generator makes). */
  @ParameterizedTest
  @GeneratedPolicies(seed = 20, count = 10, maxEntries = 8)
  void everyGeneratedPolicyIsValid(Policy policy) {
    assertFalse(PolicyValidator.strict().validate(policy).hasErrors());
  }

  private static Policy read(Path file) throws Exception {
    return PolicyReader.of(ReadMode.STRICT).readPolicy(file).orElseThrow();
  }
}
