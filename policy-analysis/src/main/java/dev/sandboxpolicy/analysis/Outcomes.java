package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;

/**
 * What a compiled policy does with a connection or request, as the proxy acts on it: the compiled matcher decides,
 * and the outcome says whether the traffic gets through. A connection passes when the network decision allows it. A
 * request passes when its connection is allowed and the request decision allows it, or the endpoint's audit mode
 * forwards a denied request, or the connection has no inspected endpoint (the proxy relays it without a request
 * decision). Every witness the analysis returns has been decided here under both policies.
 */
final class Outcomes {
  static final String NOT_INSPECTED_REASON = "the connection is not inspected, so every request on it is relayed";
  static final String AUDIT_PREFIX = "forwarded in audit mode although denied: ";

  private Outcomes() {}

  static Origin of(PolicyModel m, NetworkRequest connection) {
    Decision d = m.compiled.decideNetwork(connection);
    return origin(m, d, d.isAllowed() ? Origin.Outcome.ALLOWED : Origin.Outcome.DENIED,
        d.isAllowed() ? "" : d.reason());
  }

  static Origin of(PolicyModel m, L7Request request) {
    Decision network = m.compiled.decideNetwork(request.connection());
    if (!network.isAllowed()) {
      return origin(m, network, Origin.Outcome.DENIED, network.reason());
    }
    return onAllowedConnection(m, request);
  }

  /** {@link #of(PolicyModel, L7Request)} for a request whose connection the policy is known to allow. */
  static Origin onAllowedConnection(PolicyModel m, L7Request request) {
    CompiledPolicy c = m.compiled;
    Decision d = c.decideRequest(request);
    if (d.isAllowed()) {
      return origin(m, d, Origin.Outcome.ALLOWED, "");
    }
    if (d.notInspected()) {
      return origin(m, c.decideNetwork(request.connection()), Origin.Outcome.NOT_INSPECTED, NOT_INSPECTED_REASON);
    }
    if (!d.blocks()) {
      return origin(m, d, Origin.Outcome.AUDITED, AUDIT_PREFIX + d.reason());
    }
    return origin(m, d, Origin.Outcome.DENIED, d.reason());
  }

  static Origin of(PolicyModel m, Witness.Network w) {
    return w.request().isPresent() ? of(m, w.request().get()) : of(m, w.connection());
  }

  private static Origin origin(PolicyModel m, Decision d, Origin.Outcome outcome, String reason) {
    return new Origin(outcome, d.matchedPolicy(), d.rulePointer(), d.ruleLocation(), reason);
  }
}
