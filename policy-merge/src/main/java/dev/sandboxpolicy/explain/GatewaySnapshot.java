package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.merge.CustomPresetKeys;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.internal.Names;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What the OpenShell gateway enforces right now, as far as {@code policy-explain} can tell (spec nemoclaw-preset-layer
 * §6.4). Three forms: unavailable (the probe failed or was skipped), the network-policy keys of the live policy, or a
 * ready list of enforced preset names (the {@code gateway_presets} of the wire protocol). Immutable.
 */
public final class GatewaySnapshot {


  private static final GatewaySnapshot UNAVAILABLE = new GatewaySnapshot(null, null);

  private final Set<String> policyKeys;
  private final Set<String> presetNames;

  private GatewaySnapshot(Set<String> policyKeys, Set<String> presetNames) {
    this.policyKeys = policyKeys;
    this.presetNames = presetNames;
  }

  /**
   * The gateway could not be asked: every preset is {@code gateway-unavailable}.
   *
   * @return the snapshot
   */
  public static GatewaySnapshot unavailable() {
    return UNAVAILABLE;
  }

  /**
   * The gateway answered with a policy holding these {@code network_policies} keys. A preset is enforced when it has at
   * least one key and every key is present (entry contents are not compared).
   *
   * @param keys the live keys; empty when the live policy has no (or a malformed) {@code network_policies}
   * @return the snapshot
   */
  public static GatewaySnapshot ofPolicyKeys(Collection<String> keys) {
    return new GatewaySnapshot(Set.copyOf(keys), null);
  }

  /**
   * The gateway answered with this live policy.
   *
   * @param live the policy read from {@code openshell policy get --full}
   * @return the snapshot over its keys
   */
  public static GatewaySnapshot ofLivePolicy(Policy live) {
    return ofPolicyKeys(live.networkPolicies().keySet());
  }

  /**
   * The names of the presets already known to be enforced (classifier input {@code gatewayPresets}).
   *
   * @param names enforced preset names
   * @return the snapshot
   */
  public static GatewaySnapshot ofEnforcedPresets(Collection<String> names) {
    return new GatewaySnapshot(null, Set.copyOf(names));
  }

  /**
   * Whether the gateway answered.
   *
   * @return false for {@link #unavailable()}
   */
  public boolean isAvailable() {
    return policyKeys != null || presetNames != null;
  }

  /**
   * Whether the gateway enforces the preset: every key of the preset is live, as written (built-in presets) or in
   * the custom namespace ({@code nemoclaw_custom__<preset>__<key>}, how custom presets are applied).
   * {@code _provider_} keys of a preset are ignored (the merge drops them).
   *
   * @param preset the preset, with its entries
   * @return false when unavailable
   */
  public boolean enforces(Preset preset) {
    Objects.requireNonNull(preset, "preset");
    if (presetNames != null) {
      return presetNames.contains(preset.name());
    }
    if (policyKeys == null) {
      return false;
    }
    return allLive(preset, false) || allLive(preset, true);
  }

  /** Whether every key of the preset (in the custom namespace when {@code custom}) is live, and there is one. */
  private boolean allLive(Preset preset, boolean custom) {
    boolean anyKey = false;
    for (String key : preset.networkPolicies().keySet()) {
      if (Names.isProviderKey(key)) {
        continue;
      }
      anyKey = true;
      if (!policyKeys.contains(custom ? CustomPresetKeys.key(preset.name(), key) : key)) {
        return false;
      }
    }
    return anyKey;
  }

  @Override
  public String toString() {
    if (!isAvailable()) {
      return "GatewaySnapshot{unavailable}";
    }
    return presetNames != null ? "GatewaySnapshot{presets=" + presetNames + "}" : "GatewaySnapshot{keys=" + policyKeys + "}";
  }
}
