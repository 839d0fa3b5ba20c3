package dev.sandboxpolicy.model;

import java.util.Optional;

/**
 * The values of an endpoint's {@code access} field: the presets that stand for a set of allow rules (spec §1.8).
 * What each expands to depends on the protocol; the matcher does the expansion.
 *
 * <pre>{@code
 * Access.fromWireName("read-only");   // Optional[READ_ONLY]
 * Access.fromWireName("read");        // Optional.empty(): not a value of the language
 * }</pre>
 */
public enum Access implements WireNamed {
  /** {@code read-only}: reads (REST {@code GET}/{@code HEAD}/{@code OPTIONS}, GraphQL queries). */
  READ_ONLY("read-only"),
  /** {@code read-write}: reads and writes, but not {@code DELETE} (GraphQL: queries and mutations). */
  READ_WRITE("read-write"),
  /** {@code full}: every method or operation. */
  FULL("full");

  private final String wireName;

  Access(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling in a document, for example {@code read-only}. */
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * The preset spelled exactly {@code written}.
   *
   * @param written the field as written, may be {@code null}
   * @return the preset, or empty for an absent ({@code ""}) or unknown value
   */
  public static Optional<Access> fromWireName(String written) {
    return WireNamed.fromWireName(Access.class, written);
  }

  /** Whether {@code written} is exactly this preset's spelling. */
  public boolean is(String written) {
    return wireName.equals(written);
  }
}
