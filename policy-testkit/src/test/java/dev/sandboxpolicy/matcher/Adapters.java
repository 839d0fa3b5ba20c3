package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.testkit.Connection;
import dev.sandboxpolicy.testkit.HttpRequest;

/** Converts the testkit's request types to the matcher's, and the matcher's decisions to reference outcome names. */
final class Adapters {

  private Adapters() {}

  static NetworkRequest network(Connection c) {
    return NetworkRequest.of(c.host(), c.port(), c.binaryPath()).withAncestors(c.ancestors());
  }

  static L7Request l7(HttpRequest r) {
    return L7Request.of(network(r.connection()), r.method(), r.path()).withQuery(r.query());
  }

  /**
   * ALLOW, DENY, AUDIT (denied but forwarded), ERROR or NOT_INSPECTED, in the vocabulary of {@code ReferenceOutcome}.
   * The matcher's not-inspected denial ({@link Decision#notInspected()}) is NOT_INSPECTED: the reference's outcome for
   * a request on a connection without an inspected endpoint, where the matcher fails closed instead of relaying.
   */
  static String outcome(Decision d) {
    if (d.notInspected()) {
      return "NOT_INSPECTED";
    }
    return switch (d.verdict()) {
      case ALLOW -> "ALLOW";
      case ERROR -> "ERROR";
      case DENY -> d.enforcement().orElse(Enforcement.ENFORCE) == Enforcement.AUDIT ? "AUDIT" : "DENY";
    };
  }
}
