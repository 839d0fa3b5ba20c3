package dev.sandboxpolicy.model;

/**
 * The name rules of the NemoClaw preset layer (preset spec §3), in one place: what a sandbox name and a preset name
 * look like, and the prefix OpenShell reserves. Checked by hand, without a regular expression.
 *
 * <pre>{@code
 * Names.isSandboxName("my-box-2");        // true
 * Names.isSandboxName("x".repeat(64));    // false: longer than 63
 * Names.isPresetName("x".repeat(64));     // true: preset names have no length limit
 * Names.isProviderKey("_provider_aws");   // true: reserved for OpenShell provider layers
 * }</pre>
 *
 * <p>The merge layer ({@code PresetName}, {@code SandboxName}) turns these into refusals with codes; the value rules
 * report them as problems.
 */
public final class Names {

  /** The {@code network_policies} key and preset name prefix reserved for OpenShell provider layers (spec §3). */
  public static final String PROVIDER_PREFIX = "_provider_";

  /** The longest sandbox name: the RFC 1123 §2.1 (RFC 952) label limit of 63 characters. */
  public static final int SANDBOX_NAME_MAX_LENGTH = 63;

  private Names() {}

  /**
   * Whether {@code s} has the lowercase RFC 1123 label shape NemoClaw uses for sandbox, preset and channel names:
   * {@code ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$}, of any length.
   *
   * @param s the name, may be {@code null}
   * @return true when non-empty, lowercase alphanumeric with internal hyphens only
   */
  public static boolean isLowercaseLabel(String s) {
    if (s == null) {
      return false;
    }
    int n = s.length();
    if (n == 0 || s.charAt(0) == '-' || s.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} is a valid sandbox name: a lowercase label of at most {@value #SANDBOX_NAME_MAX_LENGTH}. */
  public static boolean isSandboxName(String name) {
    return name != null && name.length() <= SANDBOX_NAME_MAX_LENGTH && isLowercaseLabel(name);
  }

  /** Whether {@code name} is a valid preset name: a lowercase label (no length limit upstream). */
  public static boolean isPresetName(String name) {
    return isLowercaseLabel(name);
  }

  /** Whether a {@code network_policies} key or preset name starts with {@value #PROVIDER_PREFIX}. */
  public static boolean isProviderKey(String key) {
    return key != null && key.startsWith(PROVIDER_PREFIX);
  }
}
