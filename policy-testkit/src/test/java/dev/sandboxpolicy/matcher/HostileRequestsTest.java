package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.testkit.Budget;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile hosts, request targets and queries through the compiled matcher and its canonicalizer: each gets the
 * documented rejection (a {@link RequestTargetException} with a stable code) or decision, within budget, and
 * nothing throws anything else.
 */
class HostileRequestsTest {

  static final Duration TIME = Duration.ofSeconds(5);
  static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  /** Rejections by code, printed for docs/robustness.md. */
  static final Map<String, Integer> CODES = new ConcurrentSkipListMap<>();
  static CompiledPolicy compiled;

  @BeforeAll
  static void compile() throws PolicyCompileException {
    compiled = CompiledPolicy.compile(HostileRequests.policy());
  }

  static Stream<HostileRequests.HostCase> hosts() {
    return HostileRequests.hosts().stream();
  }

  static Stream<HostileRequests.TargetCase> targets() {
    return HostileRequests.targets().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void hostCase(HostileRequests.HostCase c) {
    Decision d = Budget.run(c.name(), TIME, 256L << 20,
        () -> compiled.decideNetwork(NetworkRequest.of(c.host(), c.port(), "/usr/bin/curl"))).value();
    assertEquals(c.expected(), ReferenceOutcome.of(d).name(), d.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void targetCase(HostileRequests.TargetCase c) {
    boolean allowSlash = c.host().equals("raw.example.com");
    Object parsed = Budget.run(c.name(), TIME, 256L << 20, () -> {
      try {
        return CanonicalTarget.parse(c.target(), allowSlash);
      } catch (RequestTargetException e) {
        return e;
      }
    }).value();
    if (c.expected().equals("REJECT")) {
      assertTrue(parsed instanceof RequestTargetException, "must be rejected, got " + parsed);
      String code = ((RequestTargetException) parsed).code();
      assertTrue(SNAKE_CASE.matcher(code).matches(), code);
      assertEquals(c.expectedCanonical(), code, "rejection code");
      CODES.merge(code, 1, Integer::sum);
      return;
    }
    assertTrue(parsed instanceof CanonicalTarget, "must be accepted, got " + parsed);
    CanonicalTarget t = (CanonicalTarget) parsed;
    assertEquals(c.expectedCanonical(), t.path());
    L7Request r = L7Request.of(NetworkRequest.of(c.host(), 443, "/usr/bin/curl"), c.method(), t.path()).withQuery(t.query());
    Decision d = Budget.run(c.name(), TIME, 1L << 30, () -> compiled.decideRequest(r)).value();
    assertEquals(c.expected(), ReferenceOutcome.of(d).name(), d.toString());
  }

  @AfterAll
  static void printCodes() {
    System.out.println("[robustness] request-target rejections | " + CODES);
  }
}
