package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.testkit.Budget;
import dev.sandboxpolicy.testkit.ReferenceDecision;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceRequestTarget;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile requests through the testkit's reference canonicalizer and matcher: each gets the documented
 * rejection or decision, within budget, without throwing. (The compiled matcher gets the same table in
 * {@code HostileRequestsTest}.)
 */
class ReferenceHostileRequestsTest {

  static final ReferenceMatcher REFERENCE = ReferenceMatcher.of(HostileRequests.policy());
  static final Duration TIME = Duration.ofSeconds(5);

  static Stream<HostileRequests.HostCase> hosts() {
    return HostileRequests.hosts().stream();
  }

  static Stream<HostileRequests.TargetCase> targets() {
    return HostileRequests.targets().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void hostCase(HostileRequests.HostCase c) {
    ReferenceDecision d = Budget.run(c.name(), TIME, 256L << 20,
        () -> REFERENCE.decideNetwork(NetworkRequest.of(c.host(), c.port(), "/usr/bin/curl"))).value();
    assertEquals(c.expected(), d.outcome().name(), d.reason());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void targetCase(HostileRequests.TargetCase c) {
    boolean allowSlash = c.host().equals("raw.example.com");
    ReferenceRequestTarget t = Budget.run(c.name(), TIME, 256L << 20, () -> ReferenceRequestTarget.parse(c.target(), allowSlash)).value();
    if (c.expected().equals("REJECT")) {
      assertEquals(c.expectedCanonical(), t.rejection().orElse("accepted as " + t));
      return;
    }
    assertEquals(c.expectedCanonical(), t.isRejected() ? "rejected " + t.rejection().get() : t.path());
    L7Request r = L7Request.of(NetworkRequest.of(c.host(), 443, "/usr/bin/curl"), c.method(), t.path()).withQuery(t.query());
    ReferenceDecision d = Budget.run(c.name(), TIME, 1L << 30, () -> REFERENCE.decideRequest(r)).value();
    assertEquals(c.expected(), d.outcome().name(), d.reason());
  }
}
