package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rule hygiene, decided by the compiled matcher on the cells of {@link RequestCells} and {@link NetworkAtoms}:
 *
 * <ul>
 *   <li>{@code redundant_rule}: an allow rule of an endpoint such that no request is allowed by it alone among the
 *       endpoint's rules (every request it allows, another rule of the endpoint allows too; or it allows nothing).
 *       The endpoint's rules are compiled twice, in their order and reversed, in one synthetic policy each: a request
 *       that only one rule allows is reported by that rule in both orders.
 *   <li>{@code unreachable_deny_rule}: a deny rule that matches no request its endpoint allows. Reported only for
 *       endpoints that share their hosts and ports with no other endpoint: deny rules apply across every endpoint a
 *       request meets (spec §3.5), so elsewhere a deny rule may guard another endpoint's allow set.
 *   <li>{@code redundant_entry}: an entry whose removal changes no decision: every connection it allows has another
 *       entry allowing it (with the same executable), and a comparison of the entries it meets with and without it
 *       finds no difference.
 * </ul>
 *
 * <p>Only REST-shaped endpoints ({@code rest}, {@code websocket} without GraphQL, {@code sql} and protocol-less
 * endpoints with rules) are linted for rules; endpoints with request bodies (GraphQL, JSON-RPC, MCP) are not.
 */
final class Lint {
  private static final String AGENT = "/lint/agent";
  private static final String HOST_SUFFIX = ".lint.invalid";
  private static final int PORT = 443;
  /** Entry keys named in one {@code redundant_entry} message (the rest are counted). */
  static final int MAX_LISTED = 10;

  private final PolicyModel model;
  private final List<Problem> out = new ArrayList<>();
  private final Languages languages = new Languages();

  private Lint(PolicyModel model) {
    this.model = model;
  }

  static List<Problem> run(PolicyModel model) {
    Lint lint = new Lint(model);
    NetworkAtoms atoms;
    try {
      atoms = NetworkAtoms.of(List.of(model), lint.languages);
    } catch (ProductSearch.StateLimitException e) {
      return List.of(); // too large to decide: no warning rather than a guess
    }
    BitSet[] hostEndpoints = atoms.endpointsByHostAtom(model);
    lint.rules(hostEndpoints);
    lint.entries(hostEndpoints, atoms.entriesByBinaryAtom(model));
    lint.out.sort(Comparator.comparingInt(Problem::line).thenComparing(Problem::pointer));
    return List.copyOf(lint.out);
  }

  // ------------------------------------------------------------------------------------------ rules

  private static boolean lintable(PolicyModel.Ep e) {
    return e.bodyProtocol == null && !Protocol.TCP.is(e.protocol);
  }

  private void rules(BitSet[] hostEndpoints) {
    List<PolicyModel.Ep> redundancy = new ArrayList<>();
    List<PolicyModel.Ep> denies = new ArrayList<>();
    BitSet shared = sharedEndpoints(hostEndpoints);
    for (PolicyModel.Ep e : model.endpoints) {
      if (!lintable(e)) {
        continue;
      }
      if (e.allow.size() >= 2) {
        redundancy.add(e);
      }
      if (!e.deny.isEmpty() && !shared.get(e.ordinal) && (!e.allow.isEmpty() || !e.source.access().isEmpty())) {
        denies.add(e);
      }
    }
    if (!redundancy.isEmpty()) {
      redundantRules(redundancy);
    }
    if (!denies.isEmpty()) {
      unreachableDenies(denies);
    }
  }

  /** Endpoints that meet another endpoint on some host atom and port. */
  private BitSet sharedEndpoints(BitSet[] hostEndpoints) {
    BitSet out = new BitSet();
    for (BitSet eps : hostEndpoints) {
      if (eps.cardinality() < 2) {
        continue;
      }
      Map<Integer, List<Integer>> byPort = new HashMap<>();
      for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
        for (int p : model.endpoints.get(i).ports) {
          byPort.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
        }
      }
      for (List<Integer> same : byPort.values()) {
        if (same.size() > 1) {
          same.forEach(out::set);
        }
      }
    }
    return out;
  }

  /** One synthetic endpoint per linted endpoint, on a host of its own, enforced, with the allow side only. */
  private static Endpoint synthetic(PolicyModel.Ep e, String host, List<AllowRule> rules, List<RuleBody> deny) {
    Protocol protocol = Protocol.WEBSOCKET.is(e.protocol) ? Protocol.WEBSOCKET : Protocol.REST;
    Endpoint.Builder b = Endpoint.builder().host(host).port(PORT).protocol(protocol.wireName())
        .enforcement(Enforcement.ENFORCE.wireName())
        .path(e.source.path()).allowEncodedSlash(e.source.allowEncodedSlash());
    if (rules != null) {
      b.rules(rules);
    } else {
      b.access(e.source.access());
    }
    if (!deny.isEmpty()) {
      b.denyRules(deny);
    }
    return b.build();
  }

  private static NetworkPolicy entryOf(Endpoint e) {
    return NetworkPolicy.builder().addEndpoints(e).addBinaries(Binary.builder().path(AGENT).build()).build();
  }

  private static Optional<PolicyModel> compile(String side, Map<String, NetworkPolicy> entries) {
    try {
      return Optional.of(PolicyModel.of(side, Policy.builder().version(1L).networkPolicies(entries).build()));
    } catch (PolicyCompileException e) {
      return Optional.empty(); // a synthetic copy that does not validate is not linted (no guess)
    }
  }

  private void redundantRules(List<PolicyModel.Ep> eps) {
    Map<String, NetworkPolicy> forward = new LinkedHashMap<>();
    Map<String, NetworkPolicy> reversed = new LinkedHashMap<>();
    for (int i = 0; i < eps.size(); i++) {
      PolicyModel.Ep e = eps.get(i);
      List<AllowRule> rules = e.source.allowRules();
      List<AllowRule> backwards = new ArrayList<>(rules);
      java.util.Collections.reverse(backwards);
      String host = "r" + i + HOST_SUFFIX;
      forward.put(key(i), entryOf(synthetic(e, host, rules, List.of())));
      reversed.put(key(i), entryOf(synthetic(e, host, backwards, List.of())));
    }
    Optional<PolicyModel> f = compile("lint", forward);
    Optional<PolicyModel> r = compile("lint", reversed);
    if (f.isEmpty() || r.isEmpty()) {
      return;
    }
    for (int i = 0; i < eps.size(); i++) {
      PolicyModel.Ep e = eps.get(i);
      int written = e.source.allowRules().size();
      boolean[] alone = new boolean[written];
      PolicyModel.Ep fe = f.get().endpointAt(JsonPointer.key("/network_policies", key(i)) + "/endpoints/0");
      NetworkRequest conn = NetworkRequest.of("r" + i + HOST_SUFFIX, PORT, AGENT);
      if (!forEachCell(List.of(fe), conn, req -> {
        Decision df = f.get().compiled.decideRequest(req);
        if (!df.isAllowed()) {
          return;
        }
        Decision dr = r.get().compiled.decideRequest(req);
        int first = ruleIndex(df.rulePointer());
        int lastReversed = ruleIndex(dr.rulePointer());
        if (first >= 0 && lastReversed >= 0 && first == written - 1 - lastReversed) {
          alone[first] = true;
        }
      })) {
        continue;
      }
      List<AllowRule> rules = e.source.allowRules();
      for (int k = 0; k < written; k++) {
        if (!alone[k] && rules.get(k).allow().isPresent()) {
          String pointer = e.pointer + "/rules/" + k;
          out.add(warning(ProblemCode.REDUNDANT_RULE, pointer, rules.get(k).location(),
              "allow rule " + describe(rules.get(k).allow().get()) + " allows no request that the other rules of "
                  + "this endpoint do not already allow; removing it changes no decision"));
        }
      }
    }
  }

  private void unreachableDenies(List<PolicyModel.Ep> eps) {
    Map<String, NetworkPolicy> allowOnly = new LinkedHashMap<>();
    Map<String, NetworkPolicy> withDeny = new LinkedHashMap<>();
    for (int i = 0; i < eps.size(); i++) {
      PolicyModel.Ep e = eps.get(i);
      String host = "d" + i + HOST_SUFFIX;
      List<AllowRule> rules = e.source.access().isEmpty() || !e.source.allowRules().isEmpty()
          ? e.source.allowRules() : null;
      allowOnly.put(key(i), entryOf(synthetic(e, host, rules, List.of())));
      for (int j = 0; j < e.deny.size(); j++) {
        withDeny.put(key(i) + "_" + j, entryOf(synthetic(e, denyHost(i, j), rules, List.of(e.deny.get(j)))));
      }
    }
    Optional<PolicyModel> a = compile("lint", allowOnly);
    Optional<PolicyModel> d = compile("lint", withDeny);
    if (a.isEmpty() || d.isEmpty()) {
      return;
    }
    for (int i = 0; i < eps.size(); i++) {
      PolicyModel.Ep e = eps.get(i);
      List<PolicyModel.Ep> variants = new ArrayList<>();
      for (int j = 0; j < e.deny.size(); j++) {
        variants.add(d.get().endpointAt(JsonPointer.key("/network_policies", key(i) + "_" + j) + "/endpoints/0"));
      }
      boolean[] reached = new boolean[e.deny.size()];
      NetworkRequest conn = NetworkRequest.of("d" + i + HOST_SUFFIX, PORT, AGENT);
      int index = i;
      if (!forEachCell(variants, conn, req -> {
        if (!a.get().compiled.decideRequest(req).isAllowed()) {
          return;
        }
        for (int j = 0; j < reached.length; j++) {
          if (!reached[j]) {
            NetworkRequest dc = NetworkRequest.of(denyHost(index, j), PORT, AGENT);
            L7Request moved = L7Request.of(dc, req.method(), req.path()).withQuery(req.query());
            Decision dd = d.get().compiled.decideRequest(moved);
            reached[j] = !dd.isAllowed() && dd.rulePointer().endsWith("/deny_rules/0");
          }
        }
      })) {
        continue;
      }
      for (int j = 0; j < reached.length; j++) {
        if (!reached[j]) {
          RuleBody body = e.deny.get(j);
          out.add(warning(ProblemCode.UNREACHABLE_DENY_RULE, e.pointer + "/deny_rules/" + j, body.location(),
              "deny rule " + describe(body) + " matches no request this endpoint allows; it never changes a decision"));
        }
      }
    }
  }

  /** Runs {@code action} on one request per cell of the endpoints; false when the cells could not be cut. */
  private boolean forEachCell(List<PolicyModel.Ep> eps, NetworkRequest conn,
      java.util.function.Consumer<L7Request> action) {
    RequestCells cells;
    try {
      cells = new RequestCells(eps, languages, NetworkAtoms.MAX_PRODUCT_STATES);
    } catch (ProductSearch.StateLimitException e) {
      return false;
    }
    for (PolicyModel.Ep e : eps) {
      if (cells.unmodelled(cells.signature(e)) != null) {
        return false;
      }
    }
    List<String> refused = new ArrayList<>();
    cells.forEach(cell -> {
      action.accept(L7Request.of(conn, cell.method, cell.pathText()).withQuery(cell.query()));
      return false;
    }, refused, false);
    return refused.isEmpty();
  }

  /** The written rule index of a {@code .../rules/<k>} pointer, or -1. */
  private static int ruleIndex(String pointer) {
    int at = pointer.lastIndexOf("/rules/");
    if (at < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(pointer.substring(at + "/rules/".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String denyHost(int endpoint, int rule) {
    return "d" + endpoint + "-" + rule + HOST_SUFFIX;
  }

  private static String key(int i) {
    return "l" + i;
  }

  // ------------------------------------------------------------------------------------------ entries

  private void entries(BitSet[] hostEps, BitSet[] binEntries) {
    EntryRedundancy r = new EntryRedundancy(model, languages, hostEps, binEntries);
    for (EntryRedundancy.Redundant e : r.find()) {
      String others = e.others().isEmpty() ? "it allows nothing"
          : "every connection and request it allows is already allowed by " + listed(e.others());
      PolicyModel.Entry entry = model.entries.get(e.entry());
      out.add(warning(ProblemCode.REDUNDANT_ENTRY, JsonPointer.key("/network_policies", entry.key),
          entry.source.location(), "entry '" + entry.key + "' can be removed without changing any decision: "
              + others));
    }
  }

  /** At most {@link #MAX_LISTED} keys, then how many more. */
  private static String listed(Set<String> keys) {
    if (keys.size() <= MAX_LISTED) {
      return keys.toString();
    }
    List<String> first = new ArrayList<>(keys).subList(0, MAX_LISTED);
    return "[" + String.join(", ", first) + ", ... and " + (keys.size() - MAX_LISTED) + " more]";
  }

  // ------------------------------------------------------------------------------------------ output

  private Problem warning(ProblemCode code, String pointer, SourceLocation at, String message) {
    SourceLocation where = at.line() > 0 ? at : model.locate(pointer);
    return Problem.warning(code, new SourceLocation(pointer, where.line(), where.column()), message);
  }

  private static String describe(RuleBody b) {
    StringBuilder sb = new StringBuilder("{");
    if (!b.method().isEmpty()) {
      sb.append("method: ").append(b.method());
    }
    if (!b.path().isEmpty()) {
      sb.append(sb.length() > 1 ? ", " : "").append("path: ").append(b.path());
    }
    if (!b.query().isEmpty()) {
      sb.append(sb.length() > 1 ? ", " : "").append("query: ").append(b.query());
    }
    return sb.append('}').toString();
  }
}
