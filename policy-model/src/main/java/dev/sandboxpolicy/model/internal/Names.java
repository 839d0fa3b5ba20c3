package dev.sandboxpolicy.model.internal;

import java.util.Set;

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
 * <p>The merge layer ({@code PresetName}, {@code SandboxName}, {@code CustomPresetRules}) turns these into refusals
 * with codes; the value rules ({@code PresetRules}) report them as problems. Both take the built-in preset names and
 * the messages of the name and reserved-key refusals from here, so the two layers say the same thing. Not API: the
 * package is exported only to the modules that check names.
 */
public final class Names {

  /** The {@code network_policies} key and preset name prefix reserved for OpenShell provider layers (spec §3). */
  public static final String PROVIDER_PREFIX = "_provider_";

  /** The longest sandbox name: the RFC 1123 §2.1 (RFC 952) label limit of 63 characters. */
  public static final int SANDBOX_NAME_MAX_LENGTH = 63;

  /**
   * Preset spec §3: the names of the built-in presets in the OpenClaw view (all 27), which a custom preset may not
   * take whatever agent the sandbox runs. The preset catalog of {@code policy-merge} checks, when it loads, that its
   * names are exactly these.
   */
  public static final Set<String> BUILT_IN_PRESET_NAMES = Set.of("brave", "brew", "claude-code", "discord", "github",
      "huggingface", "jira", "local-inference", "nous-audio", "nous-browser", "nous-code", "nous-image", "nous-web",
      "npm", "observability-otlp-local", "openclaw-diagnostics-otel-local", "openclaw-pricing", "outlook",
      "public-reference", "pypi", "slack", "tavily", "teams", "telegram", "wechat", "weather", "whatsapp");

  private Names() {}

  /** Whether {@code name} is one of the {@link #BUILT_IN_PRESET_NAMES}. */
  public static boolean isBuiltInPresetName(String name) {
    return BUILT_IN_PRESET_NAMES.contains(name);
  }

  /** The message of {@code preset_name_reserved}: a preset name with the {@value #PROVIDER_PREFIX} prefix. */
  public static String reservedPresetNameMessage() {
    return "Preset name cannot start with '" + PROVIDER_PREFIX + "' (reserved by OpenShell)";
  }

  /**
   * The message of {@code preset_name_invalid}: a {@code preset.name} that is missing, not a string or not a
   * lowercase RFC 1123 label. Upstream's loader text (NemoClaw {@code loadPresetFromFile}), for the value rules too.
   */
  public static String invalidPresetNameMessage() {
    return "Preset must declare preset.name (lowercase, hyphenated RFC 1123 label)";
  }

  /**
   * The message of {@code preset_name_builtin_collision}: a custom preset that takes a built-in name.
   *
   * @param where the file the preset came from, or {@code null} when unknown
   */
  public static String builtInCollisionMessage(String name, String where) {
    return "Preset name '" + name + "' collides with a built-in preset. Rename 'preset.name'"
        + (where == null ? "" : " in " + where) + ".";
  }

  /** The message of {@code reserved_key} for a {@code network_policies} key with the {@value #PROVIDER_PREFIX}. */
  public static String providerKeyMessage(String key) {
    return "network_policies key '" + key + "' starts with '" + PROVIDER_PREFIX + "', which is reserved by OpenShell";
  }

  /** The message of {@code reserved_key} for a key reserved for built-in content (a custom preset may not own it). */
  public static String builtInKeyMessage(String key) {
    return "Custom presets cannot own reserved network policy key '" + key + "'.";
  }

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
