package dev.sandboxpolicy.analysis;

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
    if (!m.decideNetwork(w.connection()).allowed()) {
      return false;
    }
    if (w.request().isEmpty()) {
      return true;
    }
    ReferenceOutcome o = m.decideRequest(w.request().get()).outcome();
    return o == ReferenceOutcome.ALLOW || o == ReferenceOutcome.AUDIT || o == ReferenceOutcome.NOT_INSPECTED;
  }
}
