package dev.sandboxpolicy.testkit.junit;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.matcher.Verdict;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on decisions, for JUnit 5 tests of policies: each one decides the request (a connection, or an HTTP
 * request on it) and, when the verdict is not the expected one, fails with a message that shows the decision's
 * entry, rule and reason, with the expected and actual verdicts for the IDE's comparison view. Each returns the
 * {@link Decision} for further checks.
 *
 * <pre>{@code
 * CompiledPolicy policy = CompiledPolicy.compile(PolicyReader.of(ReadMode.STRICT).readPolicy(path).orElseThrow());
 * PolicyAssert.assertAllows(policy, NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
 * PolicyAssert.assertDenies(policy, NetworkRequest.of("api.github.com", 443, "/usr/bin/curl"));
 * PolicyAssert.assertAllowedBy(policy, L7Request.of(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"),
 *     "GET", "/repos/acme/widgets"), "github");
 * }</pre>
 *
 * <p>A failure reads:
 *
 * <pre>
 * expected allow but was deny
 *   request: api.github.com:443 /usr/bin/curl
 *   entry:   none
 *   rule:    none
 *   reason:  binary '/usr/bin/curl' not allowed in policy 'github' (...)
 * </pre>
 *
 * <p>The {@link Policy} overloads compile the policy first (a policy that does not compile fails the assertion with
 * its problems); compile once and use the {@link CompiledPolicy} overloads when a test makes many decisions. A
 * request decision ({@link L7Request}) includes its connection's: a refused connection is a deny. "Denies" means not
 * allowed: a deny, or an evaluation error that fails closed; {@link #assertDecides} tells the two apart.
 */
public final class PolicyAssert {

  private PolicyAssert() {}

  /** Asserts that {@code policy} allows the connection. */
  public static Decision assertAllows(CompiledPolicy policy, NetworkRequest request) {
    return expect(Verdict.ALLOW, policy.decideNetwork(request), describe(request));
  }

  /** Asserts that {@code policy} allows the request (and its connection). */
  public static Decision assertAllows(CompiledPolicy policy, L7Request request) {
    return expect(Verdict.ALLOW, policy.decideRequest(request), describe(request));
  }

  /** Asserts that {@code policy} allows the connection (compiling {@code policy} first). */
  public static Decision assertAllows(Policy policy, NetworkRequest request) {
    return assertAllows(compile(policy), request);
  }

  /** Asserts that {@code policy} allows the request (compiling {@code policy} first). */
  public static Decision assertAllows(Policy policy, L7Request request) {
    return assertAllows(compile(policy), request);
  }

  /** Asserts that {@code policy} does not allow the connection (a deny, or an error that fails closed). */
  public static Decision assertDenies(CompiledPolicy policy, NetworkRequest request) {
    return expectNotAllowed(policy.decideNetwork(request), describe(request));
  }

  /** Asserts that {@code policy} does not allow the request (a deny, or an error that fails closed). */
  public static Decision assertDenies(CompiledPolicy policy, L7Request request) {
    return expectNotAllowed(policy.decideRequest(request), describe(request));
  }

  /** Asserts that {@code policy} does not allow the connection (compiling {@code policy} first). */
  public static Decision assertDenies(Policy policy, NetworkRequest request) {
    return assertDenies(compile(policy), request);
  }

  /** Asserts that {@code policy} does not allow the request (compiling {@code policy} first). */
  public static Decision assertDenies(Policy policy, L7Request request) {
    return assertDenies(compile(policy), request);
  }

  /** Asserts the exact verdict of the connection's decision. */
  public static Decision assertDecides(CompiledPolicy policy, NetworkRequest request, Verdict expected) {
    return expect(expected, policy.decideNetwork(request), describe(request));
  }

  /** Asserts the exact verdict of the request's decision. */
  public static Decision assertDecides(CompiledPolicy policy, L7Request request, Verdict expected) {
    return expect(expected, policy.decideRequest(request), describe(request));
  }

  /** Asserts that {@code policy} allows the connection through the network-policy entry {@code entry}. */
  public static Decision assertAllowedBy(CompiledPolicy policy, NetworkRequest request, String entry) {
    return expectEntry(assertAllows(policy, request), entry, describe(request));
  }

  /** Asserts that {@code policy} allows the request through the network-policy entry {@code entry}. */
  public static Decision assertAllowedBy(CompiledPolicy policy, L7Request request, String entry) {
    return expectEntry(assertAllows(policy, request), entry, describe(request));
  }

  private static CompiledPolicy compile(Policy policy) {
    try {
      return CompiledPolicy.compile(policy);
    } catch (PolicyCompileException e) {
      throw new AssertionFailedError("the policy does not compile:\n" + e.problems().stream()
          .filter(Problem::isError).map(Problem::toString).collect(Collectors.joining("\n")), e);
    }
  }

  private static Decision expect(Verdict expected, Decision d, String request) {
    if (d.verdict() != expected) {
      throw new AssertionFailedError(message(name(expected), d, request), name(expected), name(d.verdict()));
    }
    return d;
  }

  private static Decision expectNotAllowed(Decision d, String request) {
    if (d.isAllowed()) {
      throw new AssertionFailedError(message("deny", d, request), "deny", "allow");
    }
    return d;
  }

  private static Decision expectEntry(Decision d, String entry, String request) {
    if (!d.matchedPolicy().equals(Optional.of(entry))) {
      throw new AssertionFailedError(
          message("allow by entry '" + entry + "'", d, request), entry, d.matchedPolicy().orElse("none"));
    }
    return d;
  }

  /** {@code expected X but was Y}, then the request, entry, rule and reason, one per line. */
  static String message(String expected, Decision d, String request) {
    SourceLocation at = d.ruleLocation();
    String rule = d.rulePointer().isEmpty() ? "none"
        : d.rulePointer() + (at.line() > 0 ? " (line " + at.line() + ", column " + at.column() + ")" : "");
    return "expected " + expected + " but was " + name(d.verdict())
        + "\n  request: " + request
        + "\n  entry:   " + d.matchedPolicy().orElse("none")
        + "\n  rule:    " + rule
        + "\n  reason:  " + (d.reason().isEmpty() ? "(none)" : d.reason());
  }

  private static String name(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  private static String describe(NetworkRequest request) {
    return GeneratedRequestsProvider.describe(request)
        + (request.ancestors().isEmpty() ? "" : " (ancestors " + String.join(", ", request.ancestors()) + ")");
  }

  private static String describe(L7Request request) {
    return GeneratedRequestsProvider.describe(request);
  }
}
