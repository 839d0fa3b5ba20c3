package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.internal.Names;
import dev.sandboxpolicy.model.net.PrivateNetworks;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The preset layer's own rules (preset spec §1.5, §2.6, §3, and NVIDIA/NemoClaw#10659, #10773 for custom presets:
 * no private or special-use endpoint host, no reserved key). The preset layer ({@code policy-merge}) refuses the same
 * custom presets when they are applied.
 */
final class PresetRules {

  /** Preset spec §1.5: hosts the build-time check rejects (after trimming), besides the {@code *:} prefix. */
  static final Set<String> DANGEROUS_HOSTS = Set.of("*", "0.0.0.0", "0.0.0.0/0", "::", "::/0");

  private PresetRules() {}

  static void check(Preset preset, boolean custom, ProblemSink sink) {
    String name = preset.name();
    if (Names.isProviderKey(name)) {
      sink.error(ProblemCode.PRESET_NAME_RESERVED, "/preset/name", Names.reservedPresetNameMessage());
    } else if (!name.isEmpty() && !Names.isPresetName(name)) {
      sink.error(ProblemCode.PRESET_NAME_INVALID, "/preset/name", Names.invalidPresetNameMessage());
    } else if (custom && Names.isBuiltInPresetName(name)) {
      sink.error(ProblemCode.PRESET_NAME_BUILTIN_COLLISION, "/preset/name", Names.builtInCollisionMessage(name, null));
    }
    for (Map.Entry<String, NetworkPolicy> entry : preset.networkPolicies().entrySet()) {
      String at = JsonPointer.key("/network_policies", entry.getKey());
      if (Names.isProviderKey(entry.getKey())) {
        sink.errorAtKey(ProblemCode.RESERVED_KEY, at, Names.providerKeyMessage(entry.getKey()));
      } else if (custom && PresetOrigin.isReservedForBuiltIns(entry.getKey())) {
        sink.errorAtKey(ProblemCode.RESERVED_KEY, at, Names.builtInKeyMessage(entry.getKey()));
      }
      if (custom && entry.getValue().unknownFields().containsKey("allowed_ips")) {
        sink.error(ProblemCode.PRESET_ALLOWED_IPS, at + "/allowed_ips", "Preset '" + name
            + "' contains user-authored allowed_ips, which is not permitted.");
      }
      List<Endpoint> endpoints = entry.getValue().endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint e = endpoints.get(i);
        String eAt = JsonPointer.index(at + "/endpoints", i);
        if (custom && !e.allowedIps().isEmpty() && !PresetOrigin.isHostGateway(e.host())) {
          sink.error(ProblemCode.PRESET_ALLOWED_IPS, eAt + "/allowed_ips", "Preset '" + name
              + "' contains user-authored allowed_ips, which is not permitted.");
        }
        String host = e.host().trim();
        if (DANGEROUS_HOSTS.contains(host) || host.startsWith("*:")) {
          sink.error(ProblemCode.PRESET_HOST_DANGEROUS, eAt + "/host", "preset endpoint host '" + e.host()
              + "' opens every destination; use exact hosts or subdomain wildcards like '*.example.com'");
        } else if (custom && !PresetOrigin.isHostGateway(host) && PrivateNetworks.nemoClaw().isPrivateHostPattern(host)) {
          sink.error(ProblemCode.PRESET_HOST_PRIVATE, eAt + "/host", "Preset '" + name + "' endpoint host '"
              + e.host() + "' is rejected. Add explicit trust only for RFC1918, CGNAT, or IPv6 unique local"
              + " destinations.");
        }
      }
    }
  }
}
