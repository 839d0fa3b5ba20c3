package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import dev.sandboxpolicy.model.net.CidrRange;
import dev.sandboxpolicy.model.net.IpAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network part of a comparison: every connection and request one policy lets through and the other does not.
 *
 * <p>How it is exact. A network decision depends on the request only through which host patterns match the host,
 * the port, and which binary patterns match the executable and its ancestors; a request decision, on top of that,
 * only through which rules, selectors and routes match the method, path and query. So the analysis cuts each
 * dimension into atoms ({@link PatternAtoms}, {@link RequestCells}), decides one witness per combination with the
 * compiled matchers of both policies ({@link Outcomes}), and reports the combinations where they differ. Ancestors
 * matter only through the union of the entries their binaries match; every such union is visited.
 *
 * <p>Work is bounded: products of automata, identity unions, query combinations and request classes each have a
 * limit, and a limit reached is reported as unsupported, never explored until memory runs out.
 */
final class NetworkDiff {
  /** Bound on the states of any one automaton product (hosts, binaries, paths, values). */
  static final int MAX_PRODUCT_STATES = NetworkAtoms.MAX_PRODUCT_STATES;
  /** Bound on the distinct unions of binary matches (executable plus ancestors) per host and port. */
  static final int MAX_IDENTITY_UNIONS = 256;
  /** Bound on the distinct request classes (pairs of endpoint sets) in one comparison. */
  static final int MAX_REQUEST_CLASSES = 100_000;

  /** Receives differences; returns true to stop the search. */
  interface Sink {
    boolean accept(Finding finding);
  }

  /**
   * One difference: the witness, what each policy does with it, and a key grouping differences that come from the
   * same allowing rule and the same denial.
   */
  record Finding(boolean widened, String layer, Witness.Network witness, Origin before, Origin after, String group,
      int port) {}

  private final PolicyModel before;
  private final PolicyModel after;
  private final boolean wantWidened;
  private final boolean wantNarrowed;
  private final Sink sink;
  private final Set<String> unsupported;
  private boolean stopped;

  private NetworkAtoms atoms;
  private PatternAtoms hosts;
  private PatternAtoms binaries;
  private final Set<List<BitSet>> seenClasses = new HashSet<>();
  /** Request cells by the request-relevant content of the endpoints they were cut for. */
  private final Map<Set<String>, RequestCells> cellsBySignature = new java.util.HashMap<>();
  /** Automata built during this comparison, by pattern (path, route and value globs repeat across classes). */
  private final Map<String, dev.sandboxpolicy.model.automaton.ByteDfa> languages;

  NetworkDiff(PolicyModel before, PolicyModel after, boolean wantWidened, boolean wantNarrowed, Sink sink,
      Set<String> unsupported) {
    this(before, after, wantWidened, wantNarrowed, sink, unsupported, new java.util.HashMap<>());
  }

  /** As above, sharing automata with other analyses through {@code languages} (see {@link RequestCells}). */
  NetworkDiff(PolicyModel before, PolicyModel after, boolean wantWidened, boolean wantNarrowed, Sink sink,
      Set<String> unsupported, Map<String, dev.sandboxpolicy.model.automaton.ByteDfa> languages) {
    this.languages = languages;
    this.before = before;
    this.after = after;
    this.wantWidened = wantWidened;
    this.wantNarrowed = wantNarrowed;
    this.sink = sink;
    this.unsupported = unsupported;
  }

  void run() {
    try {
      atoms = NetworkAtoms.of(List.of(before, after), languages);
      hosts = atoms.hosts;
      binaries = atoms.binaries;
    } catch (ProductSearch.StateLimitException e) {
      unsupported.add("resource limit: the host or binary patterns need more than " + e.limit()
          + " automaton states together (refused, not explored)");
      return;
    }
    BitSet[] hostEpsBefore = atoms.endpointsByHostAtom(before);
    BitSet[] hostEpsAfter = atoms.endpointsByHostAtom(after);
    BitSet[] binEntriesBefore = atoms.entriesByBinaryAtom(before);
    BitSet[] binEntriesAfter = atoms.entriesByBinaryAtom(after);
    for (int h = 0; h < hosts.atoms.size() && !stopped; h++) {
      BitSet epsBefore = hostEpsBefore[h];
      BitSet epsAfter = hostEpsAfter[h];
      if (epsBefore.isEmpty() && epsAfter.isEmpty()) {
        continue;
      }
      Set<Integer> ports = new TreeSet<>();
      NetworkAtoms.addPorts(before, epsBefore, ports);
      NetworkAtoms.addPorts(after, epsAfter, ports);
      for (int port : ports) {
        if (stopped) {
          return;
        }
        connectionCells(h, port, NetworkAtoms.onPort(before, epsBefore, port), NetworkAtoms.onPort(after, epsAfter, port), binEntriesBefore,
            binEntriesAfter);
      }
    }
  }

  /** The host a request carries so that the decision compares {@code compared} (one trailing dot is removed). */
  static String requestHost(String compared) {
    return compared.endsWith(".") ? compared + "." : compared;
  }

  /** The connections (single executables) on one host atom and port, then the request classes they open. */
  private void connectionCells(int h, int port, BitSet epsBefore, BitSet epsAfter, BitSet[] binBefore,
      BitSet[] binAfter) {
    BitSet entBefore = NetworkAtoms.entriesOf(before, epsBefore);
    BitSet entAfter = NetworkAtoms.entriesOf(after, epsAfter);
    String host = requestHost(hosts.atoms.get(h).witness);
    Map<List<BitSet>, List<Integer>> pairs = new LinkedHashMap<>();
    for (int x = 0; x < binaries.atoms.size() && !stopped; x++) {
      BitSet b = (BitSet) binBefore[x].clone();
      b.and(entBefore);
      BitSet a = (BitSet) binAfter[x].clone();
      a.and(entAfter);
      if (a.isEmpty() && b.isEmpty()) {
        continue;
      }
      NetworkRequest conn = NetworkRequest.of(host, port, binaries.atoms.get(x).witness);
      Origin ob = Outcomes.of(before, conn);
      Origin oa = Outcomes.of(after, conn);
      boolean ipLiteral = !CallSiteLanguages.hostNames().matches(
          hosts.atoms.get(h).witness.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      checkModel(before, ob, !b.isEmpty(), conn, ipLiteral);
      checkModel(after, oa, !a.isEmpty(), conn, ipLiteral);
      if (oa.outcome().passes() && !ob.outcome().passes() && wantWidened) {
        emit(new Finding(true, "connection", new Witness.Network(conn, Optional.empty()), ob, oa,
            connectionGroup(oa, entBefore.isEmpty()), port));
      } else if (ob.outcome().passes() && !oa.outcome().passes() && wantNarrowed) {
        emit(new Finding(false, "connection", new Witness.Network(conn, Optional.empty()), ob, oa,
            connectionGroup(ob, entAfter.isEmpty()), port));
      }
      pairs.computeIfAbsent(List.of(NetworkAtoms.endpointsOfEntries(before, epsBefore, b),
          NetworkAtoms.endpointsOfEntries(after, epsAfter, a)), k -> new ArrayList<>()).add(x);
    }
    if (!stopped) {
      requestClasses(host, port, pairs);
    }
  }

  /**
   * The model says a connection is allowed iff the matcher does, except for IP-literal hosts, whose decision adds the
   * destination check (spec §3.9).
   */
  private void checkModel(PolicyModel m, Origin o, boolean modelAllows, NetworkRequest conn, boolean ipLiteral) {
    if (o.outcome().passes() != modelAllows && !(modelAllows && ipLiteral)) {
      unsupported.add("internal: the analysis and the matcher disagree on " + conn + " under the " + m.side
          + " policy; the result is withheld (please report this)");
    }
  }

  private static String connectionGroup(Origin allowing, boolean noEndpointOnOtherSide) {
    return "connection|" + allowing.pointer() + "|" + (noEndpointOnOtherSide ? "endpoint" : "binary");
  }

  /**
   * Every union of the entry sets the executables match (a request's executable and ancestors) that both policies
   * let connect becomes a request class, visited once per comparison.
   */
  private void requestClasses(String host, int port, Map<List<BitSet>, List<Integer>> base) {
    Map<List<BitSet>, List<Integer>> closure = new LinkedHashMap<>(base);
    List<List<BitSet>> order = new ArrayList<>(base.keySet());
    for (int i = 0; i < order.size(); i++) {
      List<BitSet> item = order.get(i);
      for (Map.Entry<List<BitSet>, List<Integer>> b : base.entrySet()) {
        BitSet ub = (BitSet) item.get(0).clone();
        ub.or(b.getKey().get(0));
        BitSet ua = (BitSet) item.get(1).clone();
        ua.or(b.getKey().get(1));
        List<BitSet> union = List.of(ub, ua);
        if (!closure.containsKey(union)) {
          if (closure.size() >= MAX_IDENTITY_UNIONS) {
            unsupported.add("resource limit: more than " + MAX_IDENTITY_UNIONS + " combinations of executable and "
                + "ancestors on " + host + ":" + port + " (refused, not explored)");
            return;
          }
          List<Integer> ids = new ArrayList<>(closure.get(item));
          for (int x : b.getValue()) {
            if (!ids.contains(x)) {
              ids.add(x);
            }
          }
          closure.put(union, ids);
          order.add(union);
        }
      }
    }
    for (Map.Entry<List<BitSet>, List<Integer>> c : closure.entrySet()) {
      if (stopped) {
        return;
      }
      BitSet mb = c.getKey().get(0);
      BitSet ma = c.getKey().get(1);
      if (mb.isEmpty() || ma.isEmpty() || seenClasses.contains(c.getKey())) {
        continue;
      }
      List<Integer> ids = c.getValue();
      List<String> ancestors = new ArrayList<>();
      for (int i = 1; i < ids.size(); i++) {
        ancestors.add(binaries.atoms.get(ids.get(i)).witness);
      }
      NetworkRequest conn = NetworkRequest.of(host, port, binaries.atoms.get(ids.get(0)).witness)
          .withAncestors(ancestors);
      if (!Outcomes.of(before, conn).outcome().passes() || !Outcomes.of(after, conn).outcome().passes()) {
        continue; // not a connection both allow: its difference is a connection difference
      }
      if (seenClasses.size() >= MAX_REQUEST_CLASSES) {
        unsupported.add("resource limit: more than " + MAX_REQUEST_CLASSES + " request classes (refused)");
        stopped = true;
        return;
      }
      seenClasses.add(c.getKey());
      destinations(conn, mb, ma);
      requestCells(conn, mb, ma);
    }
  }

  /**
   * The destination check (spec §3.9) of a connection both policies allow depends on the first endpoint with
   * extended config ({@code allowed_ips}) and on whether an exact host was declared. When those differ, the
   * connection is decided again under both policies with each atom of the address space as its resolved address
   * ({@link Destinations}); an address one lets through and the other refuses is a difference whose witness carries
   * that address.
   */
  private void destinations(NetworkRequest conn, BitSet mb, BitSet ma) {
    String b = destinationMode(before, mb);
    String a = destinationMode(after, ma);
    if (a.equals(b)) {
      return;
    }
    List<CidrRange> extra = new ArrayList<>();
    addAllowedIps(before, mb, extra);
    addAllowedIps(after, ma, extra);
    for (IpAddress ip : Destinations.representatives(extra)) {
      if (stopped) {
        return;
      }
      NetworkRequest resolved = conn.withResolvedAddresses(List.of(ip));
      Origin ob = Outcomes.of(before, resolved);
      Origin oa = Outcomes.of(after, resolved);
      Witness.Network w = new Witness.Network(resolved, Optional.empty());
      if (oa.outcome().passes() && !ob.outcome().passes() && wantWidened) {
        emit(new Finding(true, "destination", w, ob, oa, "destination|" + oa.pointer() + "|" + b, conn.port()));
      } else if (ob.outcome().passes() && !oa.outcome().passes() && wantNarrowed) {
        emit(new Finding(false, "destination", w, ob, oa, "destination|" + ob.pointer() + "|" + a, conn.port()));
      }
    }
  }

  private static void addAllowedIps(PolicyModel m, BitSet eps, List<CidrRange> out) {
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      for (String ip : m.endpoints.get(i).source.allowedIps()) {
        CidrRange.tryParse(ip.trim()).ifPresent(out::add);
      }
    }
  }

  private static String destinationMode(PolicyModel m, BitSet eps) {
    String ips = null;
    boolean exact = false;
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      PolicyModel.Ep e = m.endpoints.get(i);
      boolean extended = e.inspected || !e.source.allowedIps().isEmpty() || !e.source.tls().isEmpty();
      if (ips == null && extended) {
        Set<String> set = new TreeSet<>();
        e.source.allowedIps().forEach(ip -> set.add(ip.trim().toLowerCase(Locale.ROOT)));
        ips = set.toString();
      }
      exact |= !e.hostless && !e.wildcard;
    }
    if (ips != null && !ips.equals("[]")) {
      return "allowed_ips " + ips; // the list decides; whether an exact host was declared no longer matters
    }
    return "no allowed_ips" + (exact ? ", exact host declared" : ", no exact host");
  }

  /** The requests of one class: decided cell by cell under both policies. */
  private void requestCells(NetworkRequest conn, BitSet mb, BitSet ma) {
    boolean beforeRelaysAll = noneInspected(before, mb);
    boolean afterRelaysAll = noneInspected(after, ma);
    boolean widen = wantWidened && !beforeRelaysAll;
    boolean narrow = wantNarrowed && !afterRelaysAll;
    if ((!widen && !narrow) || sameDecisions(mb, ma)) {
      return;
    }
    List<PolicyModel.Ep> eps = new ArrayList<>();
    for (int i = mb.nextSetBit(0); i >= 0; i = mb.nextSetBit(i + 1)) {
      eps.add(before.endpoints.get(i));
    }
    for (int i = ma.nextSetBit(0); i >= 0; i = ma.nextSetBit(i + 1)) {
      eps.add(after.endpoints.get(i));
    }
    for (PolicyModel.Ep e : eps) {
      if (e.bodyProtocol != null) {
        unsupported.add((before.endpoints.contains(e) ? before.side : after.side) + " policy: " + e.bodyProtocol);
        return;
      }
    }
    Set<String> signature = new TreeSet<>();
    for (PolicyModel.Ep e : eps) {
      signature.add(e.requestSignature);
    }
    RequestCells cells = cellsBySignature.get(signature);
    List<String> found = new ArrayList<>();
    if (cells == null) {
      try {
        cells = new RequestCells(eps, languages, MAX_PRODUCT_STATES, found);
      } catch (ProductSearch.StateLimitException e) {
        unsupported.add("resource limit: the paths of the endpoints on " + conn.host() + ":" + conn.port()
            + " need more than " + e.limit() + " automaton states (refused, not explored)");
        return;
      }
      cellsBySignature.put(signature, cells);
    }
    unsupported.addAll(found);
    for (String method : cells.methods) {
      for (int p = 0; p < cells.paths.size(); p++) {
        Optional<List<Map<String, List<String>>>> queries = cells.queries(method, p);
        if (queries.isEmpty()) {
          unsupported.add("resource limit: more than " + RequestCells.MAX_QUERY_COMBINATIONS
              + " query combinations for " + method + " " + cells.paths.get(p) + " on " + conn.host() + ":"
              + conn.port() + " (refused, not explored)");
          continue;
        }
        for (Map<String, List<String>> query : queries.get()) {
          if (stopped) {
            return;
          }
          L7Request r = L7Request.of(conn, method, cells.paths.get(p)).withQuery(query);
          Origin ob = Outcomes.onAllowedConnection(before, r);
          Origin oa = Outcomes.onAllowedConnection(after, r);
          boolean pb = ob.outcome().passes();
          boolean pa = oa.outcome().passes();
          if (pa && !pb && widen) {
            emit(new Finding(true, "request", new Witness.Network(conn, Optional.of(r)), ob, oa,
                requestGroup(oa, ob), conn.port()));
          } else if (pb && !pa && narrow) {
            emit(new Finding(false, "request", new Witness.Network(conn, Optional.of(r)), ob, oa,
                requestGroup(ob, oa), conn.port()));
          }
        }
      }
    }
  }

  /** True when both sides meet endpoints that decide requests alike, in the same order: no request can differ. */
  private boolean sameDecisions(BitSet mb, BitSet ma) {
    if (mb.cardinality() != ma.cardinality()) {
      return false;
    }
    for (int i = mb.nextSetBit(0), j = ma.nextSetBit(0); i >= 0; i = mb.nextSetBit(i + 1), j = ma.nextSetBit(j + 1)) {
      if (!before.endpoints.get(i).decisionSignature.equals(after.endpoints.get(j).decisionSignature)) {
        return false;
      }
    }
    return true;
  }

  private static boolean noneInspected(PolicyModel m, BitSet eps) {
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      if (m.endpoints.get(i).inspected) {
        return false;
      }
    }
    return true;
  }

  private static String requestGroup(Origin passing, Origin refusing) {
    return "request|" + passing.outcome() + "|" + passing.pointer() + "|" + refusing.pointer();
  }

  private void emit(Finding f) {
    // re-decide before anything is returned: the witness must pass under one policy and not under the other
    Origin b = Outcomes.of(before, f.witness());
    Origin a = Outcomes.of(after, f.witness());
    boolean ok = f.widened() ? a.outcome().passes() && !b.outcome().passes()
        : b.outcome().passes() && !a.outcome().passes();
    if (!ok) {
      unsupported.add("internal: a witness failed its re-check (" + f.witness().describe()
          + "); the result is withheld (please report this)");
      return;
    }
    if (sink.accept(f)) {
      stopped = true;
    }
  }

}
