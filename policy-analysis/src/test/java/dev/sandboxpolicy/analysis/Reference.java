package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;

/**
 * What the testkit's independent reference matcher does with a witness, in the analysis's terms: a connection passes
 * when it is allowed; a request passes when it is allowed, forwarded in audit mode, or on a connection that is not
 * inspected.
 */
final class Reference {
  private Reference() {}

  static boolean passes(Policy policy, Witness.Network w) {
    return passes(ReferenceMatcher.of(policy), w);
  }

  static boolean passes(ReferenceMatcher m, Witness.Network w) {
    NetworkRequest conn = w.connection();
    if (!m.decideNetwork(conn).allowed()) {
      return false;
    }
    if (w.request().isEmpty()) {
      return true;
    }
    L7Request r = w.request().get();
    ReferenceOutcome o = m.decideRequest(L7Request.of(conn, r.method(), r.path()).withQuery(r.query())).outcome();
    return o == ReferenceOutcome.ALLOW || o == ReferenceOutcome.AUDIT || o == ReferenceOutcome.NOT_INSPECTED;
  }
}
