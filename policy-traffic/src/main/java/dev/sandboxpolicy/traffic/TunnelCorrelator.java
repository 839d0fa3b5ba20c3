package dev.sandboxpolicy.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ties in-tunnel L7 lines, which name no binary (logs spec §1.3 rows 8-10: no actor), to the CONNECT that opened
 * their tunnel. An allowed CONNECT names the binary and the network-policy key that admitted it; every L7 line of
 * that tunnel names the same host, port and key. When exactly one binary has opened allowed connections to that
 * (sandbox, host, port, key) earlier in the same input, the L7 line is attributed to it; when two or more have, or
 * none has, the line keeps no binary (replay then calls it undecidable). A binary is never invented.
 *
 * <p>Memory is bounded: at most {@value #MAX_TRACKED_TUNNELS} destinations are remembered, least recently used
 * first out; a line whose destination was forgotten is not correlated.
 */
final class TunnelCorrelator {

  /**
   * How many (sandbox, host, port, key) destinations are remembered. Bounds the reader's memory whatever the log's
   * size; a sandbox talks to far fewer distinct destinations than this.
   */
  static final int MAX_TRACKED_TUNNELS = 65_536;

  /** What is known about the connections to one destination. */
  private static final class Opened {
    final String binary;
    final long pid;
    final List<String> ancestors;
    boolean ambiguous;

    Opened(String binary, long pid, List<String> ancestors) {
      this.binary = binary;
      this.pid = pid;
      this.ancestors = ancestors;
    }
  }

  private record Key(String sandbox, String host, int port, String policy) {}

  private final Map<Key, Opened> opened = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Opened> eldest) {
      return size() > MAX_TRACKED_TUNNELS;
    }
  };

  /** Records an allowed CONNECT, or fills the binary of an in-tunnel L7 line; returns the event to emit. */
  LogEvent observe(LogEvent e) {
    if (e.kind() == EventKind.CONNECT && e.layer() == Layer.L4 && e.loggedDecision().passes()) {
      Key key = key(e);
      if (key != null && e.binary().isPresent()) {
        Opened known = opened.get(key);
        if (known == null) {
          opened.put(key, new Opened(e.binary().get(), e.pid().orElse(-1), e.ancestors().orElse(null)));
        } else if (!known.binary.equals(e.binary().get())) {
          known.ambiguous = true;
        }
      }
      return e;
    }
    boolean inTunnel = e.kind() == EventKind.TUNNEL_L7 || e.kind() == EventKind.WEBSOCKET_UPGRADE;
    if (!inTunnel || e.binary().isPresent()) {
      return e;
    }
    Key key = key(e);
    Opened known = key == null ? null : opened.get(key);
    if (known == null || known.ambiguous) {
      return e;
    }
    LogEvent.Builder b = e.toBuilder();
    b.binary = known.binary;
    b.binaryCorrelated = true;
    b.pid = known.pid;
    b.ancestors = known.ancestors;
    return b.build();
  }

  private static Key key(LogEvent e) {
    if (e.policy().isEmpty()) {
      return null;
    }
    return new Key(e.sandbox().orElse(""), e.host().toLowerCase(java.util.Locale.ROOT), e.port(),
        Objects.requireNonNull(e.policy().get()));
  }
}
