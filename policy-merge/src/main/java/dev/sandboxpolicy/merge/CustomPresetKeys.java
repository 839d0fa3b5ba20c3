package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.internal.Names;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.util.Objects;
import java.util.Optional;

/**
 * How a custom preset's identity is written into the live policy (NVIDIA/NemoClaw#10515): every
 * {@code network_policies} key {@code K} of a custom preset named {@code P} is applied as
 * {@code nemoclaw_custom__P__K}. The live policy is then the only state: which custom presets are applied, and which
 * keys each one owns, is read back from the keys ({@link AppliedPresets}), and a custom preset can be removed by
 * name after its file is gone ({@link PresetMerger#removeCustom(dev.sandboxpolicy.model.Policy, String)}).
 *
 * <pre>{@code
 * CustomPresetKeys.key("my-api", "my_api");                        // "nemoclaw_custom__my-api__my_api"
 * CustomPresetKeys.presetOf("nemoclaw_custom__my-api__my_api");    // Optional["my-api"]
 * CustomPresetKeys.presetOf("npm_yarn");                           // Optional.empty()
 * }</pre>
 *
 * <p>A preset name is a lowercase RFC 1123 label ({@link PresetName}), so it never contains {@code _}: the first
 * {@value #SEPARATOR} after the prefix always ends the name, whatever the original key holds.
 */
public final class CustomPresetKeys {

  /** The prefix of every key a custom preset owns in the live policy (NemoClaw #10515). */
  public static final String PREFIX = PresetOrigin.CUSTOM_KEY_PREFIX;

  /** What separates the preset name from the original key. */
  public static final String SEPARATOR = "__";

  private CustomPresetKeys() {}

  /**
   * The live key for key {@code key} of the custom preset {@code presetName}.
   *
   * @param presetName a valid preset name (see {@link PresetName#check(String, boolean)})
   * @param key the key as the preset file writes it
   * @return {@code nemoclaw_custom__<presetName>__<key>}
   */
  public static String key(String presetName, String key) {
    Objects.requireNonNull(presetName, "presetName");
    Objects.requireNonNull(key, "key");
    return PREFIX + presetName + SEPARATOR + key;
  }

  /** The prefix shared by every live key of the custom preset {@code presetName}. */
  public static String keyPrefix(String presetName) {
    return PREFIX + presetName + SEPARATOR;
  }

  /** Whether {@code key} is in the custom-preset namespace (whether or not the rest of it is well formed). */
  static boolean isNamespaced(String key) {
    return key.startsWith(PREFIX);
  }

  /**
   * The custom preset that owns the live key {@code key}: the text between {@link #PREFIX} and the next
   * {@link #SEPARATOR}, when it is a valid preset name and an original key follows. Empty for every other key
   * (built-in and baseline keys, and malformed namespaced keys such as {@code nemoclaw_custom__Bad__x}).
   */
  public static Optional<String> presetOf(String key) {
    return split(key, true);
  }

  /** The original key of a live custom key ({@code my_api} for {@code nemoclaw_custom__my-api__my_api}). */
  public static Optional<String> originalKey(String key) {
    return split(key, false);
  }

  private static Optional<String> split(String key, boolean name) {
    if (!key.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = key.indexOf(SEPARATOR, PREFIX.length());
    if (end < 0 || end + SEPARATOR.length() >= key.length()) {
      return Optional.empty();
    }
    String preset = key.substring(PREFIX.length(), end);
    if (!Names.isLowercaseLabel(preset)) {
      return Optional.empty();
    }
    return Optional.of(name ? preset : key.substring(end + SEPARATOR.length()));
  }
}
