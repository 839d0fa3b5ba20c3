package dev.sandboxpolicy.explain;

import java.util.Objects;

/**
 * Who owns a capability the agent may ask about (spec nemoclaw-preset-layer §6.1 {@code supportBoundaries}).
 *
 * @param capability for example {@code host allowlist enforcement}
 * @param owner {@code nemoclaw}, {@code openshell} or {@code external}
 * @param note a short explanation ("" for none)
 */
public record SupportBoundary(String capability, String owner, String note) {

  /** A boundary; nothing may be null. */
  public SupportBoundary {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(note, "note");
  }
}
