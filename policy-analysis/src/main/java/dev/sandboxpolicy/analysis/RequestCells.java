package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The REST request space of a set of endpoints, cut into cells inside which every rule, selector and route of those
 * endpoints answers the same, and what each endpoint says about each cell (spec §3.5, §3.6): allowed, denied by one
 * of its deny rules, or neither. A request decision over any subset of these endpoints is constant on a cell
 * ({@link CandidateSummary}), so deciding one witness per cell decides every request.
 *
 * <ul>
 *   <li>Methods: every method a rule names (compared case-insensitively, so upper-cased), {@code HEAD} when {@code
 *       GET} is named (a {@code GET} rule matches it), every method an access preset may expand to when an endpoint
 *       uses one, and one method nothing names (it stands for all the others).
 *   <li>Paths: the atoms of every endpoint selector (as Rego reads it), every route selector, every rule path and,
 *       where encoded slashes are allowed, "contains {@code %2F}", over canonical paths (where none is allowed, one
 *       path with {@code %2F} stands for all: refused on inspected connections, relayed on others). A pattern that accepts
 *       every canonical path is no cut at all; the others are searched in groups that cannot share a path (the
 *       bytes every value of a pattern starts with: {@code /v1/repos/} and {@code /v1/users/} never meet), so a
 *       host with hundreds of rule paths never builds one product of all of them.
 *   <li>Query: for each key a rule constrains, the atoms of the value globs on that key. A request either lacks the
 *       key or carries a non-empty set of values; an allow rule needs every value to match, a deny rule one, so a
 *       set of values acts only through which matchers contain all of it and which meet it. One set per reachable
 *       pair of those (the closure of the single values under union) stands for all sets. Only the keys and
 *       matchers of rules whose method, path and endpoint selector match the cell can change its decision, so only
 *       those are combined.
 * </ul>
 *
 * <p>Endpoints with equal {@link PolicyModel.Ep#requestSignature} say the same about every cell: the cells are cut
 * once per distinct signature ({@link #signature}), whatever the number of endpoints that share it.
 */
final class RequestCells {
  /**
   * The methods access presets may expand to (spec §1.8), probed whenever an endpoint of the cell uses {@code access};
   * {@code WEBSOCKET_TEXT} on websocket endpoints.
   */
  static final List<String> PRESET_METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
  static final String WEBSOCKET_TEXT = "WEBSOCKET_TEXT";
  /** Candidates for a method no rule names. */
  private static final List<String> FRESH_METHODS = List.of("TRACE", "PROPFIND", "LOCK", "UNLOCK", "MKCOL");
  /** More query combinations than this for one method and path is refused as unsupported (state explosion). */
  static final int MAX_QUERY_COMBINATIONS = 4096;
  /** More distinct value matchers than this on one query key in one cell is refused (they are tracked in a long). */
  static final int MAX_MATCHERS_PER_KEY = 64;
  /** Candidate paths tried for the paths no pattern matches before a product search. */
  private static final List<String> UNMATCHED_PATHS = List.of("/", "/a", "/unmatched", "/unmatched/a", "/z/z/z");
  private static final List<String> UNMATCHED_SLASH_PATHS = List.of("/a%2Fa", "/unmatched%2Fa");
  /**
   * Where no endpoint allows encoded slashes, every path with {@code %2F} is refused on an inspected connection
   * whatever the rules say, and relayed on one that is not inspected: one such path stands for all of them.
   */
  private static final String ENCODED_SLASH_PATH = "/a%2Fa";
  static final int ALL = -1;
  static final int NEVER = -2;
  /** Verdict of an endpoint on a cell: some allow rule matches and no deny rule does. */
  static final long ALLOWED = CandidateSummary.ALLOW;
  /** Verdict of an endpoint on a cell: some deny rule matches. */
  static final long DENIED = CandidateSummary.DENY;

  /** One rule as the cells read it. */
  private static final class Rule {
    final int signature;
    final boolean deny;
    /** The method as written, or null for an access preset. */
    final String method;
    /** The access preset, for a preset's rule. */
    final String access;
    final boolean websocket;
    final int pathPart;
    /** Query key ids and, per key, the matcher id on that key. */
    final int[] keys;
    final int[] matchers;

    Rule(int signature, boolean deny, String method, String access, boolean websocket, int pathPart, int[] keys,
        int[] matchers) {
      this.signature = signature;
      this.deny = deny;
      this.method = method;
      this.access = access;
      this.websocket = websocket;
      this.pathPart = pathPart;
      this.keys = keys;
      this.matchers = matchers;
    }

    boolean methodMatches(String requestMethod) {
      if (method == null) {
        return AccessPresetMethods.allows(access, websocket, requestMethod);
      }
      if (method.isEmpty()) {
        return false;
      }
      return method.equals("*") || method.equalsIgnoreCase(requestMethod)
          || (method.equalsIgnoreCase("GET") && requestMethod.equalsIgnoreCase("HEAD"));
    }
  }

  /** The request-relevant content shared by endpoints of one signature. */
  private static final class Signature {
    int selectorPart = ALL;
    int routePart = ALL;
    String unmodelled;
  }

  /** One query key: the value atoms (witness and the matchers containing it) and the matchers, by id. */
  private static final class QueryKey {
    final String name;
    final List<List<String>> matchers = new ArrayList<>();
    final Map<List<String>, Integer> matcherIds = new HashMap<>();
    final List<String> atoms = new ArrayList<>();
    final List<BitSet> atomMatchers = new ArrayList<>();

    QueryKey(String name) {
      this.name = name;
    }
  }

  private final Languages languages;
  private final ByteDfa universe;
  private final List<Signature> signatures = new ArrayList<>();
  private final Map<String, Integer> signatureIndex = new HashMap<>();
  final List<String> methods;
  final List<String> paths = new ArrayList<>();
  private final List<BitSet> pathLabels = new ArrayList<>();
  private final List<Boolean> pathSlash = new ArrayList<>();
  private final List<Rule> rulesAll = new ArrayList<>();
  private final List<List<Rule>> rulesByPart = new ArrayList<>();
  private final List<QueryKey> keys = new ArrayList<>();
  private final Map<String, Integer> keyIndex = new HashMap<>();
  private final Map<String, Integer> partIndex = new LinkedHashMap<>();
  private final List<ByteDfa> parts = new ArrayList<>();
  private final List<String> partKeys = new ArrayList<>();
  private final int slashPart;

  /**
   * Cuts the cells of a set of endpoints.
   *
   * @param endpoints the endpoints (of one or both policies) a request may meet
   * @param languages automata already built in this analysis
   * @param maxStates the product search bound
   * @throws ProductSearch.StateLimitException if a product exceeds {@code maxStates}
   */
  RequestCells(List<PolicyModel.Ep> endpoints, Languages languages, int maxStates) {
    this.languages = languages;
    boolean encodedSlash = false;
    Set<String> methodSet = new TreeSet<>();
    for (PolicyModel.Ep e : endpoints) {
      encodedSlash |= e.source.allowEncodedSlash();
    }
    this.universe = CallSiteLanguages.canonicalPath(encodedSlash);
    for (PolicyModel.Ep e : endpoints) {
      if (signatureIndex.containsKey(e.requestSignature)) {
        continue;
      }
      int sig = signatures.size();
      signatureIndex.put(e.requestSignature, sig);
      Signature s = new Signature();
      signatures.add(s);
      s.unmodelled = e.bodyProtocol;
      String selector = e.source.path();
      if (!selector.isEmpty() && !selector.equals("**")) {
        s.selectorPart = part("path " + selector, () -> CallSiteLanguages.pathGlob(selector), s, encodedSlash);
      }
      if (e.inspected && !RouteSelectorPattern.parse(selector).matchesAll()) {
        s.routePart = part("route " + selector, () -> CallSiteLanguages.routeSelector(selector), s, encodedSlash);
      }
      boolean websocket = Protocol.WEBSOCKET.is(e.protocol);
      if (e.source.allowRules().isEmpty() && !e.source.access().isEmpty()) {
        methodSet.addAll(PRESET_METHODS);
        if (websocket) {
          methodSet.add(WEBSOCKET_TEXT);
        }
        addRule(new Rule(sig, false, null, e.source.access(), websocket, ALL, new int[0], new int[0]));
      }
      for (RuleBody r : e.allow) {
        rule(sig, s, r, false, websocket, methodSet, encodedSlash);
      }
      for (RuleBody r : e.deny) {
        rule(sig, s, r, true, websocket, methodSet, encodedSlash);
      }
    }
    slashPart = encodedSlash ? part("contains %2F", () -> CallSiteLanguages.containing("%2F"), null, false) : NEVER;
    if (methodSet.contains("GET")) {
      methodSet.add("HEAD"); // a GET rule also matches HEAD
    }
    for (String fresh : FRESH_METHODS) {
      if (!methodSet.contains(fresh)) {
        methodSet.add(fresh);
        break;
      }
    }
    this.methods = List.copyOf(methodSet);
    cutPaths(maxStates);
    for (QueryKey k : keys) {
      cutValues(k, maxStates);
    }
  }

  private void rule(int sig, Signature s, RuleBody r, boolean deny, boolean websocket, Set<String> methodSet,
      boolean encodedSlash) {
    if (!r.method().isEmpty() && !r.method().equals("*")) {
      methodSet.add(r.method().toUpperCase(Locale.ROOT));
    }
    String p = r.path();
    int pathPart = p.equals("**") ? ALL : p.isEmpty() ? NEVER
        : part("path " + p, () -> CallSiteLanguages.pathGlob(p), s, encodedSlash);
    if (pathPart == NEVER || r.method().isEmpty()) {
      return; // never matches (spec §6 rule 15: a rule without a path or method matches nothing)
    }
    int[] ks = new int[r.query().size()];
    int[] ms = new int[ks.length];
    int i = 0;
    for (Map.Entry<String, ValueMatcher> q : r.query().entrySet()) {
      Integer k = keyIndex.get(q.getKey());
      if (k == null) {
        k = keys.size();
        keyIndex.put(q.getKey(), k);
        keys.add(new QueryKey(q.getKey()));
      }
      QueryKey key = keys.get(k);
      List<String> globs = q.getValue().globs();
      for (String g : globs) {
        try {
          languages.get("value " + g, () -> CallSiteLanguages.valueGlob(g));
        } catch (GlobSyntaxException e) {
          s.unmodelled = "query value glob '" + g + "' does not compile (its decisions fail closed)";
        }
      }
      Integer m = key.matcherIds.get(globs);
      if (m == null) {
        m = key.matchers.size();
        key.matcherIds.put(globs, m);
        key.matchers.add(globs);
      }
      ks[i] = k;
      ms[i] = m;
      i++;
    }
    addRule(new Rule(sig, deny, r.method(), null, websocket, pathPart, ks, ms));
  }

  private void addRule(Rule r) {
    if (r.pathPart == ALL) {
      rulesAll.add(r);
    } else {
      rulesByPart.get(r.pathPart).add(r);
    }
  }

  /**
   * The part of a path pattern: {@link #ALL} when it accepts every canonical path, {@link #NEVER} (and the signature
   * marked unmodelled) when it does not compile or is too large.
   */
  private int part(String key, Supplier<ByteDfa> build, Signature s, boolean encodedSlash) {
    Integer i = partIndex.get(key);
    if (i != null) {
      return i;
    }
    try {
      languages.get(key, build);
    } catch (GlobSyntaxException e) {
      if (s != null) {
        s.unmodelled = "pattern '" + key + "' does not compile (its decisions fail closed)";
      }
      return NEVER;
    } catch (ProductSearch.StateLimitException e) {
      if (s != null) {
        s.unmodelled = "pattern '" + key + "' needs more than " + e.limit()
            + " automaton states (refused, not explored)";
      }
      return NEVER;
    }
    if (!key.startsWith("contains ") && languages.covers(key, universe, encodedSlash)) {
      partIndex.put(key, ALL);
      return ALL;
    }
    partIndex.put(key, parts.size());
    parts.add(languages.get(key, build));
    partKeys.add(key);
    rulesByPart.add(new ArrayList<>());
    return parts.size() - 1;
  }

  /** The path atoms, searched per group of parts that can share a path, and the paths no part matches. */
  private void cutPaths(int maxStates) {
    int n = parts.size();
    UnionFind sets = new UnionFind(n);
    Map<String, Integer> byPrefix = new HashMap<>();
    List<Integer> real = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != slashPart) {
        real.add(i);
        String prefix = languages.prefix(partKeys.get(i));
        Integer other = byPrefix.putIfAbsent(prefix, i);
        if (other != null) {
          sets.union(i, other);
        }
      }
    }
    for (int i : real) {
      String prefix = languages.prefix(partKeys.get(i));
      for (int len = 0; len < prefix.length(); len++) {
        Integer other = byPrefix.get(prefix.substring(0, len));
        if (other != null) {
          sets.union(i, other);
        }
      }
    }
    Map<Integer, List<Integer>> groups = new TreeMap<>();
    for (int i : real) {
      groups.computeIfAbsent(sets.find(i), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> group : groups.values()) {
      List<ByteDfa> dfas = new ArrayList<>();
      for (int i : group) {
        dfas.add(parts.get(i));
      }
      if (slashPart >= 0) {
        dfas.add(parts.get(slashPart));
      }
      for (ProductSearch.Atom a : ProductSearch.atoms(dfas, universe, maxStates)) {
        BitSet labels = new BitSet();
        for (int k = 0; k < group.size(); k++) {
          if (a.label(k) != 0) {
            labels.set(group.get(k));
          }
        }
        if (labels.isEmpty()) {
          continue; // matched by the %2F part only: one of the unmatched paths below
        }
        if (slashPart >= 0 && a.label(group.size()) != 0) {
          labels.set(slashPart);
        }
        paths.add(new String(a.witness(), StandardCharsets.US_ASCII));
        pathLabels.add(labels);
        pathSlash.add(labels.get(Math.max(slashPart, 0)) && slashPart >= 0);
      }
    }
    unmatched(real, false, maxStates);
    if (slashPart >= 0) {
      unmatched(real, true, maxStates);
    } else {
      byte[] bytes = ENCODED_SLASH_PATH.getBytes(StandardCharsets.US_ASCII);
      BitSet labels = new BitSet();
      for (int i : real) {
        if (parts.get(i).matches(bytes)) {
          labels.set(i);
        }
      }
      paths.add(ENCODED_SLASH_PATH);
      pathLabels.add(labels);
      pathSlash.add(true);
    }
  }

  /** A path no part matches (with or without {@code %2F}), when one exists. */
  private void unmatched(List<Integer> real, boolean slash, int maxStates) {
    for (String candidate : slash ? UNMATCHED_SLASH_PATHS : UNMATCHED_PATHS) {
      byte[] bytes = candidate.getBytes(StandardCharsets.US_ASCII);
      if (universe.matches(bytes) && real.stream().noneMatch(i -> parts.get(i).matches(bytes))) {
        addUnmatched(candidate, slash);
        return;
      }
    }
    List<ByteDfa> dfas = new ArrayList<>();
    for (int i : real) {
      dfas.add(parts.get(i));
    }
    dfas.add(slash ? parts.get(slashPart) : CallSiteLanguages.containing("%2F"));
    int last = dfas.size() - 1;
    ProductSearch.find(dfas, universe, labels -> {
      for (int i = 0; i < last; i++) {
        if (labels[i] != 0) {
          return false;
        }
      }
      return (labels[last] != 0) == slash;
    }, maxStates).ifPresent(w -> addUnmatched(new String(w, StandardCharsets.US_ASCII), slash));
  }

  private void addUnmatched(String path, boolean slash) {
    BitSet labels = new BitSet();
    if (slash) {
      labels.set(slashPart);
    }
    paths.add(path);
    pathLabels.add(labels);
    pathSlash.add(slash);
  }

  /** The value atoms of one query key over every value glob of its matchers. */
  private void cutValues(QueryKey k, int maxStates) {
    List<String> globs = new ArrayList<>();
    Map<String, Integer> globIndex = new HashMap<>();
    List<ByteDfa> dfas = new ArrayList<>();
    for (List<String> m : k.matchers) {
      for (String g : m) {
        if (!globIndex.containsKey(g)) {
          try {
            dfas.add(languages.get("value " + g, () -> CallSiteLanguages.valueGlob(g)));
          } catch (GlobSyntaxException e) {
            continue; // the signatures using it are unmodelled
          }
          globIndex.put(g, globs.size());
          globs.add(g);
        }
      }
    }
    List<int[]> labels = new ArrayList<>();
    for (ProductSearch.Atom a : ProductSearch.atoms(dfas, CallSiteLanguages.text(), maxStates)) {
      k.atoms.add(new String(a.witness(), StandardCharsets.UTF_8));
      labels.add(a.labels());
    }
    ProductSearch.unmatched(dfas, CallSiteLanguages.text(), maxStates).ifPresent(w -> {
      k.atoms.add(new String(w, StandardCharsets.UTF_8));
      labels.add(new int[dfas.size()]);
    });
    for (int[] l : labels) {
      BitSet in = new BitSet();
      for (int m = 0; m < k.matchers.size(); m++) {
        for (String g : k.matchers.get(m)) {
          Integer gi = globIndex.get(g);
          if (gi != null && l[gi] != 0) {
            in.set(m);
            break;
          }
        }
      }
      k.atomMatchers.add(in);
    }
  }

  // ------------------------------------------------------------------------------------------ endpoints

  /** The index of an endpoint's signature among these cells' signatures (the endpoint must be one they were cut for). */
  int signature(PolicyModel.Ep e) {
    return signatureIndex.get(e.requestSignature);
  }

  int signatureCount() {
    return signatures.size();
  }

  /** Why requests on endpoints of this signature are not modelled (body protocols, patterns that fail), or null. */
  String unmodelled(int signature) {
    return signatures.get(signature).unmodelled;
  }

  /** Whether an inspected endpoint of this signature has a route selector that does not match every path. */
  boolean routeDependsOnPath(int signature) {
    return signatures.get(signature).routePart != ALL;
  }

  /** Whether the route selector of the signature matches the path with index {@code path}. */
  boolean routeMatches(int signature, int path) {
    return matches(signatures.get(signature).routePart, path);
  }

  private boolean matches(int part, int path) {
    return part == ALL || (part >= 0 && pathLabels.get(path).get(part));
  }

  /** Whether the path with index {@code path} contains an encoded slash. */
  boolean encodedSlash(int path) {
    return pathSlash.get(path);
  }

  // ------------------------------------------------------------------------------------------ cells

  /** Receives cells; returns true to stop. */
  interface Visitor {
    boolean visit(Cell cell);
  }

  /** One cell: a method, a path atom, a query shape, and each signature's verdict on it. Reused between visits. */
  final class Cell {
    String method;
    int path;
    private final long[] verdicts = new long[signatures.size()];
    private final int[] touched = new int[signatures.size()];
    private int touchedCount;
    private final List<Integer> queryKeys = new ArrayList<>();
    private final List<List<String>> queryValues = new ArrayList<>();

    /** The verdict of endpoints of {@code signature}: {@link #ALLOWED}, {@link #DENIED} or 0. */
    long verdict(int signature) {
      return verdicts[signature];
    }

    /** The signatures with a verdict on this cell. */
    int touchedCount() {
      return touchedCount;
    }

    int touched(int i) {
      return touched[i];
    }

    String pathText() {
      return paths.get(path);
    }

    boolean encodedSlash() {
      return RequestCells.this.encodedSlash(path);
    }

    /** The cell's query (a fresh map). */
    Map<String, List<String>> query() {
      Map<String, List<String>> q = new TreeMap<>();
      for (int i = 0; i < queryKeys.size(); i++) {
        if (queryValues.get(i) != null) {
          q.put(keys.get(queryKeys.get(i)).name, queryValues.get(i));
        }
      }
      return q;
    }
  }

  /** A reachable way a set of values of one key acts on the relevant matchers (bit i = relevant matcher i). */
  private record ValueShape(long containing, long meeting, List<String> values) {}

  /**
   * Visits every cell.
   *
   * @param visitor receives each cell (the same object, updated)
   * @param refused receives a reason for every method and path whose query combinations exceed {@link
   *     #MAX_QUERY_COMBINATIONS} (those cells are not visited)
   * @param byPath whether to visit all cells of one path before the next (else all cells of one method)
   * @return false when the visitor stopped
   */
  boolean forEach(Visitor visitor, List<String> refused, boolean byPath) {
    Cell cell = new Cell();
    List<Rule> relevant = new ArrayList<>();
    int outer = byPath ? paths.size() : methods.size();
    int inner = byPath ? methods.size() : paths.size();
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        String method = methods.get(byPath ? i : o);
        int p = byPath ? o : i;
        relevant.clear();
        collect(rulesAll, method, p, relevant);
        BitSet labels = pathLabels.get(p);
        for (int part = labels.nextSetBit(0); part >= 0; part = labels.nextSetBit(part + 1)) {
          if (part != slashPart) {
            collect(rulesByPart.get(part), method, p, relevant);
          }
        }
        cell.method = method;
        cell.path = p;
        Optional<String> stop = queryShapes(cell, relevant, visitor);
        if (stop.isPresent()) {
          if (stop.get().isEmpty()) {
            return false;
          }
          refused.add(stop.get());
        }
      }
    }
    return true;
  }

  private void collect(List<Rule> rules, String method, int path, List<Rule> out) {
    for (Rule r : rules) {
      if (r.methodMatches(method) && matches(signatures.get(r.signature).selectorPart, path)) {
        out.add(r);
      }
    }
  }

  /**
   * Visits the cells of one method and path: every combination of the reachable value shapes of the keys the
   * relevant rules constrain. Returns empty when done, {@code ""} when the visitor stopped, or a refusal reason.
   */
  private Optional<String> queryShapes(Cell cell, List<Rule> relevant, Visitor visitor) {
    Map<Integer, List<Integer>> matchersByKey = new TreeMap<>();
    for (Rule r : relevant) {
      for (int i = 0; i < r.keys.length; i++) {
        List<Integer> ms = matchersByKey.computeIfAbsent(r.keys[i], k -> new ArrayList<>());
        if (!ms.contains(r.matchers[i])) {
          ms.add(r.matchers[i]);
        }
      }
    }
    List<Integer> keyOrder = new ArrayList<>(matchersByKey.keySet());
    List<List<ValueShape>> shapes = new ArrayList<>();
    long combinations = 1;
    for (int k : keyOrder) {
      List<Integer> ms = matchersByKey.get(k);
      if (ms.size() > MAX_MATCHERS_PER_KEY) {
        return Optional.of("resource limit: more than " + MAX_MATCHERS_PER_KEY + " value patterns on query key '"
            + keys.get(k).name + "' for " + cell.method + " " + paths.get(cell.path) + " (refused, not explored)");
      }
      List<ValueShape> s = valueShapes(keys.get(k), ms);
      if (s == null || (combinations *= s.size() + 1) > MAX_QUERY_COMBINATIONS) {
        return Optional.of("resource limit: more than " + MAX_QUERY_COMBINATIONS + " query combinations for "
            + cell.method + " " + paths.get(cell.path) + " (refused, not explored)");
      }
      shapes.add(s);
    }
    int[] choice = new int[keyOrder.size()]; // 0 = key absent, i + 1 = shape i
    cell.queryKeys.clear();
    cell.queryKeys.addAll(keyOrder);
    while (true) {
      cell.queryValues.clear();
      for (int i = 0; i < choice.length; i++) {
        cell.queryValues.add(choice[i] == 0 ? null : shapes.get(i).get(choice[i] - 1).values());
      }
      verdicts(cell, relevant, keyOrder, matchersByKey, shapes, choice);
      if (visitor.visit(cell)) {
        return Optional.of("");
      }
      int i = 0;
      while (i < choice.length && ++choice[i] > shapes.get(i).size()) {
        choice[i] = 0;
        i++;
      }
      if (i == choice.length) {
        return Optional.empty();
      }
    }
  }

  /** The reachable value shapes of a key over the given matchers, or null when there are too many. */
  private static List<ValueShape> valueShapes(QueryKey key, List<Integer> matchers) {
    List<Long> single = new ArrayList<>();
    for (BitSet in : key.atomMatchers) {
      long bits = 0;
      for (int i = 0; i < matchers.size(); i++) {
        if (in.get(matchers.get(i))) {
          bits |= 1L << i;
        }
      }
      single.add(bits);
    }
    Map<List<Long>, ValueShape> seen = new LinkedHashMap<>();
    List<ValueShape> order = new ArrayList<>();
    for (int a = 0; a < single.size(); a++) {
      ValueShape s = new ValueShape(single.get(a), single.get(a), List.of(key.atoms.get(a)));
      if (seen.putIfAbsent(List.of(s.containing(), s.meeting()), s) == null) {
        order.add(s);
      }
    }
    for (int i = 0; i < order.size(); i++) {
      ValueShape s = order.get(i);
      for (int a = 0; a < single.size(); a++) {
        long containing = s.containing() & single.get(a);
        long meeting = s.meeting() | single.get(a);
        List<Long> id = List.of(containing, meeting);
        if (!seen.containsKey(id)) {
          if (seen.size() >= MAX_QUERY_COMBINATIONS) {
            return null;
          }
          List<String> values = new ArrayList<>(s.values());
          values.add(key.atoms.get(a));
          ValueShape t = new ValueShape(containing, meeting, List.copyOf(values));
          seen.put(id, t);
          order.add(t);
        }
      }
    }
    return order;
  }

  private void verdicts(Cell cell, List<Rule> relevant, List<Integer> keyOrder,
      Map<Integer, List<Integer>> matchersByKey, List<List<ValueShape>> shapes, int[] choice) {
    for (int i = 0; i < cell.touchedCount; i++) {
      cell.verdicts[cell.touched[i]] = 0;
    }
    cell.touchedCount = 0;
    for (Rule r : relevant) {
      if (!queryMatches(r, keyOrder, matchersByKey, shapes, choice)) {
        continue;
      }
      long v = cell.verdicts[r.signature];
      if (v == 0) {
        cell.touched[cell.touchedCount++] = r.signature;
      }
      cell.verdicts[r.signature] = r.deny || v == DENIED ? DENIED : ALLOWED;
    }
  }

  /** Spec §3.5: every key present; an allow rule needs every value to match, a deny rule one. */
  private static boolean queryMatches(Rule r, List<Integer> keyOrder, Map<Integer, List<Integer>> matchersByKey,
      List<List<ValueShape>> shapes, int[] choice) {
    for (int i = 0; i < r.keys.length; i++) {
      int at = keyOrder.indexOf(r.keys[i]);
      if (choice[at] == 0) {
        return false;
      }
      ValueShape s = shapes.get(at).get(choice[at] - 1);
      long bit = 1L << matchersByKey.get(r.keys[i]).indexOf(r.matchers[i]);
      if (((r.deny ? s.meeting() : s.containing()) & bit) == 0) {
        return false;
      }
    }
    return true;
  }
}
