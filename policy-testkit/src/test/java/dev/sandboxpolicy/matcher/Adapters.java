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

  /** ALLOW, DENY, AUDIT (denied but forwarded) or ERROR, in the vocabulary of {@code ReferenceOutcome}. */
  static String outcome(Decision d) {
    return switch (d.verdict()) {
      case ALLOW -> "ALLOW";
      case ERROR -> "ERROR";
      case DENY -> d.enforcement().orElse(Enforcement.ENFORCE) == Enforcement.AUDIT ? "AUDIT" : "DENY";
    };
  }
}
