package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code redundant_entry}: the entries whose removal changes no decision, found host atom by host atom and port by
 * port without comparing policies.
 *
 * <p>On one host atom and port, a connection meets the entries its executable and ancestors match: a union of the
 * entry sets of their binary atoms (the {@code sets} of a {@link HostPort}). Removing entry {@code e} changes
 * nothing there when, for every such union containing {@code e}, the union without {@code e} is
 *
 * <ol>
 *   <li>not empty (else the connection is refused: some binary atom's set is {@code {e}} alone);
 *   <li>given the same destination check (spec §3.9: the endpoints agree on {@code allowed_ips}, and an exact host
 *       declared by {@code e} is declared by another entry of each of its sets);
 *   <li>and, on every request cell, given the same answer: with {@code s} the summary of {@code e}'s endpoints and
 *       {@code K} the summary of the rest of the union ({@link CandidateSummary}), {@code passes(K ∨ s) ==
 *       passes(K)}.
 * </ol>
 *
 * For (3), {@code K} ranges over the joins of the summaries of {@code e}'s sets without {@code e} (at least one)
 * and of any other sets. Most cells are settled at once: when {@code s} is absorbed by each of {@code e}'s sets
 * without it, adding {@code e} changes no union at all; when one of them already answers differently, {@code e} is
 * needed. Only the cells in between look at the closure of the other sets' summaries. Summaries on a cell are the
 * summaries on its path plus allow and deny flags, so a cell where neither {@code e} nor its sets' other entries
 * have a verdict is settled by the path alone.
 *
 * <p>Of two entries that cover each other only one can go: candidates are judged from the last key to the first, and
 * an entry is reported when it is redundant in the policy and in the policy without the entries already reported.
 * So each warning is a removal that changes nothing on its own, and so is the removal of all of them.
 *
 * <p>Not judged (no warning): entries of a policy with globs that do not compile or non-ASCII hosts (decisions that
 * read them fail closed, which is not modelled), and entries on a host and port where requests are not modelled
 * (GraphQL, JSON-RPC, MCP bodies) or a search limit is reached.
 */
final class EntryRedundancy {
  /** Closures of set summaries remembered per host atom and port (they recur from cell to cell). */
  private static final int MAX_MEMO = 1024;
  /** An entry that can be removed, with the keys of the entries it meets. */
  record Redundant(int entry, Set<String> others) {}

  /** One host atom and port: the endpoints on it, their entries, and the distinct entry sets of binary atoms. */
  private static final class HostPort {
    final BitSet endpoints;
    final BitSet entries;
    final List<BitSet> sets;

    HostPort(BitSet endpoints, BitSet entries, List<BitSet> sets) {
      this.endpoints = endpoints;
      this.entries = entries;
      this.sets = sets;
    }
  }

  private final PolicyModel model;
  private final Languages languages;
  private final List<HostPort> hostPorts = new ArrayList<>();
  private final List<List<Integer>> hostPortsOf = new ArrayList<>();
  private final Map<Set<String>, RequestCells> cellsBySignature = new HashMap<>();

  EntryRedundancy(PolicyModel model, Languages languages, BitSet[] hostEps, BitSet[] binEntries) {
    this.model = model;
    this.languages = languages;
    for (int i = 0; i < model.entries.size(); i++) {
      hostPortsOf.add(new ArrayList<>());
    }
    Set<List<Object>> seen = new HashSet<>();
    for (BitSet eps : hostEps) {
      if (eps.isEmpty()) {
        continue;
      }
      Set<Integer> ports = new TreeSet<>();
      NetworkAtoms.addPorts(model, eps, ports);
      for (int port : ports) {
        BitSet onPort = NetworkAtoms.onPort(model, eps, port);
        BitSet entries = NetworkAtoms.entriesOf(model, onPort);
        Set<BitSet> sets = new LinkedHashSet<>();
        for (BitSet byBinary : binEntries) {
          if (byBinary.intersects(entries)) {
            BitSet s = (BitSet) byBinary.clone();
            s.and(entries);
            sets.add(s);
          }
        }
        if (seen.add(List.of(onPort, sets))) {
          for (int e = entries.nextSetBit(0); e >= 0; e = entries.nextSetBit(e + 1)) {
            hostPortsOf.get(e).add(hostPorts.size());
          }
          hostPorts.add(new HostPort(onPort, entries, List.copyOf(sets)));
        }
      }
    }
  }

  /** The redundant entries, from the last key to the first. */
  List<Redundant> find() {
    if (!modelled()) {
      return List.of();
    }
    BitSet necessary = new BitSet();
    for (HostPort hp : hostPorts) {
      BitSet candidates = (BitSet) hp.entries.clone();
      candidates.andNot(necessary);
      judge(hp, candidates, new BitSet(), necessary);
    }
    List<Redundant> out = new ArrayList<>();
    BitSet removed = new BitSet();
    for (int e = model.entries.size() - 1; e >= 0; e--) {
      if (necessary.get(e)) {
        continue;
      }
      List<Integer> mine = hostPortsOf.get(e);
      boolean affected = mine.stream().anyMatch(h -> hostPorts.get(h).entries.intersects(removed));
      if (affected) {
        BitSet one = new BitSet();
        one.set(e);
        BitSet again = new BitSet();
        for (int h : mine) {
          judge(hostPorts.get(h), one, removed, again);
          if (again.get(e)) {
            break;
          }
        }
        if (again.get(e)) {
          continue;
        }
      }
      Set<String> others = new TreeSet<>();
      for (int h : mine) {
        BitSet met = hostPorts.get(h).entries;
        for (int o = met.nextSetBit(0); o >= 0; o = met.nextSetBit(o + 1)) {
          if (o != e && !removed.get(o)) {
            others.add(model.entries.get(o).key);
          }
        }
      }
      out.add(new Redundant(e, others));
      removed.set(e);
    }
    return out;
  }

  /** False when the policy has globs that do not compile or non-ASCII hosts: decisions reading them fail closed. */
  private boolean modelled() {
    for (Problem p : model.compiled.warnings()) {
      if (p.code().equals(ProblemCode.GLOB_INVALID.wireName())) {
        return false;
      }
    }
    for (PolicyModel.Ep e : model.endpoints) {
      if (!e.host.chars().allMatch(c -> c < 0x80)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Marks in {@code necessary} every candidate that some combination of executable and ancestors on this host atom
   * and port needs, in the policy without {@code removed} (or that cannot be judged here).
   */
  private void judge(HostPort hp, BitSet candidates, BitSet removed, BitSet necessary) {
    BitSet live = (BitSet) hp.entries.clone();
    live.andNot(removed);
    BitSet k = (BitSet) candidates.clone();
    k.and(live);
    k.andNot(necessary);
    if (k.isEmpty()) {
      return;
    }
    Set<BitSet> distinct = new LinkedHashSet<>();
    for (BitSet s : hp.sets) {
      BitSet t = (BitSet) s.clone();
      t.andNot(removed);
      if (!t.isEmpty()) {
        distinct.add(t);
      }
    }
    List<BitSet> sets = new ArrayList<>(distinct);
    for (BitSet s : sets) {
      if (s.cardinality() == 1 && s.intersects(k)) {
        necessary.or(s); // the connection of an executable only this entry allows here
      }
    }
    k.andNot(necessary);
    if (k.isEmpty()) {
      return;
    }
    BitSet eps = new BitSet();
    for (int i = hp.endpoints.nextSetBit(0); i >= 0; i = hp.endpoints.nextSetBit(i + 1)) {
      if (live.get(model.endpoints.get(i).entry.index)) {
        eps.set(i);
      }
    }
    if (!destinationsAlike(eps, sets, k, necessary)) {
      return;
    }
    List<PolicyModel.Ep> list = new ArrayList<>();
    Set<String> signature = new TreeSet<>();
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      list.add(model.endpoints.get(i));
      signature.add(model.endpoints.get(i).requestSignature);
    }
    RequestCells cells = cellsBySignature.get(signature);
    if (cells == null) {
      try {
        cells = new RequestCells(list, languages, NetworkAtoms.MAX_PRODUCT_STATES);
      } catch (ProductSearch.StateLimitException e) {
        necessary.or(k);
        return;
      }
      cellsBySignature.put(signature, cells);
    }
    for (PolicyModel.Ep e : list) {
      if (cells.unmodelled(cells.signature(e)) != null) {
        necessary.or(k);
        return;
      }
    }
    new Cells(cells, eps, live, sets, k, necessary).run();
  }

  /**
   * Spec §3.9: the destination check reads the first extended endpoint's {@code allowed_ips} and whether an exact
   * host was declared. Marks as necessary the candidates that may change it; false when every candidate is decided.
   */
  private boolean destinationsAlike(BitSet eps, List<BitSet> sets, BitSet k, BitSet necessary) {
    Set<Set<String>> ips = new HashSet<>();
    BitSet exact = new BitSet();
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      PolicyModel.Ep e = model.endpoints.get(i);
      Set<String> set = new TreeSet<>();
      e.source.allowedIps().forEach(ip -> set.add(ip.trim().toLowerCase(Locale.ROOT)));
      ips.add(set);
      if (!e.hostless && !e.wildcard) {
        exact.set(e.entry.index);
      }
    }
    if (ips.size() > 1) {
      necessary.or(k); // the endpoints disagree on allowed_ips (the ambiguity check forbids it): not judged
      return false;
    }
    for (int e = k.nextSetBit(0); e >= 0; e = k.nextSetBit(e + 1)) {
      if (!exact.get(e)) {
        continue;
      }
      for (BitSet s : sets) {
        if (s.get(e)) {
          BitSet others = (BitSet) s.clone();
          others.clear(e);
          if (!others.intersects(exact)) {
            necessary.set(e); // without it, a connection of this set meets no exact host: another SSRF mode
            break;
          }
        }
      }
    }
    k.andNot(necessary);
    return !k.isEmpty();
  }

  /** The cell-by-cell judgement of the candidates on one host atom and port. */
  private final class Cells {
    private final RequestCells cells;
    private final EndpointSummaries endpoints;
    private final BitSet necessary;
    /** Live entries (policy indices, ascending); their position is their local number. */
    private final int[] entries;
    private final int[][] entryEndpoints;
    private final int[][] setMembers;
    private final int[][] setsOf;
    private final int[][] positionIn;
    /** Local entries with an endpoint of each signature. */
    private final int[][] entriesBySignature;
    private final int[] candidates;
    private final boolean[] done;
    private int remaining;

    /** Per path: entry summaries, per set prefix and suffix joins, per candidate and set the rest's summary. */
    private final long[] pathEntry;
    private final long[][] prefix;
    private final long[][] suffix;
    private final long[][] rest;
    private final boolean[] pathSafe;
    private int path = -1;

    /** Per cell: the verdict flags of touched entries and how many members of each set allow or deny. */
    private final long[] flags;
    private final int[] touchedEntries;
    private int touchedCount;
    private final int[] stamp;
    private int cellStamp;
    private final int[] setAllow;
    private final int[] setDeny;
    private final Map<List<Long>, List<Long>> closures = new HashMap<>();

    Cells(RequestCells cells, BitSet eps, BitSet live, List<BitSet> sets, BitSet k, BitSet necessary) {
      this.cells = cells;
      this.necessary = necessary;
      this.endpoints = new EndpointSummaries(model, cells, eps);
      this.entries = live.stream().toArray();
      int n = entries.length;
      List<List<Integer>> eEps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        eEps.add(new ArrayList<>());
      }
      for (int local = 0; local < endpoints.size(); local++) {
        eEps.get(entryLocal(model.endpoints.get(endpoints.ordinals[local]).entry.index)).add(local);
      }
      this.entryEndpoints = new int[n][];
      for (int i = 0; i < n; i++) {
        entryEndpoints[i] = eEps.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
      this.setMembers = new int[sets.size()][];
      List<List<Integer>> of = new ArrayList<>();
      List<List<Integer>> at = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        of.add(new ArrayList<>());
        at.add(new ArrayList<>());
      }
      for (int j = 0; j < sets.size(); j++) {
        setMembers[j] = sets.get(j).stream().map(this::entryLocal).toArray();
        for (int p = 0; p < setMembers[j].length; p++) {
          of.get(setMembers[j][p]).add(j);
          at.get(setMembers[j][p]).add(p);
        }
      }
      this.setsOf = new int[n][];
      this.positionIn = new int[n][];
      for (int i = 0; i < n; i++) {
        setsOf[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
        positionIn[i] = at.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
      List<Set<Integer>> bySig = new ArrayList<>();
      for (int s = 0; s < cells.signatureCount(); s++) {
        bySig.add(new LinkedHashSet<>());
      }
      for (int i = 0; i < n; i++) {
        for (int ep : entryEndpoints[i]) {
          bySig.get(endpoints.signature(ep)).add(i);
        }
      }
      this.entriesBySignature = new int[bySig.size()][];
      for (int s = 0; s < bySig.size(); s++) {
        entriesBySignature[s] = bySig.get(s).stream().mapToInt(Integer::intValue).toArray();
      }
      this.candidates = k.stream().map(this::entryLocal).toArray();
      this.done = new boolean[n];
      this.remaining = candidates.length;
      this.pathEntry = new long[n];
      this.prefix = new long[sets.size()][];
      this.suffix = new long[sets.size()][];
      for (int j = 0; j < sets.size(); j++) {
        prefix[j] = new long[setMembers[j].length];
        suffix[j] = new long[setMembers[j].length];
      }
      this.rest = new long[n][];
      for (int c : candidates) {
        rest[c] = new long[setsOf[c].length];
      }
      this.pathSafe = new boolean[n];
      this.flags = new long[n];
      this.touchedEntries = new int[n];
      this.stamp = new int[n];
      this.setAllow = new int[sets.size()];
      this.setDeny = new int[sets.size()];
    }

    private int entryLocal(int entry) {
      return Arrays.binarySearch(entries, entry);
    }

    void run() {
      List<String> refused = new ArrayList<>();
      cells.forEach(this::cell, refused, true);
      if (!refused.isEmpty()) {
        for (int c : candidates) {
          need(c); // some cells were not cut: not judged
        }
      }
    }

    private void need(int c) {
      if (!done[c]) {
        done[c] = true;
        remaining--;
        necessary.set(entries[c]);
      }
    }

    private boolean cell(RequestCells.Cell cell) {
      if (cell.path != path) {
        path(cell.path);
      }
      cellStamp++;
      touchedCount = 0;
      for (int t = 0; t < cell.touchedCount(); t++) {
        int sig = cell.touched(t);
        for (int e : entriesBySignature[sig]) {
          if (stamp[e] != cellStamp) {
            stamp[e] = cellStamp;
            long f = 0;
            for (int ep : entryEndpoints[e]) {
              f |= cell.verdict(endpoints.signature(ep));
            }
            flags[e] = f;
            touchedEntries[touchedCount++] = e;
            for (int j : setsOf[e]) {
              setAllow[j] += (f & CandidateSummary.ALLOW) != 0 ? 1 : 0;
              setDeny[j] += (f & CandidateSummary.DENY) != 0 ? 1 : 0;
            }
          }
        }
      }
      boolean slash = cell.encodedSlash();
      for (int c : candidates) {
        if (done[c] || (pathSafe[c] && stamp[c] != cellStamp)) {
          continue; // s is absorbed by each set without c on the path, so on this cell too (flags only add)
        }
        judge(c, slash);
      }
      for (int t = 0; t < touchedCount; t++) {
        int e = touchedEntries[t];
        for (int j : setsOf[e]) {
          setAllow[j] = 0;
          setDeny[j] = 0;
        }
        flags[e] = 0;
      }
      return remaining == 0;
    }

    private long entryFlags(int e) {
      return stamp[e] == cellStamp ? flags[e] : 0;
    }

    /** The summaries on a new path: of each entry, of each set's prefixes and suffixes, of each set without a candidate. */
    private void path(int p) {
      path = p;
      for (int e = 0; e < entries.length; e++) {
        long s = CandidateSummary.EMPTY;
        for (int ep : entryEndpoints[e]) {
          s = CandidateSummary.join(s, endpoints.onPath(ep, p));
        }
        pathEntry[e] = s;
      }
      for (int j = 0; j < setMembers.length; j++) {
        int[] m = setMembers[j];
        long acc = CandidateSummary.EMPTY;
        for (int i = 0; i < m.length; i++) {
          acc = CandidateSummary.join(acc, pathEntry[m[i]]);
          prefix[j][i] = acc;
        }
        acc = CandidateSummary.EMPTY;
        for (int i = m.length - 1; i >= 0; i--) {
          acc = CandidateSummary.join(acc, pathEntry[m[i]]);
          suffix[j][i] = acc;
        }
      }
      for (int c : candidates) {
        boolean safe = true;
        for (int t = 0; t < setsOf[c].length; t++) {
          int j = setsOf[c][t];
          int at = positionIn[c][t];
          long before = at > 0 ? prefix[j][at - 1] : CandidateSummary.EMPTY;
          long after = at + 1 < setMembers[j].length ? suffix[j][at + 1] : CandidateSummary.EMPTY;
          rest[c][t] = CandidateSummary.join(before, after);
          safe &= CandidateSummary.absorbs(rest[c][t], pathEntry[c]);
        }
        pathSafe[c] = safe;
      }
    }

    /** Judges candidate {@code c} on the current cell. */
    private void judge(int c, boolean slash) {
      long s = pathEntry[c] | entryFlags(c);
      long own = entryFlags(c);
      List<Long> bad = null;
      for (int t = 0; t < setsOf[c].length; t++) {
        int j = setsOf[c][t];
        boolean allow = setAllow[j] - ((own & CandidateSummary.ALLOW) != 0 ? 1 : 0) > 0;
        boolean deny = setDeny[j] - ((own & CandidateSummary.DENY) != 0 ? 1 : 0) > 0;
        long k = rest[c][t] | (allow ? CandidateSummary.ALLOW : 0) | (deny ? CandidateSummary.DENY : 0);
        long with = CandidateSummary.join(k, s);
        if (with == k) {
          continue;
        }
        if (CandidateSummary.conflicted(with) || CandidateSummary.passes(with, slash)
            != CandidateSummary.passes(k, slash)) {
          need(c);
          return;
        }
        if (bad == null) {
          bad = new ArrayList<>();
        }
        bad.add(k);
      }
      if (bad != null && !unionsAlike(c, s, bad, slash)) {
        need(c);
      }
    }

    /**
     * Whether adding {@code s} changes no union of at least one of the candidate's sets without it (those that do not
     * absorb {@code s}: {@code bad}) with any other sets.
     */
    private boolean unionsAlike(int c, long s, List<Long> bad, boolean slash) {
      List<Long> mine = closure(bad);
      if (mine == null) {
        return false;
      }
      Set<Long> others = new TreeSet<>();
      boolean[] in = new boolean[setMembers.length];
      for (int j : setsOf[c]) {
        in[j] = true;
      }
      for (int j = 0; j < setMembers.length; j++) {
        if (!in[j]) {
          others.add(setSummary(j));
        }
      }
      List<Long> key = new ArrayList<>(others);
      List<Long> reachable = closures.get(key);
      if (reachable == null) {
        reachable = closure(key);
        if (reachable == null) {
          return false;
        }
        if (closures.size() >= MAX_MEMO) {
          closures.clear();
        }
        closures.put(key, reachable);
      }
      for (long k : mine) {
        for (int i = -1; i < reachable.size(); i++) {
          long u = i < 0 ? k : CandidateSummary.join(k, reachable.get(i));
          long with = CandidateSummary.join(u, s);
          if (with == u) {
            continue;
          }
          if (CandidateSummary.conflicted(with) || CandidateSummary.passes(with, slash)
              != CandidateSummary.passes(u, slash)) {
            return false;
          }
        }
      }
      return true;
    }

    private long setSummary(int j) {
      int[] m = setMembers[j];
      return prefix[j][m.length - 1] | (setAllow[j] > 0 ? CandidateSummary.ALLOW : 0)
          | (setDeny[j] > 0 ? CandidateSummary.DENY : 0);
    }

    /** The closure of summaries under join, or null beyond {@link NetworkDiff#MAX_SUMMARY_CLOSURE}. */
    private List<Long> closure(List<Long> base) {
      Set<Long> seen = new LinkedHashSet<>(base);
      List<Long> order = new ArrayList<>(seen);
      List<Long> generators = List.copyOf(seen);
      for (int i = 0; i < order.size(); i++) {
        for (long b : generators) {
          long j = CandidateSummary.join(order.get(i), b);
          if (seen.add(j)) {
            if (seen.size() > NetworkDiff.MAX_SUMMARY_CLOSURE) {
              return null;
            }
            order.add(j);
          }
        }
      }
      return order;
    }
  }
}
