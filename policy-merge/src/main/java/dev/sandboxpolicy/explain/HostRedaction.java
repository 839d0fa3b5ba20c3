package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.net.CidrRange;
import dev.sandboxpolicy.model.net.IpAddress;
import dev.sandboxpolicy.model.net.SpecialPurposeRanges;
import java.util.List;
import java.util.Set;

/**
 * The "internal host" test of {@code policy-explain} (spec nemoclaw-preset-layer §6.3 step C): which host stems are
 * redacted from {@code allowedHostCategories} so that the agent-facing summary never reveals internal topology.
 *
 * <p>Warning: these are NOT the SSRF rules of {@link dev.sandboxpolicy.model.net.PrivateNetworks}, and the two
 * disagree on purpose (as upstream's do). Redaction shows TEST-NET, NAT64, 6to4, Teredo and documentation addresses,
 * which SSRF blocks; redaction hides {@code .corp}, {@code .lan}, {@code .home}, {@code fc::1} and anything that is not
 * a valid host name, which SSRF does not look at; redaction ignores the hex IPv4-mapped form ({@code ::ffff:7f00:1})
 * and URL-only IPv4 forms ({@code 0x7f.1}), which SSRF unwraps.
 */
public final class HostRedaction {

  /** Reserved loopback and broadcast names (RFC 6761 §6.3 {@code localhost}; the usual /etc/hosts aliases). */
  static final Set<String> RESERVED_NAMES =
      Set.of("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "broadcasthost");

  /**
   * Internal DNS suffixes: RFC 6762 {@code local}, ICANN-reserved {@code internal}, RFC 8375 {@code home.arpa}, and the
   * common private-use {@code lan}, {@code home}, {@code corp}, {@code intra}, {@code intranet}, {@code localdomain}
   * (RFC 6762 Appendix G). A stem equal to a suffix, or ending in {@code .suffix}, is internal.
   */
  static final List<String> INTERNAL_SUFFIXES =
      List.of("local", "internal", "lan", "home", "home.arpa", "corp", "intra", "intranet", "localdomain");

  /** IPv4 ranges whose dotted quads are internal (§6.3 step C), in addition to first octet ≥ 224. */
  static final List<CidrRange> INTERNAL_IPV4 =
      List.of(
          SpecialPurposeRanges.IPV4_PRIVATE_10,
          SpecialPurposeRanges.IPV4_LOOPBACK,
          SpecialPurposeRanges.IPV4_THIS_NETWORK,
          SpecialPurposeRanges.IPV4_LINK_LOCAL,
          SpecialPurposeRanges.IPV4_PRIVATE_172,
          SpecialPurposeRanges.IPV4_PRIVATE_192,
          SpecialPurposeRanges.IPV4_SHARED_CGNAT,
          SpecialPurposeRanges.IPV4_BENCHMARKING,
          SpecialPurposeRanges.IPV4_IETF_PROTOCOL_ASSIGNMENTS);

  /** First octet from which every IPv4 address is internal: 224/4 multicast and 240/4 reserved (RFC 5771, RFC 1112). */
  static final int FIRST_MULTICAST_OCTET = 224;

  /** The link-local fe80::/10 block as a first-hextet interval (RFC 4291 §2.5.6). */
  static final int LINK_LOCAL_FIRST_HEXTET_MIN = 0xfe80;

  /** Upper end of fe80::/10 in the first hextet. */
  static final int LINK_LOCAL_FIRST_HEXTET_MAX = 0xfebf;

  private HostRedaction() {}

  /**
   * Whether {@code policy-explain} drops this raw host value (the {@code redact_host} operation): it has no stem, or its
   * stem is internal.
   *
   * @param rawHost a host as written in a preset, may be {@code null}
   * @return true when redacted
   */
  public static boolean isRedacted(String rawHost) {
    return HostStem.canonicalize(rawHost).map(HostRedaction::isInternal).orElse(true);
  }

  /**
   * The internal test on an already canonical stem (§6.3 step C): reserved names; dotted quads with octets 0-255 in
   * 10/8, 127/8, 0/8, 169.254/16, 172.16/12, 192.168/16, 100.64/10, 198.18/15, 192.0.0/24 or first octet ≥ 224;
   * IPv6 {@code ::}, {@code ::1}, fe80::/10 by first hextet, a first hextet starting {@code fc}, {@code fd} or
   * {@code ff}, and {@code ::a.b.c.d} with an internal quad; the internal DNS suffixes; and, as a safety net, anything
   * that is not a valid host name and has no colon.
   *
   * @param stem a stem from {@link HostStem#canonicalize(String)}
   * @return true when internal
   */
  static boolean isInternal(String stem) {
    if (RESERVED_NAMES.contains(stem)) {
      return true;
    }
    if (HostStem.isDottedQuadShape(stem)) {
      return IpAddress.tryParseLiteral(withoutLeadingZeros(stem)).map(HostRedaction::isInternalIpv4).orElse(false);
    }
    if (stem.indexOf(':') >= 0 && isInternalIpv6(stem)) {
      return true;
    }
    for (String suffix : INTERNAL_SUFFIXES) {
      if (stem.equals(suffix)
          || (stem.endsWith(suffix) && stem.length() > suffix.length()
              && stem.charAt(stem.length() - suffix.length() - 1) == '.')) {
        return true;
      }
    }
    return stem.indexOf(':') < 0 && !HostStem.isStrictHostName(stem);
  }

  private static boolean isInternalIpv4(IpAddress address) {
    if ((address.lowBits() >>> 24) >= FIRST_MULTICAST_OCTET) {
      return true;
    }
    for (CidrRange range : INTERNAL_IPV4) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInternalIpv6(String stem) {
    if (stem.equals("::") || stem.equals("::1")) {
      return true;
    }
    int colon = stem.indexOf(':');
    String first = stem.substring(0, colon);
    if (!first.isEmpty() && first.length() <= 4 && isHex(first)) {
      int value = Integer.parseInt(first, 16);
      if (value >= LINK_LOCAL_FIRST_HEXTET_MIN && value <= LINK_LOCAL_FIRST_HEXTET_MAX) {
        return true;
      }
    }
    if (first.startsWith("fc") || first.startsWith("fd") || first.startsWith("ff")) {
      return true;
    }
    if (stem.startsWith("::")) {
      String quad = stem.substring(2);
      return HostStem.isDottedQuadShape(quad)
          && IpAddress.tryParseLiteral(withoutLeadingZeros(quad)).map(HostRedaction::isInternalIpv4).orElse(false);
    }
    return false;
  }

  /** A dotted-quad shape read as decimal octets ({@code 010.0.0.1} is 10.0.0.1 here, as {@code Number()} reads it). */
  private static String withoutLeadingZeros(String quad) {
    StringBuilder sb = new StringBuilder(quad.length());
    for (String part : quad.split("\\.", -1)) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(Integer.parseInt(part));
    }
    return sb.toString();
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
