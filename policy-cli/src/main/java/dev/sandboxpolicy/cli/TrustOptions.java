package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.TrustedPrivateHosts;
import dev.sandboxpolicy.model.net.HostResolver;
import dev.sandboxpolicy.model.net.IpAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --trusted-private-host HOST} and {@code --resolve HOST=ADDR[,ADDR...]}: trusted private hosts for custom
 * presets (NemoClaw #8176, #10659). The hosts of {@code $NEMOCLAW_TRUSTED_PRIVATE_HOSTS} are trusted too, where an
 * endpoint uses them. Names are resolved with {@code --resolve} answers when given, else with the system resolver:
 * the command line resolves, the library never does.
 */
final class TrustOptions {

  @Option(
      names = "--trusted-private-host",
      paramLabel = "HOST",
      description = "let custom presets reach this exact host on a private network (RFC 1918, CGNAT, ULA); its"
          + " addresses are pinned as allowed_ips (repeatable)")
  List<String> hosts = new ArrayList<>();

  @Option(
      names = "--resolve",
      paramLabel = "HOST=ADDR[,ADDR]",
      description = "use these addresses for HOST instead of asking DNS (repeatable)")
  List<String> answers = new ArrayList<>();

  /** The trusted hosts of this invocation, or empty when there are none. */
  Optional<TrustedPrivateHosts> trust(Terminal terminal) throws CommandFailure {
    List<String> ambient = TrustedPrivateHosts.parseList(
        terminal.env(TrustedPrivateHosts.ENVIRONMENT_VARIABLE).orElse(null));
    if (hosts.isEmpty() && ambient.isEmpty()) {
      if (!answers.isEmpty()) {
        throw CommandFailure.usage("--resolve answers only for --trusted-private-host hosts");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(TrustedPrivateHosts.of(hosts, ambient, resolver()));
    } catch (PresetLayerException e) {
      throw CommandFailure.usage(e.getMessage() + " (" + e.code() + ")");
    }
  }

  private HostResolver resolver() throws CommandFailure {
    Map<String, List<IpAddress>> given = new HashMap<>();
    for (String a : answers) {
      int eq = a.indexOf('=');
      if (eq <= 0 || eq == a.length() - 1) {
        throw CommandFailure.usage("--resolve needs HOST=ADDR[,ADDR...], not '" + a + "'");
      }
      List<IpAddress> addresses = new ArrayList<>();
      for (String addr : a.substring(eq + 1).split(",", -1)) {
        addresses.add(IpAddress.tryParseLiteral(addr.strip()).orElseThrow(
            () -> CommandFailure.usage("--resolve: '" + addr + "' is not an IP address")));
      }
      given.put(a.substring(0, eq).strip().toLowerCase(Locale.ROOT), List.copyOf(addresses));
    }
    return name -> {
      List<IpAddress> known = given.get(name);
      if (known != null) {
        return known;
      }
      List<IpAddress> out = new ArrayList<>();
      for (InetAddress addr : InetAddress.getAllByName(name)) {
        out.add(IpAddress.fromOctets(addr.getAddress()));
      }
      return out;
    };
  }
}
