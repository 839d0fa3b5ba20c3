package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The floors a decision is compared with: the least any decision must do with the same input. The network floor is
 * one {@link HashMap} lookup of the requested host in a table of the policy's endpoint hosts; the request floor one
 * lookup of the request path in a table of the mix's paths. The strings reuse their cached hash codes, so a floor is
 * a few nanoseconds: what a hand-written allowlist of exact hosts would cost, not a policy decision.
 */
public final class Floors {
  private Floors() {}

  /**
   * Every endpoint host of the policy, lower-cased, to its entry key.
   *
   * @param policy the policy
   * @return the table
   */
  public static Map<String, String> hostTable(Policy policy) {
    Map<String, String> hosts = new HashMap<>();
    for (Map.Entry<String, NetworkPolicy> e : policy.networkPolicies().entrySet()) {
      for (Endpoint endpoint : e.getValue().endpoints()) {
        hosts.put(endpoint.host().toLowerCase(Locale.ROOT), e.getKey());
      }
    }
    return hosts;
  }

  /**
   * Every path of the requests, to a constant.
   *
   * @param requests the requests
   * @return the table
   */
  public static Map<String, String> routeTable(List<RestCase> requests) {
    Map<String, String> routes = new HashMap<>();
    for (RestCase r : requests) {
      routes.put(r.path(), "route");
    }
    return routes;
  }
}
