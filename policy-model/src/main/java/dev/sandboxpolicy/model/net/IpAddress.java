package dev.sandboxpolicy.model.net;

import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address: an immutable value (no zone id, no host name, no DNS).
 *
 * <p>Two parsers are offered, because the upstream tools use two:
 *
 * <ul>
 *   <li>{@link #parse(String)} reads an address the way a WHATWG URL parser reads a URL host (and the way browsers,
 *       Node's {@code new URL()} and curl do): {@code 2130706433}, {@code 0x7f.1}, {@code 127.1}, {@code 0177.0.0.1}
 *       and {@code 127.0.0.1.} are all 127.0.0.1; IPv6 may be bracketed ({@code [::1]}) or bare; IPv4-mapped IPv6 may
 *       be written dotted ({@code ::ffff:127.0.0.1}) or in hex ({@code ::ffff:7f00:1}). Use it for anything an
 *       attacker can write into a URL (SSRF checks): a naive dotted-quad parser misses these forms.
 *   <li>{@link #parseLiteral(String)} accepts only the canonical text forms: a dotted quad of decimal octets without
 *       leading zeros, or RFC 4291 §2.2 IPv6 text (no brackets). Use it for configuration such as {@code allowed_ips},
 *       where the Rust gateway accepts only these forms.
 * </ul>
 *
 * <p>Neither parser uses {@code java.net.InetAddress} or {@code java.net.URI}: both resolve names or accept forms the
 * URL parser does not, and {@code InetAddress} may block on DNS. Zone ids ({@code fe80::1%eth0}) are rejected by both
 * parsers; see {@link PrivateNetworks#classify(String)} for the one place that tolerates them.
 *
 * <p>Equality is by family and bits. Ordering puts every IPv4 address before every IPv6 address, then compares the bits
 * as an unsigned number. {@link #toString()} gives the RFC 5952 form.
 */
public final class IpAddress implements Comparable<IpAddress> {

  /** Length of an IPv4 address in bits (RFC 791 §3.1: "Addresses are fixed length of four octets (32 bits)"). */
  public static final int IPV4_BITS = 32;

  /** Length of an IPv6 address in bits (RFC 4291 §2: "IPv6 addresses are 128-bit identifiers"). */
  public static final int IPV6_BITS = 128;

  /** Number of octets of an IPv4 address (RFC 791 §3.1). */
  public static final int IPV4_OCTETS = IPV4_BITS / Byte.SIZE;

  /** Number of octets of an IPv6 address (RFC 4291 §2). */
  public static final int IPV6_OCTETS = IPV6_BITS / Byte.SIZE;

  /** The IP version family of an address. */
  public enum Family {
    /** 32-bit IPv4 (RFC 791). */
    IPV4,
    /** 128-bit IPv6 (RFC 8200, addressing in RFC 4291). */
    IPV6;

    /**
     * The address length of this family in bits.
     *
     * @return {@link #IPV4_BITS} or {@link #IPV6_BITS}
     */
    public int bits() {
      return this == IPV4 ? IPV4_BITS : IPV6_BITS;
    }
  }

  /** Upper 64 bits of every IPv4-mapped address ::ffff:0:0/96 (RFC 4291 §2.5.5.2: 80 zero bits, 16 one bits). */
  private static final long MAPPED_HIGH = 0L;

  /** Bits 64-95 of every IPv4-mapped address, as they sit in the lower half. */
  private static final long MAPPED_LOW_PREFIX = 0x0000_ffff_0000_0000L;

  private static final long LOW_32_MASK = 0xffff_ffffL;

  private final Family family;
  /** Upper 64 bits of an IPv6 address; always 0 for IPv4. */
  private final long high;
  /** Lower 64 bits of an IPv6 address, or the 32 bits of an IPv4 address (unsigned, in the low half). */
  private final long low;

  private IpAddress(Family family, long high, long low) {
    this.family = family;
    this.high = high;
    this.low = low;
  }

  /**
   * The IPv4 address with the given 32 bits.
   *
   * @param bits the address as an int in network order (for example {@code 0x7f000001} for 127.0.0.1)
   * @return the address
   */
  public static IpAddress ipv4(int bits) {
    return new IpAddress(Family.IPV4, 0L, bits & LOW_32_MASK);
  }

  /**
   * The IPv6 address with the given 128 bits.
   *
   * @param high the upper 64 bits (network order)
   * @param low the lower 64 bits
   * @return the address
   */
  public static IpAddress ipv6(long high, long low) {
    return new IpAddress(Family.IPV6, high, low);
  }

  /**
   * The address with the given octets in network order: 4 octets give IPv4, 16 give IPv6. Use it to convert an
   * address produced by a resolver (for example {@code InetAddress.getAddress()}).
   *
   * @param octets 4 or 16 bytes; not retained
   * @return the address
   * @throws NetFormatException with code {@code address_length_invalid} for any other length
   */
  public static IpAddress fromOctets(byte[] octets) {
    Objects.requireNonNull(octets, "octets");
    if (octets.length == IPV4_OCTETS) {
      return ipv4((int) bitsOf(octets, 0, IPV4_OCTETS));
    }
    if (octets.length == IPV6_OCTETS) {
      return ipv6(bitsOf(octets, 0, 8), bitsOf(octets, 8, 8));
    }
    throw new NetFormatException(
        "address_length_invalid",
        "",
        0,
        "an address has " + IPV4_OCTETS + " or " + IPV6_OCTETS + " octets, got " + octets.length);
  }

  private static long bitsOf(byte[] octets, int from, int count) {
    long value = 0;
    for (int i = from; i < from + count; i++) {
      value = (value << Byte.SIZE) | (octets[i] & 0xff);
    }
    return value;
  }

  /**
   * Parses an address the way a WHATWG URL parser parses a URL host (see the class comment for the accepted forms).
   * IPv6 may be bracketed or bare. A trailing dot after IPv4 is accepted, as URL parsers do.
   *
   * @param text the address text, not trimmed
   * @return the address
   * @throws NetFormatException when the text is not an address; {@code address_not_ip_literal} means it looks like a
   *     host name (it does not end in a number), other codes name the defect ({@code ipv4_part_out_of_range},
   *     {@code ipv6_invalid}, ...)
   */
  public static IpAddress parse(String text) {
    return IpAddressParser.parseUrlStyle(Objects.requireNonNull(text, "text"));
  }

  /**
   * Like {@link #parse(String)} but returns empty instead of throwing.
   *
   * @param text the address text, may be {@code null}
   * @return the address, or empty when {@code text} is null or not an address
   */
  public static Optional<IpAddress> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(IpAddressParser.parseUrlStyle(text));
    } catch (NetFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a canonical address literal only: a dotted quad of four decimal octets 0-255 without leading zeros
   * ({@code 10.0.0.1}; not {@code 010.0.0.1}, not {@code 10.1}), or unbracketed RFC 4291 §2.2 IPv6 text, which may end
   * in a dotted quad ({@code ::ffff:10.0.0.1}).
   *
   * @param text the literal
   * @return the address
   * @throws NetFormatException when it is not a canonical literal
   */
  public static IpAddress parseLiteral(String text) {
    return IpAddressParser.parseStrict(Objects.requireNonNull(text, "text"));
  }

  /**
   * Like {@link #parseLiteral(String)} but returns empty instead of throwing.
   *
   * @param text the literal, may be {@code null}
   * @return the address, or empty
   */
  public static Optional<IpAddress> tryParseLiteral(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(IpAddressParser.parseStrict(text));
    } catch (NetFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The family of this address.
   *
   * @return IPV4 or IPV6
   */
  public Family family() {
    return family;
  }

  /**
   * Whether this is an IPv4 address. An IPv4-mapped IPv6 address is not: see {@link #ipv4Mapped()}.
   *
   * @return true for IPv4
   */
  public boolean isIpv4() {
    return family == Family.IPV4;
  }

  /**
   * Whether this is an IPv6 address.
   *
   * @return true for IPv6
   */
  public boolean isIpv6() {
    return family == Family.IPV6;
  }

  /**
   * The upper 64 bits of an IPv6 address (0 for IPv4). With {@link #lowBits()} this is the raw value, for fast masks.
   *
   * @return the upper half
   */
  public long highBits() {
    return high;
  }

  /**
   * The lower 64 bits of an IPv6 address, or the 32 address bits of an IPv4 address (unsigned, in the low half).
   *
   * @return the lower half
   */
  public long lowBits() {
    return low;
  }

  /**
   * The octets in network order: 4 for IPv4, 16 for IPv6. A fresh array on each call.
   *
   * @return the octets
   */
  public byte[] toOctets() {
    int n = family == Family.IPV4 ? IPV4_OCTETS : IPV6_OCTETS;
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      int bitFromRight = (n - 1 - i) * Byte.SIZE;
      long word = bitFromRight >= Long.SIZE ? high : low;
      out[i] = (byte) (word >>> (bitFromRight % Long.SIZE));
    }
    return out;
  }

  /**
   * The embedded IPv4 address when this is an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2),
   * whatever text form it was written in. IPv4-compatible addresses ({@code ::a.b.c.d}, deprecated by RFC 4291
   * §2.5.5.1) and NAT64/6to4/Teredo addresses are not unwrapped.
   *
   * @return the IPv4 address, or empty
   */
  public Optional<IpAddress> ipv4Mapped() {
    if (family == Family.IPV6 && high == MAPPED_HIGH && (low & ~LOW_32_MASK) == MAPPED_LOW_PREFIX) {
      return Optional.of(ipv4((int) low));
    }
    return Optional.empty();
  }

  /**
   * The address as it appears in a URL: IPv4 dotted, IPv6 in brackets ({@code [::1]}).
   *
   * @return the URL host form
   */
  public String toUrlHost() {
    return family == Family.IPV6 ? "[" + this + "]" : toString();
  }

  /**
   * The canonical text: a dotted quad for IPv4; for IPv6 the RFC 5952 §4 form (lowercase hex, no leading zeros, the
   * longest run of two or more zero groups compressed to {@code ::}, leftmost on ties). IPv4-mapped addresses are
   * written in hex ({@code ::ffff:7f00:1}), as WHATWG URL serialization does, not in the mixed form of RFC 5952 §5.
   *
   * @return the text form, which {@link #parse(String)} and {@link #parseLiteral(String)} read back
   */
  @Override
  public String toString() {
    if (family == Family.IPV4) {
      return ((low >>> 24) & 0xff) + "." + ((low >>> 16) & 0xff) + "." + ((low >>> 8) & 0xff) + "." + (low & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) ((high >>> (48 - 16 * i)) & 0xffff);
      groups[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xffff);
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not compressed
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IpAddress)) {
      return false;
    }
    IpAddress other = (IpAddress) o;
    return family == other.family && high == other.high && low == other.low;
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, high, low);
  }

  /**
   * Orders IPv4 before IPv6, then by the address bits as an unsigned number.
   *
   * @param other the address to compare with
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(IpAddress other) {
    int byFamily = family.compareTo(other.family);
    if (byFamily != 0) {
      return byFamily;
    }
    int byHigh = Long.compareUnsigned(high, other.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
  }
}
