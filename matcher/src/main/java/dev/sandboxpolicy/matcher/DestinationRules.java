package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.net.CidrRange;
import dev.sandboxpolicy.model.net.IpAddress;
import dev.sandboxpolicy.model.net.NetFormatException;
import dev.sandboxpolicy.model.net.SpecialPurposeRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The address classes and rules of the SSRF destination check (spec §3.9). */
final class DestinationRules {
  /** Kubernetes / etcd control-plane ports refused even when private ranges are allowed (spec §3.9). */
  static final int[] CONTROL_PLANE_PORTS = {2379, 2380, 6443, 10250, 10255};

  /**
   * "Internal" addresses refused in public-only mode (spec §3.9 item 5), in addition to {@link
   * SpecialPurposeRanges#ALWAYS_BLOCKED}.
   */
  static final List<CidrRange> INTERNAL = List.of(
      SpecialPurposeRanges.IPV4_THIS_NETWORK,
      SpecialPurposeRanges.IPV4_PRIVATE_10,
      SpecialPurposeRanges.IPV4_PRIVATE_172,
      SpecialPurposeRanges.IPV4_PRIVATE_192,
      SpecialPurposeRanges.IPV4_SHARED_CGNAT,
      SpecialPurposeRanges.IPV4_IETF_PROTOCOL_ASSIGNMENTS,
      SpecialPurposeRanges.IPV4_TEST_NET_1,
      SpecialPurposeRanges.IPV4_TEST_NET_2,
      SpecialPurposeRanges.IPV4_TEST_NET_3,
      SpecialPurposeRanges.IPV4_BENCHMARKING,
      SpecialPurposeRanges.IPV4_LIMITED_BROADCAST,
      SpecialPurposeRanges.IPV6_UNIQUE_LOCAL);

  private DestinationRules() {}

  /** An endpoint's parsed {@code allowed_ips}, or the reason it is invalid. */
  record AllowedIps(List<CidrRange> ranges, String invalidReason) {}

  /** The {@code allowed_ips} of an endpoint without any (the usual case), shared. */
  private static final AllowedIps NONE = new AllowedIps(List.of(), null);

  static AllowedIps parse(List<String> written) {
    if (written.isEmpty()) {
      return NONE;
    }
    List<CidrRange> ranges = new ArrayList<>();
    for (String entry : written) {
      CidrRange range;
      try {
        range = CidrRange.parse(entry.trim());
      } catch (NetFormatException e) {
        return new AllowedIps(List.of(), "allowed_ips entry '" + entry + "' is not an IP address or CIDR range");
      }
      for (CidrRange blocked : SpecialPurposeRanges.ALWAYS_BLOCKED) {
        if (range.overlaps(blocked)) {
          return new AllowedIps(List.of(), "allowed_ips entry '" + entry + "' overlaps " + blocked
              + " (loopback, link-local or unspecified)");
        }
      }
      ranges.add(range);
    }
    return new AllowedIps(List.copyOf(ranges), null);
  }

  /** Whether {@code a}, or the IPv4 address it maps, is in one of {@code ranges}. Allocation-free for IPv4. */
  static boolean in(List<CidrRange> ranges, IpAddress a) {
    Optional<IpAddress> mapped = a.ipv4Mapped();
    for (int i = 0; i < ranges.size(); i++) {
      CidrRange r = ranges.get(i);
      if (r.contains(a) || (mapped.isPresent() && r.contains(mapped.get()))) {
        return true;
      }
    }
    return false;
  }

  static boolean alwaysBlocked(IpAddress a) {
    return SpecialPurposeRanges.isAlwaysBlocked(a);
  }

  static boolean internal(IpAddress a) {
    return alwaysBlocked(a) || in(INTERNAL, a);
  }

  static boolean controlPlanePort(int port) {
    for (int p : CONTROL_PLANE_PORTS) {
      if (p == port) {
        return true;
      }
    }
    return false;
  }

  /** The requested host as an IP literal ({@code [v6]} brackets allowed), if it is one. */
  static Optional<IpAddress> literal(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return IpAddress.tryParseLiteral(h);
  }

  static DestinationVerdict check(
      NetworkRequest request, List<IpAddress> resolved, CompiledEndpoint firstExtended, boolean exactDeclared) {
    if (resolved.isEmpty()) {
      return DestinationVerdict.refuse(DestinationMode.NOT_ALLOWED, "no_addresses", null,
          request.host() + " resolved to no address");
    }
    int port = request.port();
    if (firstExtended != null && !firstExtended.source.allowedIps().isEmpty()) {
      AllowedIps ips = firstExtended.allowedIps;
      if (ips.invalidReason() != null) {
        return DestinationVerdict.refuse(DestinationMode.ALLOWED_IPS, "invalid_allowed_ips", null, ips.invalidReason());
      }
      for (int i = 0; i < resolved.size(); i++) {
        IpAddress a = resolved.get(i);
        if (alwaysBlocked(a)) {
          return blocked(DestinationMode.ALLOWED_IPS, a);
        }
        if (controlPlanePort(port)) {
          return controlPlane(DestinationMode.ALLOWED_IPS, a, port);
        }
        if (!in(ips.ranges(), a)) {
          return DestinationVerdict.refuse(DestinationMode.ALLOWED_IPS, "not_in_allowed_ips", a,
              a + " is not inside allowed_ips " + ips.ranges());
        }
      }
      return DestinationVerdict.allow(DestinationMode.ALLOWED_IPS);
    }
    IpAddress literal = request.hostAddressLiteral();
    if (literal != null && !alwaysBlocked(literal)) {
      for (int i = 0; i < resolved.size(); i++) {
        IpAddress a = resolved.get(i);
        if (!a.equals(literal) && !a.ipv4Mapped().orElse(a).equals(literal)) {
          return DestinationVerdict.refuse(DestinationMode.IP_LITERAL, "ip_literal_mismatch", a,
              a + " is not the requested address " + literal);
        }
      }
      return DestinationVerdict.allow(DestinationMode.IP_LITERAL);
    }
    if (exactDeclared) {
      for (int i = 0; i < resolved.size(); i++) {
        IpAddress a = resolved.get(i);
        if (alwaysBlocked(a)) {
          return blocked(DestinationMode.DECLARED_HOST, a);
        }
        if (controlPlanePort(port)) {
          return controlPlane(DestinationMode.DECLARED_HOST, a, port);
        }
      }
      return DestinationVerdict.allow(DestinationMode.DECLARED_HOST);
    }
    for (int i = 0; i < resolved.size(); i++) {
      IpAddress a = resolved.get(i);
      if (internal(a)) {
        return DestinationVerdict.refuse(DestinationMode.PUBLIC_ONLY, "internal_address", a,
            a + " is an internal address and " + request.host() + " is not declared exactly by an allowing endpoint");
      }
    }
    return DestinationVerdict.allow(DestinationMode.PUBLIC_ONLY);
  }

  static DestinationVerdict gateway(List<IpAddress> resolved, IpAddress trusted) {
    if (resolved.isEmpty()) {
      return DestinationVerdict.refuse(DestinationMode.HOST_GATEWAY, "no_addresses", null, "no address resolved");
    }
    for (IpAddress a : resolved) {
      if (!a.equals(trusted) && !a.ipv4Mapped().map(trusted::equals).orElse(false)) {
        return DestinationVerdict.refuse(DestinationMode.HOST_GATEWAY, "gateway_mismatch", a,
            a + " is not the trusted host-gateway address " + trusted);
      }
    }
    return DestinationVerdict.allow(DestinationMode.HOST_GATEWAY);
  }

  private static DestinationVerdict blocked(DestinationMode mode, IpAddress a) {
    return DestinationVerdict.refuse(mode, "always_blocked", a, a + " is loopback, link-local or unspecified");
  }

  private static DestinationVerdict controlPlane(DestinationMode mode, IpAddress a, int port) {
    return DestinationVerdict.refuse(mode, "control_plane_port", a, "port " + port + " is a control-plane port");
  }
}
