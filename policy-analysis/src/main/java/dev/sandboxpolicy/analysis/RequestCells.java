package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * endpoints answers the same: a request decision over these endpoints is constant on a cell, so deciding one witness
 * per cell decides every request (spec §3.5, §3.6).
 *
 * <ul>
 *   <li>Methods: every method a rule names (compared case-insensitively, so upper-cased), {@code HEAD} when {@code
 *       GET} is named (a {@code GET} rule matches it), every method an access preset may expand to when an endpoint
 *       uses one, and one method nothing names (it stands for all the others).
 *   <li>Paths: the atoms of every endpoint selector (as Rego reads it), every route selector, every rule path and,
 *       where encoded slashes are allowed, "contains {@code %2F}", over canonical paths.
 *   <li>Query: for each key a rule constrains, the atoms of the value globs on that key; a request either lacks the
 *       key or carries a non-empty set of those atoms (allow rules need every value to match, deny rules one). Only
 *       the keys of rules whose method, path and endpoint selector match the cell can change its decision, so only
 *       those are combined.
 * </ul>
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
  /** More query combinations than this for one cell is refused as unsupported (state explosion). */
  static final int MAX_QUERY_COMBINATIONS = 4096;
  private static final int ALL = -1;
  private static final int NEVER = -2;

  /** What a rule needs of a cell before its query can matter. */
  private record RuleShape(String method, int pathPart, int selectorPart, Set<String> keys) {}

  final List<String> methods;
  final List<String> paths = new ArrayList<>();
  private final List<int[]> pathLabels = new ArrayList<>();
  private final List<RuleShape> shapes = new ArrayList<>();
  /** Per query key, the witness of each value atom. */
  private final Map<String, List<String>> valueAtoms = new TreeMap<>();

  /**
   * Builds the cells.
   *
   * @param endpoints the endpoints of both policies a request on the connection may meet
   * @param cache automata already built in this analysis, by pattern
   * @param maxStates the product search bound
   * @param unsupported where to record what cannot be cut exactly
   * @throws ProductSearch.StateLimitException if a product exceeds {@code maxStates}
   */
  RequestCells(List<PolicyModel.Ep> endpoints, Map<String, ByteDfa> cache, int maxStates, List<String> unsupported) {
    Set<String> methodSet = new TreeSet<>();
    Map<String, Integer> partIndex = new LinkedHashMap<>();
    List<ByteDfa> parts = new ArrayList<>();
    boolean encodedSlash = false;
    Map<String, Set<String>> keyGlobs = new TreeMap<>();
    for (PolicyModel.Ep e : endpoints) {
      encodedSlash |= e.source.allowEncodedSlash();
      if (!e.source.access().isEmpty()) {
        methodSet.addAll(PRESET_METHODS);
        if (Protocol.WEBSOCKET.is(e.protocol)) {
          methodSet.add(WEBSOCKET_TEXT);
        }
      }
      String selector = e.source.path();
      int selectorPart = ALL;
      if (!selector.isEmpty() && !selector.equals("**")) {
        selectorPart = part(partIndex, parts, cache, "path " + selector, () -> CallSiteLanguages.pathGlob(selector),
            e.pointer, unsupported);
      }
      if (e.inspected && !selector.isEmpty()) {
        part(partIndex, parts, cache, "route " + selector, () -> CallSiteLanguages.routeSelector(selector), e.pointer,
            unsupported);
      }
      List<RuleBody> bodies = new ArrayList<>(e.allow);
      bodies.addAll(e.deny);
      for (RuleBody r : bodies) {
        if (!r.method().isEmpty() && !r.method().equals("*")) {
          methodSet.add(r.method().toUpperCase(Locale.ROOT));
        }
        String p = r.path();
        int pathPart = p.equals("**") ? ALL : p.isEmpty() ? NEVER
            : part(partIndex, parts, cache, "path " + p, () -> CallSiteLanguages.pathGlob(p), e.pointer, unsupported);
        for (Map.Entry<String, ValueMatcher> q : r.query().entrySet()) {
          keyGlobs.computeIfAbsent(q.getKey(), k -> new LinkedHashSet<>()).addAll(q.getValue().globs());
        }
        if (!r.query().isEmpty()) {
          shapes.add(new RuleShape(r.method(), pathPart, selectorPart, r.query().keySet()));
        }
      }
    }
    if (encodedSlash) {
      part(partIndex, parts, cache, "contains %2F", () -> CallSiteLanguages.containing("%2F"), "", unsupported);
    }
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
    ByteDfa universe = CallSiteLanguages.canonicalPath(encodedSlash);
    if (parts.isEmpty()) {
      paths.add("/");
      pathLabels.add(new int[0]);
    } else {
      for (ProductSearch.Atom a : ProductSearch.atoms(parts, universe, maxStates)) {
        paths.add(new String(a.witness(), StandardCharsets.US_ASCII));
        pathLabels.add(a.labels());
      }
      unmatched(parts, universe, maxStates).ifPresent(w -> {
        paths.add(w);
        pathLabels.add(new int[parts.size()]);
      });
    }
    for (Map.Entry<String, Set<String>> k : keyGlobs.entrySet()) {
      Map<String, Integer> valueIndex = new HashMap<>();
      List<ByteDfa> values = new ArrayList<>();
      for (String g : k.getValue()) {
        part(valueIndex, values, cache, "value " + g, () -> CallSiteLanguages.valueGlob(g),
            "query key '" + k.getKey() + "'", unsupported);
      }
      List<String> witnesses = new ArrayList<>();
      for (ProductSearch.Atom a : ProductSearch.atoms(values, CallSiteLanguages.text(), maxStates)) {
        witnesses.add(new String(a.witness(), StandardCharsets.UTF_8));
      }
      unmatched(values, CallSiteLanguages.text(), maxStates).ifPresent(witnesses::add);
      valueAtoms.put(k.getKey(), witnesses);
    }
  }

  private static Optional<String> unmatched(List<ByteDfa> dfas, ByteDfa universe, int maxStates) {
    return ProductSearch.unmatched(dfas, universe, maxStates).map(w -> new String(w, StandardCharsets.UTF_8));
  }

  /** The index of a part, building (or reusing) its automaton; {@link #NEVER} when it does not compile. */
  private static int part(Map<String, Integer> index, List<ByteDfa> parts, Map<String, ByteDfa> cache, String key,
      Supplier<ByteDfa> build, String where, List<String> unsupported) {
    Integer i = index.get(key);
    if (i != null) {
      return i;
    }
    ByteDfa dfa = cache.get(key);
    if (dfa == null) {
      try {
        dfa = build.get();
      } catch (GlobSyntaxException e) {
        return NEVER; // reported once per policy (glob_invalid); the decisions that read it fail closed
      } catch (ProductSearch.StateLimitException e) {
        unsupported.add("pattern '" + key + "' at " + where + " needs more than " + e.limit()
            + " automaton states (refused, not explored)");
        return NEVER;
      }
      cache.put(key, dfa);
    }
    index.put(key, parts.size());
    parts.add(dfa);
    return parts.size() - 1;
  }

  /**
   * The query shapes that matter in one cell: every combination of (absent, or a non-empty set of value atoms) over
   * the keys of the rules whose method, path and endpoint selector match the cell.
   *
   * @param method the cell's method
   * @param path the index of the cell's path in {@link #paths}
   * @return the query maps (one empty map when no query matters), or empty when there are more than {@link
   *     #MAX_QUERY_COMBINATIONS}
   */
  Optional<List<Map<String, List<String>>>> queries(String method, int path) {
    Set<String> keys = new TreeSet<>();
    int[] labels = pathLabels.get(path);
    for (RuleShape s : shapes) {
      if (methodMayMatch(s.method(), method) && partMatches(s.pathPart(), labels)
          && partMatches(s.selectorPart(), labels)) {
        keys.addAll(s.keys());
      }
    }
    List<Map<String, List<String>>> out = new ArrayList<>();
    out.add(Map.of());
    for (String key : keys) {
      List<String> atoms = valueAtoms.getOrDefault(key, List.of());
      int subsets = atoms.size() >= 20 ? Integer.MAX_VALUE : (1 << atoms.size()) - 1;
      if ((long) out.size() * (subsets + 1L) > MAX_QUERY_COMBINATIONS) {
        return Optional.empty();
      }
      List<Map<String, List<String>>> next = new ArrayList<>();
      for (Map<String, List<String>> q : out) {
        next.add(q);
        for (int mask = 1; mask <= subsets; mask++) {
          List<String> values = new ArrayList<>();
          for (int i = 0; i < atoms.size(); i++) {
            if ((mask & (1 << i)) != 0) {
              values.add(atoms.get(i));
            }
          }
          Map<String, List<String>> extended = new TreeMap<>(q);
          extended.put(key, List.copyOf(values));
          next.add(extended);
        }
      }
      out = next;
    }
    return Optional.of(out);
  }

  private static boolean partMatches(int part, int[] labels) {
    return part == ALL || (part >= 0 && part < labels.length && labels[part] != 0);
  }

  /**
   * A superset of the REST method check (spec §3.5: {@code *} matches any method, names compare case-insensitively,
   * and {@code HEAD} satisfies {@code GET}), used only to leave out query keys that cannot matter; a rule it keeps
   * that the matcher would not match only adds cells.
   */
  private static boolean methodMayMatch(String rule, String method) {
    return rule.equals("*") || rule.equalsIgnoreCase(method)
        || (rule.equalsIgnoreCase("GET") && method.equals("HEAD"));
  }
}
