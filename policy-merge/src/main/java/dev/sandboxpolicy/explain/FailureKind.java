package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.WireNamed;

/** The verdict of the access-failure classifier (spec nemoclaw-preset-layer §7 {@code kind}). */
public enum FailureKind implements WireNamed {
  /** The capability is not offered for this sandbox; retrying cannot help. */
  UNSUPPORTED("unsupported"),
  /** The host is (or may be) allowed, but credentials or approval are missing. */
  MISSING_APPROVAL("missing-approval"),
  /** The policy does not allow the host. */
  BLOCKED_BY_POLICY("blocked-by-policy"),
  /** Neither a policy nor an approval signal. */
  UNKNOWN("unknown");

  private final String wireName;

  FailureKind(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The JSON value.
   *
   * @return for example {@code missing-approval}
   */
  @Override
  public String wireName() {
    return wireName;
  }
}
