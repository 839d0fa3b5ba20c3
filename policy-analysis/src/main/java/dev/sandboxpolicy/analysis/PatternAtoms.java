package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The atoms of a set of patterns of one call site (hosts, or binaries): the classes of values that no pattern tells
 * apart, each with a witness. A pattern is a literal (compared whole) or a glob; an atom says which literal it is
 * (at most one) and which globs match it. Every value of the universe matched by some pattern falls into exactly one
 * atom; literals outside the universe are atoms of their own; with {@code withUnmatched} there is one more atom for
 * the values no pattern matches. So a decision that depends only on which patterns match a value is decided for
 * every value by deciding each atom's witness.
 *
 * <p>For hosts the patterns are split into groups that can never match a common host (a glob matches only hosts
 * ending in {@code .S}, where {@code S} is its trailing literal labels), and each group's product is searched on its
 * own: ten thousand exact hosts under a few hundred domains never meet in one product.
 */
final class PatternAtoms {
  /** Label characters that make a host label a glob rather than literal text. */
  private static final String GLOB_SYNTAX = "*?[]{}\\";
  /** Values tried for the unmatched atom before a full product search. */
  private static final int UNMATCHED_CANDIDATES = 64;

  /** A class of values. */
  static final class Atom {
    final String witness;
    /** The literal this atom is, or -1. */
    final int literal;
    /** The globs that match it. */
    final BitSet globs;

    Atom(String witness, int literal, BitSet globs) {
      this.witness = witness;
      this.literal = literal;
      this.globs = globs;
    }

    @Override
    public String toString() {
      return "Atom[" + witness + " literal=" + literal + " globs=" + globs + "]";
    }
  }

  final List<String> literals;
  final List<String> globs;
  final List<Atom> atoms = new ArrayList<>();
  private final Map<Integer, Integer> atomOfLiteral = new HashMap<>();
  private final List<BitSet> atomsOfGlob = new ArrayList<>();

  private final Map<String, Integer> literalIndex = new HashMap<>();
  private final Map<String, Integer> globIndex = new HashMap<>();

  private PatternAtoms(List<String> literals, List<String> globs) {
    this.literals = List.copyOf(literals);
    this.globs = List.copyOf(globs);
    for (int i = 0; i < literals.size(); i++) {
      literalIndex.putIfAbsent(literals.get(i), i);
    }
    for (int i = 0; i < globs.size(); i++) {
      globIndex.putIfAbsent(globs.get(i), i);
    }
    for (int g = 0; g < globs.size(); g++) {
      atomsOfGlob.add(new BitSet());
    }
  }

  /**
   * Computes the atoms.
   *
   * @param literals distinct literal patterns, as the values they match
   * @param globs distinct glob patterns
   * @param language the automaton of a glob pattern
   * @param universe the values that exist
   * @param hostGroups whether to split the search by DNS suffix (host patterns only)
   * @param withUnmatched whether to add the atom of values no pattern matches (when there is one)
   * @param maxStates the product search bound
   * @throws ProductSearch.StateLimitException if a product is too large
   */
  static PatternAtoms of(List<String> literals, List<String> globs, Function<String, ByteDfa> language,
      ByteDfa universe, boolean hostGroups, boolean withUnmatched, int maxStates) {
    PatternAtoms out = new PatternAtoms(literals, globs);
    List<ByteDfa> globDfas = new ArrayList<>();
    for (String g : globs) {
      globDfas.add(language.apply(g));
    }
    int[] groupOfLiteral = new int[literals.size()];
    int[] groupOfGlob = new int[globs.size()];
    int groups = hostGroups ? hostGroups(literals, globs, groupOfLiteral, groupOfGlob) : 1;
    List<List<Integer>> groupLiterals = new ArrayList<>();
    List<List<Integer>> groupGlobs = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      groupLiterals.add(new ArrayList<>());
      groupGlobs.add(new ArrayList<>());
    }
    for (int g = 0; g < globs.size(); g++) {
      groupGlobs.get(groupOfGlob[g]).add(g);
    }
    for (int i = 0; i < literals.size(); i++) {
      byte[] bytes = literals.get(i).getBytes(StandardCharsets.UTF_8);
      int group = groupOfLiteral[i];
      if (!universe.matches(bytes) || groupGlobs.get(group).isEmpty()) {
        BitSet matching = new BitSet();
        for (int g : groupGlobs.get(group)) {
          if (globDfas.get(g).matches(bytes)) {
            matching.set(g);
          }
        }
        out.add(new Atom(literals.get(i), i, matching));
      } else {
        groupLiterals.get(group).add(i);
      }
    }
    for (int group = 0; group < groups; group++) {
      List<Integer> gl = groupGlobs.get(group);
      if (gl.isEmpty()) {
        continue;
      }
      List<Integer> ll = groupLiterals.get(group);
      List<byte[]> members = new ArrayList<>();
      for (int i : ll) {
        members.add(literals.get(i).getBytes(StandardCharsets.UTF_8));
      }
      List<ByteDfa> parts = new ArrayList<>();
      parts.add(ByteDfa.literals(members));
      for (int g : gl) {
        parts.add(globDfas.get(g));
      }
      for (ProductSearch.Atom a : ProductSearch.atoms(parts, universe, maxStates)) {
        int literal = a.label(0) == 0 ? -1 : ll.get(a.label(0) - 1);
        BitSet matching = new BitSet();
        for (int k = 0; k < gl.size(); k++) {
          if (a.label(k + 1) != 0) {
            matching.set(gl.get(k));
          }
        }
        out.add(new Atom(new String(a.witness(), StandardCharsets.UTF_8), literal, matching));
      }
    }
    if (withUnmatched) {
      out.addUnmatched(globDfas, universe, maxStates);
    }
    return out;
  }

  /** The atom of values no pattern matches: a few readable candidates first, a product search if they all match. */
  private void addUnmatched(List<ByteDfa> globDfas, ByteDfa universe, int maxStates) {
    java.util.Set<String> taken = new java.util.HashSet<>(literals);
    for (int i = 0; i < UNMATCHED_CANDIDATES; i++) {
      String candidate = i == 0 ? "a" : "unmatched" + i + ".invalid";
      byte[] bytes = candidate.getBytes(StandardCharsets.UTF_8);
      if (!taken.contains(candidate) && universe.matches(bytes)
          && globDfas.stream().noneMatch(d -> d.matches(bytes))) {
        add(new Atom(candidate, -1, new BitSet()));
        return;
      }
    }
    List<byte[]> members = new ArrayList<>();
    literals.forEach(l -> members.add(l.getBytes(StandardCharsets.UTF_8)));
    List<ByteDfa> parts = new ArrayList<>();
    parts.add(ByteDfa.literals(members));
    parts.addAll(globDfas);
    ProductSearch.unmatched(parts, universe, maxStates)
        .ifPresent(w -> add(new Atom(new String(w, StandardCharsets.UTF_8), -1, new BitSet())));
  }

  /**
   * Splits host patterns into groups that cannot share a host: a glob matches only hosts ending in {@code .S} for its
   * trailing literal labels {@code S}, so a glob meets another glob when one's {@code S} is a label suffix of the
   * other's, and meets a literal when its {@code S} is a proper label suffix of the literal. Returns the group count.
   */
  private static int hostGroups(List<String> literals, List<String> globs, int[] groupOfLiteral, int[] groupOfGlob) {
    int n = globs.size() + literals.size();
    UnionFind sets = new UnionFind(n);
    Map<String, List<Integer>> owners = new HashMap<>();
    for (int g = 0; g < globs.size(); g++) {
      owners.computeIfAbsent(literalSuffix(globs.get(g)), k -> new ArrayList<>()).add(g);
    }
    for (int g = 0; g < globs.size(); g++) {
      for (String t : labelSuffixes(literalSuffix(globs.get(g)), true)) {
        for (int other : owners.getOrDefault(t, List.of())) {
          sets.union(g, other);
        }
      }
    }
    for (int i = 0; i < literals.size(); i++) {
      for (String t : labelSuffixes(literals.get(i), false)) {
        for (int g : owners.getOrDefault(t, List.of())) {
          sets.union(globs.size() + i, g);
        }
      }
    }
    Map<Integer, Integer> ids = new HashMap<>();
    for (int g = 0; g < globs.size(); g++) {
      groupOfGlob[g] = ids.computeIfAbsent(sets.find(g), k -> ids.size());
    }
    for (int i = 0; i < literals.size(); i++) {
      groupOfLiteral[i] = ids.computeIfAbsent(sets.find(globs.size() + i), k -> ids.size());
    }
    return ids.size();
  }

  /** The trailing labels of a host glob that contain no glob syntax ({@code ""} when the last label has some). */
  static String literalSuffix(String glob) {
    String[] labels = glob.split("\\.", -1);
    int first = labels.length;
    while (first > 0 && isLiteralLabel(labels[first - 1])) {
      first--;
    }
    return String.join(".", java.util.Arrays.asList(labels).subList(first, labels.length));
  }

  private static boolean isLiteralLabel(String label) {
    for (int i = 0; i < label.length(); i++) {
      if (GLOB_SYNTAX.indexOf(label.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} (when {@code withSelf}), then every suffix after a {@code .}, then {@code ""}. */
  private static List<String> labelSuffixes(String s, boolean withSelf) {
    List<String> out = new ArrayList<>();
    if (withSelf) {
      out.add(s);
    }
    for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
      out.add(s.substring(i + 1));
    }
    if (!s.isEmpty()) {
      out.add("");
    }
    return out;
  }

  private void add(Atom a) {
    int index = atoms.size();
    atoms.add(a);
    if (a.literal >= 0) {
      atomOfLiteral.put(a.literal, index);
    }
    for (int g = a.globs.nextSetBit(0); g >= 0; g = a.globs.nextSetBit(g + 1)) {
      atomsOfGlob.get(g).set(index);
    }
  }

  /** The index of a literal pattern, or -1. */
  int literalIndex(String literal) {
    return literalIndex.getOrDefault(literal, -1);
  }

  /** The index of a glob pattern, or -1. */
  int globIndex(String glob) {
    return globIndex.getOrDefault(glob, -1);
  }

  /** The atom of a literal, or -1 when none (the literal is no value of the universe). */
  int atomOfLiteral(int literal) {
    return literal < 0 ? -1 : atomOfLiteral.getOrDefault(literal, -1);
  }

  /** The atoms a glob matches. */
  BitSet atomsOfGlob(int glob) {
    return glob < 0 ? new BitSet() : (BitSet) atomsOfGlob.get(glob).clone();
  }
}
