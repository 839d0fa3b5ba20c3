package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.rules.PolicyRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks {@link CompiledPolicy#compile} runs before compiling: the value rules ({@link PolicyRules}, strict or
 * lenient as {@link MatcherOptions#strictRules()} says) (whose {@code
 * glob_invalid} warnings name the globs that will fail closed), then this module's own port check.
 */
final class PolicyChecks {
  /** Highest TCP/UDP port (RFC 793 / RFC 768: 16-bit port field). */
  static final int MAX_PORT = 65_535;

  private PolicyChecks() {}

  /**
   * The validator's problems (downgraded to warnings when validation is off), then this module's port check, which
   * the validator leaves to the schema check at read time but a policy built in code can still violate.
   */
  static List<Problem> validate(Policy policy, MatcherOptions options) {
    boolean strict = options.validation();
    List<Problem> problems = new ArrayList<>();
    PolicyRules rules = options.strictRules() ? PolicyRules.strict() : PolicyRules.lenient();
    for (Problem p : rules.validate(policy).problems()) {
      problems.add(strict || !p.isError() ? p
          : new Problem(Severity.WARNING, p.code(), p.pointer(), p.line(), p.column(), p.message()));
    }
    for (Map.Entry<String, NetworkPolicy> entry : policy.networkPolicies().entrySet()) {
      List<Endpoint> endpoints = entry.getValue().endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint e = endpoints.get(i);
        String pointer = pointer(entry.getKey()) + "/endpoints/" + i;
        checkPort(problems, e.port(), pointer + "/port", e.location(), true);
        for (int p = 0; p < e.ports().size(); p++) {
          checkPort(problems, e.ports().get(p), pointer + "/ports/" + p, e.location(), false);
        }
      }
    }
    return problems;
  }

  private static void checkPort(List<Problem> out, int port, String pointer, SourceLocation at, boolean zeroOk) {
    if (port < 0 || port > MAX_PORT || (port == 0 && !zeroOk)) {
      out.add(new Problem(
          Severity.ERROR,
          "invalid_port",
          pointer,
          at.line(),
          at.column(),
          "port " + port + " is outside 1.." + MAX_PORT));
    }
  }

  private static String pointer(String key) {
    return "/network_policies/" + JsonPointer.escape(key);
  }
}
