package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.net.BlockedRange;
import dev.sandboxpolicy.model.net.CidrRange;
import dev.sandboxpolicy.model.net.IpAddress;
import dev.sandboxpolicy.model.net.PrivateNetworks;
import dev.sandboxpolicy.model.net.SpecialPurposeRanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The atoms of the address space for the destination check (spec §3.9): the check of one connection depends on an
 * address only through which of a known set of ranges contain it (special-purpose and private ranges, the endpoints'
 * {@code allowed_ips}), so the start of every range and the address after its end, in both families and in the
 * IPv4-mapped and NAT64 forms of every IPv4 point, reach every combination.
 */
final class Destinations {
  /** The special-purpose ranges the destination check may consult beyond the private-network table. */
  private static final List<CidrRange> SPECIAL = List.of(
      SpecialPurposeRanges.IPV4_UNSPECIFIED, SpecialPurposeRanges.IPV4_CLOUD_METADATA,
      SpecialPurposeRanges.IPV4_LIMITED_BROADCAST, SpecialPurposeRanges.IPV6_IPV4_MAPPED);
  private static final long MAPPED_LOW = 0x0000_ffff_0000_0000L;
  private static final long NAT64_HIGH = 0x0064_ff9b_0000_0000L;

  private Destinations() {}

  /** One address per atom of the ranges above plus {@code extra}, IPv4 and IPv6. */
  static List<IpAddress> representatives(Collection<CidrRange> extra) {
    List<CidrRange> ranges = new ArrayList<>(SPECIAL);
    for (BlockedRange b : PrivateNetworks.nemoClaw().ranges()) {
      ranges.add(b.range());
    }
    ranges.addAll(extra);
    TreeSet<Long> v4 = new TreeSet<>(List.of(0L, 0x0808_0808L)); // 0.0.0.0 and a public address
    TreeSet<IpAddress> v6 = new TreeSet<>();
    v6.add(IpAddress.ipv6(0x2606_4700_0000_0000L, 1L)); // a public address
    for (CidrRange r : ranges) {
      long span = r.family() == IpAddress.Family.IPV4 ? 1L << (32 - r.prefixLength()) : 0;
      if (r.family() == IpAddress.Family.IPV4) {
        long start = r.network().lowBits();
        v4.add(start);
        if (start + span <= 0xffff_ffffL) {
          v4.add(start + span);
        }
      } else {
        IpAddress start = r.network();
        v6.add(start);
        afterEnd(start, r.prefixLength()).ifPresent(v6::add);
      }
    }
    List<IpAddress> out = new ArrayList<>();
    for (String preferred : List.of("10.0.0.1", "192.168.0.1", "172.16.0.1", "100.64.0.1", "8.8.8.8")) {
      out.add(IpAddress.parse(preferred)); // readable witnesses first; every atom is still reached below
    }
    for (long bits : v4) {
      out.add(IpAddress.ipv4((int) bits));
      v6.add(IpAddress.ipv6(0L, MAPPED_LOW | bits));
      v6.add(IpAddress.ipv6(NAT64_HIGH, bits));
    }
    out.addAll(v6);
    return out;
  }

  /** The first address after an IPv6 range, when there is one. */
  private static java.util.Optional<IpAddress> afterEnd(IpAddress start, int prefix) {
    long high = start.highBits();
    long low = start.lowBits();
    if (prefix <= 64) {
      long step = prefix == 0 ? 0 : 1L << (64 - prefix);
      if (prefix == 0 || Long.compareUnsigned(high + step, high) < 0) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(IpAddress.ipv6(high + step, 0L));
    }
    long step = 1L << (128 - prefix);
    long nextLow = low + step;
    long nextHigh = Long.compareUnsigned(nextLow, low) < 0 ? high + 1 : high;
    if (nextHigh == 0 && high != 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(IpAddress.ipv6(nextHigh, nextLow));
  }
}
