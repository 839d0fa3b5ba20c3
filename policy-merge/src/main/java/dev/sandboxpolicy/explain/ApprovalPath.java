package dev.sandboxpolicy.explain;

import java.util.Objects;

/**
 * The commands an operator runs to inspect or change a sandbox's presets (spec nemoclaw-preset-layer §6.1
 * {@code approvalPath}). {@code add} and {@code remove} contain the literal placeholder {@value #PRESET_PLACEHOLDER}.
 *
 * @param inspect for example {@code nemoclaw alpha policy-list}
 * @param add for example {@code nemoclaw alpha policy-add <preset>}
 * @param remove for example {@code nemoclaw alpha policy-remove <preset>}
 * @param documentation the documentation path
 */
public record ApprovalPath(String inspect, String add, String remove, String documentation) {

  /** The placeholder for a preset name in {@link #add()} and {@link #remove()}. */
  public static final String PRESET_PLACEHOLDER = "<preset>";

  /** The documentation page upstream points at. */
  public static final String DOCUMENTATION = "docs/network-policy/customize-network-policy.mdx";

  /** A path; nothing may be null. */
  public ApprovalPath {
    Objects.requireNonNull(inspect, "inspect");
    Objects.requireNonNull(add, "add");
    Objects.requireNonNull(remove, "remove");
    Objects.requireNonNull(documentation, "documentation");
  }

  /**
   * The NemoClaw commands for a sandbox.
   *
   * @param sandboxName the sandbox name (checked by the caller)
   * @return the approval path
   */
  static ApprovalPath forSandbox(String sandboxName) {
    String prefix = "nemoclaw " + sandboxName + " ";
    return new ApprovalPath(
        prefix + "policy-list",
        prefix + "policy-add " + PRESET_PLACEHOLDER,
        prefix + "policy-remove " + PRESET_PLACEHOLDER,
        DOCUMENTATION);
  }

  /**
   * {@link #add()} with the placeholder replaced.
   *
   * @param preset the preset name
   * @return for example {@code nemoclaw alpha policy-add slack}
   */
  public String addCommand(String preset) {
    return add.replace(PRESET_PLACEHOLDER, preset);
  }
}
