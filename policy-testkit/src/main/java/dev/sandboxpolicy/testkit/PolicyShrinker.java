package dev.sandboxpolicy.testkit;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.RuleBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shrinks policies towards the smallest one that still fails a property: first drops static sections and halves
 * of the entries, then single entries, then single endpoints, binaries, allow rules, deny rules and query
 * matchers. Every candidate is structurally smaller than its input, so shrinking always terminates.
 *
 * <p><b>Warning:</b> candidates may be invalid policies (an entry without binaries, an inspected endpoint left
 * with no allow rule). Properties that assume validity should check it first, or shrinking may wander into a
 * different failure.
 */
public final class PolicyShrinker {

  private PolicyShrinker() {}

  /** A shrinker of whole policies. */
  public static Shrinker<Policy> policies() {
    return PolicyShrinker::candidates;
  }

  static List<Policy> candidates(Policy policy) {
    List<Policy> out = new ArrayList<>();
    if (policy.filesystemPolicy().isPresent() || policy.landlock().isPresent() || policy.process().isPresent()) {
      out.add(Policy.builder().from(policy).filesystemPolicy(Optional.empty()).landlock(Optional.empty())
          .process(Optional.empty()).build());
    }
    List<Map.Entry<String, NetworkPolicy>> entries = new ArrayList<>(policy.networkPolicies().entrySet());
    int n = entries.size();
    if (n > 1) {
      out.add(withEntries(policy, entries.subList(0, n / 2)));
      out.add(withEntries(policy, entries.subList(n / 2, n)));
    }
    for (int i = 0; i < n && n > 0; i++) {
      List<Map.Entry<String, NetworkPolicy>> without = new ArrayList<>(entries);
      without.remove(i);
      out.add(withEntries(policy, without));
    }
    for (int i = 0; i < n; i++) {
      for (NetworkPolicy smaller : entryCandidates(entries.get(i).getValue())) {
        List<Map.Entry<String, NetworkPolicy>> replaced = new ArrayList<>(entries);
        replaced.set(i, Map.entry(entries.get(i).getKey(), smaller));
        out.add(withEntries(policy, replaced));
      }
    }
    return out;
  }

  private static Policy withEntries(Policy policy, List<Map.Entry<String, NetworkPolicy>> entries) {
    Map<String, NetworkPolicy> map = new LinkedHashMap<>();
    entries.forEach(e -> map.put(e.getKey(), e.getValue()));
    return Policy.builder().from(policy).networkPolicies(map).build();
  }

  private static List<NetworkPolicy> entryCandidates(NetworkPolicy entry) {
    List<NetworkPolicy> out = new ArrayList<>();
    List<Endpoint> endpoints = entry.endpoints();
    for (int i = 0; i < endpoints.size() && endpoints.size() > 1; i++) {
      List<Endpoint> without = new ArrayList<>(endpoints);
      without.remove(i);
      out.add(NetworkPolicy.builder().from(entry).endpoints(without).build());
    }
    for (int i = 0; i < entry.binaries().size() && entry.binaries().size() > 1; i++) {
      List<dev.sandboxpolicy.model.Binary> without = new ArrayList<>(entry.binaries());
      without.remove(i);
      out.add(NetworkPolicy.builder().from(entry).binaries(without).build());
    }
    if (!entry.name().isEmpty()) {
      out.add(NetworkPolicy.builder().from(entry).name("").build());
    }
    for (int i = 0; i < endpoints.size(); i++) {
      for (Endpoint smaller : endpointCandidates(endpoints.get(i))) {
        List<Endpoint> replaced = new ArrayList<>(endpoints);
        replaced.set(i, smaller);
        out.add(NetworkPolicy.builder().from(entry).endpoints(replaced).build());
      }
    }
    return out;
  }

  private static List<Endpoint> endpointCandidates(Endpoint e) {
    List<Endpoint> out = new ArrayList<>();
    if (e.ports().size() > 1) {
      out.add(Endpoint.builder().from(e).ports(List.of(e.ports().get(0))).build());
    }
    if (!e.path().isEmpty()) {
      out.add(Endpoint.builder().from(e).path("").build());
    }
    if (e.denyRules().isPresent()) {
      out.add(Endpoint.builder().from(e).denyRules(Optional.empty()).build());
      List<RuleBody> deny = e.denyRuleBodies();
      for (int i = 0; i < deny.size() && deny.size() > 1; i++) {
        List<RuleBody> without = new ArrayList<>(deny);
        without.remove(i);
        out.add(Endpoint.builder().from(e).denyRules(without).build());
      }
    }
    List<AllowRule> rules = e.allowRules();
    for (int i = 0; i < rules.size() && rules.size() > 1; i++) {
      List<AllowRule> without = new ArrayList<>(rules);
      without.remove(i);
      out.add(Endpoint.builder().from(e).rules(without).build());
    }
    for (int i = 0; i < rules.size(); i++) {
      RuleBody body = rules.get(i).allow().orElse(null);
      if (body != null && !body.query().isEmpty()) {
        List<AllowRule> replaced = new ArrayList<>(rules);
        replaced.set(i, AllowRule.builder().allow(RuleBody.builder().from(body).query(Map.of()).build()).build());
        out.add(Endpoint.builder().from(e).rules(replaced).build());
      }
    }
    return out;
  }
}
