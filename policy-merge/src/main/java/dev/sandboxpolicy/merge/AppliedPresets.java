package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which presets a live policy has applied, read from the live policy alone (NVIDIA/NemoClaw#10515: the live OpenShell
 * policy is the only durable state; there is no registry of applied presets). {@link PolicyStack} remains this
 * library's provenance feature, but nothing needs it, or any other side file, to know what is applied.
 *
 * <pre>{@code
 * Policy live = LivePolicy.parse(openshellPolicyGetFull).policy();
 * for (AppliedPreset p : AppliedPresets.derive(live, PresetCatalog.builtIn().forAgent("openclaw"))) {
 *   System.out.println(p.name() + " " + p.state() + " " + p.keys());   // "npm VERIFIED [npm_yarn]"
 * }
 * }</pre>
 *
 * <p>The rules:
 * <ul>
 *   <li>A <b>built-in</b> preset of the catalog view is applied when every one of its keys is live (NemoClaw's
 *       gateway rule, §6.4). Its state says whether the live entries are exactly the preset's content
 *       ({@link AppliedPreset.State#VERIFIED}) or not ({@link AppliedPreset.State#DRIFTED}: edited on the gateway,
 *       an older version of the preset, or the content of another agent's view). A preset with only some of its
 *       keys live is listed as {@link AppliedPreset.State#PARTIAL} and does not count as applied.
 *   <li>With the sandbox's baseline given, a key whose live entry is exactly the baseline's is the baseline's, not
 *       the preset's (NemoClaw's {@code agent-base} case: Hermes' baseline has its own {@code pypi} entry); a preset
 *       all of whose live keys are baseline entries is listed as {@link AppliedPreset.State#BASELINE}.
 *   <li>A <b>custom</b> preset is identified by the keys it owns: every live key
 *       {@code nemoclaw_custom__<preset>__<key>} ({@link CustomPresetKeys}). Its content is what the live policy
 *       holds under those keys ({@link AppliedPreset#preset()}, with the original keys); its state is
 *       {@link AppliedPreset.State#CUSTOM}.
 * </ul>
 * Built-in presets come first, in catalog order, then custom presets by name. Presets with no live key are not
 * listed. Cost: linear in the number of live keys plus the catalog's keys.
 */
public final class AppliedPresets {

  private AppliedPresets() {}

  /** The presets {@code live} has applied, in the default catalog view ({@link PresetCatalog#builtIn()}). */
  public static List<AppliedPreset> derive(Policy live) {
    return derive(live, PresetCatalog.builtIn(), null);
  }

  /** The presets {@code live} has applied, built-in presets as {@code catalog} (the sandbox agent's view) has them. */
  public static List<AppliedPreset> derive(Policy live, PresetCatalog catalog) {
    return derive(live, catalog, null);
  }

  /**
   * The presets {@code live} has applied.
   *
   * @param catalog the sandbox agent's view of the built-in catalog
   * @param baseline the sandbox's baseline policy, or {@code null} when unknown (then no entry is attributed to it)
   */
  public static List<AppliedPreset> derive(Policy live, PresetCatalog catalog, Policy baseline) {
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(catalog, "catalog");
    Map<String, NetworkPolicy> entries = live.networkPolicies();
    Map<String, NetworkPolicy> base = baseline == null ? Map.of() : baseline.networkPolicies();
    List<AppliedPreset> out = new ArrayList<>();
    for (Preset p : catalog.presets()) {
      List<String> present = new ArrayList<>();
      int baselineKeys = 0;
      boolean exact = true;
      for (Map.Entry<String, NetworkPolicy> e : p.networkPolicies().entrySet()) {
        NetworkPolicy now = entries.get(e.getKey());
        if (now == null) {
          continue;
        }
        present.add(e.getKey());
        if (now.equals(base.get(e.getKey())) && !now.equals(e.getValue())) {
          baselineKeys++;
        }
        exact &= now.equals(e.getValue());
      }
      if (present.isEmpty()) {
        continue;
      }
      AppliedPreset.State state;
      if (baselineKeys == present.size()) {
        state = AppliedPreset.State.BASELINE;
      } else if (present.size() < p.networkPolicies().size()) {
        state = AppliedPreset.State.PARTIAL;
      } else {
        state = exact ? AppliedPreset.State.VERIFIED : AppliedPreset.State.DRIFTED;
      }
      out.add(new AppliedPreset(p.name(), state, present, p));
    }
    Map<String, LinkedHashMap<String, NetworkPolicy>> custom = new TreeMap<>();
    Map<String, List<String>> customKeys = new TreeMap<>();
    for (Map.Entry<String, NetworkPolicy> e : entries.entrySet()) {
      Optional<String> name = CustomPresetKeys.presetOf(e.getKey());
      if (name.isPresent()) {
        custom.computeIfAbsent(name.get(), k -> new LinkedHashMap<>())
            .put(CustomPresetKeys.originalKey(e.getKey()).orElseThrow(), e.getValue());
        customKeys.computeIfAbsent(name.get(), k -> new ArrayList<>()).add(e.getKey());
      }
    }
    for (Map.Entry<String, LinkedHashMap<String, NetworkPolicy>> c : custom.entrySet()) {
      Preset content = Preset.builder().name(c.getKey()).networkPolicies(c.getValue()).build();
      out.add(new AppliedPreset(c.getKey(), AppliedPreset.State.CUSTOM, customKeys.get(c.getKey()), content));
    }
    return List.copyOf(out);
  }
}
