package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.RefusalStatus;
import dev.sandboxpolicy.model.Enforcement;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Decision} in the protocol's shape: {@code decision}, {@code matched_policy}, {@code reason}, {@code
 * enforcement}, {@code http_status}.
 */
final class DecisionJson {

  private DecisionJson() {}

  /** Adds the protocol fields of {@code d} to {@code into}. */
  static ObjectNode fill(ObjectNode into, Decision d) {
    into.put("decision", verdict(d));
    into.put("matched_policy", d.matchedPolicy().orElse(null));
    into.put("reason", d.reason().isEmpty() ? null : d.reason());
    into.put("enforcement", d.enforcement().map(Enforcement::wireName).orElse(null));
    into.put("http_status", d.refusalStatus().map(RefusalStatus::httpStatus).orElse(null));
    return into;
  }

  /** {@code allow}, {@code deny} or {@code error}. */
  static String verdict(Decision d) {
    return d.verdict().name().toLowerCase(Locale.ROOT);
  }
}
