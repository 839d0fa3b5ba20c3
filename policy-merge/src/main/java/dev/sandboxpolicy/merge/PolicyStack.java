package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.internal.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A baseline policy plus the ordered list of presets applied on top of it, remembering which layer contributed
 * each {@code network_policies} entry.
 *
 * <p>The {@link #effective() effective policy} is the baseline with every layer merged over it in order, exactly
 * as {@link PresetMerger#merge} would have produced by applying the presets one after another. The difference
 * is removal: {@link #remove(String)} drops the layer and replays the others over the baseline, so
 * <ul>
 *   <li>a baseline entry that a preset shadowed (same key) comes back, instead of being deleted as upstream's
 *       key-only removal does (NemoClaw's Hermes {@code pypi} case);
 *   <li>when two presets share a key, removing one leaves the other's entry in force.
 * </ul>
 *
 * <p>Applying a preset whose name is already in the stack replaces that layer: the old layer is dropped and the
 * new one goes on top (the registry's upsert). Re-applying the top layer changes nothing.
 *
 * <p>A stack serializes with {@link #toYaml()} / {@link #toJson()} and reads back with
 * {@link #read(String, PresetCatalog)}; custom layers carry their full content, built-in layers their name.
 * Stacks are immutable; every operation returns a {@link StackChange} with the new stack and the diff of the
 * effective policy.
 *
 * <p>Cost: applying a new layer is one merge (linear in the effective policy); removing or replacing a layer
 * replays all layers (linear in the total number of entries).
 */
public final class PolicyStack {

  /** The owner index of entries that come from the baseline. */
  private static final int BASELINE = -1;

  private final Policy baseline;
  private final List<StackLayer> layers;
  private final Policy effective;
  private final Map<String, Integer> owners;

  private PolicyStack(Policy baseline, List<StackLayer> layers, Policy effective, Map<String, Integer> owners) {
    this.baseline = baseline;
    this.layers = layers;
    this.effective = effective;
    this.owners = owners;
  }

  /** A stack with {@code baseline} and no layers; its effective policy is the baseline without {@code _provider_} keys. */
  public static PolicyStack of(Policy baseline) {
    return replay(Objects.requireNonNull(baseline, "baseline"), List.of(), List.of());
  }

  /**
   * A stack with {@code baseline} and {@code layers} applied in order.
   *
   * @throws PresetLayerException naming the first layer whose preset has no entries
   */
  public static PolicyStack of(Policy baseline, List<StackLayer> layers) throws PresetLayerException {
    List<StackLayer> unique = new ArrayList<>();
    for (StackLayer l : layers) {
      unique.removeIf(u -> u.name().equals(l.name()));
      unique.add(l);
    }
    List<StackLayer> ls = List.copyOf(unique);
    return replay(baseline, ls, PresetMerger.prepare(ls, "merge"));
  }

  /** The baseline policy, as given. */
  public Policy baseline() {
    return baseline;
  }

  /** The applied layers, bottom first. */
  public List<StackLayer> layers() {
    return layers;
  }

  /** The names of the applied layers, bottom first. */
  public List<String> layerNames() {
    return layers.stream().map(StackLayer::name).toList();
  }

  /** The policy that results from the baseline and every layer. */
  public Policy effective() {
    return effective;
  }

  /** Whether a layer named {@code presetName} is applied. */
  public boolean isApplied(String presetName) {
    return indexOf(presetName) >= 0;
  }

  /** The layer named {@code presetName}, if applied. */
  public Optional<StackLayer> layer(String presetName) {
    int i = indexOf(presetName);
    return i < 0 ? Optional.empty() : Optional.of(layers.get(i));
  }

  /**
   * The layer that contributed the effective entry under {@code key} (a live key: a custom layer's keys are
   * namespaced, {@link CustomPresetKeys}); empty when the entry comes from the baseline or the key is not in the
   * effective policy (see {@link #isFromBaseline(String)}).
   */
  public Optional<StackLayer> contributorOf(String key) {
    Integer i = owners.get(key);
    return i == null || i == BASELINE ? Optional.empty() : Optional.of(layers.get(i));
  }

  /** Whether the effective entry under {@code key} is the baseline's. */
  public boolean isFromBaseline(String key) {
    Integer i = owners.get(key);
    return i != null && i == BASELINE;
  }

  /**
   * Applies {@code layer} on top. A layer of the same name is replaced (dropped, then the new one goes on top).
   *
   * @throws PresetLayerException {@code preset_entries_invalid} when the preset has no entries
   */
  public StackChange apply(StackLayer layer) throws PresetLayerException {
    return applyAll(List.of(layer));
  }

  /**
   * Applies {@code newLayers} in order, all-or-nothing.
   *
   * @throws PresetLayerException naming the first layer whose preset has no entries; the stack is unchanged
   */
  public StackChange applyAll(List<StackLayer> newLayers) throws PresetLayerException {
    List<Map<String, NetworkPolicy>> prepared = PresetMerger.prepare(newLayers, "merge");
    boolean replaces = false;
    for (StackLayer l : newLayers) {
      replaces |= isApplied(l.name());
    }
    PolicyStack next;
    if (!replaces && !hasDuplicateNames(newLayers)) {
      Policy merged = PresetMerger.mergeLayers(effective, newLayers).policy();
      Map<String, Integer> o = new HashMap<>(owners);
      List<StackLayer> all = new ArrayList<>(layers);
      for (int i = 0; i < newLayers.size(); i++) {
        int idx = all.size();
        all.add(newLayers.get(i));
        for (String key : prepared.get(i).keySet()) {
          o.put(key, idx);
        }
      }
      next = new PolicyStack(baseline, List.copyOf(all), merged, Collections.unmodifiableMap(o));
    } else {
      List<StackLayer> all = new ArrayList<>(layers);
      all.addAll(newLayers);
      next = of(baseline, all);
    }
    return checked(next, newLayers);
  }

  /**
   * Removes the layer named {@code presetName} and replays the others over the baseline. Entries the layer
   * shadowed come back from the layer below (or the baseline).
   *
   * @throws PresetLayerException {@code preset_not_applied} when no layer has that name
   */
  public StackChange remove(String presetName) throws PresetLayerException {
    int i = indexOf(presetName);
    if (i < 0) {
      throw PresetLayerException.of(
              PresetLayerError.PRESET_NOT_APPLIED,
              SourceLocation.NONE,
              "Preset '" + presetName + "' is not applied.")
          .forPreset(presetName);
    }
    List<StackLayer> rest = new ArrayList<>(layers);
    rest.remove(i);
    PolicyStack next = of(baseline, rest);
    return checked(next, List.of());
  }

  /**
   * The change to {@code next}, refused when an entry it adds or replaces has an MCP endpoint whose
   * {@code mcp.versions} shares no revision with another MCP endpoint on the same host and port (a removal can do
   * that too, by bringing back a shadowed entry). The refusal names the layer of {@code named} that wrote the entry.
   */
  private StackChange checked(PolicyStack next, List<StackLayer> named) throws PresetLayerException {
    PolicyDiff diff = PolicyDiff.between(effective, next.effective);
    Set<String> changed = new HashSet<>(diff.addedKeys());
    changed.addAll(diff.replacedKeys());
    McpVersionCompatibility.check(next.effective.networkPolicies(), changed, key -> {
      for (int i = named.size() - 1; i >= 0; i--) {
        if (named.get(i).preset().networkPolicies().containsKey(key)) {
          return Optional.of(named.get(i).name());
        }
      }
      return Optional.empty();
    });
    return StackChange.of(next, diff);
  }

  /** This stack as a YAML document (format in {@code docs/presets-and-merging.md}). */
  public String toYaml() {
    return PolicyStackCodec.write(this, false);
  }

  /** This stack as a JSON document (same tree as {@link #toYaml()}). */
  public String toJson() {
    return PolicyStackCodec.write(this, true);
  }

  /**
   * Reads a stack written by {@link #toYaml()} or {@link #toJson()} and replays it. Built-in layers are
   * resolved by name in {@code catalog} (use {@link PresetCatalog#forAgent(String)} for the sandbox's agent).
   *
   * @throws PresetLayerException {@code stack_unreadable} for a malformed document, {@code preset_unknown} for
   *     a built-in layer the catalog does not have
   */
  public static PolicyStack read(String text, PresetCatalog catalog) throws PresetLayerException {
    return PolicyStackCodec.read(text, catalog);
  }

  private int indexOf(String presetName) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).name().equals(presetName)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasDuplicateNames(List<StackLayer> ls) {
    return ls.stream().map(StackLayer::name).distinct().count() != ls.size();
  }

  /** Builds the effective policy from scratch: baseline, then every layer's live entries in order. */
  private static PolicyStack replay(
      Policy baseline, List<StackLayer> layers, List<Map<String, NetworkPolicy>> prepared) {
    Map<String, NetworkPolicy> base = baseline.networkPolicies();
    LinkedHashMap<String, NetworkPolicy> entries = new LinkedHashMap<>(PresetMerger.capacity(base.size()));
    Map<String, Integer> o = new HashMap<>(PresetMerger.capacity(base.size()));
    boolean stripped = false;
    for (Map.Entry<String, NetworkPolicy> e : base.entrySet()) {
      if (Names.isProviderKey(e.getKey())) {
        stripped = true;
      } else {
        entries.put(e.getKey(), e.getValue());
        o.put(e.getKey(), BASELINE);
      }
    }
    for (int i = 0; i < layers.size(); i++) {
      for (Map.Entry<String, NetworkPolicy> e : prepared.get(i).entrySet()) {
        entries.put(e.getKey(), e.getValue());
        o.put(e.getKey(), i);
      }
    }
    Policy effective;
    if (layers.isEmpty()) {
      effective = stripped ? PresetMerger.rebuild(baseline, baseline.version(), entries) : baseline;
    } else {
      Optional<Long> version = Optional.of(baseline.version().orElse(PresetMerger.DEFAULT_VERSION));
      effective = PresetMerger.rebuild(baseline, version, entries);
    }
    return new PolicyStack(baseline, layers, effective, Collections.unmodifiableMap(o));
  }

  /** Two stacks are equal when they have equal baselines and equal layers in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyStack other && baseline.equals(other.baseline) && layers.equals(other.layers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseline, layers);
  }

  @Override
  public String toString() {
    return "PolicyStack" + layerNames();
  }
}
