package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.RefusalStatus;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.matcher.Verdict;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
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
    return verdict(d.verdict());
  }

  /** The spelling of {@code v}: {@code allow}, {@code deny} or {@code error}. */
  static String verdict(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  /** The verdict spelled {@code written} ({@code allow}, {@code deny} or {@code error}), if any. */
  static Optional<Verdict> verdictNamed(String written) {
    return Arrays.stream(Verdict.values()).filter(v -> verdict(v).equals(written)).findFirst();
  }
}
