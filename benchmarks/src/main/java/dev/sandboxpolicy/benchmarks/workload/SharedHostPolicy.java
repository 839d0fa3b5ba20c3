package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Many entries on few hosts: the shape of a policy that grew by presets and custom entries for the same API hosts,
 * each entry with its own executables and REST rules (where {@link ScalePolicy}'s entries mostly have hosts of their
 * own). {@code entries} entries spread over {@code hosts} hosts ({@code api.serviceN.example.com}, all on port 443,
 * some also on 8443; one host in ten is audited, the others enforced), each entry with one to three endpoints, an
 * executable of its own (a third also share {@code /usr/bin/curl} or {@code /usr/bin/python3}, one in ten uses a glob
 * such as {@code /opt/tool1*}{@code /bin/*}), one to four allow rules over a shared vocabulary of API paths (literal
 * and globbed, 15 % with a query matcher) or an access preset, deny rules on one endpoint in eight, a path selector on
 * one in twenty and a wildcard host ({@code *.serviceN.example.com}) on one in twenty. Fixed seed: every run
 * analyses the same document.
 *
 * <pre>{@code
 * Policy p = SharedHostPolicy.withEntries(1_000, 10);   // 1,000 entries, about 100 per host
 * }</pre>
 */
public final class SharedHostPolicy {
  /** The seed of every shared-host policy. */
  public static final long SEED = 14L;

  private static final List<String> RESOURCES =
      List.of("repos", "issues", "models", "files", "users", "orgs", "jobs", "runs", "chat", "search");
  private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE", "*");
  private static final List<String> ACCESS = List.of("read-only", "read-write", "full");
  private static final List<String> SHARED_BINARIES = List.of("/usr/bin/curl", "/usr/bin/python3");
  private static final List<String> QUERY_VALUES = List.of("*", "v*", "main", "[0-9]*", "{json,yaml}");

  private SharedHostPolicy() {}

  /**
   * Generates the policy.
   *
   * @param entries number of network-policy entries
   * @param hosts number of distinct API hosts they share
   * @return the policy
   */
  public static Policy withEntries(int entries, int hosts) {
    SplittableRandom random = new SplittableRandom(SEED);
    Policy.Builder policy = Policy.builder().version(1L);
    for (int i = 0; i < entries; i++) {
      policy.putNetworkPolicies(String.format("custom_%05d", i), entry(random, i, hosts));
    }
    return policy.build();
  }

  private static NetworkPolicy entry(SplittableRandom random, int index, int hosts) {
    NetworkPolicy.Builder entry = NetworkPolicy.builder();
    int endpoints = 1 + random.nextInt(3);
    Set<Integer> used = new LinkedHashSet<>();
    for (int i = 0; i < endpoints; i++) {
      int host = random.nextInt(hosts);
      if (used.add(host)) {
        entry.addEndpoints(endpoint(random, host));
      }
    }
    Set<String> binaries = new LinkedHashSet<>();
    if (random.nextInt(10) == 0) {
      binaries.add("/opt/tool" + (index % 97) + "*/bin/*");
    } else {
      binaries.add("/opt/tool" + index + "/bin/run");
    }
    if (random.nextInt(3) == 0) {
      binaries.add(SHARED_BINARIES.get(random.nextInt(SHARED_BINARIES.size())));
    }
    binaries.forEach(b -> entry.addBinaries(Binary.builder().path(b).build()));
    return entry.build();
  }

  private static Endpoint endpoint(SplittableRandom random, int host) {
    String name = "service" + host + ".example.com";
    Endpoint.Builder e = Endpoint.builder()
        .host(random.nextInt(20) == 0 ? "*." + name : "api." + name)
        .protocol(Protocol.REST.wireName())
        .enforcement(host % 10 == 9 ? Enforcement.AUDIT.wireName() : Enforcement.ENFORCE.wireName());
    if (random.nextInt(5) == 0) {
      e.ports(List.of(443, 8443));
    } else {
      e.port(443);
    }
    if (random.nextInt(20) == 0) {
      e.path("/v1/" + pick(random, RESOURCES) + "/**");
    }
    if (random.nextInt(6) == 0) {
      e.access(pick(random, ACCESS));
    } else {
      List<AllowRule> rules = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        rules.add(AllowRule.builder().allow(body(random, pick(random, METHODS))).build());
      }
      e.rules(List.copyOf(new LinkedHashSet<>(rules)));
    }
    if (random.nextInt(8) == 0) {
      e.denyRules(List.of(body(random, random.nextBoolean() ? "DELETE" : "*")));
    }
    return e.build();
  }

  private static RuleBody body(SplittableRandom random, String method) {
    String resource = pick(random, RESOURCES);
    String path = switch (random.nextInt(6)) {
      case 0 -> "/v1/" + resource;
      case 1 -> "/v1/" + resource + "/*";
      case 2 -> "/v1/" + resource + "/**";
      case 3 -> "/v1/" + resource + "/*/" + pick(random, RESOURCES);
      case 4 -> "/v" + (1 + random.nextInt(2)) + "/" + resource + "/{a,b}*";
      default -> "/v1/" + resource + "/" + random.nextInt(50);
    };
    RuleBody.Builder b = RuleBody.builder().method(method).path(path);
    if (random.nextInt(7) == 0) {
      b.query(Map.of(random.nextBoolean() ? "ref" : "format", ValueMatcher.glob(pick(random, QUERY_VALUES))));
    }
    return b.build();
  }

  private static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
