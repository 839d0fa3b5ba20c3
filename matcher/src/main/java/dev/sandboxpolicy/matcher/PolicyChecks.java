package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.Severity;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.net.Port;
import dev.sandboxpolicy.rules.PolicyRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks {@link CompiledPolicy#compile} runs before compiling: the value rules ({@link PolicyRules}, strict or
 * lenient as {@link MatcherOptions#strictRules()} says; their {@code glob_invalid} warnings name the globs that will
 * fail closed), then a port range check that holds even with validation off: a port the model cannot mean is never
 * compiled.
 */
final class PolicyChecks {

  private PolicyChecks() {}

  /**
   * The value rules' problems (downgraded to warnings when validation is off, except {@code port_invalid}), then
   * {@code port_invalid} for every port out of range that the rules did not already report (they leave
   * {@code port} alone when {@code ports} is set, and a policy built in code can hold any int).
   */
  static List<Problem> validate(Policy policy, MatcherOptions options) {
    boolean strict = options.validation();
    List<Problem> problems = new ArrayList<>();
    Set<String> badPorts = new HashSet<>();
    PolicyRules rules = options.strictRules() ? PolicyRules.strict() : PolicyRules.lenient();
    for (Problem p : rules.validate(policy).problems()) {
      boolean badPort = p.isError() && p.code().equals(ProblemCode.PORT_INVALID.wireName());
      if (badPort) {
        badPorts.add(p.pointer());
      }
      problems.add(strict || badPort || !p.isError() ? p
          : new Problem(Severity.WARNING, p.code(), p.pointer(), p.line(), p.column(), p.message()));
    }
    for (Map.Entry<String, NetworkPolicy> entry : policy.networkPolicies().entrySet()) {
      List<Endpoint> endpoints = entry.getValue().endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint e = endpoints.get(i);
        if (allPortsValid(e)) {
          continue; // the usual endpoint: no pointer strings to build
        }
        String pointer = JsonPointer.index(JsonPointer.key("/network_policies", entry.getKey()) + "/endpoints", i);
        checkPort(problems, badPorts, e.port(), pointer + "/port", e.location(), true);
        for (int p = 0; p < e.ports().size(); p++) {
          checkPort(problems, badPorts, e.ports().get(p), JsonPointer.index(pointer + "/ports", p), e.location(),
              false);
        }
      }
    }
    return problems;
  }

  /** Whether {@code port} (or 0, meaning unset) and every entry of {@code ports} are in range. */
  private static boolean allPortsValid(Endpoint e) {
    if (!Port.isValid(e.port()) && e.port() != 0) {
      return false;
    }
    for (int p = 0; p < e.ports().size(); p++) {
      if (!Port.isValid(e.ports().get(p))) {
        return false;
      }
    }
    return true;
  }

  private static void checkPort(
      List<Problem> out, Set<String> reported, int port, String pointer, SourceLocation at, boolean zeroOk) {
    boolean valid = Port.isValid(port) || (zeroOk && port == 0);
    if (!valid && !reported.contains(pointer)) {
      out.add(new Problem(Severity.ERROR, ProblemCode.PORT_INVALID.wireName(), pointer, at.line(), at.column(),
          "port " + port + " is outside " + Port.MIN_VALUE + ".." + Port.MAX_VALUE));
    }
  }
}
