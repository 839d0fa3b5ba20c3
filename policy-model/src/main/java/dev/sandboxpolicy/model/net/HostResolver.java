package dev.sandboxpolicy.model.net;

import java.io.IOException;
import java.util.List;

/**
 * Resolves a DNS name to addresses for {@link EndpointUrlValidator}. The library ships no implementation, so that it
 * never performs DNS on its own; a caller that wants the system resolver can pass
 * {@code name -> Arrays.stream(InetAddress.getAllByName(name)).map(a -> IpAddress.fromOctets(a.getAddress())).toList()}.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * All addresses of a name, in the resolver's order (the first one is pinned).
   *
   * @param hostname an ASCII, lowercase host name (never an IP literal)
   * @return the addresses; empty when the name has none
   * @throws IOException when the lookup fails (the message is shown to the user)
   */
  List<IpAddress> resolve(String hostname) throws IOException;
}
