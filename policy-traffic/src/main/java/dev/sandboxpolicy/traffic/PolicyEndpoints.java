package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.GlobMatcher;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The endpoints of a policy, listed by entry, with their host, port and binary matchers: what replay needs to know
 * beyond a decision (does some endpoint on this host:port read request bodies? could an unlogged ancestor bring in
 * another entry?) and what advice and the unused report look up. Host and binary globs follow the matcher (glob
 * semantics: wildcard hosts with {@code .} delimiters, lower-cased; binaries containing {@code *} with {@code /}
 * delimiters; other hosts and binaries by equality). A pattern that does not compile, or a value with U+0000,
 * counts as a match, so the questions asked here err on the side of "maybe".
 *
 * <p>Immutable after construction except for a bounded cache of host:port lookups
 * ({@value #MAX_CACHED_DESTINATIONS} entries, cleared when full); not thread-safe.
 */
final class PolicyEndpoints {

  /** Bounds the per-destination cache, so replaying any number of distinct destinations stays in constant memory. */
  static final int MAX_CACHED_DESTINATIONS = 4096;


  /** One endpoint of one entry. */
  static final class Slot {
    final String key;
    final int index;
    final Endpoint endpoint;
    final String pointer;
    private final String exactHost;
    private final GlobMatcher hostGlob;
    private final List<GlobMatcher> binaryGlobs;
    private final List<String> exactBinaries;
    final boolean readsBody;

    Slot(String key, int index, Endpoint endpoint, NetworkPolicy entry) {
      this.key = key;
      this.index = index;
      this.endpoint = endpoint;
      this.pointer = JsonPointer.index(JsonPointer.key("/network_policies", key) + "/endpoints", index);
      String host = endpoint.host();
      boolean wildcard = host.indexOf('*') >= 0;
      this.hostGlob = wildcard ? compile(host, GlobDelimiters.DOT, true) : null;
      this.exactHost = wildcard ? null : host.toLowerCase(Locale.ROOT);
      this.binaryGlobs = new ArrayList<>();
      this.exactBinaries = new ArrayList<>();
      for (Binary b : entry.binaries()) {
        if (b.path().indexOf('*') >= 0) {
          binaryGlobs.add(compile(b.path(), GlobDelimiters.SLASH, false));
        } else {
          exactBinaries.add(b.path());
        }
      }
      // Decisions that read the request body (policy language §3.7, §3.8): GraphQL, JSON-RPC and MCP, and
      // WebSocket endpoints with GraphQL rules.
      Protocol protocol = Protocol.fromWireName(endpoint.protocol()).orElse(null);
      this.readsBody = protocol == Protocol.GRAPHQL || (protocol != null && protocol.isJsonRpcFamily())
          || (protocol == Protocol.WEBSOCKET && hasGraphqlRules(endpoint));
    }

    /** Whether this endpoint's host and port match (a hostless endpoint matches every host). */
    boolean matches(String host, int port) {
      if (!endpoint.effectivePorts().contains(port)) {
        return false;
      }
      if (endpoint.host().isEmpty()) {
        return true;
      }
      if (exactHost != null) {
        return exactHost.equals(host.toLowerCase(Locale.ROOT));
      }
      return matchesOrMaybe(hostGlob, host.toLowerCase(Locale.ROOT));
    }

    /** Whether this entry's binaries match {@code binary} (not its ancestors). */
    boolean allowsBinary(String binary) {
      if (exactBinaries.contains(binary)) {
        return true;
      }
      for (GlobMatcher g : binaryGlobs) {
        if (matchesOrMaybe(g, binary)) {
          return true;
        }
      }
      return false;
    }

    /** Whether requests on this endpoint are inspected (an L7 protocol other than {@code tcp}). */
    boolean inspected() {
      return isInspected(endpoint);
    }

    /** Whether the host is written exactly (no wildcard) and equals {@code host}, ignoring case. */
    boolean hasExactHost(String host) {
      return exactHost != null && exactHost.equals(host.toLowerCase(Locale.ROOT));
    }
  }

  private final Policy policy;
  private final List<Slot> slots;
  private final Map<String, List<Slot>> cache = new HashMap<>();

  PolicyEndpoints(Policy policy) {
    this.policy = policy;
    List<Slot> all = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> e : new TreeMap<>(policy.networkPolicies()).entrySet()) {
      List<Endpoint> eps = e.getValue().endpoints();
      for (int i = 0; i < eps.size(); i++) {
        all.add(new Slot(e.getKey(), i, eps.get(i), e.getValue()));
      }
    }
    this.slots = List.copyOf(all);
  }

  Policy policy() {
    return policy;
  }

  List<Slot> all() {
    return slots;
  }

  /** The endpoints whose host and port match, in key order. */
  List<Slot> matching(String host, int port) {
    String cacheKey = host + ":" + port;
    List<Slot> hit = cache.get(cacheKey);
    if (hit != null) {
      return hit;
    }
    List<Slot> out = new ArrayList<>();
    for (Slot s : slots) {
      if (s.matches(host, port)) {
        out.add(s);
      }
    }
    if (cache.size() >= MAX_CACHED_DESTINATIONS) {
      cache.clear();
    }
    List<Slot> result = List.copyOf(out);
    cache.put(cacheKey, result);
    return result;
  }

  /** Whether some endpoint on host:port reads the request body. */
  boolean readsBody(String host, int port) {
    for (Slot s : matching(host, port)) {
      if (s.readsBody) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an ancestor of {@code binary} that the log does not record could change a request verdict on host:port.
   * An ancestor can only bring in more entries: those with an endpoint on host:port that do not list the binary.
   * Such an inspected endpoint could allow a refused request; it could refuse an allowed one only through a deny
   * rule or a path selector (route selection).
   */
  boolean ancestorsCouldChange(String host, int port, String binary, boolean allowed) {
    for (Slot s : matching(host, port)) {
      if (s.allowsBinary(binary) || !s.inspected()) {
        continue;
      }
      if (!allowed || !s.endpoint.denyRuleBodies().isEmpty() || !s.endpoint.path().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Whether an endpoint's requests are inspected: it names a protocol, and not {@code tcp}. */
  static boolean isInspected(Endpoint e) {
    return Protocol.fromWireName(e.protocol()).map(Protocol::isInspected).orElse(false);
  }

  private static boolean hasGraphqlRules(Endpoint e) {
    for (var r : e.allowRules()) {
      if (r.allow().map(PolicyEndpoints::isGraphql).orElse(false)) {
        return true;
      }
    }
    for (RuleBody d : e.denyRuleBodies()) {
      if (isGraphql(d)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGraphql(RuleBody r) {
    return !r.operationType().isEmpty() || !r.operationName().isEmpty() || !r.fields().isEmpty();
  }

  private static GlobMatcher compile(String pattern, GlobDelimiters delimiters, boolean lower) {
    try {
      return lower ? GlobMatcher.compileLowerCased(pattern, delimiters) : GlobMatcher.compile(pattern, delimiters);
    } catch (RuntimeException e) {
      return null; // does not compile: fails closed in the matcher; here every question answers "maybe"
    }
  }

  private static boolean matchesOrMaybe(GlobMatcher glob, String value) {
    if (glob == null) {
      return true;
    }
    try {
      return glob.matches(value);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }
}
