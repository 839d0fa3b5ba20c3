package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The REST request space of a set of endpoints, cut into cells inside which every rule, selector and route of those
 * endpoints answers the same: a request decision over these endpoints is constant on a cell, so deciding one witness
 * per cell decides every request (spec §3.5, §3.6).
 *
 * <ul>
 *   <li>Methods: every method a rule names (compared case-insensitively, so upper-cased), the standard methods,
 *       {@code HEAD} (which {@code GET} rules also match) and one method no rule names.
 *   <li>Paths: the atoms of every endpoint selector (as Rego reads it), every route selector, every rule path and,
 *       where encoded slashes are allowed, "contains {@code %2F}", over canonical paths.
 *   <li>Query: for each key a rule constrains, the atoms of the value globs on that key; a request either lacks the
 *       key or carries a non-empty set of those atoms (allow rules need every value to match, deny rules one).
 * </ul>
 */
final class RequestCells {
  /** Methods every endpoint is probed with: the ones access presets and usual clients use (spec §1.8). */
  static final List<String> STANDARD_METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
  /** Candidates for a method no rule names. */
  private static final List<String> FRESH_METHODS = List.of("TRACE", "PROPFIND", "LOCK", "UNLOCK", "MKCOL");
  /** More query combinations than this for one method is refused as unsupported (state explosion). */
  static final int MAX_QUERY_COMBINATIONS = 4096;

  /** A cell: one request shape. */
  record Cell(String method, String path, Map<String, List<String>> query) {}

  final List<String> methods;
  final List<String> paths = new ArrayList<>();
  /** Per query key, the witness of each value atom. */
  private final Map<String, List<String>> valueAtoms = new TreeMap<>();

  /**
   * Builds the cells.
   *
   * @param endpoints the endpoints of both policies a request on the connection may meet
   * @param maxStates the product search bound
   * @param unsupported where to record what cannot be cut exactly
   */
  RequestCells(List<PolicyModel.Ep> endpoints, int maxStates, List<String> unsupported) {
    Set<String> methodSet = new TreeSet<>(STANDARD_METHODS);
    Map<String, ByteDfa> parts = new LinkedHashMap<>();
    boolean encodedSlash = false;
    Map<String, Set<String>> keyGlobs = new TreeMap<>();
    for (PolicyModel.Ep e : endpoints) {
      encodedSlash |= e.source.allowEncodedSlash();
      String selector = e.source.path();
      if (!selector.isEmpty() && !selector.equals("**")) {
        addPart(parts, "selector " + selector, () -> CallSiteLanguages.pathGlob(selector), e.pointer, unsupported);
      }
      if (e.inspected && !selector.isEmpty()) {
        addPart(parts, "route " + selector, () -> CallSiteLanguages.routeSelector(selector), e.pointer, unsupported);
      }
      List<RuleBody> bodies = new ArrayList<>(e.allow);
      bodies.addAll(e.deny);
      for (RuleBody r : bodies) {
        if (!r.method().isEmpty() && !r.method().equals("*")) {
          methodSet.add(r.method().toUpperCase(Locale.ROOT));
        }
        String p = r.path();
        if (!p.isEmpty() && !p.equals("**")) {
          addPart(parts, "rule " + p, () -> CallSiteLanguages.pathGlob(p), e.pointer, unsupported);
        }
        for (Map.Entry<String, ValueMatcher> q : r.query().entrySet()) {
          keyGlobs.computeIfAbsent(q.getKey(), k -> new LinkedHashSet<>()).addAll(q.getValue().globs());
        }
      }
    }
    if (encodedSlash) {
      parts.put("contains %2F", CallSiteLanguages.containing("%2F"));
    }
    for (String fresh : FRESH_METHODS) {
      if (!methodSet.contains(fresh)) {
        methodSet.add(fresh);
        break;
      }
    }
    this.methods = List.copyOf(methodSet);
    ByteDfa universe = CallSiteLanguages.canonicalPath(encodedSlash);
    List<ByteDfa> dfas = new ArrayList<>(parts.values());
    if (dfas.isEmpty()) {
      paths.add("/");
    } else {
      for (ProductSearch.Atom a : ProductSearch.atoms(dfas, universe, maxStates)) {
        paths.add(new String(a.witness(), StandardCharsets.US_ASCII));
      }
      unmatched(dfas, universe, maxStates).ifPresent(paths::add);
    }
    for (Map.Entry<String, Set<String>> k : keyGlobs.entrySet()) {
      Map<String, ByteDfa> valueParts = new LinkedHashMap<>();
      for (String g : k.getValue()) {
        addPart(valueParts, g, () -> CallSiteLanguages.valueGlob(g), "query key '" + k.getKey() + "'", unsupported);
      }
      List<ByteDfa> vdfas = new ArrayList<>(valueParts.values());
      List<String> witnesses = new ArrayList<>();
      for (ProductSearch.Atom a : ProductSearch.atoms(vdfas, CallSiteLanguages.text(), maxStates)) {
        witnesses.add(new String(a.witness(), StandardCharsets.UTF_8));
      }
      unmatched(vdfas, CallSiteLanguages.text(), maxStates).ifPresent(witnesses::add);
      valueAtoms.put(k.getKey(), witnesses);
    }
  }

  private static Optional<String> unmatched(List<ByteDfa> dfas, ByteDfa universe, int maxStates) {
    return ProductSearch.find(dfas, universe, labels -> {
      for (int l : labels) {
        if (l != 0) {
          return false;
        }
      }
      return true;
    }, maxStates).map(w -> new String(w, StandardCharsets.UTF_8));
  }

  private static void addPart(Map<String, ByteDfa> parts, String key, java.util.function.Supplier<ByteDfa> build,
      String where, List<String> unsupported) {
    if (parts.containsKey(key)) {
      return;
    }
    try {
      parts.put(key, build.get());
    } catch (GlobSyntaxException e) {
      // reported once per policy as a glob_invalid warning; the decisions that read it fail closed
    } catch (ProductSearch.StateLimitException e) {
      unsupported.add("pattern '" + key + "' at " + where + " needs more than " + e.limit()
          + " automaton states (refused, not explored)");
    }
  }

  /**
   * The query shapes that matter: every combination of (absent, or a non-empty set of value atoms) over the keys any
   * rule constrains.
   *
   * @return the query maps, or empty when there are more than {@link #MAX_QUERY_COMBINATIONS}
   */
  Optional<List<Map<String, List<String>>>> queries() {
    List<Map<String, List<String>>> out = new ArrayList<>();
    out.add(Map.of());
    for (Map.Entry<String, List<String>> k : valueAtoms.entrySet()) {
      String key = k.getKey();
      List<String> atoms = k.getValue();
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
}
