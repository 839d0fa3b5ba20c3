package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.model.internal.Names;
import dev.sandboxpolicy.model.net.PrivateNetworks;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks every user-supplied (custom) preset passes before it is previewed, dry-run or applied, wherever it
 * enters: {@link CustomPresetLoader} (files, directories, text), {@link PresetMerger}, {@link PolicyStack}, and
 * through them {@code policyctl merge}/{@code remove} and the stdio {@code merge}/{@code remove} operations. One
 * implementation, so a dry run refuses exactly what an apply refuses (NVIDIA/NemoClaw#10773).
 *
 * <p>In order; the first failure refuses the preset, naming it and the entry:
 * <ol>
 *   <li>the name does not start with {@code _provider_} ({@code preset_name_reserved}) and is a lowercase RFC 1123
 *       label ({@code preset_name_invalid});
 *   <li>no {@code network_policies} key starts with {@code _provider_}, is a key reserved for a reviewed built-in
 *       ({@link PresetOrigin#RESERVED_CUSTOM_KEYS}), or lies in the custom-preset namespace {@link CustomPresetKeys#PREFIX}
 *       ({@code reserved_key});
 *   <li>no user-authored {@code allowed_ips}: none at entry level, whatever its value, and none on an endpoint
 *       unless its host is {@value PresetOrigin#HOST_GATEWAY} (any case, one trailing dot ignored) or the
 *       addresses are the pins the library itself resolved for a trusted private host ({@code preset_allowed_ips});
 *   <li>the name is not a built-in preset name ({@code preset_name_builtin_collision});
 *   <li>no endpoint host is private, loopback, link-local (metadata) or otherwise special-use by NemoClaw's SSRF
 *       table ({@link PrivateNetworks#isPrivateHostPattern(String)}: a wildcard host is judged by the part after its
 *       wildcard labels, so {@code *.internal} is refused), except {@value PresetOrigin#HOST_GATEWAY} and
 *       hosts pinned as trusted private hosts ({@code preset_host_private}, NVIDIA/NemoClaw#10659).
 * </ol>
 */
final class CustomPresetRules {

  private CustomPresetRules() {}

  /**
   * Checks {@code preset} as a custom preset.
   *
   * @param sourceMap the positions of the preset document ({@link SourceMap#empty()} for a preset built in code);
   *     it also tells a written {@code allowed_ips: []} from an absent one
   * @param pins library-issued pins by normalised host ({@link TrustedPrivateHosts}); empty for none. A pinned
   *     host is trusted, and its endpoints may carry exactly its pins as {@code allowed_ips}
   * @param trustedHosts normalised hosts declared trusted but not pinned yet (a preset being loaded for
   *     {@link TrustedPrivateHosts#pin(List)}): exempt from the private-host check only
   * @param sourcePath where the preset came from, for the collision message; {@code null} when unknown
   * @throws PresetLayerException the first failing check, attributed to the preset
   */
  static void check(Preset preset, SourceMap sourceMap, Map<String, List<String>> pins, Set<String> trustedHosts,
      String sourcePath) throws PresetLayerException {
    String name = preset.name();
    NameCheck nameCheck = PresetName.check(name, false);
    if (!nameCheck.isValid()) {
      throw PresetLayerException.of(
              nameCheck.error().orElseThrow(), sourceMap.nearest("/preset/name"), nameCheck.reason().orElseThrow())
          .forPreset(name.isEmpty() ? "(unnamed)" : name);
    }
    for (String key : preset.networkPolicies().keySet()) {
      checkKey(name, key, sourceMap);
    }
    checkAllowedIps(preset, sourceMap, pins);
    if (Names.isBuiltInPresetName(name)) {
      throw PresetLayerException.of(PresetLayerError.PRESET_NAME_BUILTIN_COLLISION, sourceMap.nearest("/preset/name"),
              Names.builtInCollisionMessage(name, sourcePath))
          .forPreset(name);
    }
    checkHosts(preset, sourceMap, pins, trustedHosts);
  }

  /** {@link #check} for a preset built in code or taken from a layer: no source map, no trust beyond the pins. */
  static void check(Preset preset, Map<String, List<String>> pins) throws PresetLayerException {
    check(preset, SourceMap.empty(), pins, Set.of(), null);
  }

  /** Rule 2 for one key. */
  static void checkKey(String presetName, String key, SourceMap sourceMap) throws PresetLayerException {
    String at = JsonPointer.key("/network_policies", key);
    if (Names.isProviderKey(key)) {
      throw PresetLayerException.of(PresetLayerError.RESERVED_KEY, sourceMap.locateKey(at),
          Names.providerKeyMessage(key)).forPreset(presetName);
    }
    if (PresetOrigin.isReservedForBuiltIns(key)) {
      throw PresetLayerException.of(PresetLayerError.RESERVED_KEY, sourceMap.locateKey(at),
          Names.builtInKeyMessage(key)).forPreset(presetName);
    }
  }

  static void checkAllowedIps(Preset preset, SourceMap sourceMap, Map<String, List<String>> pins)
      throws PresetLayerException {
    for (Map.Entry<String, NetworkPolicy> e : preset.networkPolicies().entrySet()) {
      String at = JsonPointer.key("/network_policies", e.getKey());
      if (e.getValue().unknownFields().containsKey("allowed_ips")) {
        throw allowedIps(preset.name(), e.getKey(), -1, sourceMap.nearest(at + "/allowed_ips"));
      }
      List<Endpoint> eps = e.getValue().endpoints();
      for (int i = 0; i < eps.size(); i++) {
        Endpoint ep = eps.get(i);
        String epAt = JsonPointer.index(at + "/endpoints", i);
        boolean has = !ep.allowedIps().isEmpty() || sourceMap.locate(epAt + "/allowed_ips").isPresent();
        if (!has || PresetOrigin.isHostGateway(ep.host())) {
          continue;
        }
        List<String> pinned = pins.get(TrustedPrivateHosts.normalizeHost(ep.host()));
        if (pinned == null || !pinned.equals(ep.allowedIps())) {
          throw allowedIps(preset.name(), e.getKey(), i, sourceMap.nearest(epAt + "/allowed_ips"));
        }
      }
    }
  }

  private static void checkHosts(
      Preset preset, SourceMap sourceMap, Map<String, List<String>> pins, Set<String> trustedHosts)
      throws PresetLayerException {
    for (Map.Entry<String, NetworkPolicy> e : preset.networkPolicies().entrySet()) {
      List<Endpoint> eps = e.getValue().endpoints();
      for (int i = 0; i < eps.size(); i++) {
        String host = eps.get(i).host();
        String normalized = TrustedPrivateHosts.normalizeHost(host);
        boolean pinned = eps.get(i).allowedIps().equals(pins.get(normalized));
        if (host.isBlank() || PresetOrigin.isHostGateway(host) || pinned || trustedHosts.contains(normalized)) {
          continue;
        }
        if (PrivateNetworks.nemoClaw().isPrivateHostPattern(host)) {
          String at = JsonPointer.index(JsonPointer.key("/network_policies", e.getKey()) + "/endpoints", i) + "/host";
          throw PresetLayerException.of(PresetLayerError.PRESET_HOST_PRIVATE, sourceMap.nearest(at),
              hostRejected(preset.name(), host) + entry(e.getKey(), i)).forPreset(preset.name());
        }
      }
    }
  }

  /** NemoClaw's refusal of an untrusted private host (#10659). */
  static String hostRejected(String presetName, String host) {
    return "Preset '" + presetName + "' endpoint host '" + host
        + "' is rejected. Add explicit trust only for RFC1918, CGNAT, or IPv6 unique local destinations.";
  }

  private static PresetLayerException allowedIps(String presetName, String key, int endpoint, SourceLocation at) {
    return PresetLayerException.of(PresetLayerError.PRESET_ALLOWED_IPS, at,
        "Preset '" + presetName + "' contains user-authored allowed_ips, which is not permitted."
            + entry(key, endpoint)).forPreset(presetName);
  }

  /** {@code " (network_policies entry 'k', endpoint i)"}: which entry a refusal concerns. */
  static String entry(String key, int endpoint) {
    return " (network_policies entry '" + key + "'" + (endpoint < 0 ? "" : ", endpoint " + endpoint) + ")";
  }
}
