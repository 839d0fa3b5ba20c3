package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.WireNamed;
import java.util.Objects;
import java.util.Optional;

/**
 * What one policy does with a witness and which part of it decides: the entry (network-policy key), the JSON pointer
 * of the deciding endpoint or rule (empty when nothing matched), its source position, and the decision's reason.
 *
 * <pre>{@code
 * Origin o = region.after();
 * o.outcome();   // ALLOWED
 * o.entry();     // Optional["github"]
 * o.pointer();   // "/network_policies/github/endpoints/0"
 * }</pre>
 *
 * @param outcome what the policy does with the witness
 * @param entry the deciding network-policy key, when one decided
 * @param pointer the deciding endpoint or rule, {@code ""} when none
 * @param location the pointer's position in the policy text ({@link SourceLocation#NONE} when unknown)
 * @param reason the decision's reason ({@code ""} for a plain allow)
 */
public record Origin(Outcome outcome, Optional<String> entry, String pointer, SourceLocation location, String reason) {

  /** What a policy does with a witness. */
  public enum Outcome implements WireNamed {
    /** The connection or request is allowed (by a rule, or by an access preset). */
    ALLOWED("allowed"),
    /** The request's rules deny it but the endpoint is in audit mode, so the proxy forwards it. */
    AUDITED("audited"),
    /** The connection is allowed and not inspected, so the proxy relays every request on it. */
    NOT_INSPECTED("not_inspected"),
    /** The connection or request is refused. */
    DENIED("denied");

    private final String wireName;

    Outcome(String wireName) {
      this.wireName = wireName;
    }

    /**
     * Returns the stable snake_case name used in JSON.
     *
     * @return the wire name
     */
    @Override
    public String wireName() {
      return wireName;
    }

    /**
     * Tells whether the traffic gets through.
     *
     * @return true for everything but {@link #DENIED}
     */
    public boolean passes() {
      return this != DENIED;
    }
  }

  /**
   * Checks the parts.
   *
   * @param outcome the outcome
   * @param entry the entry
   * @param pointer the pointer
   * @param location the location
   * @param reason the reason
   */
  public Origin {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns a one-line description.
   *
   * @return e.g. {@code allowed by github (/network_policies/github/endpoints/0, line 12)}
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(outcome.wireName());
    if (entry.isPresent() || !pointer.isEmpty()) {
      sb.append(outcome == Outcome.DENIED ? " at " : " by ").append(entry.orElse(""));
      if (!pointer.isEmpty()) {
        sb.append(" (").append(pointer);
        if (location.line() > 0) {
          sb.append(", line ").append(location.line());
        }
        sb.append(')');
      }
    }
    if (!reason.isEmpty()) {
      sb.append(": ").append(reason);
    }
    return sb.toString();
  }
}
