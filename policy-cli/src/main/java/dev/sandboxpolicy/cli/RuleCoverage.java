package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.MatchTrace;
import dev.sandboxpolicy.model.SourceLocation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which entries, endpoints, binaries, allow rules and deny rules of the policies under test some case exercised:
 * the union of the cases' {@link MatchTrace}s, per policy (cases of several test files that test the same policy add
 * up), against every item the policy has ({@link dev.sandboxpolicy.matcher.CompiledPolicy#traceItems()}).
 *
 * <p>The percentage is exercised items over all items, over every policy; it is rounded down (99.99% is shown as
 * 99.9%, never as 100%), and {@link #meets(BigDecimal)} compares exactly.
 */
final class RuleCoverage {

  /** The largest {@code --min-coverage}. */
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** One policy's items and the ones some case matched. */
  static final class PolicyCoverage {
    private final PolicyUnderTest policy;
    private final List<MatchTrace.Item> items;
    private final Set<String> matched = new HashSet<>();

    PolicyCoverage(PolicyUnderTest policy) {
      this.policy = policy;
      this.items = policy.compiled().traceItems();
    }

    PolicyUnderTest policy() {
      return policy;
    }

    List<MatchTrace.Item> items() {
      return items;
    }

    /** The items no case exercised, in document order. */
    List<MatchTrace.Item> unexercised() {
      return items.stream().filter(i -> !matched.contains(i.pointer())).toList();
    }

    long covered() {
      return items.size() - unexercised().size();
    }
  }

  private final Map<String, PolicyCoverage> policies = new LinkedHashMap<>();

  /** Makes {@code policy} part of the report even before any case ran against it. */
  void register(PolicyUnderTest policy) {
    policies.computeIfAbsent(policy.identity(), k -> new PolicyCoverage(policy));
  }

  /** Adds what one case's request matched. */
  void add(PolicyUnderTest policy, MatchTrace trace) {
    register(policy);
    policies.get(policy.identity()).matched.addAll(trace.matched());
  }

  List<PolicyCoverage> policies() {
    return List.copyOf(policies.values());
  }

  long total() {
    return policies.values().stream().mapToLong(p -> p.items.size()).sum();
  }

  long covered() {
    return policies.values().stream().mapToLong(PolicyCoverage::covered).sum();
  }

  /** The percentage of items exercised, rounded down to {@code scale} decimals; 100 when there are no items. */
  BigDecimal percent(int scale) {
    long total = total();
    if (total == 0) {
      return HUNDRED.setScale(scale, RoundingMode.UNNECESSARY);
    }
    return BigDecimal.valueOf(covered()).multiply(HUNDRED).divide(BigDecimal.valueOf(total), scale, RoundingMode.DOWN);
  }

  /** Whether at least {@code minimum} percent of the items were exercised (exact: covered * 100 >= minimum * total). */
  boolean meets(BigDecimal minimum) {
    return BigDecimal.valueOf(covered()).multiply(HUNDRED).compareTo(minimum.multiply(BigDecimal.valueOf(total()))) >= 0;
  }

  /** Exercised and total items per kind, over every policy. */
  Map<MatchTrace.Kind, long[]> byKind() {
    Map<MatchTrace.Kind, long[]> out = new EnumMap<>(MatchTrace.Kind.class);
    for (MatchTrace.Kind k : MatchTrace.Kind.values()) {
      out.put(k, new long[2]);
    }
    for (PolicyCoverage p : policies.values()) {
      for (MatchTrace.Item i : p.items) {
        long[] counts = out.get(i.kind());
        counts[1]++;
        if (p.matched.contains(i.pointer())) {
          counts[0]++;
        }
      }
    }
    return out;
  }

  /** The plural label of a kind in text output: {@code entries}, {@code allow rules}, ... */
  static String label(MatchTrace.Kind kind) {
    return switch (kind) {
      case ENTRY -> "entries";
      case ENDPOINT -> "endpoints";
      case BINARY -> "binaries";
      case ALLOW_RULE -> "allow rules";
      case DENY_RULE -> "deny rules";
    };
  }

  /** The text report: a summary line, the counts per kind, then every item no case exercised. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("coverage: " + percent(1).toPlainString() + "% (" + covered() + " of " + total() + " items)");
    List<String> kinds = new ArrayList<>();
    byKind().forEach((k, c) -> kinds.add(label(k) + " " + c[0] + "/" + c[1]));
    out.add("  " + String.join(", ", kinds));
    for (PolicyCoverage p : policies.values()) {
      List<MatchTrace.Item> missing = p.unexercised();
      if (missing.isEmpty()) {
        continue;
      }
      out.add("not exercised in " + p.policy.description() + ":");
      for (MatchTrace.Item i : missing) {
        out.add("  " + p.policy.where(i.pointer(), i.location()) + ": " + i.kind().wireName() + " " + i.pointer());
      }
    }
    return out;
  }

  /**
   * {@code {"percent", "covered", "total", "minimum"?, "by_kind": {KIND: {"covered", "total"}}, "policies": [{"policy",
   * "covered", "total"}], "uncovered": [{"kind", "pointer", "file", "line", "column", "policy"}]}}.
   */
  ObjectNode toJson(BigDecimal minimum) {
    ObjectNode o = Json.object();
    o.put("percent", percent(2));
    o.put("covered", covered());
    o.put("total", total());
    if (minimum != null) {
      o.put("minimum", minimum);
      o.put("meets_minimum", meets(minimum));
    }
    ObjectNode kinds = o.putObject("by_kind");
    byKind().forEach((k, c) -> kinds.putObject(k.wireName()).put("covered", c[0]).put("total", c[1]));
    ArrayNode list = o.putArray("policies");
    ArrayNode uncovered = o.putArray("uncovered");
    for (PolicyCoverage p : policies.values()) {
      list.addObject().put("policy", p.policy.description()).put("covered", p.covered()).put("total", p.items.size());
      for (MatchTrace.Item i : p.unexercised()) {
        ObjectNode u = uncovered.addObject();
        u.put("kind", i.kind().wireName());
        u.put("pointer", i.pointer());
        u.put("file", p.policy.fileOf(i.pointer()));
        SourceLocation at = p.policy.position(i.pointer(), i.location());
        Json.position(u, at.line(), at.column());
        u.put("policy", p.policy.description());
      }
    }
    return o;
  }
}
