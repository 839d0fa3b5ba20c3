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
  private static final MatcherOptions DEFAULTS = new MatcherOptions(true, true, true);

  private final boolean binaryIdentity;
  private final boolean validation;
  private final boolean strictRules;

  private MatcherOptions(boolean binaryIdentity, boolean validation, boolean strictRules) {
    this.binaryIdentity = binaryIdentity;
    this.validation = validation;
    this.strictRules = strictRules;
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
    return required == binaryIdentity ? this : new MatcherOptions(required, validation, strictRules);
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
    return strict == validation ? this : new MatcherOptions(binaryIdentity, strict, strictRules);
  }

  /**
   * Returns options that check the policy with the strict rule set ({@code PolicyRules.strict()}, the default: the
   * gateway's rules, what {@code policyctl validate} applies in strict mode) or the lenient one ({@code
   * PolicyRules.lenient()}, the local-YAML path, what {@code validate --mode lenient} applies). Pick the set that
   * matches the mode the policy was read in, so that compiling refuses exactly what validation refuses.
   *
   * @param strict whether the gateway-only rules apply
   * @return the options
   */
  public MatcherOptions withStrictRules(boolean strict) {
    return strict == strictRules ? this : new MatcherOptions(binaryIdentity, validation, strict);
  }

  /**
   * Tells whether the strict (gateway) rule set checks the policy.
   *
   * @return true by default
   */
  public boolean strictRules() {
    return strictRules;
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
    return o instanceof MatcherOptions m && m.binaryIdentity == binaryIdentity && m.validation == validation
        && m.strictRules == strictRules;
  }

  @Override
  public int hashCode() {
    return (Boolean.hashCode(binaryIdentity) * 31 + Boolean.hashCode(validation)) * 31 + Boolean.hashCode(strictRules);
  }

  @Override
  public String toString() {
    return "MatcherOptions[binaryIdentity=" + binaryIdentity + ", validation=" + validation + ", strictRules="
        + strictRules + "]";
  }
}
