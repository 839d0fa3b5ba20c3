package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.WireNamed;

/**
 * Whether the OpenShell gateway is known to enforce a preset (spec nemoclaw-preset-layer §6.4). The registry is only
 * local bookkeeping; this status says how far it can be trusted.
 */
public enum Verification implements WireNamed {
  /** Applied in the registry and every key of the preset is on the gateway. */
  VERIFIED("verified", "verified"),
  /** Applied in the registry, but the gateway does not hold all its keys (drift). */
  REGISTRY_ONLY("registry-only", "registry-only (gateway does not enforce)"),
  /** Not in the registry, yet the gateway holds all its keys. */
  GATEWAY_ONLY("gateway-only", "gateway-only (not in local registry)"),
  /** The gateway could not be asked, or neither the registry nor the gateway has the preset. */
  GATEWAY_UNAVAILABLE("gateway-unavailable", "gateway-unavailable");

  private final String wireName;
  private final String markdownStatus;

  Verification(String wireName, String markdownStatus) {
    this.wireName = wireName;
    this.markdownStatus = markdownStatus;
  }

  /**
   * The §6.4 table.
   *
   * @param gatewayAvailable whether the gateway snapshot was obtained
   * @param applied whether the registry lists the preset
   * @param enforced whether the gateway holds every key of the preset (ignored when unavailable)
   * @return the status
   */
  static Verification of(boolean gatewayAvailable, boolean applied, boolean enforced) {
    if (!gatewayAvailable) {
      return GATEWAY_UNAVAILABLE;
    }
    if (applied) {
      return enforced ? VERIFIED : REGISTRY_ONLY;
    }
    return enforced ? GATEWAY_ONLY : GATEWAY_UNAVAILABLE;
  }

  /**
   * The JSON value, for example {@code registry-only}.
   *
   * @return the wire name
   */
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * The {@code status:} text of the Markdown rendering (§6.5).
   *
   * @return for example {@code registry-only (gateway does not enforce)}
   */
  public String markdownStatus() {
    return markdownStatus;
  }

  /**
   * Whether the failure classifier may trust the preset as enforced (§7: {@code verified} or {@code gateway-only}).
   *
   * @return true for VERIFIED and GATEWAY_ONLY
   */
  public boolean confirmsEnforcement() {
    return this == VERIFIED || this == GATEWAY_ONLY;
  }
}
