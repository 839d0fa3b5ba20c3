package dev.sandboxpolicy.model.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF block table of NemoClaw (spec nemoclaw-preset-layer §8): address ranges and DNS names that an endpoint the
 * gateway dials on the agent's behalf must not point at. Immutable.
 *
 * <p>{@link #nemoClaw()} is the table of {@code nemoclaw-blueprint/private-networks.yaml} at the reference commit,
 * written out in code: 14 IPv4 ranges (RFC 1918, loopback, link-local/metadata, CGNAT, "this network", IETF protocol
 * assignments, the three TEST-NETs, benchmarking, multicast and 240/4; 192.0.1.0/24 deliberately absent), 11 IPv6
 * ranges (unspecified, loopback, NAT64 ×2, discard, Teredo, documentation, 6to4, ULA, link-local, multicast) and the
 * names {@code localhost}, {@code local}, {@code internal}. {@link #of(List, List)} builds any other table, for example
 * one loaded from a newer private-networks.yaml.
 *
 * <p>Rules (§8.2): IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d} in any spelling, including
 * {@code ::ffff:7f00:1}) are tested against the IPv4 ranges; IPv4-compatible {@code ::a.b.c.d} is not unwrapped; NAT64,
 * 6to4 and Teredo are blocked only through their own prefixes.
 *
 * <p>Warning: this is NOT the table used by {@code policy-explain} host redaction, which has its own, different rules
 * (spec §6.3), nor OpenShell's runtime "internal address" test (policy language §3.9).
 */
public final class PrivateNetworks {

  private static final PrivateNetworks NEMOCLAW = buildNemoClaw();

  private final List<BlockedRange> ranges;
  private final List<BlockedName> names;

  private PrivateNetworks(List<BlockedRange> ranges, List<BlockedName> names) {
    this.ranges = ranges;
    this.names = names;
  }

  /**
   * The NemoClaw table (private-networks.yaml of the reference fork commit 9708c26).
   *
   * @return the shared instance
   */
  public static PrivateNetworks nemoClaw() {
    return NEMOCLAW;
  }

  /**
   * A table with the given entries; ranges are tried in list order, so the first containing range is reported.
   *
   * @param ranges IPv4 and IPv6 ranges, in any mix
   * @param names blocked DNS names
   * @return the table
   */
  public static PrivateNetworks of(List<BlockedRange> ranges, List<BlockedName> names) {
    return new PrivateNetworks(List.copyOf(ranges), List.copyOf(names));
  }

  private static PrivateNetworks buildNemoClaw() {
    List<BlockedRange> r = new ArrayList<>();
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_THIS_NETWORK, "This network"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_PRIVATE_10, "Private /8 (enterprise-scale)"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_SHARED_CGNAT, "CGNAT shared address space"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_LOOPBACK, "Loopback"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_LINK_LOCAL, "Link-local (includes cloud metadata)"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_PRIVATE_172, "Private /12"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_IETF_PROTOCOL_ASSIGNMENTS, "IETF protocol assignments"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_TEST_NET_1, "TEST-NET-1 documentation"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_PRIVATE_192, "Private /16"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_BENCHMARKING, "Benchmark testing"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_TEST_NET_2, "TEST-NET-2 documentation"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_TEST_NET_3, "TEST-NET-3 documentation"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_MULTICAST, "Multicast"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV4_RESERVED, "Reserved (includes limited broadcast)"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_UNSPECIFIED, "Unspecified"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_LOOPBACK, "Loopback"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_NAT64_WELL_KNOWN, "NAT64 well-known prefix"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_NAT64_LOCAL_USE, "NAT64 local-use prefix"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_DISCARD_ONLY, "Discard prefix"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_TEREDO, "Teredo tunnelling"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_DOCUMENTATION, "Documentation"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_6TO4, "6to4"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_UNIQUE_LOCAL, "Unique local addresses"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_LINK_LOCAL, "Link-local"));
    r.add(BlockedRange.of(SpecialPurposeRanges.IPV6_MULTICAST, "Multicast"));
    List<BlockedName> n =
        List.of(
            BlockedName.of("localhost", "RFC 6761 §6.3 loopback special-use name"),
            BlockedName.of("local", "RFC 6762 mDNS link-local names"),
            BlockedName.of("internal", "ICANN-reserved private-use TLD"));
    return of(r, n);
  }

  /**
   * The ranges, in the order they are tried.
   *
   * @return an unmodifiable list
   */
  public List<BlockedRange> ranges() {
    return ranges;
  }

  /**
   * The blocked names.
   *
   * @return an unmodifiable list
   */
  public List<BlockedName> names() {
    return names;
  }

  /**
   * Classifies an address. An IPv4-mapped IPv6 address is tested against the IPv4 ranges first (and the reported
   * range is the IPv4 one), then against the IPv6 ranges.
   *
   * @param address the address
   * @return the verdict
   */
  public AddressClassification classify(IpAddress address) {
    Objects.requireNonNull(address, "address");
    Optional<IpAddress> mapped = address.ipv4Mapped();
    if (mapped.isPresent()) {
      AddressClassification viaIpv4 = firstContaining(mapped.get());
      if (viaIpv4.blocked()) {
        return viaIpv4;
      }
    }
    return firstContaining(address);
  }

  private AddressClassification firstContaining(IpAddress address) {
    for (BlockedRange entry : ranges) {
      if (entry.range().contains(address)) {
        return AddressClassification.blockedBy(entry);
      }
    }
    return AddressClassification.notBlocked();
  }

  /**
   * Classifies address text, parsed the way a URL parser parses a host ({@link IpAddress#parse(String)}: decimal,
   * octal, hex and short IPv4 forms, bracketed IPv6). A zone id on bare IPv6 ({@code fe80::1%eth0}) is ignored, as
   * §8.2 accepts it. Text that is not an address (a host name, garbage, {@code null}) is not blocked: use
   * {@link #isPrivateHostname(String)} for names.
   *
   * <p>Deviation: upstream's {@code isPrivateIp} only recognises canonical literals, so {@code 0x7f.1} is "not an IP"
   * there; here it is 127.0.0.1 and blocked, which is what the URL the agent wrote actually dials.
   *
   * @param address the text
   * @return the verdict
   */
  public AddressClassification classify(String address) {
    if (address == null) {
      return AddressClassification.notBlocked();
    }
    return IpAddress.tryParse(withoutZoneId(address)).map(this::classify).orElse(AddressClassification.notBlocked());
  }

  private static String withoutZoneId(String address) {
    int percent = address.indexOf('%');
    if (percent > 0 && address.indexOf(':') >= 0 && address.charAt(0) != '[') {
      return address.substring(0, percent);
    }
    return address;
  }

  /**
   * §8.2 {@code isPrivateIp}: whether the text is an address inside a blocked range.
   *
   * @param address the text
   * @return {@code classify(address).blocked()}
   */
  public boolean isPrivateIp(String address) {
    return classify(address).blocked();
  }

  /**
   * The blocked name that matches a host name, after §8.2 normalization (surrounding brackets stripped, one trailing
   * dot removed, lowercased): {@code PRINTER.LOCAL.} matches {@code local}; {@code local.example.com} and
   * {@code localhost.com} match nothing.
   *
   * @param hostname the host
   * @return the matching entry, or empty
   */
  public Optional<BlockedName> matchName(String hostname) {
    String normalized = normalizeHostname(hostname);
    for (BlockedName name : names) {
      if (name.matches(normalized)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /**
   * §8.2 {@code isPrivateHostname}: a blocked name or subdomain of one, or else an address in a blocked range. A DNS name
   * not on the list is not private (it is not resolved here).
   *
   * @param hostname the host, possibly bracketed IPv6, possibly with a trailing dot
   * @return true when private
   */
  public boolean isPrivateHostname(String hostname) {
    if (hostname == null) {
      return false;
    }
    return matchName(hostname).isPresent() || isPrivateIp(normalizeHostname(hostname));
  }

  static String normalizeHostname(String hostname) {
    String h = hostname;
    if (h.length() >= 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.toLowerCase(Locale.ROOT);
  }
}
