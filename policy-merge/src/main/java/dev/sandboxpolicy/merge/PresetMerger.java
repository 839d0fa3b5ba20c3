package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
   * @throws PresetLayerException {@code preset_entries_invalid} when the preset has no entries
   */
  public static MergeResult merge(Policy live, Preset preset) throws PresetLayerException {
    return merge(live, List.of(preset));
  }

  /**
   * Merges {@code presets} into {@code live}, in order, all-or-nothing.
   *
   * @throws PresetLayerException naming the first preset that has no entries ({@code preset_entries_invalid})
   */
  public static MergeResult merge(Policy live, List<Preset> presets) throws PresetLayerException {
    checkEntries(presets, "merge");
    Map<String, NetworkPolicy> before = live.networkPolicies();
    LinkedHashMap<String, NetworkPolicy> merged = new LinkedHashMap<>(capacity(before.size()));
    List<KeyChange> changes = new ArrayList<>();
    copyWithoutReserved(before, merged, changes);
    LinkedHashMap<String, Boolean> touched = new LinkedHashMap<>();
    for (Preset preset : presets) {
      for (Map.Entry<String, NetworkPolicy> e : preset.networkPolicies().entrySet()) {
        if (!PresetName.isReservedKey(e.getKey())) {
          merged.put(e.getKey(), e.getValue());
          touched.put(e.getKey(), Boolean.TRUE);
        }
      }
    }
    checkMcpVersions(merged, touched.keySet(), presets);
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
   * Refuses a result in which an entry the presets wrote has an MCP endpoint whose {@code mcp.versions} shares no
   * revision with another MCP endpoint on the same host and port, naming the last preset that wrote that entry.
   */
  private static void checkMcpVersions(Map<String, NetworkPolicy> merged, Set<String> written, List<Preset> presets)
      throws PresetLayerException {
    McpVersionCompatibility.check(merged, written, key -> {
      for (int i = presets.size() - 1; i >= 0; i--) {
        if (presets.get(i).networkPolicies().containsKey(key)) {
          return Optional.of(presets.get(i).name()).filter(name -> !name.isEmpty());
        }
      }
      return Optional.empty();
    });
  }

  /**
   * Removes one preset's keys from {@code live}.
   *
   * @throws PresetLayerException {@code preset_entries_invalid} when the preset has no entries
   */
  public static MergeResult remove(Policy live, Preset preset) throws PresetLayerException {
    return remove(live, List.of(preset));
  }

  /**
   * Removes the keys of {@code presets} from {@code live}, all-or-nothing. Keys that are not in the live policy
   * are ignored (the diff shows only keys that were really removed). {@code _provider_} keys of the live policy
   * are dropped as for a merge.
   *
   * @throws PresetLayerException naming the first preset that has no entries ({@code preset_entries_invalid})
   */
  public static MergeResult remove(Policy live, List<Preset> presets) throws PresetLayerException {
    checkEntries(presets, "remove");
    Map<String, NetworkPolicy> before = live.networkPolicies();
    LinkedHashMap<String, NetworkPolicy> kept = new LinkedHashMap<>(capacity(before.size()));
    List<KeyChange> changes = new ArrayList<>();
    copyWithoutReserved(before, kept, changes);
    for (Preset preset : presets) {
      for (String key : preset.networkPolicies().keySet()) {
        NetworkPolicy gone = kept.remove(key);
        if (gone != null) {
          changes.add(KeyChange.removed(key, gone));
        }
      }
    }
    Policy result = rebuild(live, live.version(), kept);
    return MergeResult.of(result, PolicyDiff.of(changes, live.version(), live.version()));
  }

  /**
   * {@code policy-add} on text: reads the live policy ({@link LivePolicy#parse(String)}: plain YAML or
   * {@code policy get --full} output) and the preset documents, then merges them in order. All-or-nothing.
   *
   * @param liveText the live policy text; an unreadable one refuses the operation (never treated as empty)
   * @param presetTexts preset documents ({@code preset:} header and {@code network_policies})
   * @throws PresetLayerException a {@code live_policy_*} refusal, or the first preset's refusal (named)
   */
  public static MergeResult mergeText(String liveText, List<String> presetTexts) throws PresetLayerException {
    LivePolicy live = LivePolicy.parse(liveText);
    return merge(live.policy(), readAll(presetTexts, "merge"));
  }

  /**
   * {@code policy-remove} on text, all-or-nothing. Like upstream, a live policy without a
   * {@code network_policies} mapping cannot have a preset removed ({@code preset_not_removable}).
   *
   * @throws PresetLayerException a {@code live_policy_*} refusal, the first preset's refusal (named), or
   *     {@code preset_not_removable}
   */
  public static MergeResult removeText(String liveText, List<String> presetTexts) throws PresetLayerException {
    LivePolicy live = LivePolicy.parse(liveText);
    List<Preset> presets = readAll(presetTexts, "remove");
    if (!live.hasNetworkPolicies()) {
      String name = presets.get(0).name();
      throw PresetLayerException.of(PresetLayerError.PRESET_NOT_REMOVABLE, SourceLocation.ofPointer(""),
          "Preset '" + name + "' could not be removed from the current policy.").forPreset(name);
    }
    return remove(live.policy(), presets);
  }

  private static List<Preset> readAll(List<String> texts, String verb) throws PresetLayerException {
    if (texts.isEmpty()) {
      throw PresetLayerException.of(PresetLayerError.PRESET_ENTRIES_INVALID, SourceLocation.NONE,
          "No preset given; no policy changes were made.");
    }
    List<Preset> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(PresetDocument.read(texts.get(i), verb).preset());
      } catch (PresetLayerException e) {
        throw e.forPreset("#" + (i + 1));
      }
    }
    return out;
  }

  /** Preset layer spec §2.1 step 3: a preset's entries must form a non-empty mapping. */
  static void checkEntries(List<Preset> presets, String verb) throws PresetLayerException {
    for (int i = 0; i < presets.size(); i++) {
      Preset p = presets.get(i);
      if (p.networkPolicies().isEmpty()) {
        String name = p.name().isEmpty() ? "#" + (i + 1) : p.name();
        throw entriesInvalid(verb).forPreset(name);
      }
    }
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
      if (PresetName.isReservedKey(e.getKey())) {
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
