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
  private static final MatcherOptions DEFAULTS = new MatcherOptions(true, true);

  private final boolean binaryIdentity;
  private final boolean validation;

  private MatcherOptions(boolean binaryIdentity, boolean validation) {
    this.binaryIdentity = binaryIdentity;
    this.validation = validation;
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
    return required == binaryIdentity ? this : new MatcherOptions(required, validation);
  }

  /**
   * Returns options with strict validation on (the default: {@link CompiledPolicy#compile} rejects a policy the
   * strict validator finds errors in, like the upstream gateway) or off (compile whatever the model holds, as the
   * upstream supervisor does for a local policy override; every validator problem is then only a warning, and
   * runtime semantics apply, e.g. a JSON-RPC method {@code reports.*} is an exact string). Port values outside
   * 0..65535 are rejected either way.
   *
   * @param strict whether validator errors reject the policy
   * @return the options
   */
  public MatcherOptions withValidation(boolean strict) {
    return strict == validation ? this : new MatcherOptions(binaryIdentity, strict);
  }

  /**
   * Tells whether validator errors reject the policy.
   *
   * @return true by default
   */
  public boolean validation() {
    return validation;
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
    return o instanceof MatcherOptions m && m.binaryIdentity == binaryIdentity && m.validation == validation;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(binaryIdentity) * 31 + Boolean.hashCode(validation);
  }

  @Override
  public String toString() {
    return "MatcherOptions[binaryIdentity=" + binaryIdentity + ", validation=" + validation + "]";
  }
}
