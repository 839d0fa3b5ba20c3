package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.testkit.Generator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Generated policies whose entries crowd onto one to three hosts: where the executables and ancestors a connection
 * carries combine the entries they match, so that the analysis must decide unions of entries, not single ones. Small
 * vocabularies make entries overlap: four executables and two binary globs, exact and wildcard hosts, a handful of
 * REST paths (with route selectors of several specificities), access presets, deny rules, query matchers, plain L4
 * endpoints next to inspected ones, audit mode and encoded slashes on some hosts. Every generated policy compiles
 * (the metadata that spec §2.6 requires to agree is chosen per host and selector).
 *
 * <p>{@link #samples} draws connections and requests from the same vocabularies, with executables and ancestors
 * taken from the policy's binaries, for checking the analysis against the testkit's reference matcher.
 */
final class SharedHostPolicies {
  static final List<String> LITERAL_BINARIES = List.of("/usr/bin/curl", "/usr/bin/python3", "/opt/a/bin/run",
      "/opt/b/bin/run");
  static final List<String> BINARY_GLOBS = List.of("/usr/bin/*", "/opt/*/bin/run");
  private static final List<String> OTHER_BINARIES = List.of("/usr/bin/other", "/opt/c/bin/run", "/usr/local/bin/x");
  private static final List<String> RULE_PATHS = List.of("/v1/repos/**", "/v1/repos/*", "/v1/repos", "/v1/users",
      "/v1/*/x", "/v2/**", "/**", "/v1/{repos,users}/*", "**");
  private static final List<String> SELECTORS = List.of("/v1/**", "/v1/repos/**", "/v2/*");
  private static final List<String> SAMPLE_PATHS = List.of("/", "/v1", "/v1/repos", "/v1/repos/a", "/v1/repos/a/b",
      "/v1/users", "/v1/users/x", "/v1/a/x", "/v2/y", "/v2/y/z", "/v3", "/v1/repos/a%2Fb");
  private static final List<String> METHODS = List.of("GET", "POST", "DELETE", "*", "PUT");
  private static final List<String> SAMPLE_METHODS = List.of("GET", "HEAD", "POST", "DELETE", "PUT", "get", "TRACE",
      "OPTIONS", "PATCH");
  private static final List<String> VALUE_GLOBS = List.of("*", "v*", "main", "*.json");
  private static final List<String> SAMPLE_VALUES = List.of("main", "v1", "x.json", "1", "v1.json");
  private static final List<String> ACCESS = List.of("read-only", "read-write", "full");

  private SharedHostPolicies() {}

  /** Policies of 2 to {@code 2 + size} entries on 1 to 3 hosts (regenerated until one compiles). */
  static Generator<Policy> policies() {
    return (random, size) -> {
      for (int attempt = 0; ; attempt++) {
        Policy p = policy(random, 2 + random.nextInt(Math.max(1, size) + 1), 1 + random.nextInt(3));
        try {
          CompiledPolicy.compile(p);
          return p;
        } catch (PolicyCompileException e) {
          if (attempt > 50) {
            throw new IllegalStateException("no valid shared-host policy in 50 attempts: " + e.getMessage(), e);
          }
        }
      }
    };
  }

  private static Policy policy(RandomGenerator random, int entries, int hosts) {
    // per host: base enforcement and encoded slashes; per host and selector: its own (specificities differ)
    List<String> enforcement = new ArrayList<>();
    List<Boolean> slash = new ArrayList<>();
    List<Map<String, String>> selectorEnforcement = new ArrayList<>();
    for (int h = 0; h < hosts; h++) {
      enforcement.add(random.nextInt(4) == 0 ? "audit" : "enforce");
      slash.add(random.nextInt(5) == 0);
      Map<String, String> bySelector = new TreeMap<>();
      for (String s : SELECTORS) {
        bySelector.put(s, random.nextInt(3) == 0 ? "audit" : "enforce");
      }
      selectorEnforcement.add(bySelector);
    }
    Policy.Builder b = Policy.builder().version(1L);
    for (int i = 0; i < entries; i++) {
      NetworkPolicy.Builder entry = NetworkPolicy.builder();
      int endpoints = 1 + random.nextInt(2);
      for (int k = 0; k < endpoints; k++) {
        int h = random.nextInt(hosts);
        entry.addEndpoints(endpoint(random, h, enforcement.get(h), slash.get(h), selectorEnforcement.get(h)));
      }
      Set<String> binaries = new LinkedHashSet<>();
      int count = 1 + random.nextInt(2);
      for (int k = 0; k < count; k++) {
        binaries.add(random.nextInt(4) == 0 ? pick(random, BINARY_GLOBS) : pick(random, LITERAL_BINARIES));
      }
      binaries.forEach(path -> entry.addBinaries(Binary.builder().path(path).build()));
      b.putNetworkPolicies("e" + i, entry.build());
    }
    return b.build();
  }

  private static Endpoint endpoint(RandomGenerator random, int h, String enforcement, boolean slash,
      Map<String, String> selectorEnforcement) {
    String domain = "h" + h + ".example.com";
    Endpoint.Builder e = Endpoint.builder().host(random.nextInt(5) == 0 ? "*." + domain : "api." + domain).port(443);
    if (random.nextInt(6) == 0) {
      if (random.nextBoolean()) {
        e.access("full"); // a plain L4 endpoint whose access preset still allows requests beside inspected ones
      }
      return e.build();
    }
    e.protocol("rest");
    if (random.nextInt(4) == 0) {
      String selector = pick(random, SELECTORS);
      e.path(selector).enforcement(selectorEnforcement.get(selector));
    } else {
      e.enforcement(enforcement).allowEncodedSlash(slash);
    }
    if (random.nextInt(5) == 0) {
      e.access(pick(random, ACCESS));
    } else {
      List<AllowRule> rules = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        rules.add(AllowRule.builder().allow(body(random, pick(random, METHODS))).build());
      }
      e.rules(List.copyOf(new LinkedHashSet<>(rules)));
    }
    if (random.nextInt(4) == 0) {
      e.denyRules(List.of(body(random, pick(random, List.of("DELETE", "*", "GET")))));
    }
    return e.build();
  }

  private static RuleBody body(RandomGenerator random, String method) {
    RuleBody.Builder b = RuleBody.builder().method(method).path(pick(random, RULE_PATHS));
    if (random.nextInt(5) == 0) {
      b.query(Map.of(random.nextBoolean() ? "ref" : "format", random.nextInt(4) == 0
          ? ValueMatcher.any(List.of(pick(random, VALUE_GLOBS), pick(random, VALUE_GLOBS)))
          : ValueMatcher.glob(pick(random, VALUE_GLOBS))));
    }
    return b.build();
  }

  /**
   * Connections and requests to the policy's hosts, from executables and ancestors among its binaries (and others),
   * with the paths, methods and query values of the vocabularies: all inside the universes the analysis covers.
   */
  static List<Witness.Network> samples(Policy policy, RandomGenerator random, int count) {
    List<String> hosts = new ArrayList<>();
    Set<String> binaries = new LinkedHashSet<>(OTHER_BINARIES);
    for (NetworkPolicy e : policy.networkPolicies().values()) {
      for (Endpoint ep : e.endpoints()) {
        String domain = ep.host().substring(ep.host().indexOf('.') + 1);
        hosts.add("api." + domain);
        hosts.add("x." + domain);
      }
      for (Binary bin : e.binaries()) {
        binaries.add(bin.path().equals("/usr/bin/*") ? "/usr/bin/wget" : bin.path().equals("/opt/*/bin/run")
            ? "/opt/z/bin/run" : bin.path());
      }
    }
    List<String> identities = new ArrayList<>(binaries);
    List<Witness.Network> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String exe = pick(random, identities);
      List<String> ancestors = new ArrayList<>();
      int n = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
      for (int k = 0; k < n; k++) {
        ancestors.add(pick(random, identities));
      }
      NetworkRequest conn = NetworkRequest.of(pick(random, hosts), 443, exe).withAncestors(ancestors);
      if (random.nextInt(5) == 0) {
        out.add(new Witness.Network(conn, java.util.Optional.empty()));
        continue;
      }
      String path = pick(random, SAMPLE_PATHS);
      Map<String, List<String>> query = new TreeMap<>();
      for (String key : List.of("ref", "format")) {
        if (random.nextInt(3) == 0) {
          List<String> values = new ArrayList<>();
          int m = 1 + random.nextInt(2);
          for (int k = 0; k < m; k++) {
            values.add(pick(random, SAMPLE_VALUES));
          }
          query.put(key, values);
        }
      }
      out.add(new Witness.Network(conn, java.util.Optional.of(
          L7Request.of(conn, pick(random, SAMPLE_METHODS), path).withQuery(query))));
    }
    return out;
  }

  static <T> T pick(RandomGenerator random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
