package dev.sandboxpolicy.model.net;

import java.util.Objects;

/**
 * One entry of an SSRF block table: a CIDR range and the human-readable reason it is blocked. Immutable value.
 */
public final class BlockedRange {
  private final CidrRange range;
  private final String purpose;

  private BlockedRange(CidrRange range, String purpose) {
    this.range = range;
    this.purpose = purpose;
  }

  /**
   * A blocked range.
   *
   * @param range the CIDR block
   * @param purpose why it is blocked, non-blank (private-networks.yaml requires a non-empty {@code purpose})
   * @return the entry
   * @throws IllegalArgumentException when the purpose is blank
   */
  public static BlockedRange of(CidrRange range, String purpose) {
    Objects.requireNonNull(range, "range");
    if (purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("a blocked range needs a non-empty purpose: " + range);
    }
    return new BlockedRange(range, purpose.strip());
  }

  /**
   * The CIDR block.
   *
   * @return the range
   */
  public CidrRange range() {
    return range;
  }

  /**
   * Why the range is blocked, for example {@code Loopback}.
   *
   * @return the purpose text
   */
  public String purpose() {
    return purpose;
  }

  /**
   * {@code range (purpose)}.
   *
   * @return a debug form
   */
  @Override
  public String toString() {
    return range + " (" + purpose + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockedRange
        && ((BlockedRange) o).range.equals(range)
        && ((BlockedRange) o).purpose.equals(purpose);
  }

  @Override
  public int hashCode() {
    return range.hashCode() * 31 + purpose.hashCode();
  }
}
