package dev.sandboxpolicy.testkit;

import java.util.List;
import java.util.Objects;

/**
 * The input of a network (L4) decision (§3.1): the host as the client requested it (not resolved), the port, the
 * kernel-resolved path of the executable and the executable paths of its ancestors (parent first).
 *
 * <p>Values are kept exactly as given (no lower-casing, no trimming): robustness tests deliberately pass hostile
 * hosts such as {@code "EXAMPLE.com."} or {@code "a\u0000b"}.
 *
 * @param host the requested host name or IP literal
 * @param port the requested port (any int, including 0 and 65536, which no endpoint matches)
 * @param binaryPath the executable's path ({@code exec.path})
 * @param ancestors the ancestors' executable paths ({@code exec.ancestors}), parent first
 */
public record Connection(String host, int port, String binaryPath, List<String> ancestors) {

  /** Validates the components (none may be {@code null}) and copies the ancestors. */
  public Connection {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(binaryPath, "binaryPath");
    ancestors = List.copyOf(ancestors);
  }

  /** A connection by {@code binaryPath} without ancestors. */
  public static Connection of(String host, int port, String binaryPath) {
    return new Connection(host, port, binaryPath, List.of());
  }

  /** The same connection as the compiled matcher's input. */
  public dev.sandboxpolicy.matcher.NetworkRequest toNetworkRequest() {
    return dev.sandboxpolicy.matcher.NetworkRequest.of(host, port, binaryPath).withAncestors(ancestors);
  }

  /** This connection with other ancestors. */
  public Connection withAncestors(List<String> ancestors) {
    return new Connection(host, port, binaryPath, ancestors);
  }
}
