package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.internal.Names;

/**
 * The rule for sandbox names (NemoClaw preset layer spec §3): a lowercase RFC 1123 label of 1 to
 * {@value #MAX_LENGTH} characters. NemoClaw checks it before every apply and remove, which catches names that
 * a terminal truncated.
 */
public final class SandboxName {

  /** The longest sandbox name ({@link Names#SANDBOX_NAME_MAX_LENGTH}). */
  public static final int MAX_LENGTH = Names.SANDBOX_NAME_MAX_LENGTH;

  private SandboxName() {}

  /** Checks {@code name}; never throws. */
  public static NameCheck check(String name) {
    if (!Names.isSandboxName(name)) {
      return NameCheck.invalid(
          PresetLayerError.SANDBOX_NAME_INVALID,
          "Invalid or truncated sandbox name: '" + name + "'. Names must be 1-" + MAX_LENGTH
              + " chars, lowercase alphanumeric, with optional internal hyphens.");
    }
    return NameCheck.valid();
  }
}
