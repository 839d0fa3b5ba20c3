package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exact analysis of policies: containment with a counterexample ({@link #prove}), a semantic diff with witnesses
 * ({@link #compare}), rule hygiene ({@link #lint}) and the requests people get wrong ({@link #surprises}).
 *
 * <p>"Allowed" means what the proxy lets through: a connection the network decision allows, and a request the
 * request decision allows, or that an endpoint in audit mode forwards although its rules deny it, or that travels on
 * a connection with no inspected endpoint (relayed without a request decision). Globs are compiled to automata and
 * compared exactly (products and emptiness checks, spec §3.2); every witness returned is a concrete connection or
 * request that the compiled matcher has decided under both policies. What is not modelled is named in an {@code
 * unsupported} list, never guessed: GraphQL, JSON-RPC and MCP request bodies, middlewares, differing destination
 * ({@code allowed_ips}) checks, process identity changes, filesystem paths that only symbolic-link resolution could
 * decide, and anything beyond the search bounds.
 *
 * <pre>{@code
 * Policy boundary = PolicyReader.of(ReadMode.STRICT).readPolicy(boundaryYaml).orElseThrow();
 * Policy candidate = PolicyReader.of(ReadMode.STRICT).readPolicy(candidateYaml).orElseThrow();
 *
 * Containment c = PolicyAnalysis.prove(boundary, candidate);
 * if (c.result() == Containment.Result.EXCEEDS_BOUNDARY) {
 *   System.out.println(c.counterexample().get().describe()); // "POST api.github.com:443/repos/a/b by /usr/bin/gh"
 * }
 *
 * Comparison diff = PolicyAnalysis.compare(before, after);
 * diff.relation();                  // WIDER
 * diff.widened().forEach(r -> System.out.println(r.witness().describe() + "  <- " + r.after().describe()));
 *
 * List<Problem> hygiene = PolicyAnalysis.lint(policy);    // redundant_rule, redundant_entry, unreachable_deny_rule
 * }</pre>
 *
 * <p>Both policies are validated and compiled first; a policy with validation errors throws {@link
 * PolicyCompileException} carrying the problems.
 */
public final class PolicyAnalysis {
  /** At most this many unsupported reasons are listed; the rest are counted in a last line. */
  static final int MAX_UNSUPPORTED_REASONS = 50;

  private PolicyAnalysis() {}

  /**
   * Is everything the candidate allows also allowed by the boundary? Follows {@code openshell-prover check}: domains
   * filesystem, Landlock, process identity, network connections (binary with ancestors, host, port) and REST requests
   * (method, path, query, deny rules, access presets, audit mode).
   *
   * @param boundary the policy that must contain the candidate
   * @param candidate the policy to check
   * @return within, exceeds with a counterexample, or unsupported naming what is not modelled
   * @throws PolicyCompileException if either policy has validation errors
   */
  public static Containment prove(Policy boundary, Policy candidate) throws PolicyCompileException {
    Objects.requireNonNull(boundary, "boundary");
    Objects.requireNonNull(candidate, "candidate");
    PolicyModel b = PolicyModel.of("boundary", boundary);
    PolicyModel c = PolicyModel.of("candidate", candidate);
    if (boundary.equals(candidate)) {
      return new Containment(Containment.Result.WITHIN_BOUNDARY, Optional.empty(), Optional.empty(),
          Optional.empty(), List.of());
    }
    Set<String> unsupported = new LinkedHashSet<>();
    unsupported.addAll(b.unsupported);
    unsupported.addAll(c.unsupported);
    List<StaticSections.Excess> excess = new ArrayList<>();
    StaticSections.excess(boundary, candidate, "boundary", "candidate", excess, unsupported);
    if (!excess.isEmpty()) {
      StaticSections.Excess e = excess.get(0);
      return exceeds(e.witness(), staticOrigin(Origin.Outcome.DENIED, SourceLocation.NONE),
          staticOrigin(Origin.Outcome.ALLOWED, e.location()), unsupported);
    }
    NetworkDiff.Finding[] first = new NetworkDiff.Finding[1];
    new NetworkDiff(b, c, true, false, f -> {
      first[0] = f;
      return true;
    }, unsupported).run();
    if (first[0] != null) {
      return exceeds(first[0].witness(), first[0].before(), first[0].after(), unsupported);
    }
    StaticSections.process(boundary, candidate, "boundary", "candidate", unsupported);
    List<String> reasons = cap(unsupported);
    return new Containment(reasons.isEmpty() ? Containment.Result.WITHIN_BOUNDARY : Containment.Result.UNSUPPORTED,
        Optional.empty(), Optional.empty(), Optional.empty(), reasons);
  }

  private static Containment exceeds(Witness w, Origin boundary, Origin candidate, Set<String> unsupported) {
    return new Containment(Containment.Result.EXCEEDS_BOUNDARY, Optional.of(w), Optional.of(boundary),
        Optional.of(candidate), cap(unsupported));
  }

  private static Origin staticOrigin(Origin.Outcome outcome, SourceLocation at) {
    return new Origin(outcome, Optional.empty(), at.pointer(), at, "");
  }

  /**
   * How does {@code after} relate to {@code before}? Every widened region (allowed after, denied before) and
   * narrowed region (the reverse) with one witness each, grouped by the allowing entry, endpoint and rule. Reordering
   * entries, renaming keys or splitting one entry into two gives {@link Comparison.Relation#EQUIVALENT}.
   *
   * @param before the earlier policy (for a preset: the policy it is applied to)
   * @param after the later policy (the merge result)
   * @return the relation and the regions
   * @throws PolicyCompileException if either policy has validation errors
   */
  public static Comparison compare(Policy before, Policy after) throws PolicyCompileException {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    PolicyModel b = PolicyModel.of("before", before);
    PolicyModel a = PolicyModel.of("after", after);
    Set<String> unsupported = new LinkedHashSet<>();
    unsupported.addAll(b.unsupported);
    unsupported.addAll(a.unsupported);
    List<Region> widened = new ArrayList<>();
    List<Region> narrowed = new ArrayList<>();
    List<StaticSections.Excess> more = new ArrayList<>();
    StaticSections.excess(before, after, "before", "after", more, unsupported);
    for (StaticSections.Excess e : more) {
      widened.add(new Region(e.witness().domain(), e.witness(), staticOrigin(Origin.Outcome.DENIED,
          SourceLocation.NONE), staticOrigin(Origin.Outcome.ALLOWED, e.location()), Region.Scope.NONE));
    }
    List<StaticSections.Excess> less = new ArrayList<>();
    StaticSections.excess(after, before, "after", "before", less, unsupported);
    for (StaticSections.Excess e : less) {
      narrowed.add(new Region(e.witness().domain(), e.witness(), staticOrigin(Origin.Outcome.ALLOWED, e.location()),
          staticOrigin(Origin.Outcome.DENIED, SourceLocation.NONE), Region.Scope.NONE));
    }
    StaticSections.process(before, after, "before", "after", unsupported);
    Map<String, List<NetworkDiff.Finding>> groups = new LinkedHashMap<>();
    new NetworkDiff(b, a, true, true, f -> {
      groups.computeIfAbsent((f.widened() ? "+" : "-") + f.group(), k -> new ArrayList<>()).add(f);
      return false;
    }, unsupported).run();
    for (List<NetworkDiff.Finding> group : groups.values()) {
      NetworkDiff.Finding f = group.get(0);
      Set<Integer> ports = new TreeSet<>();
      group.forEach(x -> ports.add(x.port()));
      PolicyModel allowing = f.widened() ? a : b;
      Origin allowed = f.widened() ? f.after() : f.before();
      Region r = new Region(f.layer(), f.witness(), f.before(), f.after(), scope(allowing, allowed, ports));
      (f.widened() ? widened : narrowed).add(r);
    }
    return new Comparison(Comparison.Relation.of(!widened.isEmpty(), !narrowed.isEmpty()), widened, narrowed,
        cap(unsupported));
  }

  /** The allowing entry's binaries, endpoint host and the rule's method and path, as written. */
  private static Region.Scope scope(PolicyModel m, Origin allowed, Set<Integer> ports) {
    PolicyModel.Ep e = m.endpointAt(allowed.pointer());
    if (e == null) {
      return new Region.Scope(List.of(), "", List.copyOf(ports), "", "");
    }
    RuleBody rule = m.ruleAt(allowed.pointer());
    String method = rule != null ? rule.method() : allowed.pointer().endsWith("/access") ? e.source.access() : "";
    String path = rule != null ? rule.path() : "";
    return new Region.Scope(e.entry.binaries, e.source.host(), List.copyOf(ports), method, path);
  }

  /**
   * Rule hygiene: allow rules that other rules of their endpoint already cover ({@code redundant_rule}), entries
   * whose removal changes nothing ({@code redundant_entry}), and deny rules that match nothing their endpoint allows
   * ({@code unreachable_deny_rule}). Each is a warning located like a validation problem.
   *
   * @param policy the policy
   * @return the warnings, in document order
   * @throws PolicyCompileException if the policy has validation errors
   */
  public static List<Problem> lint(Policy policy) throws PolicyCompileException {
    return Lint.run(PolicyModel.of("linted", policy));
  }

  /**
   * The boundary requests whose answers people get wrong, for this policy, each decided by the compiled matcher: the
   * apex of {@code *.example.com}, {@code /api} against {@code /api/**}, case, trailing dots, encoded slashes,
   * IPv4-mapped addresses, {@code HEAD} under a {@code GET} rule, an {@code enforcement} value that means audit.
   *
   * @param policy the policy
   * @return the surprises, grouped by the pattern they come from
   * @throws PolicyCompileException if the policy has validation errors
   */
  public static List<Surprise> surprises(Policy policy) throws PolicyCompileException {
    return Surprises.of(PolicyModel.of("policy", policy));
  }

  static List<String> cap(Set<String> reasons) {
    List<String> out = new ArrayList<>();
    for (String r : reasons) {
      if (out.size() == MAX_UNSUPPORTED_REASONS) {
        out.add("... and " + (reasons.size() - MAX_UNSUPPORTED_REASONS) + " more");
        break;
      }
      out.add(r);
    }
    return out;
  }
}
