package dev.sandboxpolicy.model.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF block table of NemoClaw (spec nemoclaw-preset-layer §8, as updated by NVIDIA/NemoClaw#8321): address
 * ranges and DNS names that an endpoint the gateway dials on the agent's behalf must not point at. Immutable.
 *
 * <p>{@link #nemoClaw()} is <b>data</b>: the resource {@code private-networks.txt} next to this class, one entry per
 * line, in the order the entries are tried. It holds 19 IPv4 ranges (RFC 1918, loopback, link-local/metadata, CGNAT,
 * "this network", IETF protocol assignments, the three TEST-NETs, the AS112, AMT and 6to4-relay anycast blocks,
 * benchmarking, multicast and 240/4; 192.0.1.0/24 deliberately absent), 16 IPv6 ranges (unspecified, loopback,
 * IPv4-compatible {@code ::/96}, NAT64 ×2, discard, {@code 2001::/23}, documentation ×2, 6to4, AS112, SRv6, ULA,
 * link-local, site-local, multicast) and the names {@code localhost}, {@code local}, {@code internal} and
 * {@code metadata}. {@link #parse(String)} reads a table in the same format and {@link #of(List, List)} builds any
 * other table.
 *
 * <pre>{@code
 * PrivateNetworks ssrf = PrivateNetworks.nemoClaw();
 * ssrf.classify("0x7f.1");                  // blocked by 127.0.0.0/8 (URL-parser forms are understood)
 * ssrf.isPrivateIp("::127.0.0.1");          // true: IPv4-compatible, ::/96
 * ssrf.isPrivateHostname("db.metadata.");   // true: a subdomain of a blocked name
 * PrivateNetworks.isOperatorTrustable(IpAddress.parse("10.1.2.3"));  // true: RFC 1918 may be trusted explicitly
 * }</pre>
 *
 * <p>Rules (§8.2): IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d} in any spelling, including
 * {@code ::ffff:7f00:1}) are tested against the IPv4 ranges first; NAT64, 6to4 and Teredo are blocked through their
 * own prefixes; IPv4-compatible {@code ::a.b.c.d} is blocked by {@code ::/96} (since #8321).
 *
 * <p>Warning: this is NOT the table used by {@code policy-explain} host redaction, which has its own, different rules
 * (spec §6.3), nor OpenShell's runtime "always blocked" set (policy language §3.9, {@link SpecialPurposeRanges}).
 */
public final class PrivateNetworks {

  /** The resource holding the NemoClaw table, next to this class. */
  static final String NEMOCLAW_TABLE_RESOURCE = "private-networks.txt";

  /**
   * The ranges an operator may trust explicitly for a named private host (NemoClaw's
   * {@code OPERATOR_TRUSTABLE_PRIVATE_NETWORKS}, #8176): RFC 1918, CGNAT (RFC 6598) and IPv6 unique local
   * (RFC 4193). Never loopback, link-local/metadata, multicast, documentation, translation or other reserved space.
   */
  public static final List<CidrRange> OPERATOR_TRUSTABLE_RANGES = List.of(
      SpecialPurposeRanges.IPV4_PRIVATE_10,
      SpecialPurposeRanges.IPV4_SHARED_CGNAT,
      SpecialPurposeRanges.IPV4_PRIVATE_172,
      SpecialPurposeRanges.IPV4_PRIVATE_192,
      SpecialPurposeRanges.IPV6_UNIQUE_LOCAL);

  private static final PrivateNetworks NEMOCLAW = loadNemoClaw();

  private final List<BlockedRange> ranges;
  private final List<BlockedName> names;

  private PrivateNetworks(List<BlockedRange> ranges, List<BlockedName> names) {
    this.ranges = ranges;
    this.names = names;
  }

  /**
   * The NemoClaw table (resource {@code private-networks.txt}: private-networks.yaml as of NVIDIA/NemoClaw#8321).
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

  /**
   * Reads a table in the format of {@code private-networks.txt}: one entry per line, {@code ipv4 CIDR PURPOSE},
   * {@code ipv6 CIDR PURPOSE} or {@code name NAME PURPOSE}; blank lines and lines starting with {@code #} are
   * ignored. A CIDR must name its network exactly ({@code 10.0.0.0/8}, not {@code 10.1.0.0/8}) and belong to the
   * family its line says; every entry needs a purpose; duplicates (ranges, or names after lower-casing and dropping
   * one trailing dot) are refused, as NemoClaw's parity test refuses them.
   *
   * @param text the table
   * @return the table, entries in text order
   * @throws IllegalArgumentException naming the line of the first malformed entry
   */
  public static PrivateNetworks parse(String text) {
    List<BlockedRange> ranges = new ArrayList<>();
    List<BlockedName> names = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+", 3);
      if (fields.length < 3) {
        throw new IllegalArgumentException("line " + (i + 1) + ": expected KIND VALUE PURPOSE, got '" + line + "'");
      }
      try {
        switch (fields[0]) {
          case "ipv4", "ipv6" -> {
            CidrRange range = CidrRange.parseExact(fields[1]);
            boolean v4 = range.family() == IpAddress.Family.IPV4;
            if (v4 != fields[0].equals("ipv4")) {
              throw new IllegalArgumentException(fields[1] + " is not an " + fields[0] + " range");
            }
            BlockedRange entry = BlockedRange.of(range, fields[2]);
            if (ranges.stream().anyMatch(r -> r.range().equals(range))) {
              throw new IllegalArgumentException("duplicate range " + range);
            }
            ranges.add(entry);
          }
          case "name" -> {
            BlockedName entry = BlockedName.of(fields[1], fields[2]);
            if (names.stream().anyMatch(n -> n.name().equals(entry.name()))) {
              throw new IllegalArgumentException("duplicate name " + entry.name());
            }
            names.add(entry);
          }
          default -> throw new IllegalArgumentException("unknown kind '" + fields[0] + "' (ipv4, ipv6 or name)");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return of(ranges, names);
  }

  private static PrivateNetworks loadNemoClaw() {
    try (InputStream in = PrivateNetworks.class.getResourceAsStream(NEMOCLAW_TABLE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + NEMOCLAW_TABLE_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + NEMOCLAW_TABLE_RESOURCE, e);
    }
  }

  /**
   * Whether an operator may trust {@code address} explicitly for a named private host: it lies in one of
   * {@link #OPERATOR_TRUSTABLE_RANGES} (an IPv4-mapped IPv6 address is judged by its IPv4 address).
   *
   * @param address the address
   * @return true for RFC 1918, CGNAT and IPv6 unique local addresses
   */
  public static boolean isOperatorTrustable(IpAddress address) {
    IpAddress a = address.ipv4Mapped().orElse(address);
    for (CidrRange r : OPERATOR_TRUSTABLE_RANGES) {
      if (r.contains(a)) {
        return true;
      }
    }
    return false;
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

  /**
   * {@link #isPrivateHostname(String)} for a policy endpoint host, which may be a wildcard pattern: a pattern is
   * judged by what follows its last wildcard label, so {@code *.internal}, {@code **.local} and
   * {@code api.*.metadata} are private and {@code *.example.com} is not. A pattern that is all wildcard
   * ({@code *}) is not judged here (it is a different problem).
   *
   * @param host an endpoint host as written
   * @return true when it points into this table
   */
  public boolean isPrivateHostPattern(String host) {
    if (host == null) {
      return false;
    }
    String h = host.strip();
    int lastWildcardLabel = -1;
    for (int dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) {
      if (h.lastIndexOf('*', dot) >= 0) {
        lastWildcardLabel = dot;
      }
    }
    if (lastWildcardLabel >= 0) {
      h = h.substring(lastWildcardLabel + 1);
    } else if (h.indexOf('*') >= 0) {
      return false;
    }
    return !h.isEmpty() && isPrivateHostname(h);
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
