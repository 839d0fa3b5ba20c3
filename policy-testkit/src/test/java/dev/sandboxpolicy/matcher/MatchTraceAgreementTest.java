package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.junit.GeneratedRequests;
import dev.sandboxpolicy.testkit.junit.GeneratedRequests.Kind;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * {@link MatchTrace} agrees with the decision it traces, on generated policies and requests (the JUnit 5 sources of
 * the testkit; a failing case's display name carries the seed). The tracer tries every rule where the decision stops
 * at the first match, so these are the properties that hold the two together:
 *
 * <ul>
 *   <li>the trace's decision is the decision;
 *   <li>the entry, endpoint and rule that decided are among the matched items;
 *   <li>every matched item is an item of {@link CompiledPolicy#traceItems()};
 *   <li>on REST endpoints, a request is allowed exactly when some allow rule and no deny rule matched, and denied by
 *       a rule exactly when some deny rule matched (a hard denial or a refused connection matches no rule).
 * </ul>
 */
class MatchTraceAgreementTest {

  @ParameterizedTest
  @GeneratedRequests(seed = 0x7ace, count = 100, maxEntries = 6, kind = Kind.REQUESTS)
  void restRequestsAreAllowedExactlyWhenAnAllowRuleAndNoDenyRuleMatched(L7Request request, Policy policy)
      throws PolicyCompileException {
    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    MatchTrace trace = compiled.trace(request);
    Decision decision = compiled.decideRequest(request);
    assertSameDecision(decision, trace.decision());
    assertDecidingItemsMatched(compiled, decision, trace);
    if (decision.verdict() == Verdict.ERROR) {
      assertEquals(Set.of(), trace.matched(), "a decision that failed closed matches nothing");
      return;
    }
    boolean allowMatched = trace.matchedAmong(compiled.traceItems()).stream()
        .anyMatch(i -> i.kind() == MatchTrace.Kind.ALLOW_RULE);
    boolean denyMatched = trace.matchedAmong(compiled.traceItems()).stream()
        .anyMatch(i -> i.kind() == MatchTrace.Kind.DENY_RULE);
    assertEquals(allowMatched && !denyMatched, decision.isAllowed(), () -> "allow rule matched: " + allowMatched
        + ", deny rule matched: " + denyMatched + ", " + trace);
    assertEquals(denyMatched, decision.rulePointer().contains("/deny_rules/"), trace::toString);
  }

  @ParameterizedTest
  @GeneratedRequests(seed = 0xc0, count = 100, maxEntries = 6, kind = Kind.CONNECTIONS)
  void aConnectionIsAllowedExactlyWhenAnEndpointMatched(NetworkRequest connection, Policy policy)
      throws PolicyCompileException {
    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    MatchTrace trace = compiled.trace(connection);
    Decision decision = compiled.decideNetwork(connection);
    assertSameDecision(decision, trace.decision());
    assertDecidingItemsMatched(compiled, decision, trace);
    boolean endpointMatched = trace.matchedAmong(compiled.traceItems()).stream()
        .anyMatch(i -> i.kind() == MatchTrace.Kind.ENDPOINT);
    assertEquals(decision.isAllowed(), endpointMatched, trace::toString);
    // Every matched endpoint's entry is matched, and has a matched binary (binary identity is on).
    for (String pointer : trace.matched()) {
      if (pointer.matches(".*/endpoints/\\d+$")) {
        String entry = JsonPointer.parent(JsonPointer.parent(pointer));
        assertTrue(trace.matched(entry), pointer);
        assertTrue(trace.matched().stream().anyMatch(p -> p.startsWith(entry + "/binaries/")), trace::toString);
      }
    }
  }

  private static void assertSameDecision(Decision expected, Decision traced) {
    assertEquals(expected.verdict(), traced.verdict());
    assertEquals(expected.matchedPolicy(), traced.matchedPolicy());
    assertEquals(expected.rulePointer(), traced.rulePointer());
    assertEquals(expected.reason(), traced.reason());
  }

  private static void assertDecidingItemsMatched(CompiledPolicy compiled, Decision decision, MatchTrace trace) {
    Set<String> items = compiled.traceItems().stream().map(MatchTrace.Item::pointer).collect(Collectors.toSet());
    Set<String> unknown = new HashSet<>(trace.matched());
    unknown.removeAll(items);
    assertEquals(Set.of(), unknown, "matched pointers that are no item");
    if (decision.isAllowed()) {
      assertTrue(trace.matched(JsonPointer.key("/network_policies", decision.matchedPolicy().orElseThrow())),
          trace::toString);
      if (items.contains(decision.rulePointer())) {
        assertTrue(trace.matched(decision.rulePointer()), trace::toString);
      }
    }
    if (decision.rulePointer().contains("/deny_rules/")) {
      assertTrue(trace.matched(decision.rulePointer()), trace::toString);
    }
  }
}
