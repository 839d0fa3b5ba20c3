package dev.sandboxpolicy.testkit.junit;

import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.junit.GeneratedRequests.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Parameterized tests that only record their arguments, run by {@link GeneratedSourcesTest} through the JUnit
 * launcher (the name does not match surefire's test patterns, so surefire does not run them on their own).
 */
class SampleSources {

  static final List<Object[]> RECEIVED = new ArrayList<>();

  @ParameterizedTest
  @GeneratedPolicies(seed = 42, count = 5, maxEntries = 4)
  void policies(Policy policy) {
    RECEIVED.add(new Object[] {policy});
  }

  @ParameterizedTest
  @GeneratedPolicies(seed = 42, count = 5, maxEntries = 4, bodyProtocols = true)
  void bodyProtocolPolicies(Policy policy) {
    RECEIVED.add(new Object[] {policy});
  }

  @ParameterizedTest
  @GeneratedRequests(seed = 7, count = 12, kind = Kind.ALLOWED_REQUESTS)
  void allowedRequests(L7Request request, Policy policy) {
    RECEIVED.add(new Object[] {request, policy});
  }

  @ParameterizedTest
  @GeneratedRequests(seed = 7, count = 12, kind = Kind.DENIED_CONNECTIONS)
  void deniedConnections(NetworkRequest request, Policy policy) {
    RECEIVED.add(new Object[] {request, policy});
  }

  @ParameterizedTest
  @GeneratedRequests(seed = 3, count = 8, kind = Kind.ALLOWED_REQUESTS, policyFile = "../examples/policies/sandbox.yaml")
  void requestsForAFile(L7Request request) {
    RECEIVED.add(new Object[] {request});
  }
}
