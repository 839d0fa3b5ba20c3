package dev.sandboxpolicy.matcher;

import java.util.List;
import java.util.Objects;

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
 * <p>Warning: {@link #cmdlinePaths()} only ever appear in deny messages; they never grant access (§6 rule 9).
 */
public final class NetworkRequest {
  private final String host;
  /** {@link #host} without one trailing dot: what every host comparison sees (computed once, so matching never allocates). */
  private final String comparedHost;
  private final int port;
  private final String binary;
  private final List<String> ancestors;
  private final List<String> cmdlinePaths;

  private NetworkRequest(String host, int port, String binary, List<String> ancestors, List<String> cmdlinePaths) {
    this.host = Objects.requireNonNull(host, "host");
    this.comparedHost = withoutTrailingDot(host);
    this.port = port;
    this.binary = Objects.requireNonNull(binary, "binary");
    this.ancestors = List.copyOf(ancestors);
    this.cmdlinePaths = List.copyOf(cmdlinePaths);
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
    return new NetworkRequest(host, port, binary, ancestors, cmdlinePaths);
  }

  /**
   * Returns a copy with the given command-line paths (used only in deny messages).
   *
   * @param cmdlinePaths absolute paths seen in argv
   * @return the new request
   */
  public NetworkRequest withCmdlinePaths(List<String> cmdlinePaths) {
    return new NetworkRequest(host, port, binary, ancestors, cmdlinePaths);
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

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkRequest r
        && host.equals(r.host)
        && port == r.port
        && binary.equals(r.binary)
        && ancestors.equals(r.ancestors)
        && cmdlinePaths.equals(r.cmdlinePaths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, binary, ancestors, cmdlinePaths);
  }

  @Override
  public String toString() {
    return "NetworkRequest[" + host + ":" + port + " " + binary + " ancestors=" + ancestors + "]";
  }
}
