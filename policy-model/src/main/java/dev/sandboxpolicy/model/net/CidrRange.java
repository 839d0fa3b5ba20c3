package dev.sandboxpolicy.model.net;

import java.util.Objects;
import java.util.Optional;

/**
 * A CIDR block (RFC 4632 §3.1): a network address and a prefix length, IPv4 or IPv6. Immutable value.
 *
 * <p>The network address is always stored with its host bits cleared, so {@code 10.1.2.3/8} and {@code 10.0.0.0/8}
 * are equal once built; {@link #parseExact(String)} refuses the former for callers that want to flag it. Membership
 * and overlap never mix families: {@code ::ffff:10.0.0.1} is not in {@code 10.0.0.0/8} (unwrap it first with
 * {@link IpAddress#ipv4Mapped()}, as {@link PrivateNetworks} does).
 *
 * <p>Text uses {@link IpAddress#parseLiteral(String)} for the address part: canonical dotted quads and RFC 4291 text
 * only, as the gateway's {@code allowed_ips} parser does. A bare address is a single-host range ({@code /32} or
 * {@code /128}), as in OpenShell's {@code allowed_ips}.
 */
public final class CidrRange implements Comparable<CidrRange> {

  /** Largest IPv4 prefix length (RFC 4632 §3.1: the prefix is at most the 32-bit address length). */
  public static final int IPV4_MAX_PREFIX = IpAddress.IPV4_BITS;

  /** Largest IPv6 prefix length (RFC 4291 §2.3: "prefix-length is a decimal value" of at most 128 bits). */
  public static final int IPV6_MAX_PREFIX = IpAddress.IPV6_BITS;

  /** At most three decimal digits in a prefix length ({@value #IPV6_MAX_PREFIX} has three). */
  static final int PREFIX_MAX_DIGITS = 3;

  private final IpAddress network;
  private final int prefixLength;
  private final long highMask;
  private final long lowMask;

  private CidrRange(IpAddress network, int prefixLength, long highMask, long lowMask) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.highMask = highMask;
    this.lowMask = lowMask;
  }

  /**
   * The range of the given prefix length around an address; host bits of {@code address} are cleared.
   *
   * @param address any address of the range
   * @param prefixLength 0 to 32 for IPv4, 0 to 128 for IPv6
   * @return the range
   * @throws NetFormatException with code {@code cidr_prefix_out_of_range} when the length does not fit the family
   */
  public static CidrRange of(IpAddress address, int prefixLength) {
    Objects.requireNonNull(address, "address");
    int max = address.family().bits();
    if (prefixLength < 0 || prefixLength > max) {
      throw new NetFormatException(
          "cidr_prefix_out_of_range",
          address + "/" + prefixLength,
          address.toString().length() + 1,
          "prefix length must be in [0, " + max + "], got " + prefixLength);
    }
    long highMask;
    long lowMask;
    if (address.isIpv4()) {
      highMask = 0L;
      lowMask = prefixLength == 0 ? 0L : (0xffff_ffffL << (IPV4_MAX_PREFIX - prefixLength)) & 0xffff_ffffL;
    } else {
      highMask = maskOf(Math.min(prefixLength, Long.SIZE));
      lowMask = maskOf(Math.max(prefixLength - Long.SIZE, 0));
    }
    IpAddress network =
        address.isIpv4()
            ? IpAddress.ipv4((int) (address.lowBits() & lowMask))
            : IpAddress.ipv6(address.highBits() & highMask, address.lowBits() & lowMask);
    return new CidrRange(network, prefixLength, highMask, lowMask);
  }

  private static long maskOf(int leadingOnes) {
    return leadingOnes == 0 ? 0L : -1L << (Long.SIZE - leadingOnes);
  }

  /**
   * The single-address range {@code a/32} or {@code a/128}.
   *
   * @param address the address
   * @return the host range
   */
  public static CidrRange host(IpAddress address) {
    return of(address, address.family().bits());
  }

  /**
   * Parses {@code address/prefix} or a bare address (a host range). Host bits below the prefix are cleared.
   *
   * @param text for example {@code 10.0.0.0/8}, {@code fe80::/10}, {@code 192.168.1.7}
   * @return the range
   * @throws NetFormatException with codes {@code cidr_empty}, {@code cidr_prefix_invalid} (not 1-3 ASCII digits),
   *     {@code cidr_prefix_out_of_range}, or an address code from {@link IpAddress#parseLiteral(String)}
   */
  public static CidrRange parse(String text) {
    return parse(text, false);
  }

  /**
   * Like {@link #parse(String)} but also rejects host bits set below the prefix ({@code 10.0.0.1/8}), with code
   * {@code cidr_host_bits_set}.
   *
   * @param text the range text
   * @return the range
   * @throws NetFormatException as {@link #parse(String)}, or {@code cidr_host_bits_set}
   */
  public static CidrRange parseExact(String text) {
    return parse(text, true);
  }

  /**
   * Like {@link #parse(String)} but returns empty instead of throwing.
   *
   * @param text the range text, may be {@code null}
   * @return the range, or empty
   */
  public static Optional<CidrRange> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(text, false));
    } catch (NetFormatException e) {
      return Optional.empty();
    }
  }

  private static CidrRange parse(String text, boolean exact) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new NetFormatException("cidr_empty", text, 0, "the range is empty");
    }
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    IpAddress address;
    try {
      address = IpAddress.parseLiteral(addressText);
    } catch (NetFormatException e) {
      throw new NetFormatException(e.code(), text, e.index(), e.getMessage());
    }
    if (slash < 0) {
      return host(address);
    }
    int digits = text.length() - slash - 1;
    if (digits < 1 || digits > PREFIX_MAX_DIGITS) {
      throw new NetFormatException("cidr_prefix_invalid", text, slash + 1, "the prefix length must be 1-3 digits");
    }
    int prefix = 0;
    for (int i = slash + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new NetFormatException("cidr_prefix_invalid", text, i, "the prefix length must be decimal digits");
      }
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > address.family().bits()) {
      throw new NetFormatException(
          "cidr_prefix_out_of_range",
          text,
          slash + 1,
          "prefix length must be in [0, " + address.family().bits() + "], got " + prefix);
    }
    CidrRange range = of(address, prefix);
    if (exact && !range.network.equals(address)) {
      throw new NetFormatException(
          "cidr_host_bits_set", text, 0, "host bits are set below /" + prefix + "; did you mean " + range + "?");
    }
    return range;
  }

  /**
   * The network address (host bits cleared).
   *
   * @return the first address of the range
   */
  public IpAddress network() {
    return network;
  }

  /**
   * The prefix length.
   *
   * @return 0-32 for IPv4, 0-128 for IPv6
   */
  public int prefixLength() {
    return prefixLength;
  }

  /**
   * The family of the range.
   *
   * @return IPV4 or IPV6
   */
  public IpAddress.Family family() {
    return network.family();
  }

  /**
   * Whether the address lies in this range. Addresses of the other family are never contained (no mapped-address
   * unwrapping).
   *
   * @param address the address
   * @return true when it is inside
   */
  public boolean contains(IpAddress address) {
    return address.family() == network.family()
        && (address.highBits() & highMask) == network.highBits()
        && (address.lowBits() & lowMask) == network.lowBits();
  }

  /**
   * Whether every address of {@code other} lies in this range.
   *
   * @param other another range
   * @return true when {@code other} is a subrange of (or equal to) this one
   */
  public boolean contains(CidrRange other) {
    return other.family() == family() && other.prefixLength >= prefixLength && contains(other.network);
  }

  /**
   * Whether the two ranges share at least one address. CIDR blocks either nest or are disjoint, so this is true
   * exactly when one contains the other.
   *
   * @param other another range
   * @return true when they overlap
   */
  public boolean overlaps(CidrRange other) {
    return contains(other) || other.contains(this);
  }

  /**
   * The text form {@code network/prefix}, for example {@code 127.0.0.0/8} or {@code fc00::/7}.
   *
   * @return the text, which {@link #parse(String)} reads back
   */
  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CidrRange
        && ((CidrRange) o).prefixLength == prefixLength
        && ((CidrRange) o).network.equals(network);
  }

  @Override
  public int hashCode() {
    return network.hashCode() * 31 + prefixLength;
  }

  /**
   * Orders by network address (IPv4 first), then shorter prefixes first.
   *
   * @param other the range to compare with
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(CidrRange other) {
    int byNetwork = network.compareTo(other.network);
    return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
  }
}
