package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.model.net.IpAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The distinct logged requests of a log, each with how many times it was logged and its first occurrence: two
 * events that agree on everything a decision reads are decided alike, so advice and the unused report keep one
 * record per distinct request, not one per line. Bounded by {@link #limit}; requests beyond it are only counted.
 */
final class DistinctRequests {

  /** Everything a replay decision reads from an event, plus the logged verdict. */
  record Key(EventKind kind, String host, int port, String binary, List<String> ancestors,
      List<IpAddress> resolvedAddresses, String method, String path, Map<String, List<String>> query,
      GraphqlRequest graphql, JsonRpcRequest jsonRpc, List<String> mcpProtocolVersionHeaders, TrafficVerdict logged,
      String engine, String reason) {}

  /** One distinct request. */
  static final class Tally {
    final Key key;
    final LogEvent first;
    long count;

    Tally(Key key, LogEvent first) {
      this.key = key;
      this.first = first;
    }
  }

  private final int limit;
  private final LinkedHashMap<Key, Tally> requests = new LinkedHashMap<>();
  private long overflow;

  DistinctRequests(int limit) {
    this.limit = limit;
  }

  void add(LogEvent e) {
    boolean ssrf = e.kind() == EventKind.CONNECT_SSRF || e.kind() == EventKind.FORWARD_SSRF;
    Key key = new Key(e.kind(), e.host().toLowerCase(Locale.ROOT), e.port(), e.binary().orElse(null),
        e.ancestors().orElse(null), e.resolvedAddresses(), e.method().orElse(null), e.path().orElse(null), e.query(),
        e.graphql().orElse(null), e.jsonRpc().orElse(null), e.mcpProtocolVersionHeaders(), e.loggedDecision(),
        e.engine(), ssrf ? e.reason() : "");
    Tally t = requests.get(key);
    if (t == null) {
      if (requests.size() >= limit) {
        overflow++;
        return;
      }
      t = new Tally(key, e);
      requests.put(key, t);
    }
    t.count++;
  }

  Collection<Tally> all() {
    return requests.values();
  }

  /** Whether every logged request was kept. */
  boolean complete() {
    return overflow == 0;
  }
}
