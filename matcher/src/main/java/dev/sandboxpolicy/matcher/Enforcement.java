package dev.sandboxpolicy.matcher;

/**
 * How a proxy applies an L7 verdict (spec §3.5 step 5, §6 rule 1). Only the exact string {@code enforce} enforces;
 * every other value, including the absent field and typos, audits.
 */
public enum Enforcement {
  /** A denied request gets HTTP 403 and is not forwarded. */
  ENFORCE,
  /** A denied request is logged as {@code audit} and forwarded anyway (the default). */
  AUDIT;

  /**
   * Maps the endpoint's {@code enforcement} field as written.
   *
   * @param written the field value, {@code ""} when absent
   * @return {@link #ENFORCE} only for exactly {@code enforce}
   */
  public static Enforcement of(String written) {
    return "enforce".equals(written) ? ENFORCE : AUDIT;
  }

  /**
   * Returns the lower-case wire name ({@code enforce} / {@code audit}).
   *
   * @return the name
   */
  public String wireName() {
    return this == ENFORCE ? "enforce" : "audit";
  }
}
