package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The atoms of a set of patterns of one call site (hosts, or binaries): the classes of values that no pattern tells
 * apart, each with a witness. A pattern is a literal (compared whole) or a glob; an atom says which literal it is
 * (at most one) and which globs match it. Every value of the universe falls into exactly one atom (or matches no
 * pattern at all, which is the extra "unmatched" atom when asked for); literals outside the universe are atoms of
 * their own. So a decision that only depends on which patterns match a value is decided for every value by deciding
 * each atom's witness.
 */
final class PatternAtoms {
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

  private PatternAtoms(List<String> literals, List<String> globs) {
    this.literals = List.copyOf(literals);
    this.globs = List.copyOf(globs);
  }

  /**
   * Computes the atoms.
   *
   * @param literals distinct literal patterns, as the values they match
   * @param globs distinct glob patterns
   * @param language the automaton of a glob pattern
   * @param universe the values that exist
   * @param withUnmatched whether to add the atom of values no pattern matches (when there is one)
   * @param maxStates the product search bound
   * @throws ProductSearch.StateLimitException if the product is too large
   */
  static PatternAtoms of(List<String> literals, List<String> globs, Function<String, ByteDfa> language,
      ByteDfa universe, boolean withUnmatched, int maxStates) {
    PatternAtoms out = new PatternAtoms(literals, globs);
    List<ByteDfa> parts = new ArrayList<>();
    List<byte[]> inUniverse = new ArrayList<>();
    List<Integer> inUniverseIndex = new ArrayList<>();
    List<ByteDfa> globDfas = new ArrayList<>();
    for (String g : globs) {
      globDfas.add(language.apply(g));
    }
    for (int i = 0; i < literals.size(); i++) {
      byte[] bytes = literals.get(i).getBytes(StandardCharsets.UTF_8);
      if (universe.matches(bytes)) {
        inUniverse.add(bytes);
        inUniverseIndex.add(i);
      } else {
        BitSet matching = new BitSet();
        for (int g = 0; g < globDfas.size(); g++) {
          if (globDfas.get(g).matches(bytes)) {
            matching.set(g);
          }
        }
        out.add(new Atom(literals.get(i), i, matching));
      }
    }
    parts.add(ByteDfa.literals(inUniverse));
    parts.addAll(globDfas);
    for (ProductSearch.Atom a : ProductSearch.atoms(parts, universe, maxStates)) {
      out.add(atomOf(a, inUniverseIndex));
    }
    if (withUnmatched) {
      Optional<byte[]> none = ProductSearch.find(parts, universe, labels -> {
        for (int l : labels) {
          if (l != 0) {
            return false;
          }
        }
        return true;
      }, maxStates);
      none.ifPresent(w -> out.add(new Atom(new String(w, StandardCharsets.UTF_8), -1, new BitSet())));
    }
    return out;
  }

  private static Atom atomOf(ProductSearch.Atom a, List<Integer> inUniverseIndex) {
    int literal = a.label(0) == 0 ? -1 : inUniverseIndex.get(a.label(0) - 1);
    BitSet g = new BitSet();
    int[] labels = a.labels();
    for (int i = 1; i < labels.length; i++) {
      if (labels[i] != 0) {
        g.set(i - 1);
      }
    }
    return new Atom(new String(a.witness(), StandardCharsets.UTF_8), literal, g);
  }

  private void add(Atom a) {
    int index = atoms.size();
    atoms.add(a);
    if (a.literal >= 0) {
      atomOfLiteral.put(a.literal, index);
    }
    for (int g = a.globs.nextSetBit(0); g >= 0; g = a.globs.nextSetBit(g + 1)) {
      while (atomsOfGlob.size() <= g) {
        atomsOfGlob.add(new BitSet());
      }
      atomsOfGlob.get(g).set(index);
    }
  }

  /** The atom of a literal, or -1 when it is not a value of the universe and was not added. */
  int atomOfLiteral(int literal) {
    return atomOfLiteral.getOrDefault(literal, -1);
  }

  /** The atoms a glob matches. */
  BitSet atomsOfGlob(int glob) {
    return glob < atomsOfGlob.size() ? (BitSet) atomsOfGlob.get(glob).clone() : new BitSet();
  }
}
