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
 * dimension into atoms ({@link PatternAtoms}, {@link RequestCells}). Connections (host atom, port, binary atom)
 * are decided one witness each by the compiled matchers of both policies ({@link Outcomes}). Ancestors matter only
 * through the union of the entries their binaries match, and there can be exponentially many unions; a request
 * decision reads a union of endpoint sets only through a summary that joins ({@link CandidateSummary}), so per
 * request cell the reachable pairs of summaries are a closure computed from the binary atoms alone, and each pair
 * where one policy lets the request through and the other does not is a difference. Every difference is returned
 * with a concrete witness (the request, with one executable per binary atom of the combination) that both compiled
 * matchers decide again before it is reported.
 *
 * <p>Work is bounded: products of automata, query combinations and summary closures each have a limit, and a limit
 * reached is reported as unsupported, never explored until memory runs out.
 */
final class NetworkDiff {
  /** Bound on the states of any one automaton product (hosts, binaries, paths, values). */
  static final int MAX_PRODUCT_STATES = NetworkAtoms.MAX_PRODUCT_STATES;
  /**
   * Bound on the reachable pairs of candidate summaries for one request cell. A summary has a handful of flags, a
   * route specificity and at most one route-less endpoint, so real closures have tens of elements; this only stops a
   * pathological policy.
   */
  static final int MAX_SUMMARY_CLOSURE = 4096;

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
  /** The endpoint-set pairs of host atoms and ports whose requests were decided (another one decides alike). */
  private final Set<Set<List<BitSet>>> seenHostPorts = new HashSet<>();
  /** Request cells by the request-relevant content of the endpoints they were cut for. */
  private final Map<Set<String>, RequestCells> cellsBySignature = new java.util.HashMap<>();
  /** Automata built during this comparison, by pattern (path, route and value globs repeat across hosts). */
  private final Languages languages;

  NetworkDiff(PolicyModel before, PolicyModel after, boolean wantWidened, boolean wantNarrowed, Sink sink,
      Set<String> unsupported) {
    this(before, after, wantWidened, wantNarrowed, sink, unsupported, new Languages());
  }

  /** As above, sharing automata with other analyses through {@code languages}. */
  NetworkDiff(PolicyModel before, PolicyModel after, boolean wantWidened, boolean wantNarrowed, Sink sink,
      Set<String> unsupported, Languages languages) {
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

  /** The connections (single executables) on one host atom and port, then the requests they open. */
  private void connectionCells(int h, int port, BitSet epsBefore, BitSet epsAfter, BitSet[] binBefore,
      BitSet[] binAfter) {
    BitSet entBefore = NetworkAtoms.entriesOf(before, epsBefore);
    BitSet entAfter = NetworkAtoms.entriesOf(after, epsAfter);
    String host = requestHost(hosts.atoms.get(h).witness);
    boolean ipLiteral = !CallSiteLanguages.hostNames().matches(
        hosts.atoms.get(h).witness.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<List<BitSet>, Integer> pairs = new LinkedHashMap<>();
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
      checkModel(before, ob, !b.isEmpty(), conn, ipLiteral);
      checkModel(after, oa, !a.isEmpty(), conn, ipLiteral);
      if (oa.outcome().passes() && !ob.outcome().passes() && wantWidened) {
        emit(new Finding(true, "connection", new Witness.Network(conn, Optional.empty()), ob, oa,
            connectionGroup(oa, entBefore.isEmpty()), port));
      } else if (ob.outcome().passes() && !oa.outcome().passes() && wantNarrowed) {
        emit(new Finding(false, "connection", new Witness.Network(conn, Optional.empty()), ob, oa,
            connectionGroup(ob, entAfter.isEmpty()), port));
      }
      pairs.putIfAbsent(List.of(NetworkAtoms.endpointsOfEntries(before, epsBefore, b),
          NetworkAtoms.endpointsOfEntries(after, epsAfter, a)), x);
    }
    if (!stopped && !entBefore.isEmpty() && !entAfter.isEmpty()) {
      List<List<BitSet>> sets = new ArrayList<>(pairs.keySet());
      List<Integer> atomOf = new ArrayList<>(pairs.values());
      destinations(host, port, sets, atomOf);
      if (!stopped && seenHostPorts.add(new HashSet<>(sets)) && !symmetric(sets)) {
        requests(host, port, sets, atomOf);
      }
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

  /** The connection whose executable and ancestors are the witnesses of the given binary atoms. */
  private NetworkRequest identity(String host, int port, List<Integer> atoms) {
    List<String> ancestors = new ArrayList<>();
    for (int i = 1; i < atoms.size(); i++) {
      ancestors.add(binaries.atoms.get(atoms.get(i)).witness);
    }
    return NetworkRequest.of(host, port, binaries.atoms.get(atoms.get(0)).witness).withAncestors(ancestors);
  }

  /**
   * True when the endpoints on both sides correspond one to one, with equal request signatures and met by the same
   * executables (the same pairs of {@code sets}): every combination of executable and ancestors then meets
   * corresponding endpoint sets, whose request decisions are equal ({@link CandidateSummary} reads nothing else), so
   * no request can tell the policies apart. Reordered or renamed entries are found equivalent here without cutting a
   * cell.
   */
  private boolean symmetric(List<List<BitSet>> sets) {
    return endpointKinds(before, sets, 0).equals(endpointKinds(after, sets, 1));
  }

  /** For each endpoint of one side: its decision signature and the pairs it is in, counted. */
  private static Map<String, Integer> endpointKinds(PolicyModel m, List<List<BitSet>> sets, int side) {
    Map<Integer, StringBuilder> in = new java.util.TreeMap<>();
    for (int p = 0; p < sets.size(); p++) {
      BitSet eps = sets.get(p).get(side);
      for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
        in.computeIfAbsent(i, k -> new StringBuilder()).append(p).append(',');
      }
    }
    Map<String, Integer> out = new java.util.HashMap<>();
    in.forEach((i, pairs) -> out.merge(m.endpoints.get(i).decisionSignature + "\u0000" + pairs, 1, Integer::sum));
    return out;
  }

  /** A reachable pair of summaries and the binary atoms of one executable-and-ancestors combination producing it. */
  private record Reached(long before, long after, List<Integer> atoms) {}

  /**
   * The requests on one host and port. Every combination of executable and ancestors meets a union of the endpoint
   * sets of its binary atoms; per cell, the summaries ({@link CandidateSummary}) those unions can have are the
   * closure of the atoms' summaries under join, so the cell is decided for every combination by looking at that
   * closure: a pair of summaries where one policy lets the request through and the other does not is a difference,
   * whose witness (the request with one executable per atom of the combination) the matchers then decide.
   */
  private void requests(String host, int port, List<List<BitSet>> sets, List<Integer> atomOf) {
    List<PolicyModel.Ep> eps = new ArrayList<>();
    BitSet allBefore = new BitSet();
    BitSet allAfter = new BitSet();
    for (List<BitSet> pair : sets) {
      allBefore.or(pair.get(0));
      allAfter.or(pair.get(1));
    }
    for (int i = allBefore.nextSetBit(0); i >= 0; i = allBefore.nextSetBit(i + 1)) {
      eps.add(before.endpoints.get(i));
    }
    for (int i = allAfter.nextSetBit(0); i >= 0; i = allAfter.nextSetBit(i + 1)) {
      eps.add(after.endpoints.get(i));
    }
    Set<String> signature = new TreeSet<>();
    for (PolicyModel.Ep e : eps) {
      signature.add(e.requestSignature);
    }
    RequestCells cells = cellsBySignature.get(signature);
    if (cells == null) {
      try {
        cells = new RequestCells(eps, languages, MAX_PRODUCT_STATES);
      } catch (ProductSearch.StateLimitException e) {
        unsupported.add("resource limit: the paths of the endpoints on " + host + ":" + port
            + " need more than " + e.limit() + " automaton states (refused, not explored)");
        return;
      }
      cellsBySignature.put(signature, cells);
    }
    for (PolicyModel.Ep e : eps) {
      String why = cells.unmodelled(cells.signature(e));
      if (why != null) {
        unsupported.add((before.endpoints.contains(e) ? before.side : after.side) + " policy: " + why);
        return;
      }
    }
    EndpointSummaries sb = new EndpointSummaries(before, cells, allBefore);
    EndpointSummaries sa = new EndpointSummaries(after, cells, allAfter);
    List<int[]> localBefore = new ArrayList<>();
    List<int[]> localAfter = new ArrayList<>();
    for (List<BitSet> pair : sets) {
      localBefore.add(sb.locals(pair.get(0)));
      localAfter.add(sa.locals(pair.get(1)));
    }
    List<String> refused = new ArrayList<>();
    cells.forEach(cell -> {
      Map<List<Long>, Reached> closure = new LinkedHashMap<>();
      List<Reached> base = new ArrayList<>();
      for (int i = 0; i < sets.size(); i++) {
        Reached r = new Reached(sb.of(localBefore.get(i), cell), sa.of(localAfter.get(i), cell),
            List.of(atomOf.get(i)));
        if (closure.putIfAbsent(List.of(r.before(), r.after()), r) == null) {
          base.add(r);
        }
      }
      List<Reached> order = new ArrayList<>(base);
      for (int i = 0; i < order.size(); i++) {
        Reached r = order.get(i);
        for (Reached b : base) {
          long jb = CandidateSummary.join(r.before(), b.before());
          long ja = CandidateSummary.join(r.after(), b.after());
          if (!closure.containsKey(List.of(jb, ja))) {
            if (closure.size() >= MAX_SUMMARY_CLOSURE) {
              unsupported.add("resource limit: more than " + MAX_SUMMARY_CLOSURE + " distinct combinations of "
                  + "endpoints for one request on " + host + ":" + port + " (refused, not explored)");
              return true;
            }
            List<Integer> atoms = new ArrayList<>(r.atoms());
            atoms.addAll(b.atoms());
            Reached j = new Reached(jb, ja, List.copyOf(atoms));
            closure.put(List.of(jb, ja), j);
            order.add(j);
          }
        }
      }
      for (Reached r : order) {
        if (!CandidateSummary.any(r.before()) || !CandidateSummary.any(r.after())) {
          continue; // a connection one policy refuses: a connection difference, found above
        }
        if (CandidateSummary.conflicted(r.before()) || CandidateSummary.conflicted(r.after())) {
          unsupported.add("internal: endpoints of equal route specificity on " + host + ":" + port + " disagree on "
              + "enforcement or encoded slashes; the result is withheld (please report this)");
          return true;
        }
        boolean pb = CandidateSummary.passes(r.before(), cell.encodedSlash());
        boolean pa = CandidateSummary.passes(r.after(), cell.encodedSlash());
        if (pa != pb && (pa ? wantWidened : wantNarrowed)) {
          NetworkRequest conn = identity(host, port, r.atoms());
          L7Request req = L7Request.of(conn, cell.method, cell.pathText()).withQuery(cell.query());
          Origin ob = Outcomes.of(before, req);
          Origin oa = Outcomes.of(after, req);
          Witness.Network w = new Witness.Network(conn, Optional.of(req));
          emit(pa ? new Finding(true, "request", w, ob, oa, requestGroup(oa, ob), port)
              : new Finding(false, "request", w, ob, oa, requestGroup(ob, oa), port));
        }
        if (stopped) {
          return true;
        }
      }
      return false;
    }, refused, false);
    for (String r : refused) {
      unsupported.add(r + " on " + host + ":" + port);
    }
  }

  /**
   * The destination check (spec §3.9) of a connection both policies allow depends on the first endpoint with
   * extended config ({@code allowed_ips}) and on whether an exact host was declared, among the endpoints the
   * connection meets: for a union of endpoint sets, the smallest extended ordinal and the "or" of the exact flags, so
   * the reachable pairs of modes are a closure as for requests. Where the two modes differ, the connection is decided
   * again under both policies with each atom of the address space as its resolved address ({@link Destinations}); an
   * address one lets through and the other refuses is a difference whose witness carries that address.
   */
  private void destinations(String host, int port, List<List<BitSet>> sets, List<Integer> atomOf) {
    Map<List<Integer>, List<Integer>> closure = new LinkedHashMap<>();
    List<List<Integer>> base = new ArrayList<>();
    for (int p = 0; p < sets.size(); p++) {
      List<Integer> d = new ArrayList<>(destination(before, sets.get(p).get(0)));
      d.addAll(destination(after, sets.get(p).get(1)));
      if (closure.putIfAbsent(d, List.of(p)) == null) {
        base.add(d);
      }
    }
    List<List<Integer>> order = new ArrayList<>(base);
    for (int i = 0; i < order.size(); i++) {
      for (List<Integer> b : base) {
        List<Integer> j = joinDestinations(order.get(i), b);
        if (!closure.containsKey(j)) {
          List<Integer> from = new ArrayList<>(closure.get(order.get(i)));
          from.addAll(closure.get(b));
          closure.put(j, from);
          order.add(j);
        }
      }
    }
    for (List<Integer> d : order) {
      if (stopped) {
        return;
      }
      if (d.get(2) == 0 || d.get(5) == 0) {
        continue; // one side meets no endpoint: a connection difference
      }
      String b = destinationMode(before, d.get(0), d.get(1) != 0);
      String a = destinationMode(after, d.get(3), d.get(4) != 0);
      if (a.equals(b)) {
        continue;
      }
      List<Integer> atoms = new ArrayList<>();
      BitSet mb = new BitSet();
      BitSet ma = new BitSet();
      for (int p : closure.get(d)) {
        atoms.add(atomOf.get(p));
        mb.or(sets.get(p).get(0));
        ma.or(sets.get(p).get(1));
      }
      NetworkRequest conn = identity(host, port, atoms);
      if (Outcomes.of(before, conn).outcome().passes() && Outcomes.of(after, conn).outcome().passes()) {
        destinations(conn, mb, ma, b, a);
      }
    }
  }

  /** (first extended ordinal or {@link Integer#MAX_VALUE}, exact host declared 0/1, any endpoint 0/1). */
  private static List<Integer> destination(PolicyModel m, BitSet eps) {
    int first = Integer.MAX_VALUE;
    int exact = 0;
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      PolicyModel.Ep e = m.endpoints.get(i);
      boolean extended = e.inspected || !e.source.allowedIps().isEmpty() || !e.source.tls().isEmpty();
      if (extended) {
        first = Math.min(first, i);
      }
      exact |= !e.hostless && !e.wildcard ? 1 : 0;
    }
    return List.of(first, exact, eps.isEmpty() ? 0 : 1);
  }

  private static List<Integer> joinDestinations(List<Integer> x, List<Integer> y) {
    return List.of(Math.min(x.get(0), y.get(0)), x.get(1) | y.get(1), x.get(2) | y.get(2),
        Math.min(x.get(3), y.get(3)), x.get(4) | y.get(4), x.get(5) | y.get(5));
  }

  /** Decides the connection with every representative address under both policies. */
  private void destinations(NetworkRequest conn, BitSet mb, BitSet ma, String b, String a) {
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

  /** The destination mode given the first extended endpoint ({@link Integer#MAX_VALUE}: none) and the exact flag. */
  private static String destinationMode(PolicyModel m, int firstExtended, boolean exact) {
    if (firstExtended != Integer.MAX_VALUE) {
      Set<String> set = new TreeSet<>();
      m.endpoints.get(firstExtended).source.allowedIps().forEach(ip -> set.add(ip.trim().toLowerCase(Locale.ROOT)));
      if (!set.isEmpty()) {
        return "allowed_ips " + set; // the list decides; whether an exact host was declared no longer matters
      }
    }
    return "no allowed_ips" + (exact ? ", exact host declared" : ", no exact host");
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
