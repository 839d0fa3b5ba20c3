package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.net.IpAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of a network (L4) decision (spec §3.1): the host as the client asked for it (not resolved), the port,
 * the kernel-resolved executable, its ancestors and the absolute paths seen on its command line. Immutable; a proxy
 * builds one per connection and reuses it for every request decision on that connection.
 *
 * <pre>{@code
 * NetworkRequest r = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh")
 *     .withAncestors(List.of("/usr/bin/bash"));
 * }</pre>
 *
 * <p>Host comparisons (exact and wildcard endpoint hosts, and so the endpoints a request decision sees) use the host
 * with <em>one</em> trailing {@code .} removed, as upstream does since OpenShell #2248: {@code api.github.com.} (the
 * fully qualified spelling, e.g. to skip DNS search domains) decides like {@code api.github.com}, while {@code
 * api.github.com..} keeps one dot and matches no valid endpoint host. {@link #host()} stays as the caller gave it, and
 * so does every reason text that names the host; DNS resolution is the proxy's business and keeps the dotted form.
 *
 * <p>Destination (spec §3.9): when the host is an IP literal in any spelling a URL parser accepts ({@code 10.0.0.1},
 * {@code [::1]}, {@code 0x7f.1}, {@code 2130706433}) or the caller supplies the addresses the host resolved to
 * ({@link #withResolvedAddresses}), the decisions include the SSRF and {@code allowed_ips} destination checks and
 * their reasons say so; for a host name without resolved addresses the reasons say that the destination check is
 * still the proxy's to do.
 *
 * <pre>{@code
 * NetworkRequest resolved = NetworkRequest.of("db.internal.example", 5432, "/usr/bin/psql")
 *     .withResolvedAddresses(List.of(IpAddress.parse("10.0.3.7")));
 * }</pre>
 *
 * <p>Warning: {@link #cmdlinePaths()} only ever appear in deny messages; they never grant access (§6 rule 9).
 *
 * <p>Reuse one instance for the request decisions of a connection: besides the values above (computed once: the
 * lower-cased host, the host's address literal), it remembers which candidate endpoints its binaries match for the
 * last compiled policy that decided a request on it (one field outside its value, like {@link String#hashCode()}'s
 * cache), so its later request decisions skip the binary matching.
 */
public final class NetworkRequest {
  private final String host;
  /** {@link #host} without one trailing dot, what every host comparison sees (computed once: no allocation). */
  private final String comparedHost;
  /**
   * {@link #comparedHost} lower-cased as host comparisons lower-case it ({@link HostIndex#lower}), computed once so a
   * decision neither lower-cases nor allocates; the same instance when the host is already lower-case, and its {@link
   * String#hashCode()} is cached by the string, so the host index hashes a connection's host once.
   */
  private final String lowerHost;
  /** Whether the host contains U+0000 (an evaluation error wherever a wildcard host glob reads it). */
  private final boolean hostHasNul;
  /**
   * Whether {@link #lowerHost} is also the host lower-cased per code point (it has no surrogates and no U+0000), as
   * the wildcard host globs lower-case it: they may then compare it as it is.
   */
  private final boolean hostLowerCaseExact;
  /** Whether the executable path or an ancestor contains U+0000 (an error wherever a binary glob reads it). */
  private final boolean identityHasNul;
  private final int port;
  private final String binary;
  private final List<String> ancestors;
  private final List<String> cmdlinePaths;
  private final List<IpAddress> resolvedAddresses;
  /** The host as an address (one element) when it is an IP literal, else null. */
  private final List<IpAddress> hostLiteral;
  /** The addresses the destination check judges: the resolved ones, else the host's own literal; null if unknown. */
  private final List<IpAddress> destination;
  /** The host as a canonical IP literal ({@link DestinationRules#literal}), else null; read by the SSRF check. */
  private final IpAddress hostAddressLiteral;
  /**
   * Which of the precomputed candidates of this connection's host and port have matching binaries, for the compiled
   * policy it was computed for: the policy's serial in the high bits, the candidate bits in the low {@link
   * #CANDIDATE_BITS}; 0 when nothing is remembered. A cache of a pure function of this request's immutable fields
   * and an immutable policy (like {@link String#hashCode()}'s): not part of equality; one volatile {@code long}, so it
   * is read and replaced whole and never allocates.
   */
  private volatile long allowedCandidates;

  private NetworkRequest(String host, int port, String binary, List<String> ancestors, List<String> cmdlinePaths,
      List<IpAddress> resolvedAddresses, List<IpAddress> hostLiteral) {
    this.host = Objects.requireNonNull(host, "host");
    this.comparedHost = withoutTrailingDot(host);
    this.lowerHost = HostIndex.lowerCased(comparedHost);
    this.hostHasNul = host.indexOf('\0') >= 0;
    this.hostLowerCaseExact = !hostHasNul && !hasSurrogate(comparedHost);
    this.port = port;
    this.binary = Objects.requireNonNull(binary, "binary");
    this.ancestors = List.copyOf(ancestors);
    this.cmdlinePaths = List.copyOf(cmdlinePaths);
    boolean nul = binary.indexOf('\0') >= 0;
    for (int i = 0; i < this.ancestors.size() && !nul; i++) {
      nul = this.ancestors.get(i).indexOf('\0') >= 0;
    }
    this.identityHasNul = nul;
    this.resolvedAddresses = List.copyOf(resolvedAddresses);
    this.hostLiteral = hostLiteral;
    this.destination = !this.resolvedAddresses.isEmpty() ? this.resolvedAddresses : hostLiteral;
    this.hostAddressLiteral = DestinationRules.literal(host).orElse(null);
  }

  private NetworkRequest(String host, int port, String binary, List<String> ancestors, List<String> cmdlinePaths) {
    this(host, port, binary, ancestors, cmdlinePaths, List.of(), hostLiteral(host));
  }

  /**
   * The host as an address when it is an IP literal in any spelling a URL parser accepts (brackets allowed), else
   * null. Names are recognised without parsing: a URL parser reads a host as IPv4 only when its last label is a
   * number (decimal, or hex with {@code 0x}), and as IPv6 only inside brackets or with a colon.
   */
  private static List<IpAddress> hostLiteral(String host) {
    if (host.isEmpty() || host.indexOf('\0') >= 0) {
      return null;
    }
    String h = host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
        ? host.substring(1, host.length() - 1) : host;
    if (h.indexOf(':') < 0 && !endsInNumber(h)) {
      return null;
    }
    Optional<IpAddress> parsed = IpAddress.tryParse(h);
    return parsed.isPresent() ? List.of(parsed.get()) : null;
  }

  private static boolean hasSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsInNumber(String h) {
    int end = h.endsWith(".") ? h.length() - 1 : h.length();
    int start = h.lastIndexOf('.', end - 1) + 1;
    if (start >= end) {
      return false;
    }
    if (end - start > 2 && h.charAt(start) == '0' && (h.charAt(start + 1) | 0x20) == 'x') {
      return true;
    }
    for (int i = start; i < end; i++) {
      if (h.charAt(i) < '0' || h.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Creates a request without ancestors or command-line paths.
   *
   * @param host the host as requested (any case; matching lower-cases it)
   * @param port the destination port
   * @param binary the executable path ({@code /proc/<pid>/exe}); {@code ""} when unknown
   * @return the request
   */
  public static NetworkRequest of(String host, int port, String binary) {
    return new NetworkRequest(host, port, binary, List.of(), List.of());
  }

  /**
   * Returns a copy with the given ancestors (parent first).
   *
   * @param ancestors executable paths of the parent, grandparent, ...
   * @return the new request
   */
  public NetworkRequest withAncestors(List<String> ancestors) {
    return new NetworkRequest(host, port, binary, ancestors, cmdlinePaths, resolvedAddresses, hostLiteral);
  }

  /**
   * Returns a copy with the given command-line paths (used only in deny messages).
   *
   * @param cmdlinePaths absolute paths seen in argv
   * @return the new request
   */
  public NetworkRequest withCmdlinePaths(List<String> cmdlinePaths) {
    return new NetworkRequest(host, port, binary, ancestors, cmdlinePaths, resolvedAddresses, hostLiteral);
  }

  /**
   * Returns a copy with the addresses the host resolved to (what the proxy is about to dial). The network and
   * request decisions then include the SSRF and {@code allowed_ips} destination checks of spec §3.9 over these
   * addresses; an empty list means "not known" (for an IP-literal host the literal itself is checked).
   *
   * @param addresses the resolved addresses
   * @return the new request
   */
  public NetworkRequest withResolvedAddresses(List<IpAddress> addresses) {
    return new NetworkRequest(host, port, binary, ancestors, cmdlinePaths, addresses, hostLiteral);
  }

  /**
   * Returns the resolved addresses the caller supplied.
   *
   * @return an immutable list, empty when none were given
   */
  public List<IpAddress> resolvedAddresses() {
    return resolvedAddresses;
  }

  /** Candidate lists up to this long are remembered per connection (the low bits of {@link #allowedCandidates}). */
  static final int CANDIDATE_BITS = 24;

  /** The remembered candidate bits for the policy of {@code serial}, or -1 when none are remembered for it. */
  int allowedCandidates(long serial) {
    long v = allowedCandidates;
    return v != 0 && (v >>> CANDIDATE_BITS) == serial ? (int) (v & ((1L << CANDIDATE_BITS) - 1)) : -1;
  }

  /** Remembers the candidate bits for the policy of {@code serial} (a positive serial below 2^40). */
  void rememberAllowedCandidates(long serial, int bits) {
    allowedCandidates = (serial << CANDIDATE_BITS) | bits;
  }

  /** The host as a canonical IP literal, or null (computed once: the SSRF check reads it per decision). */
  IpAddress hostAddressLiteral() {
    return hostAddressLiteral;
  }

  /** The addresses the destination check judges, or null when the destination is not known (a host name alone). */
  List<IpAddress> destination() {
    return destination;
  }

  /** {@code host} without one trailing {@code .} (upstream-changes item 4); the host itself when it has none. */
  static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /**
   * Returns the host as requested, trailing dot and case as given.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /** The host every host comparison uses: {@link #host()} without one trailing dot. */
  String comparedHost() {
    return comparedHost;
  }

  /** {@link #comparedHost()} lower-cased for the host index (computed once). */
  String lowerHost() {
    return lowerHost;
  }

  /** Whether {@link #lowerHost()} is the host lower-cased per code point, without U+0000. */
  boolean hostLowerCaseExact() {
    return hostLowerCaseExact;
  }

  /** Whether the host contains U+0000. */
  boolean hostHasNul() {
    return hostHasNul;
  }

  /** Whether the executable path or one of the ancestors contains U+0000. */
  boolean identityHasNul() {
    return identityHasNul;
  }

  /**
   * Returns the destination port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the executable path.
   *
   * @return the binary
   */
  public String binary() {
    return binary;
  }

  /**
   * Returns the ancestors' executable paths, parent first.
   *
   * @return an immutable list
   */
  public List<String> ancestors() {
    return ancestors;
  }

  /**
   * Returns the absolute paths seen on the command line.
   *
   * @return an immutable list
   */
  public List<String> cmdlinePaths() {
    return cmdlinePaths;
  }

  /**
   * Whether {@code o} names the same connection attempt as far as a network denial's reason goes: host as
   * requested, port, executable, ancestors and command-line paths (not the resolved addresses). Allocation-free.
   */
  boolean sameIdentity(NetworkRequest o) {
    return this == o || (port == o.port && host.equals(o.host) && binary.equals(o.binary)
        && sameElements(ancestors, o.ancestors) && sameElements(cmdlinePaths, o.cmdlinePaths));
  }

  private static boolean sameElements(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The characters {@link #sameIdentity} compares, summed (what remembering a denial of this request retains). */
  int identityLength() {
    int n = host.length() + binary.length();
    for (String a : ancestors) {
      n += a.length();
    }
    for (String c : cmdlinePaths) {
      n += c.length();
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkRequest r
        && host.equals(r.host)
        && port == r.port
        && binary.equals(r.binary)
        && ancestors.equals(r.ancestors)
        && cmdlinePaths.equals(r.cmdlinePaths)
        && resolvedAddresses.equals(r.resolvedAddresses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, binary, ancestors, cmdlinePaths, resolvedAddresses);
  }

  @Override
  public String toString() {
    return "NetworkRequest[" + host + ":" + port + " " + binary + " ancestors=" + ancestors
        + (resolvedAddresses.isEmpty() ? "" : " resolved=" + resolvedAddresses) + "]";
  }
}
