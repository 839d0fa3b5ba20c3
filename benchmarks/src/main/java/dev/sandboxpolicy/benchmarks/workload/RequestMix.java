package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The request mixes of one policy: {@value #SIZE} allowed and {@value #SIZE} denied connections, {@value #SIZE}
 * allowed and {@value #SIZE} denied REST requests, drawn with a fixed seed from the policy's own entries.
 *
 * <p>Allowed connections use every kind of endpoint the policy has: exact hosts (some written in upper case), hosts
 * sampled from {@code *.} / {@code **.} / intra-label wildcards, exact and globbed binaries, and connections made by a
 * shell whose <em>ancestor</em> is the allowed binary. Denied connections are unknown hosts, the right host on the
 * wrong port, the right host and port from an unlisted binary, and the apex of a {@code *.} wildcard. Allowed
 * requests follow an allow rule (method, a path sampled from its glob, query values sampled from its matchers), some
 * on connections made by a shell whose ancestor is the allowed binary;
 * denied requests hit a deny rule, use a method or a path no rule allows, or break a query matcher.
 *
 * <p>Every case is classified by {@link NaiveRegexPolicy} (the spec's semantics, evaluated naively) before it is
 * kept, so an "allowed" mix is allowed by construction; the differential test checks that the compiled matcher
 * agrees case by case.
 */
public final class RequestMix {
  /** Cases per mix; a power of two so benchmarks can cycle with a mask. */
  public static final int SIZE = 64;

  private static final int ATTEMPTS_PER_CASE = 200;
  private static final String SHELL = "/usr/bin/bash";
  private static final String UNLISTED_BINARY = "/usr/bin/wget";
  private static final List<String> METHODS_RARELY_ALLOWED = List.of("DELETE", "PUT", "PATCH", "POST");

  private final List<NetworkCase> allowedConnections;
  private final List<NetworkCase> deniedConnections;
  private final List<RestCase> allowedRequests;
  private final List<RestCase> deniedRequests;

  private RequestMix(
      List<NetworkCase> allowedConnections,
      List<NetworkCase> deniedConnections,
      List<RestCase> allowedRequests,
      List<RestCase> deniedRequests) {
    this.allowedConnections = List.copyOf(allowedConnections);
    this.deniedConnections = List.copyOf(deniedConnections);
    this.allowedRequests = List.copyOf(allowedRequests);
    this.deniedRequests = List.copyOf(deniedRequests);
  }

  /**
   * Draws the mixes.
   *
   * @param policy the policy
   * @param seed the seed
   * @return the mixes; a mix is shorter than {@link #SIZE} only if the policy cannot produce such cases at all
   */
  public static RequestMix draw(Policy policy, long seed) {
    NaiveRegexPolicy oracle = NaiveRegexPolicy.of(policy);
    List<Map.Entry<String, NetworkPolicy>> entries = new ArrayList<>(policy.networkPolicies().entrySet());
    Drawer d = new Drawer(entries, new SplittableRandom(seed));
    List<NetworkCase> allowed = new ArrayList<>();
    List<NetworkCase> denied = new ArrayList<>();
    List<RestCase> allowedRest = new ArrayList<>();
    List<RestCase> deniedRest = new ArrayList<>();
    for (int attempt = 0; attempt < SIZE * ATTEMPTS_PER_CASE && !entries.isEmpty(); attempt++) {
      if (allowed.size() < SIZE) {
        keep(d.allowedConnection(), true, oracle, allowed);
      }
      if (denied.size() < SIZE) {
        keep(d.deniedConnection(), false, oracle, denied);
      }
      if (allowedRest.size() < SIZE) {
        RestCase c = d.request(true);
        if (c != null && decide(oracle, c)) {
          allowedRest.add(c);
        }
      }
      if (deniedRest.size() < SIZE) {
        RestCase c = d.request(false);
        if (c != null && !decide(oracle, c) && connectionAllowed(oracle, c.connection())) {
          deniedRest.add(c);
        }
      }
      if (allowed.size() == SIZE && denied.size() == SIZE && allowedRest.size() == SIZE
          && deniedRest.size() == SIZE) {
        break;
      }
    }
    return new RequestMix(allowed, denied, allowedRest, deniedRest);
  }

  private static void keep(NetworkCase c, boolean wantAllowed, NaiveRegexPolicy oracle, List<NetworkCase> into) {
    if (c != null && connectionAllowed(oracle, c) == wantAllowed) {
      into.add(c);
    }
  }

  private static boolean connectionAllowed(NaiveRegexPolicy oracle, NetworkCase c) {
    return oracle.decideNetwork(c.host(), c.port(), c.binary(), c.ancestors()).allowed();
  }

  private static boolean decide(NaiveRegexPolicy oracle, RestCase c) {
    NetworkCase n = c.connection();
    return oracle.decideRequest(n.host(), n.port(), n.binary(), n.ancestors(), c.method(), c.path(), c.query())
        .allowed();
  }

  /**
   * Connections the policy allows.
   *
   * @return up to {@link #SIZE} cases
   */
  public List<NetworkCase> allowedConnections() {
    return allowedConnections;
  }

  /**
   * Connections the policy denies.
   *
   * @return up to {@link #SIZE} cases
   */
  public List<NetworkCase> deniedConnections() {
    return deniedConnections;
  }

  /**
   * REST requests the policy allows (on allowed connections).
   *
   * @return up to {@link #SIZE} cases
   */
  public List<RestCase> allowedRequests() {
    return allowedRequests;
  }

  /**
   * REST requests the policy denies, each on a connection it allows.
   *
   * @return up to {@link #SIZE} cases
   */
  public List<RestCase> deniedRequests() {
    return deniedRequests;
  }

  @Override
  public String toString() {
    return "RequestMix[connections " + allowedConnections.size() + " allowed / " + deniedConnections.size()
        + " denied, requests " + allowedRequests.size() + " allowed / " + deniedRequests.size() + " denied]";
  }

  /** Draws candidate cases from the entries. */
  private static final class Drawer {
    private final List<Map.Entry<String, NetworkPolicy>> entries;
    private final SplittableRandom random;
    private int unknown;

    Drawer(List<Map.Entry<String, NetworkPolicy>> entries, SplittableRandom random) {
      this.entries = entries;
      this.random = random;
    }

    private <T> T pick(List<T> items) {
      return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
    }

    NetworkCase allowedConnection() {
      NetworkPolicy entry = pick(entries).getValue();
      Endpoint endpoint = pick(entry.endpoints());
      Binary binary = pick(entry.binaries());
      if (endpoint == null || binary == null || endpoint.effectivePorts().isEmpty()) {
        return null;
      }
      String host = host(endpoint);
      String exe = binary(binary);
      int port = pick(endpoint.effectivePorts());
      if (random.nextInt(5) == 0) {
        return new NetworkCase(host, port, SHELL, List.of(exe));
      }
      return new NetworkCase(host, port, exe, List.of());
    }

    NetworkCase deniedConnection() {
      switch (random.nextInt(4)) {
        case 0:
          return new NetworkCase("h" + (unknown++) + ".unlisted-" + random.nextInt(100) + ".example", 443,
              pickBinary(), List.of());
        case 1: {
          NetworkCase c = allowedConnection();
          return c == null ? null : new NetworkCase(c.host(), c.port() == 22 ? 2222 : 22, c.binary(), c.ancestors());
        }
        case 2: {
          NetworkCase c = allowedConnection();
          return c == null ? null : new NetworkCase(c.host(), c.port(), UNLISTED_BINARY, List.of(SHELL));
        }
        default: {
          NetworkPolicy entry = pick(entries).getValue();
          Endpoint e = pick(entry.endpoints());
          if (e == null || !e.host().startsWith("*.") || e.effectivePorts().isEmpty()) {
            return null;
          }
          return new NetworkCase(e.host().substring(2), e.effectivePorts().get(0), pickBinary(), List.of());
        }
      }
    }

    private String pickBinary() {
      Binary b = pick(pick(entries).getValue().binaries());
      return b == null ? SHELL : binary(b);
    }

    RestCase request(boolean wantAllowed) {
      NetworkPolicy entry = pick(entries).getValue();
      Endpoint endpoint = pick(entry.endpoints());
      Binary binary = pick(entry.binaries());
      if (endpoint == null || binary == null || endpoint.effectivePorts().isEmpty() || !inspected(endpoint)) {
        return null;
      }
      String exe = binary(binary);
      NetworkCase connection =
          random.nextInt(5) == 0
              ? new NetworkCase(host(endpoint), pick(endpoint.effectivePorts()), SHELL, List.of(exe))
              : new NetworkCase(host(endpoint), pick(endpoint.effectivePorts()), exe, List.of());
      List<RuleBody> allows = new ArrayList<>();
      for (AllowRule r : endpoint.allowRules()) {
        r.allow().ifPresent(allows::add);
      }
      RuleBody rule = pick(allows);
      String method = rule == null || rule.method().isEmpty() || rule.method().equals("*") ? "GET" : rule.method();
      String path = rule == null || rule.path().isEmpty() ? selectorPath(endpoint) : path(rule.path(), endpoint);
      Map<String, List<String>> query = rule == null ? Map.of() : query(rule);
      if (wantAllowed) {
        return new RestCase(connection, method, path, query);
      }
      switch (random.nextInt(4)) {
        case 0:
          return new RestCase(connection, pick(METHODS_RARELY_ALLOWED), path, query);
        case 1:
          return new RestCase(connection, method, "/internal/admin/credentials", query);
        case 2: {
          RuleBody deny = pick(endpoint.denyRuleBodies());
          if (deny == null || deny.path().isEmpty()) {
            return null;
          }
          String m = deny.method().isEmpty() || deny.method().equals("*") ? "GET" : deny.method();
          return new RestCase(connection, m, path(deny.path(), endpoint), query(deny));
        }
        default: {
          if (query.isEmpty()) {
            return new RestCase(connection, "DELETE", path + "/x", Map.of());
          }
          Map<String, List<String>> broken = new LinkedHashMap<>(query);
          String key = broken.keySet().iterator().next();
          broken.put(key, List.of("no.such.value-" + random.nextInt(1000)));
          return new RestCase(connection, method, path, broken);
        }
      }
    }

    private static boolean inspected(Endpoint e) {
      String p = e.protocol();
      return Protocol.REST.is(p) || (p.isEmpty() && !e.access().isEmpty());
    }

    private String host(Endpoint e) {
      String host = e.host().contains("*") ? GlobSample.of(e.host(), '.', "api" + random.nextInt(10)) : e.host();
      return random.nextInt(8) == 0 ? host.toUpperCase(Locale.ROOT) : host;
    }

    private String binary(Binary b) {
      return b.path().contains("*") ? GlobSample.of(b.path(), '/', "3.11") : b.path();
    }

    private String path(String glob, Endpoint endpoint) {
      if (glob.equals("**")) {
        return selectorPath(endpoint);
      }
      return GlobSample.of(glob, '/', "item" + random.nextInt(100));
    }

    private String selectorPath(Endpoint e) {
      String selector = e.path();
      if (selector.isEmpty() || selector.equals("**")) {
        return "/v1/resources/" + random.nextInt(1000);
      }
      return GlobSample.of(selector, '/', "r" + random.nextInt(100));
    }

    private Map<String, List<String>> query(RuleBody rule) {
      Map<String, List<String>> query = new LinkedHashMap<>();
      for (Map.Entry<String, ValueMatcher> q : rule.query().entrySet()) {
        String glob = pick(q.getValue().globs());
        query.put(q.getKey(), List.of(GlobSample.of(glob, '.', "v" + random.nextInt(9))));
      }
      return query;
    }
  }
}
