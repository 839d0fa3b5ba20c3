package dev.sandboxpolicy.explain;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the sandbox offers the capability behind a failed access (classifier input
 * {@code capability: {supported, reason?}}).
 *
 * @param supported false when the capability is not offered
 * @param reason why not, shown to the agent
 */
public record CapabilityStatus(boolean supported, Optional<String> reason) {

  /** A status; reason may be empty but not null. */
  public CapabilityStatus {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * An unsupported capability.
   *
   * @param reason why, or {@code null}
   * @return the status
   */
  public static CapabilityStatus unsupported(String reason) {
    return new CapabilityStatus(false, Optional.ofNullable(reason));
  }

  /**
   * A supported capability.
   *
   * @return the status
   */
  public static CapabilityStatus supportedCapability() {
    return new CapabilityStatus(true, Optional.empty());
  }
}
