package dev.sandboxpolicy.model.net;

import java.util.List;

/**
 * Named special-purpose address blocks (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890), each citing the
 * RFC that defines it, for code that names one block. The NemoClaw SSRF table itself is data
 * ({@link PrivateNetworks#nemoClaw()}); its operator-trustable subset ({@link PrivateNetworks#OPERATOR_TRUSTABLE_RANGES})
 * is built from these constants, and OpenShell's always-blocked set ({@link #ALWAYS_BLOCKED}) is the one home of the
 * addresses no policy can reach: the matcher's destination check refuses them, the value rules refuse them in
 * {@code allowed_ips}, and the traffic advisor never proposes them.
 *
 * <pre>{@code
 * SpecialPurposeRanges.isAlwaysBlocked(IpAddress.parse("169.254.169.254"));   // true: link-local (metadata)
 * SpecialPurposeRanges.isAlwaysBlocked(IpAddress.parse("::ffff:127.0.0.1"));  // true: judged as 127.0.0.1
 * SpecialPurposeRanges.isAlwaysBlocked(IpAddress.parse("10.0.0.5"));          // false: private, not always blocked
 * }</pre>
 */
public final class SpecialPurposeRanges {

  private SpecialPurposeRanges() {}

  /** 0.0.0.0/8 "this network" (RFC 791 §3.2; RFC 1122 §3.2.1.3; RFC 6890 §2.2.2). */
  public static final CidrRange IPV4_THIS_NETWORK = CidrRange.parse("0.0.0.0/8");

  /** 0.0.0.0/32, the unspecified IPv4 address (RFC 1122 §3.2.1.3(a)). */
  public static final CidrRange IPV4_UNSPECIFIED = CidrRange.parse("0.0.0.0/32");

  /** 10.0.0.0/8 private-use (RFC 1918 §3). */
  public static final CidrRange IPV4_PRIVATE_10 = CidrRange.parse("10.0.0.0/8");

  /** 100.64.0.0/10 shared address space for carrier-grade NAT (RFC 6598 §7). */
  public static final CidrRange IPV4_SHARED_CGNAT = CidrRange.parse("100.64.0.0/10");

  /** 127.0.0.0/8 loopback (RFC 1122 §3.2.1.3(g)). */
  public static final CidrRange IPV4_LOOPBACK = CidrRange.parse("127.0.0.0/8");

  /** 169.254.0.0/16 link-local, which holds the cloud metadata service 169.254.169.254 (RFC 3927 §2.1). */
  public static final CidrRange IPV4_LINK_LOCAL = CidrRange.parse("169.254.0.0/16");

  /** 169.254.169.254/32, the cloud instance-metadata address (AWS, GCP, Azure, OpenStack; inside RFC 3927 space). */
  public static final CidrRange IPV4_CLOUD_METADATA = CidrRange.parse("169.254.169.254/32");

  /** 172.16.0.0/12 private-use (RFC 1918 §3). */
  public static final CidrRange IPV4_PRIVATE_172 = CidrRange.parse("172.16.0.0/12");

  /** 192.0.0.0/24 IETF protocol assignments, including DS-Lite 192.0.0.0/29 (RFC 6890 §2.2.2; RFC 6333). */
  public static final CidrRange IPV4_IETF_PROTOCOL_ASSIGNMENTS = CidrRange.parse("192.0.0.0/24");

  /** 192.0.2.0/24 TEST-NET-1 documentation (RFC 5737 §3). */
  public static final CidrRange IPV4_TEST_NET_1 = CidrRange.parse("192.0.2.0/24");

  /** 192.168.0.0/16 private-use (RFC 1918 §3). */
  public static final CidrRange IPV4_PRIVATE_192 = CidrRange.parse("192.168.0.0/16");

  /** 198.18.0.0/15 network device benchmarking (RFC 2544 §C.2.2; RFC 6890 §2.2.2). */
  public static final CidrRange IPV4_BENCHMARKING = CidrRange.parse("198.18.0.0/15");

  /** 198.51.100.0/24 TEST-NET-2 documentation (RFC 5737 §3). */
  public static final CidrRange IPV4_TEST_NET_2 = CidrRange.parse("198.51.100.0/24");

  /** 203.0.113.0/24 TEST-NET-3 documentation (RFC 5737 §3). */
  public static final CidrRange IPV4_TEST_NET_3 = CidrRange.parse("203.0.113.0/24");

  /** 224.0.0.0/4 multicast (RFC 5771 §2). */
  public static final CidrRange IPV4_MULTICAST = CidrRange.parse("224.0.0.0/4");

  /** 240.0.0.0/4 reserved for future use, including 255.255.255.255 (RFC 1112 §4; RFC 6890 §2.2.2). */
  public static final CidrRange IPV4_RESERVED = CidrRange.parse("240.0.0.0/4");

  /** 255.255.255.255/32 limited broadcast (RFC 919 §7; RFC 8190). */
  public static final CidrRange IPV4_LIMITED_BROADCAST = CidrRange.parse("255.255.255.255/32");

  /** ::/128, the unspecified IPv6 address (RFC 4291 §2.5.2). */
  public static final CidrRange IPV6_UNSPECIFIED = CidrRange.parse("::/128");

  /** ::1/128 IPv6 loopback (RFC 4291 §2.5.3). */
  public static final CidrRange IPV6_LOOPBACK = CidrRange.parse("::1/128");

  /** ::ffff:0:0/96 IPv4-mapped IPv6 addresses (RFC 4291 §2.5.5.2). */
  public static final CidrRange IPV6_IPV4_MAPPED = CidrRange.parse("::ffff:0:0/96");

  /** 64:ff9b::/96 NAT64 well-known prefix (RFC 6052 §2.1). */
  public static final CidrRange IPV6_NAT64_WELL_KNOWN = CidrRange.parse("64:ff9b::/96");

  /** 64:ff9b:1::/48 NAT64 local-use prefix (RFC 8215 §1). */
  public static final CidrRange IPV6_NAT64_LOCAL_USE = CidrRange.parse("64:ff9b:1::/48");

  /** 100::/64 discard-only prefix (RFC 6666 §4). */
  public static final CidrRange IPV6_DISCARD_ONLY = CidrRange.parse("100::/64");

  /** 2001::/32 Teredo tunnelling (RFC 4380 §2.6). */
  public static final CidrRange IPV6_TEREDO = CidrRange.parse("2001::/32");

  /** 2001:db8::/32 documentation (RFC 3849 §2). */
  public static final CidrRange IPV6_DOCUMENTATION = CidrRange.parse("2001:db8::/32");

  /** 2002::/16 6to4 (RFC 3056 §2). */
  public static final CidrRange IPV6_6TO4 = CidrRange.parse("2002::/16");

  /** fc00::/7 unique local addresses (RFC 4193 §3.1). */
  public static final CidrRange IPV6_UNIQUE_LOCAL = CidrRange.parse("fc00::/7");

  /** fe80::/10 link-local unicast (RFC 4291 §2.5.6). */
  public static final CidrRange IPV6_LINK_LOCAL = CidrRange.parse("fe80::/10");

  /** ff00::/8 multicast (RFC 4291 §2.7). */
  public static final CidrRange IPV6_MULTICAST = CidrRange.parse("ff00::/8");

  /**
   * Loopback, link-local and unspecified space, IPv4 and IPv6: never reachable from a sandbox whatever the policy
   * says, and not allowed inside {@code allowed_ips} (policy language §3.9; OpenShell's always-blocked set).
   */
  public static final List<CidrRange> ALWAYS_BLOCKED = List.of(
      IPV4_LOOPBACK, IPV4_LINK_LOCAL, IPV4_UNSPECIFIED, IPV6_LOOPBACK, IPV6_LINK_LOCAL, IPV6_UNSPECIFIED);

  /**
   * Tells whether an address is in {@link #ALWAYS_BLOCKED}; an IPv4-mapped IPv6 address is judged by its IPv4
   * address, as the proxy dials it.
   *
   * @param address the address
   * @return true when no policy can make it reachable
   */
  public static boolean isAlwaysBlocked(IpAddress address) {
    IpAddress mapped = address.ipv4Mapped().orElse(null);
    for (int i = 0; i < ALWAYS_BLOCKED.size(); i++) { // no iterator: the matcher's SSRF check allocates nothing
      CidrRange r = ALWAYS_BLOCKED.get(i);
      if (r.contains(address) || (mapped != null && r.contains(mapped))) {
        return true;
      }
    }
    return false;
  }
}
