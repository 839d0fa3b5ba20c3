package dev.sandboxpolicy.matcher;

/**
 * Options of a {@link CompiledPolicy}.
 *
 * <pre>{@code
 * MatcherOptions.defaults();                         // binary identity enforced
 * MatcherOptions.defaults().withBinaryIdentity(false); // endpoint-only authorization
 * }</pre>
 */
public final class MatcherOptions {
  private static final MatcherOptions DEFAULTS = new MatcherOptions(true);

  private final boolean binaryIdentity;

  private MatcherOptions(boolean binaryIdentity) {
    this.binaryIdentity = binaryIdentity;
  }

  /**
   * Returns the upstream defaults: binary identity is required.
   *
   * @return the defaults
   */
  public static MatcherOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns options with binary identity on or off. Off is upstream's {@code OPENSHELL_NETWORK_BINARY_IDENTITY} in
   * {relaxed, disabled, endpoint-only, false, 0}: every entry's binary check passes (spec §3.4).
   *
   * @param required whether binaries must match
   * @return the options
   */
  public MatcherOptions withBinaryIdentity(boolean required) {
    return required == binaryIdentity ? this : new MatcherOptions(required);
  }

  /**
   * Tells whether binaries must match.
   *
   * @return true by default
   */
  public boolean binaryIdentity() {
    return binaryIdentity;
  }

  /**
   * Maps the upstream environment variable {@code OPENSHELL_NETWORK_BINARY_IDENTITY}: endpoint-only for {@code
   * relaxed}, {@code disabled}, {@code endpoint-only}, {@code false} or {@code 0}, identity required otherwise.
   *
   * @param value the variable's value, or null when unset
   * @return the options
   */
  public static MatcherOptions fromEnvironmentValue(String value) {
    if (value == null) {
      return DEFAULTS;
    }
    switch (value) {
      case "relaxed", "disabled", "endpoint-only", "false", "0":
        return DEFAULTS.withBinaryIdentity(false);
      default:
        return DEFAULTS;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatcherOptions m && m.binaryIdentity == binaryIdentity;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(binaryIdentity);
  }

  @Override
  public String toString() {
    return "MatcherOptions[binaryIdentity=" + binaryIdentity + "]";
  }
}
