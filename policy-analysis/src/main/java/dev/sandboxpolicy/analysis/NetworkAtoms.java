package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The host and binary atoms of one or more policies ({@link PatternAtoms}) with, per policy, the endpoints each host
 * atom reaches and the entries each binary atom reaches: the connection space cut so that every network decision is
 * constant on a cell (host atom, port, binary atom).
 */
final class NetworkAtoms {
  /** Bound on the states of any one automaton product. */
  static final int MAX_PRODUCT_STATES = dev.sandboxpolicy.model.automaton.ProductSearch.DEFAULT_MAX_STATES;

  PatternAtoms hosts;
  PatternAtoms binaries;

  private NetworkAtoms() {}

  static NetworkAtoms of(List<PolicyModel> models) {
    return of(models, new Languages());
  }

  /** Computes the atoms, taking and leaving automata in {@code languages}. */
  static NetworkAtoms of(List<PolicyModel> models, Languages languages) {
    NetworkAtoms out = new NetworkAtoms();
    out.build(models, languages);
    return out;
  }

  private void build(List<PolicyModel> models, Languages languages) {
    java.util.function.Function<String, ByteDfa> host = languages::host;
    java.util.function.Function<String, ByteDfa> binary = languages::binary;
    Set<String> exact = new LinkedHashSet<>();
    Set<String> wild = new LinkedHashSet<>();
    boolean hostless = false;
    for (PolicyModel m : models) {
      for (PolicyModel.Ep e : m.endpoints) {
        if (e.hostless) {
          hostless = true;
        } else if (e.wildcard) {
          if (compiles(() -> host.apply(e.host))) {
            wild.add(e.host);
          }
        } else {
          exact.add(e.host);
        }
      }
    }
    hosts = PatternAtoms.of(List.copyOf(exact), List.copyOf(wild), host,
        CallSiteLanguages.hostNames(), true, hostless, MAX_PRODUCT_STATES);
    Set<String> literal = new LinkedHashSet<>();
    Set<String> globs = new LinkedHashSet<>();
    for (PolicyModel m : models) {
      for (PolicyModel.Entry e : m.entries) {
        for (String b : e.binaries) {
          if (b.indexOf('*') < 0) {
            literal.add(b);
          } else if (compiles(() -> binary.apply(b))) {
            globs.add(b);
          }
        }
      }
    }
    binaries = PatternAtoms.of(List.copyOf(literal), List.copyOf(globs), binary,
        CallSiteLanguages.executablePaths(), false, false, MAX_PRODUCT_STATES);
  }

  private static boolean compiles(Runnable build) {
    try {
      build.run();
      return true;
    } catch (GlobSyntaxException e) {
      return false; // a glob_invalid warning of the policy, reported as unsupported by PolicyModel
    }
  }

  /** For every host atom, the endpoints of {@code m} (by ordinal) whose host matches it. */
  BitSet[] endpointsByHostAtom(PolicyModel m) {
    BitSet[] out = new BitSet[hosts.atoms.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new BitSet();
    }
    for (PolicyModel.Ep e : m.endpoints) {
      if (e.hostless) {
        if (!e.source.allowedIps().isEmpty()) {
          for (BitSet b : out) {
            b.set(e.ordinal);
          }
        }
      } else if (e.wildcard) {
        int g = hosts.globIndex(e.host);
        BitSet atoms = g < 0 ? new BitSet() : hosts.atomsOfGlob(g);
        for (int a = atoms.nextSetBit(0); a >= 0; a = atoms.nextSetBit(a + 1)) {
          out[a].set(e.ordinal);
        }
      } else {
        int a = hosts.atomOfLiteral(hosts.literalIndex(e.host));
        if (a >= 0) {
          out[a].set(e.ordinal);
        }
      }
    }
    return out;
  }

  /** For every binary atom, the entries of {@code m} (by index) one of whose binaries matches it. */
  BitSet[] entriesByBinaryAtom(PolicyModel m) {
    BitSet[] out = new BitSet[binaries.atoms.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new BitSet();
    }
    for (PolicyModel.Entry e : m.entries) {
      for (String b : e.binaries) {
        if (b.indexOf('*') < 0) {
          int a = binaries.atomOfLiteral(binaries.literalIndex(b));
          if (a >= 0) {
            out[a].set(e.index);
          }
        } else {
          int g = binaries.globIndex(b);
          BitSet atoms = g < 0 ? new BitSet() : binaries.atomsOfGlob(g);
          for (int a = atoms.nextSetBit(0); a >= 0; a = atoms.nextSetBit(a + 1)) {
            out[a].set(e.index);
          }
        }
      }
    }
    return out;
  }

  static void addPorts(PolicyModel m, BitSet eps, Set<Integer> ports) {
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      ports.addAll(m.endpoints.get(i).ports);
    }
  }

  static BitSet onPort(PolicyModel m, BitSet eps, int port) {
    BitSet out = new BitSet();
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      if (m.endpoints.get(i).ports.contains(port)) {
        out.set(i);
      }
    }
    return out;
  }

  static BitSet entriesOf(PolicyModel m, BitSet eps) {
    BitSet out = new BitSet();
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      out.set(m.endpoints.get(i).entry.index);
    }
    return out;
  }

  static BitSet endpointsOfEntries(PolicyModel m, BitSet eps, BitSet entries) {
    BitSet out = new BitSet();
    for (int i = eps.nextSetBit(0); i >= 0; i = eps.nextSetBit(i + 1)) {
      if (entries.get(m.endpoints.get(i).entry.index)) {
        out.set(i);
      }
    }
    return out;
  }
}
