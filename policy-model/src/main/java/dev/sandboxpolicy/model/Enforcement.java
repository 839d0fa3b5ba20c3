package dev.sandboxpolicy.model;

import java.util.Optional;

/**
 * The values of an endpoint's {@code enforcement} field: how a proxy applies an L7 verdict (spec §3.5 step 5, §6
 * rule 1). Only the exact string {@code enforce} enforces; every other value, including the absent field and typos,
 * audits.
 *
 * <pre>{@code
 * Enforcement.of("enforce");          // ENFORCE
 * Enforcement.of("enforced");         // AUDIT: what the runtime does with a typo
 * Enforcement.fromWireName("enforced"); // Optional.empty(): not a value of the language
 * }</pre>
 */
public enum Enforcement implements WireNamed {
  /** {@code enforce}: a denied request gets HTTP 403 and is not forwarded. */
  ENFORCE("enforce"),
  /** {@code audit}: a denied request is logged and forwarded anyway (the default). */
  AUDIT("audit");

  private final String wireName;

  Enforcement(String wireName) {
    this.wireName = wireName;
  }

  /**
   * What the runtime does with the field as written: {@link #ENFORCE} only for exactly {@code enforce}, else
   * {@link #AUDIT}.
   *
   * @param written the field value, {@code ""} when absent
   * @return the effective enforcement
   */
  public static Enforcement of(String written) {
    return ENFORCE.wireName.equals(written) ? ENFORCE : AUDIT;
  }

  /**
   * The value spelled exactly {@code written}.
   *
   * @param written the field as written, may be {@code null}
   * @return the value, or empty for an absent or unknown one
   */
  public static Optional<Enforcement> fromWireName(String written) {
    return WireNamed.fromWireName(Enforcement.class, written);
  }

  /**
   * Returns the lower-case wire name ({@code enforce} / {@code audit}).
   *
   * @return the name
   */
  @Override
  public String wireName() {
    return wireName;
  }

  /** Whether {@code written} is exactly this value's spelling. */
  public boolean is(String written) {
    return wireName.equals(written);
  }
}
