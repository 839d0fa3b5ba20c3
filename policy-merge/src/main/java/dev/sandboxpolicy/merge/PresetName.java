package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.internal.Names;
import java.util.Locale;

/**
 * The rules for preset names (NemoClaw preset layer spec §3).
 *
 * <ul>
 *   <li>A name must not start with {@value Names#PROVIDER_PREFIX}; this is checked <em>first</em>, with its own
 *       message, because OpenShell reserves the prefix for provider layers.
 *   <li>A name must be a lowercase RFC 1123 label ({@code ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$}). Unlike sandbox
 *       names, preset names have <b>no length limit</b>: upstream checks only the pattern.
 *   <li>A custom preset must not take the name of a built-in preset. The built-in names are those of the
 *       OpenClaw view of {@link PresetCatalog#builtIn()} (all 27), whatever agent the sandbox runs.
 * </ul>
 *
 * <p><b>Warning:</b> names inside preset files are <em>not</em> normalised: {@code Has_Underscore} is invalid,
 * not lowercased. Only names typed on a command line go through {@link #normalize(String)} before lookup.
 */
public final class PresetName {

  private PresetName() {}

  /**
   * Checks {@code name} as a preset name.
   *
   * @param name the name as written ({@code null} is invalid)
   * @param custom whether the name belongs to a user-supplied preset; then a built-in name is a collision
   * @return the verdict; never throws
   */
  public static NameCheck check(String name, boolean custom) {
    if (Names.isProviderKey(name)) {
      return NameCheck.invalid(PresetLayerError.PRESET_NAME_RESERVED, Names.reservedPresetNameMessage());
    }
    if (!Names.isPresetName(name)) {
      return NameCheck.invalid(PresetLayerError.PRESET_NAME_INVALID, Names.invalidPresetNameMessage());
    }
    if (custom && Names.isBuiltInPresetName(name)) {
      return NameCheck.invalid(
          PresetLayerError.PRESET_NAME_BUILTIN_COLLISION, Names.builtInCollisionMessage(name, null));
    }
    return NameCheck.valid();
  }

  /**
   * Normalises a preset name typed by a person (command-line argument): trimmed and lowercased (ROOT locale).
   * Never apply this to {@code preset.name} inside a file.
   */
  public static String normalize(String typed) {
    return typed.strip().toLowerCase(Locale.ROOT);
  }
}
