package dev.sandboxpolicy.model.net;

import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF verdict for one address: blocked or not, and which range blocked it. Maps 1:1 onto the
 * {@code classify_address} response of the wire protocol: {@code {"blocked": BOOL, "range": "127.0.0.0/8" | null}}.
 * Immutable value.
 */
public final class AddressClassification {
  private static final AddressClassification NOT_BLOCKED = new AddressClassification(null);

  private final BlockedRange match;

  private AddressClassification(BlockedRange match) {
    this.match = match;
  }

  /**
   * The verdict for an address outside every blocked range (or a string that is not an address).
   *
   * @return the "not blocked" verdict
   */
  static AddressClassification notBlocked() {
    return NOT_BLOCKED;
  }

  /**
   * The verdict for an address inside {@code match}.
   *
   * @param match the table entry that blocks it
   * @return the "blocked" verdict
   */
  static AddressClassification blockedBy(BlockedRange match) {
    return new AddressClassification(Objects.requireNonNull(match, "match"));
  }

  /**
   * Whether the address is blocked (JSON {@code blocked}).
   *
   * @return true when some range contains it
   */
  public boolean blocked() {
    return match != null;
  }

  /**
   * The blocking range (JSON {@code range}). For an IPv4-mapped IPv6 address this is the IPv4 range that contains the
   * embedded address, for example {@code 127.0.0.0/8} for {@code ::ffff:7f00:1}.
   *
   * @return the range, empty when not blocked
   */
  public Optional<CidrRange> range() {
    return match == null ? Optional.empty() : Optional.of(match.range());
  }

  /**
   * The whole table entry, with its purpose text.
   *
   * @return the entry, empty when not blocked
   */
  public Optional<BlockedRange> match() {
    return Optional.ofNullable(match);
  }

  /**
   * {@code blocked by <range (purpose)>} or {@code not blocked}.
   *
   * @return a debug form
   */
  @Override
  public String toString() {
    return match == null ? "not blocked" : "blocked by " + match;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressClassification && Objects.equals(((AddressClassification) o).match, match);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(match);
  }
}
