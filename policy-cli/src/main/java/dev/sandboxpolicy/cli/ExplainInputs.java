package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.explain.GatewaySnapshot;
import dev.sandboxpolicy.explain.PolicyContext;
import dev.sandboxpolicy.explain.PolicyExplainer;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetName;
import dev.sandboxpolicy.merge.SandboxName;
import dev.sandboxpolicy.model.Preset;
import java.util.List;
import java.util.Optional;

/**
 * The registry state {@code policy-explain} works from (sandbox name, tier, applied names, custom presets, what
 * the gateway enforces), shared by {@code policyctl explain} and the protocol's {@code explain} and
 * {@code classify_failure}.
 *
 * @param sandbox the sandbox name (an RFC 1123 label)
 * @param tier the recorded tier, or empty
 * @param applied the applied preset names, as typed (normalized here)
 * @param custom the custom presets, parsed
 * @param gatewayPresets the presets the gateway enforces; empty when the gateway could not be probed
 */
record ExplainInputs(
    String sandbox, Optional<String> tier, List<String> applied, List<Preset> custom,
    Optional<List<String>> gatewayPresets) {

  /** The sandbox name used when a request does not name one (the classifier needs none). */
  static final String DEFAULT_SANDBOX = "sandbox";

  /** Whether {@code name} is a valid sandbox name. */
  static boolean validSandbox(String name) {
    return SandboxName.check(name).isValid();
  }

  /** The policy-explain context. */
  PolicyContext context() {
    PresetCatalog catalog = PresetCatalog.builtIn();
    return PolicyExplainer.builder()
        .sandboxName(sandbox)
        .tier(tier.orElse(null), catalog.tiers())
        .builtInPresets(catalog.presets())
        .applied(applied.stream().map(PresetName::normalize).toList())
        .customPresets(custom)
        .gateway(gatewayPresets.map(GatewaySnapshot::ofEnforcedPresets).orElse(GatewaySnapshot.unavailable()))
        .build()
        .explain();
  }
}
