package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy the gateway enforces for one sandbox: the sandbox's own policy and, optionally, a gateway-global
 * policy that overrides it (OpenShell policy language spec §4.3).
 *
 * <ul>
 *   <li>While a global policy is set it is applied <b>in full</b>: {@link #effective()} is the global policy
 *       and {@link #source()} is {@link PolicySource#GLOBAL}.
 *   <li>While a global policy is set, sandbox-level updates are rejected ({@code global_policy_active}).
 *   <li>Removing the global policy restores sandbox control; the sandbox policy is as it was.
 *   <li>A sandbox-level update may not change a static section (the static-section lock).
 * </ul>
 *
 * <p>Immutable: every change returns a new state. {@link #sandboxRevision()} counts accepted sandbox-level
 * updates and {@link #globalRevision()} counts global policy changes, as the gateway's policy versions do.
 */
public final class SandboxPolicyState {

  /** Which policy is in force. */
  public enum PolicySource {
    /** The sandbox's own policy. */
    SANDBOX,
    /** The gateway-global policy. */
    GLOBAL
  }

  private final Policy sandboxPolicy;
  private final Policy globalPolicy;
  private final long sandboxRevision;
  private final long globalRevision;

  private SandboxPolicyState(Policy sandboxPolicy, Policy globalPolicy, long sandboxRevision, long globalRevision) {
    this.sandboxPolicy = Objects.requireNonNull(sandboxPolicy, "sandboxPolicy");
    this.globalPolicy = globalPolicy;
    this.sandboxRevision = sandboxRevision;
    this.globalRevision = globalRevision;
  }

  /** A sandbox created with {@code sandboxPolicy} (revision 1), with no global policy. */
  public static SandboxPolicyState of(Policy sandboxPolicy) {
    return new SandboxPolicyState(sandboxPolicy, null, 1, 0);
  }

  /** The sandbox's own policy (kept while a global policy overrides it). */
  public Policy sandboxPolicy() {
    return sandboxPolicy;
  }

  /** The gateway-global policy, when one is set. */
  public Optional<Policy> globalPolicy() {
    return Optional.ofNullable(globalPolicy);
  }

  /** The policy in force: the global policy when set, else the sandbox policy. */
  public Policy effective() {
    return globalPolicy != null ? globalPolicy : sandboxPolicy;
  }

  /** Which policy is in force. */
  public PolicySource source() {
    return globalPolicy != null ? PolicySource.GLOBAL : PolicySource.SANDBOX;
  }

  /** How many sandbox-level policies were accepted (1 for the creation policy). */
  public long sandboxRevision() {
    return sandboxRevision;
  }

  /** How many times a global policy was set (0 when never). */
  public long globalRevision() {
    return globalRevision;
  }

  /** Sets (or replaces) the gateway-global policy; it overrides the sandbox policy in full. */
  public SandboxPolicyState withGlobalPolicy(Policy global) {
    return new SandboxPolicyState(
        sandboxPolicy, Objects.requireNonNull(global, "global"), sandboxRevision, globalRevision + 1);
  }

  /** Deletes the gateway-global policy, which restores sandbox control. */
  public SandboxPolicyState withoutGlobalPolicy() {
    return globalPolicy == null ? this : new SandboxPolicyState(sandboxPolicy, null, sandboxRevision, globalRevision);
  }

  /**
   * Replaces the sandbox policy (a {@code policy set}, or the result of a preset merge).
   *
   * @throws PresetLayerException {@code global_policy_active} while a global policy is set;
   *     {@code static_section_changed} when {@code proposed} changes a static section
   */
  public SandboxPolicyState updateSandboxPolicy(Policy proposed) throws PresetLayerException {
    requireSandboxControl();
    StaticSections.requireUnchanged(sandboxPolicy, proposed);
    if (proposed.equals(sandboxPolicy)) {
      return this;
    }
    return new SandboxPolicyState(proposed, globalPolicy, sandboxRevision + 1, globalRevision);
  }

  /**
   * Refuses sandbox-level changes while a global policy is set (call before computing a merge).
   *
   * @throws PresetLayerException {@code global_policy_active}
   */
  public void requireSandboxControl() throws PresetLayerException {
    if (globalPolicy != null) {
      throw PresetLayerException.of(
          PresetLayerError.GLOBAL_POLICY_ACTIVE,
          SourceLocation.NONE,
          "Cannot change the sandbox policy while a global policy is active; delete the global policy to"
              + " restore sandbox control.");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SandboxPolicyState other
        && sandboxPolicy.equals(other.sandboxPolicy)
        && Objects.equals(globalPolicy, other.globalPolicy)
        && sandboxRevision == other.sandboxRevision
        && globalRevision == other.globalRevision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sandboxPolicy, globalPolicy, sandboxRevision, globalRevision);
  }

  @Override
  public String toString() {
    return "SandboxPolicyState{source=" + source() + ", sandboxRevision=" + sandboxRevision + "}";
  }
}
