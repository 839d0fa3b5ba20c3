package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.MatchTrace;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the cases of policy test files: each request is decided the way {@code policyctl check} decides it (the
 * connection, then the request with its target canonicalized), compared with the case's expectation, and traced for
 * {@link RuleCoverage}.
 */
final class PolicyTestRun {

  /**
   * One case and what became of it.
   *
   * @param file the test file
   * @param testCase the case
   * @param policy the policy it ran against
   * @param result the decision
   * @param mismatches what differs from the expectation, in words; empty when the case passed
   * @param nanos how long deciding (and tracing) the case took
   */
  record Outcome(
      PolicyTestFile file,
      PolicyTestCase testCase,
      PolicyUnderTest policy,
      CheckResult result,
      List<String> mismatches,
      long nanos) {

    Outcome {
      mismatches = List.copyOf(mismatches);
    }

    boolean passed() {
      return mismatches.isEmpty();
    }

    /** The verdict the case got: {@code allow}, {@code deny} or {@code error}. */
    String got() {
      return result.verdict();
    }

    /** Where the case is written: {@code FILE:LINE:COLUMN}. */
    String where() {
      SourceLocation at = testCase.at();
      return at.line() > 0 ? file.name() + ":" + at.line() + ":" + at.column() : file.name();
    }

    /** The deciding rule, {@code POINTER (FILE:LINE:COLUMN)}, or empty when no rule decided. */
    Optional<String> rule() {
      Decision d = result.decision();
      if (result.rejected().isPresent() || d.rulePointer().isEmpty()) {
        return Optional.empty();
      }
      SourceLocation at = d.ruleLocation();
      return Optional.of(d.rulePointer() + " (" + policy.where(d.rulePointer(), at) + ")");
    }

    /** One line: what was expected and what the decision was. */
    String summary() {
      return "expected " + describeExpectation() + ", got " + got()
          + result.decision().matchedPolicy().map(k -> " (entry " + k + ")").orElse("");
    }

    private String describeExpectation() {
      StringBuilder b = new StringBuilder(DecisionJson.verdict(testCase.expect()));
      testCase.entry().ifPresent(e -> b.append(" (entry ").append(e).append(')'));
      testCase.reasonContains().ifPresent(r -> b.append(" with a reason containing '").append(r).append('\''));
      return b.toString();
    }
  }

  private PolicyTestRun() {}

  /** Runs {@code c} against {@code policy}, adding what its request matched to {@code coverage}. */
  static Outcome run(PolicyTestFile file, PolicyTestCase c, PolicyUnderTest policy, RuleCoverage coverage) {
    long start = System.nanoTime();
    CompiledPolicy compiled = policy.compiled();
    List<MatchTrace> requestTrace = new ArrayList<>(1);
    CheckResult result =
        CheckResult.decide(compiled, c.request(), l7 -> {
          MatchTrace t = compiled.trace(l7);
          requestTrace.add(t);
          return t.decision();
        });
    MatchTrace trace = requestTrace.isEmpty() ? compiled.trace(c.request().connection()) : requestTrace.get(0);
    coverage.add(policy, trace);
    return new Outcome(file, c, policy, result, mismatches(c, result), System.nanoTime() - start);
  }

  /** What differs between the case's expectation and {@code result}; empty when it passes. */
  static List<String> mismatches(PolicyTestCase c, CheckResult result) {
    List<String> out = new ArrayList<>();
    String got = result.verdict();
    if (!got.equals(DecisionJson.verdict(c.expect()))) {
      out.add("expected " + DecisionJson.verdict(c.expect()) + ", got " + got);
    }
    Optional<String> entry = result.rejected().isPresent() ? Optional.empty() : result.decision().matchedPolicy();
    if (c.entry().isPresent() && !c.entry().equals(entry)) {
      out.add("expected entry " + c.entry().get() + ", got " + entry.orElse("none"));
    }
    if (c.reasonContains().isPresent() && !result.reason().contains(c.reasonContains().get())) {
      out.add("expected a reason containing '" + c.reasonContains().get() + "', got '" + result.reason() + "'");
    }
    return out;
  }
}
