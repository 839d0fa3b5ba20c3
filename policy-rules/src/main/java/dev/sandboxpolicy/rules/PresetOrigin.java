package dev.sandboxpolicy.rules;

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
  CUSTOM
}
