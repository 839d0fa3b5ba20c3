package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.internal.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code policy-add} and {@code policy-remove} on the policy model, with NemoClaw's semantics (preset layer spec
 * §2.3 and §2.4), but structurally: nothing here splices YAML text.
 *
 * <h2>Merge</h2>
 * <ul>
 *   <li>Every {@code network_policies} key of a preset is assigned over the live policy. An existing key is
 *       <b>replaced wholesale</b> by the preset's entry and keeps its position; nothing is merged inside an
 *       entry (no endpoint dedupe, no union of binaries or rules; the entry's {@code name} plays no part).
 *       New keys are appended in the preset's order.
 *   <li>{@code version} is kept, or set to {@value #DEFAULT_VERSION} when absent. Every other section
 *       (filesystem, Landlock, process, middlewares, unknown sections of a leniently read policy) is kept as is.
 *   <li>Keys starting with {@code _provider_} are reserved for OpenShell: they are dropped from the live policy
 *       and from the presets (shown as removed in the diff when the live policy had any).
 *   <li>Merging the same preset twice gives the same policy; the second merge has an empty diff.
 * </ul>
 *
 * <h2>Remove</h2>
 * <ul>
 *   <li>Removal is by key only: every key the preset declares is deleted, whatever the live entry holds. Key
 *       order is kept, {@code version} is not added, an empty {@code network_policies} is allowed.
 *   <li><b>Warning:</b> this is upstream's data-loss case. If a preset key equals a baseline key, the merge
 *       replaced the baseline entry, and the removal deletes the key: the baseline entry does not come back.
 *       Use {@link PolicyStack} to remember layers and restore shadowed entries.
 * </ul>
 *
 * <h2>Custom presets</h2>
 * A preset that is not content of the built-in catalog is custom, however it was made: it passes every custom-preset
 * check first (name, reserved keys, no user-authored {@code allowed_ips}, no built-in name, no private or
 * special-use endpoint host; see {@link CustomPresetLoader}), and its keys are written into the custom namespace
 * ({@code nemoclaw_custom__<preset>__<key>}, {@link CustomPresetKeys}), so the live policy alone says which custom
 * presets are applied ({@link AppliedPresets}). Removing a custom preset removes its namespaced keys;
 * {@link #removeCustom(Policy, String)} removes one by name when its content is gone.
 *
 * <h2>Batches</h2>
 * Several presets are applied in order, each over the result of the previous one, and all-or-nothing: every
 * preset is checked before anything is computed, and the first bad preset makes the whole call throw a
 * {@link PresetLayerException} naming it. Inputs are immutable, so a refusal never leaves a partial result.
 *
 * <h2>Cost</h2>
 * One copy of the live entry map plus one map operation per preset key: linear in the size of the live policy,
 * never quadratic. Unchanged entries are shared, not copied.
 */
public final class PresetMerger {

  /** The {@code version} a merge writes when the live policy has none (preset layer spec §2.3 step 6). */
  public static final long DEFAULT_VERSION = 1L;

  private PresetMerger() {}

  /**
   * Merges one preset into {@code live}.
   *
   * @throws PresetLayerException {@code preset_entries_invalid} when the preset has no entries, or a custom-preset
   *     refusal ({@link CustomPresetLoader})
   */
  public static MergeResult merge(Policy live, Preset preset) throws PresetLayerException {
    return merge(live, List.of(preset));
  }

  /**
   * Merges {@code presets} into {@code live}, in order, all-or-nothing. A preset of the built-in catalog
   * ({@link PresetCatalog#isBuiltIn(Preset)}) is applied as it is; any other preset is custom: it must pass every
   * custom-preset check first, and its keys are applied in the custom namespace ({@link CustomPresetKeys}).
   *
   * @throws PresetLayerException naming the first preset that has no entries ({@code preset_entries_invalid}) or
   *     fails a custom-preset check; nothing is computed before every preset has passed
   */
  public static MergeResult merge(Policy live, List<Preset> presets) throws PresetLayerException {
    return mergeLayers(live, layers(presets));
  }

  /**
   * {@link #merge(Policy, List)} for layers: a layer made by {@link CustomPreset#toLayer()} may carry the pins the
   * library resolved for trusted private hosts, and only those {@code allowed_ips} are accepted. A layer's
   * {@link StackLayer#source()} label does not make its content trusted: only catalog content is built in.
   *
   * @throws PresetLayerException as {@link #merge(Policy, List)}
   */
  public static MergeResult mergeLayers(Policy live, List<StackLayer> layers) throws PresetLayerException {
    List<String> names = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      String name = layers.get(i).preset().name();
      names.add(name.isEmpty() ? "#" + (i + 1) : name);
    }
    return mergePrepared(live, prepare(layers, "merge"), names);
  }

  /** Merges entries already under their live keys (checked presets, or reviewed blueprint additions). */
  static MergeResult mergePrepared(Policy live, List<Map<String, NetworkPolicy>> entries)
      throws PresetLayerException {
    return mergePrepared(live, entries, List.of());
  }

  /**
   * {@link #mergePrepared(Policy, List)}, naming {@code names.get(i)} as the preset that wrote the entries of
   * {@code entries.get(i)} when the result is refused ({@link McpVersionCompatibility}).
   */
  static MergeResult mergePrepared(Policy live, List<Map<String, NetworkPolicy>> entries, List<String> names)
      throws PresetLayerException {
    Map<String, NetworkPolicy> before = live.networkPolicies();
    LinkedHashMap<String, NetworkPolicy> merged = new LinkedHashMap<>(capacity(before.size()));
    List<KeyChange> changes = new ArrayList<>();
    copyWithoutReserved(before, merged, changes);
    LinkedHashMap<String, Boolean> touched = new LinkedHashMap<>();
    for (Map<String, NetworkPolicy> layer : entries) {
      for (Map.Entry<String, NetworkPolicy> e : layer.entrySet()) {
        merged.put(e.getKey(), e.getValue());
        touched.put(e.getKey(), Boolean.TRUE);
      }
    }
    McpVersionCompatibility.check(merged, touched.keySet(), key -> {
      for (int i = Math.min(entries.size(), names.size()) - 1; i >= 0; i--) {
        if (entries.get(i).containsKey(key)) {
          return Optional.of(names.get(i));
        }
      }
      return Optional.empty();
    });
    for (String key : touched.keySet()) {
      NetworkPolicy old = before.get(key);
      NetworkPolicy now = merged.get(key);
      if (old == null) {
        changes.add(KeyChange.added(key, now));
      } else if (!old.equals(now)) {
        changes.add(KeyChange.replaced(key, old, now));
      }
    }
    Optional<Long> version = Optional.of(live.version().orElse(DEFAULT_VERSION));
    Policy result = rebuild(live, version, merged);
    return MergeResult.of(result, PolicyDiff.of(changes, live.version(), version));
  }


  /**
   * Removes one preset's keys from {@code live}.
   *
   * @throws PresetLayerException {@code preset_entries_invalid} when the preset has no entries, or a custom-preset
   *     refusal
   */
  public static MergeResult remove(Policy live, Preset preset) throws PresetLayerException {
    return remove(live, List.of(preset));
  }

  /**
   * Removes the keys of {@code presets} from {@code live}, all-or-nothing. A catalog preset's keys are removed as
   * written; a custom preset is checked like a merge and its keys are removed from the custom namespace. Keys that
   * are not in the live policy are ignored (the diff shows only keys that were really removed). {@code _provider_}
   * keys of the live policy are dropped as for a merge.
   *
   * @throws PresetLayerException naming the first preset that has no entries ({@code preset_entries_invalid}) or
   *     fails a custom-preset check
   */
  public static MergeResult remove(Policy live, List<Preset> presets) throws PresetLayerException {
    return removeLayers(live, layers(presets));
  }

  /** {@link #remove(Policy, List)} for layers. */
  public static MergeResult removeLayers(Policy live, List<StackLayer> layers) throws PresetLayerException {
    List<Map<String, NetworkPolicy>> entries = prepare(layers, "remove");
    Set<String> keys = new LinkedHashSet<>();
    entries.forEach(m -> keys.addAll(m.keySet()));
    return removeKeys(live, keys);
  }

  /**
   * Removes the custom preset {@code presetName} by name, from the live policy alone: every key of its namespace
   * ({@link CustomPresetKeys#keyPrefix(String)}) is deleted. This is how a custom preset is removed after its file
   * is gone (NemoClaw #10515: the live policy is the only state).
   *
   * @throws PresetLayerException {@code preset_name_*} for a name no custom preset can have, or
   *     {@code preset_not_applied} when the live policy has no key of that preset
   */
  public static MergeResult removeCustom(Policy live, String presetName) throws PresetLayerException {
    PresetName.check(presetName, false).orThrow();
    String prefix = CustomPresetKeys.keyPrefix(presetName);
    Set<String> keys = new LinkedHashSet<>();
    for (String key : live.networkPolicies().keySet()) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      throw PresetLayerException.of(PresetLayerError.PRESET_NOT_APPLIED, SourceLocation.ofPointer("/network_policies"),
          "Preset '" + presetName + "' is not applied.").forPreset(presetName);
    }
    return removeKeys(live, keys);
  }

  private static MergeResult removeKeys(Policy live, Set<String> keys) {
    Map<String, NetworkPolicy> before = live.networkPolicies();
    LinkedHashMap<String, NetworkPolicy> kept = new LinkedHashMap<>(capacity(before.size()));
    List<KeyChange> changes = new ArrayList<>();
    copyWithoutReserved(before, kept, changes);
    for (String key : keys) {
      NetworkPolicy gone = kept.remove(key);
      if (gone != null) {
        changes.add(KeyChange.removed(key, gone));
      }
    }
    Policy result = rebuild(live, live.version(), kept);
    return MergeResult.of(result, PolicyDiff.of(changes, live.version(), live.version()));
  }

  /**
   * {@code policy-add} on text: reads the live policy ({@link LivePolicy#parse(String)}: plain YAML or
   * {@code policy get --full} output) and the preset documents, which are custom presets (every check of
   * {@link CustomPresetLoader} applies, before anything is computed), then merges them in order. All-or-nothing.
   *
   * @param liveText the live policy text; an unreadable one refuses the operation (never treated as empty)
   * @param presetTexts preset documents ({@code preset:} header and {@code network_policies})
   * @throws PresetLayerException a {@code live_policy_*} refusal, or the first preset's refusal (named)
   */
  public static MergeResult mergeText(String liveText, List<String> presetTexts) throws PresetLayerException {
    return mergeText(liveText, presetTexts, null);
  }

  /**
   * {@link #mergeText(String, List)} with trusted private hosts: the presets may use them, and their addresses are
   * resolved through {@code trust}'s resolver and pinned ({@link TrustedPrivateHosts#pin}) before the merge.
   *
   * @param trust the trusted hosts, or {@code null} for none
   * @throws PresetLayerException as {@link #mergeText(String, List)}, or a {@code trusted_host_*} refusal
   */
  public static MergeResult mergeText(String liveText, List<String> presetTexts, TrustedPrivateHosts trust)
      throws PresetLayerException {
    LivePolicy live = LivePolicy.parse(liveText);
    return mergeLayers(live.policy(), readAll(presetTexts, "merge", trust));
  }

  /**
   * {@code policy-remove} on text, all-or-nothing; the preset documents are custom presets, checked as for
   * {@link #mergeText}. Like upstream, a live policy without a {@code network_policies} mapping cannot have a
   * preset removed ({@code preset_not_removable}).
   *
   * @throws PresetLayerException a {@code live_policy_*} refusal, the first preset's refusal (named), or
   *     {@code preset_not_removable}
   */
  public static MergeResult removeText(String liveText, List<String> presetTexts) throws PresetLayerException {
    return removeText(liveText, presetTexts, null);
  }

  /** {@link #removeText(String, List)} with trusted private hosts (see {@link #mergeText(String, List, TrustedPrivateHosts)}). */
  public static MergeResult removeText(String liveText, List<String> presetTexts, TrustedPrivateHosts trust)
      throws PresetLayerException {
    LivePolicy live = LivePolicy.parse(liveText);
    List<StackLayer> presets = readAll(presetTexts, "remove", trust);
    requireRemovable(live, presets.get(0).name());
    return removeLayers(live.policy(), presets);
  }

  /** Refuses ({@code preset_not_removable}) a removal from a live policy that has no {@code network_policies}. */
  static void requireRemovable(LivePolicy live, String presetName) throws PresetLayerException {
    if (!live.hasNetworkPolicies()) {
      throw PresetLayerException.of(PresetLayerError.PRESET_NOT_REMOVABLE, SourceLocation.ofPointer(""),
          "Preset '" + presetName + "' could not be removed from the current policy.").forPreset(presetName);
    }
  }

  private static List<StackLayer> readAll(List<String> texts, String verb, TrustedPrivateHosts trust)
      throws PresetLayerException {
    if (texts.isEmpty()) {
      throw PresetLayerException.of(PresetLayerError.PRESET_ENTRIES_INVALID, SourceLocation.NONE,
          "No preset given; no policy changes were made.");
    }
    Set<String> trusted = trust == null ? Set.of() : trust.hosts();
    List<CustomPreset> presets = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String label = "#" + (i + 1);
      try {
        presets.add(CustomPresetLoader.check(texts.get(i), Path.of(label), trusted, verb));
      } catch (PresetLayerException e) {
        throw e.forPreset(label);
      }
    }
    if (trust != null) {
      presets = trust.pin(presets);
    }
    return presets.stream().map(CustomPreset::toLayer).toList();
  }

  /** Presets as layers: catalog presets built in, everything else custom. */
  private static List<StackLayer> layers(List<Preset> presets) {
    List<StackLayer> out = new ArrayList<>(presets.size());
    for (Preset p : presets) {
      out.add(PresetCatalog.builtIn().isBuiltIn(p) ? StackLayer.builtIn(p) : StackLayer.custom(p, null));
    }
    return out;
  }

  /**
   * Checks every layer before anything is computed and returns each layer's entries under their live keys: as
   * written for catalog presets, in the custom namespace for custom presets (which must pass
   * {@link CustomPresetRules} first). {@code _provider_} keys of catalog presets are dropped.
   */
  static List<Map<String, NetworkPolicy>> prepare(List<StackLayer> layers, String verb) throws PresetLayerException {
    List<Map<String, NetworkPolicy>> out = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      StackLayer layer = layers.get(i);
      Preset p = layer.preset();
      if (p.networkPolicies().isEmpty()) {
        throw entriesInvalid(verb).forPreset(p.name().isEmpty() ? "#" + (i + 1) : p.name());
      }
      LinkedHashMap<String, NetworkPolicy> entries = new LinkedHashMap<>();
      if (layer.isCatalogPreset()) {
        p.networkPolicies().forEach((k, v) -> {
          if (!Names.isProviderKey(k)) {
            entries.put(k, v);
          }
        });
      } else {
        CustomPresetRules.check(p, layer.pins());
        p.networkPolicies().forEach((k, v) -> entries.put(CustomPresetKeys.key(p.name(), k), v));
      }
      out.add(entries);
    }
    return out;
  }

  /** The refusal for entries that are not a non-empty mapping of mappings (spec §2.1). */
  static PresetLayerException entriesInvalid(String verb) {
    return PresetLayerException.of(
        PresetLayerError.PRESET_ENTRIES_INVALID,
        SourceLocation.ofPointer("/network_policies"),
        "Cannot " + verb + " policy preset: preset network_policies entries must be a valid YAML mapping. "
            + "Check the preset file and try again; no policy changes were made.");
  }

  private static void copyWithoutReserved(
      Map<String, NetworkPolicy> from, Map<String, NetworkPolicy> to, List<KeyChange> changes) {
    for (Map.Entry<String, NetworkPolicy> e : from.entrySet()) {
      if (Names.isProviderKey(e.getKey())) {
        changes.add(KeyChange.removed(e.getKey(), e.getValue()));
      } else {
        to.put(e.getKey(), e.getValue());
      }
    }
  }

  /** {@code live} with another version and entry map; everything else shared. */
  static Policy rebuild(Policy live, Optional<Long> version, Map<String, NetworkPolicy> entries) {
    Policy.Builder b = Policy.builder(live).networkPolicies(entries);
    if (version.isPresent()) {
      b.version(version.get());
    }
    return b.build();
  }

  /** A {@link LinkedHashMap} capacity that holds {@code n} entries plus a few additions without rehashing. */
  static int capacity(int n) {
    return (int) ((n + 16) / 0.75f) + 1;
  }
}
