package dev.sandboxpolicy.benchmarks.baseline;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * BASELINE ONLY: the naive port the benchmarks compare the compiled matcher against. It evaluates the upstream Rego
 * rules (spec §3.3–§3.5) one by one: every glob is a {@link RegexGlob} ({@code java.util.regex}), and every
 * network-policy entry, endpoint and rule is scanned in order for every decision, exactly as an interpreter of the
 * Rego program would. The one favour it gets is that regexes are compiled once, up front.
 *
 * <p>Scope: network (L4) decisions and REST / WebSocket-upgrade request decisions (method, path, query; allow and
 * deny rules; access presets; path selectors; HEAD-satisfies-GET). GraphQL, JSON-RPC and MCP bodies, the Rust route
 * selection (§3.5 step 2) and SSRF checks (§3.9) are out of scope: the benchmark request mixes do not exercise them.
 * Binary identity is always required (the upstream default). Thread-safe after construction.
 */
public final class NaiveRegexPolicy {
  private static final String HOST_WILDCARD = "*";

  private final List<Entry> entries;

  private NaiveRegexPolicy(List<Entry> entries) {
    this.entries = entries;
  }

  /**
   * Translates every glob of the policy to a regex; keeps the entries in document order.
   *
   * @param policy the policy
   * @return the baseline evaluator
   */
  public static NaiveRegexPolicy of(Policy policy) {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> e : policy.networkPolicies().entrySet()) {
      entries.add(new Entry(e.getKey(), e.getValue()));
    }
    return new NaiveRegexPolicy(List.copyOf(entries));
  }

  /**
   * The network decision (spec §3.4): allow iff some entry has an endpoint matching host and port and a binary
   * matching the executable or one of its ancestors.
   *
   * @param host the host as requested
   * @param port the port
   * @param binary the executable path
   * @param ancestors the ancestors' executable paths
   * @return the decision
   */
  public BaselineDecision decideNetwork(String host, int port, String binary, List<String> ancestors) {
    if (entries.isEmpty()) {
      return deny("network connections not allowed by policy");
    }
    try {
      String lowerHost = host.toLowerCase(Locale.ROOT);
      String best = null;
      List<Entry> hostOnly = new ArrayList<>();
      for (Entry entry : entries) {
        if (!entry.endpointAllowed(lowerHost, port)) {
          continue;
        }
        if (entry.binaryAllowed(binary, ancestors)) {
          if (best == null || entry.key.compareTo(best) < 0) {
            best = entry.key;
          }
        } else {
          hostOnly.add(entry);
        }
      }
      if (best != null) {
        return new BaselineDecision(BaselineDecision.Outcome.ALLOW, best, "");
      }
      if (hostOnly.isEmpty()) {
        return deny("endpoint " + host + ":" + port + " is not allowed by any policy");
      }
      hostOnly.sort((a, b) -> a.key.compareTo(b.key));
      StringJoiner reasons = new StringJoiner("; ");
      for (Entry entry : hostOnly) {
        reasons.add(
            "binary '" + binary + "' not allowed in policy '" + entry.key + "' (ancestors: ["
                + String.join(" -> ", ancestors) + "], cmdline: [])");
      }
      return deny(reasons.toString());
    } catch (IllegalArgumentException evaluationError) {
      return error(evaluationError.getMessage());
    }
  }

  /**
   * The request decision (spec §3.5 step 4): allow iff some entry matching host, port and binary has an endpoint
   * matching host, port and path selector whose allow rules admit the request, and no such endpoint's deny rules
   * match it.
   *
   * @param host the host of the connection
   * @param port the port of the connection
   * @param binary the executable path
   * @param ancestors the ancestors' executable paths
   * @param method the raw method token
   * @param path the canonical path
   * @param query the decoded query multimap
   * @return the decision
   */
  public BaselineDecision decideRequest(
      String host,
      int port,
      String binary,
      List<String> ancestors,
      String method,
      String path,
      Map<String, List<String>> query) {
    try {
      String lowerHost = host.toLowerCase(Locale.ROOT);
      String best = null;
      boolean denied = false;
      for (Entry entry : entries) {
        if (!entry.endpointAllowed(lowerHost, port) || !entry.binaryAllowed(binary, ancestors)) {
          continue;
        }
        for (CompiledEndpoint endpoint : entry.endpoints) {
          if (!endpoint.matches(lowerHost, port) || !endpoint.selects(path)) {
            continue;
          }
          for (CompiledRule deny : endpoint.denyRules) {
            denied |= deny.matchesAsDeny(method, path, query);
          }
          for (CompiledRule allow : endpoint.allowRules) {
            if (allow.matchesAsAllow(method, path, query)) {
              if (best == null || entry.key.compareTo(best) < 0) {
                best = entry.key;
              }
              break;
            }
          }
        }
      }
      if (denied) {
        return deny(method + " " + path + " denied by a deny rule");
      }
      if (best == null) {
        return deny(method + " " + path + " not permitted by policy");
      }
      return new BaselineDecision(BaselineDecision.Outcome.ALLOW, best, "");
    } catch (IllegalArgumentException evaluationError) {
      return error(evaluationError.getMessage());
    }
  }

  private static BaselineDecision deny(String reason) {
    return new BaselineDecision(BaselineDecision.Outcome.DENY, "", reason);
  }

  private static BaselineDecision error(String reason) {
    return new BaselineDecision(BaselineDecision.Outcome.ERROR, "", reason);
  }

  /** A glob that failed to compile fails every evaluation that reaches it (spec §3.10: fail closed). */
  private static final class Glob {
    private final RegexGlob regex;
    private final String error;

    Glob(String pattern, char... delimiters) {
      RegexGlob compiled = null;
      String problem = null;
      try {
        compiled = RegexGlob.compile(pattern, delimiters);
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      this.regex = compiled;
      this.error = problem;
    }

    boolean matches(String value) {
      if (regex == null) {
        throw new IllegalArgumentException(error);
      }
      return regex.matches(value);
    }
  }

  /** One network-policy entry. */
  private static final class Entry {
    final String key;
    final List<CompiledEndpoint> endpoints = new ArrayList<>();
    final List<String> exactBinaries = new ArrayList<>();
    final List<Glob> globBinaries = new ArrayList<>();

    Entry(String key, NetworkPolicy policy) {
      this.key = key;
      for (Endpoint endpoint : policy.endpoints()) {
        endpoints.add(new CompiledEndpoint(endpoint));
      }
      for (Binary binary : policy.binaries()) {
        if (binary.path().contains("*")) {
          globBinaries.add(new Glob(binary.path(), '/'));
        } else {
          exactBinaries.add(binary.path());
        }
      }
    }

    boolean endpointAllowed(String lowerHost, int port) {
      for (CompiledEndpoint endpoint : endpoints) {
        if (endpoint.matches(lowerHost, port)) {
          return true;
        }
      }
      return false;
    }

    boolean binaryAllowed(String binary, List<String> ancestors) {
      for (String exact : exactBinaries) {
        if (exact.equals(binary) || ancestors.contains(exact)) {
          return true;
        }
      }
      for (Glob glob : globBinaries) {
        if (glob.matches(binary)) {
          return true;
        }
        for (String ancestor : ancestors) {
          if (glob.matches(ancestor)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** One endpoint: host, ports, path selector, allow rules (access presets expanded) and deny rules. */
  private static final class CompiledEndpoint {
    final String exactHost;
    final Glob wildcardHost;
    final boolean hostless;
    final int[] ports;
    final Glob selector;
    final List<CompiledRule> allowRules = new ArrayList<>();
    final List<CompiledRule> denyRules = new ArrayList<>();

    CompiledEndpoint(Endpoint e) {
      String host = e.host();
      this.hostless = host.isEmpty() && !e.allowedIps().isEmpty();
      this.wildcardHost = host.contains(HOST_WILDCARD) ? new Glob(host.toLowerCase(Locale.ROOT), '.') : null;
      this.exactHost = host.contains(HOST_WILDCARD) || host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
      this.ports = e.effectivePorts().stream().mapToInt(Integer::intValue).toArray();
      this.selector = e.path().isEmpty() || e.path().equals("**") ? null : new Glob(e.path(), '/');
      String protocol = e.protocol();
      boolean restShaped = !Protocol.JSON_RPC.is(protocol) && !Protocol.MCP.is(protocol);
      List<RuleBody> allows = new ArrayList<>();
      if (!e.allowRules().isEmpty()) {
        for (AllowRule rule : e.allowRules()) {
          rule.allow().ifPresent(allows::add);
        }
      } else {
        allows.addAll(AccessPreset.expand(e.access(), protocol));
      }
      if (restShaped) {
        for (RuleBody body : allows) {
          allowRules.add(new CompiledRule(body));
        }
        for (RuleBody body : e.denyRuleBodies()) {
          denyRules.add(new CompiledRule(body));
        }
      }
    }

    boolean matches(String lowerHost, int port) {
      boolean portMatches = false;
      for (int p : ports) {
        portMatches |= p == port;
      }
      if (!portMatches) {
        return false;
      }
      if (hostless) {
        return true;
      }
      if (exactHost != null) {
        return exactHost.equals(lowerHost);
      }
      return wildcardHost != null && wildcardHost.matches(lowerHost);
    }

    boolean selects(String path) {
      return selector == null || selector.matches(path);
    }
  }

  /** One REST rule body: method, path glob, query matchers. */
  private static final class CompiledRule {
    final String method;
    final Glob path;
    final boolean anyPath;
    final List<String> queryKeys = new ArrayList<>();
    final List<List<Glob>> queryMatchers = new ArrayList<>();

    CompiledRule(RuleBody body) {
      this.method = body.method();
      this.anyPath = body.path().equals("**");
      this.path = body.path().isEmpty() || anyPath ? null : new Glob(body.path(), '/');
      for (Map.Entry<String, ValueMatcher> q : body.query().entrySet()) {
        List<Glob> alternatives = new ArrayList<>();
        for (String glob : q.getValue().globs()) {
          alternatives.add(new Glob(glob));
        }
        queryKeys.add(q.getKey());
        queryMatchers.add(alternatives);
      }
    }

    private boolean methodAndPathMatch(String requestMethod, String requestPath) {
      if (method.isEmpty()) {
        return false;
      }
      boolean methodMatches =
          method.equals("*")
              || method.equalsIgnoreCase(requestMethod)
              || (method.equalsIgnoreCase("GET") && requestMethod.equalsIgnoreCase("HEAD"));
      if (!methodMatches) {
        return false;
      }
      return anyPath || (path != null && path.matches(requestPath));
    }

    boolean matchesAsAllow(String requestMethod, String requestPath, Map<String, List<String>> query) {
      if (!methodAndPathMatch(requestMethod, requestPath)) {
        return false;
      }
      for (int k = 0; k < queryKeys.size(); k++) {
        List<String> values = query.get(queryKeys.get(k));
        if (values == null || values.isEmpty()) {
          return false;
        }
        for (String value : values) {
          if (!anyMatches(queryMatchers.get(k), value)) {
            return false;
          }
        }
      }
      return true;
    }

    boolean matchesAsDeny(String requestMethod, String requestPath, Map<String, List<String>> query) {
      if (!methodAndPathMatch(requestMethod, requestPath)) {
        return false;
      }
      for (int k = 0; k < queryKeys.size(); k++) {
        List<String> values = query.get(queryKeys.get(k));
        if (values == null) {
          return false;
        }
        boolean some = false;
        for (String value : values) {
          some |= anyMatches(queryMatchers.get(k), value);
        }
        if (!some) {
          return false;
        }
      }
      return true;
    }

    private static boolean anyMatches(List<Glob> globs, String value) {
      for (Glob glob : globs) {
        if (glob.matches(value)) {
          return true;
        }
      }
      return false;
    }
  }
}
