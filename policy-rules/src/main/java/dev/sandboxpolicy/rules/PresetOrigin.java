package dev.sandboxpolicy.rules;

import java.util.Set;

/**
 * Where a preset comes from, which decides the preset rules that apply (preset spec §2.6).
 *
 * <p>Custom presets ({@code policy-add --from-file}) may not take a built-in name and may not carry
 * {@code allowed_ips} (except on {@code host.openshell.internal}); built-in presets may.
 */
public enum PresetOrigin {
  /** A preset shipped with NemoClaw (or vetted like one). */
  BUILT_IN,
  /** A user-supplied preset file: the default, and the stricter of the two. */
  CUSTOM;

  /**
   * {@code network_policies} keys reserved for reviewed built-in content, which a custom preset may not own
   * (NVIDIA/NemoClaw#8497, #10773): the npm compatibility key and the Personal tier's open-internet key.
   */
  public static final Set<String> RESERVED_CUSTOM_KEYS = Set.of("npm_yarn", "personal_open_internet");

  /**
   * The prefix under which a custom preset's keys are applied to a live policy ({@code nemoclaw_custom__<preset>__<key>},
   * NVIDIA/NemoClaw#10515). A custom preset may not write keys in this namespace itself.
   */
  public static final String CUSTOM_KEY_PREFIX = "nemoclaw_custom__";
}
