package dev.sandboxpolicy.explain;

import java.util.Objects;
import java.util.Optional;

/**
 * A failed access to classify (spec nemoclaw-preset-layer §7 input, without the context).
 *
 * @param host the host that failed, as the agent saw it (a host, URL or address in any form §6.3 step B canonicalizes)
 * @param port the port (not used by the rules; kept for callers and logs), 0 when unknown
 * @param error the error, if any
 * @param capability the capability status, if known
 */
public record AccessFailure(String host, int port, Optional<AccessError> error, Optional<CapabilityStatus> capability) {

  /** A failure; host may be empty but not null. */
  public AccessFailure {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(capability, "capability");
  }

  /**
   * A failure with an error and no capability information.
   *
   * @param host the host
   * @param error the error, or {@code null} for none
   * @return the failure
   */
  public static AccessFailure of(String host, AccessError error) {
    return new AccessFailure(host, 0, Optional.ofNullable(error), Optional.empty());
  }
}
