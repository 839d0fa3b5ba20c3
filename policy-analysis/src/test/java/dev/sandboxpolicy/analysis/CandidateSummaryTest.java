package dev.sandboxpolicy.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link CandidateSummary}: a join semilattice (so closures are well defined), whose {@code passes} agrees with the
 * compiled matcher on every cell and every combination of executables tried, on generated policies whose entries
 * share hosts. The seed is printed on failure.
 */
class CandidateSummaryTest {
  private static final int CASES = 25;
  private static final int COMBINATIONS_PER_CELL = 3;
  private static final int MAX_CELLS = 400;

  /**
   * The summary of a random subset of {@code endpoints}: within one cell an endpoint's summary is fixed, so the
   * endpoints of a cell are drawn once and sets of them joined.
   */
  private static long random(SplittableRandom r, long[] endpoints) {
    long s = CandidateSummary.EMPTY;
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      s = CandidateSummary.join(s, endpoints[r.nextInt(endpoints.length)]);
    }
    return s;
  }

  /** The endpoints of one cell; attributes follow the specificity, as the ambiguity check makes them agree. */
  private static long[] cell(SplittableRandom r) {
    long[] endpoints = new long[6];
    for (int i = 0; i < endpoints.length; i++) {
      long verdict = r.nextInt(3) == 0 ? CandidateSummary.ALLOW : r.nextInt(4) == 0 ? CandidateSummary.DENY : 0;
      int spec = r.nextInt(3) * 4;
      endpoints[i] = CandidateSummary.endpoint(r.nextInt(4) != 0, i, r.nextBoolean(), spec,
          spec % 8 == 0 ? CandidateSummary.AUDIT : 0, verdict);
    }
    return endpoints;
  }

  @Test
  void joinIsIdempotentCommutativeAndAssociative() {
    SplittableRandom r = new SplittableRandom(20261207L);
    for (int i = 0; i < 5000; i++) {
      long[] cell = cell(r);
      long a = random(r, cell);
      long b = random(r, cell);
      long c = random(r, cell);
      assertEquals(a, CandidateSummary.join(a, a));
      assertEquals(CandidateSummary.join(a, b), CandidateSummary.join(b, a));
      assertEquals(CandidateSummary.join(CandidateSummary.join(a, b), c),
          CandidateSummary.join(a, CandidateSummary.join(b, c)));
      assertEquals(a, CandidateSummary.join(a, CandidateSummary.EMPTY));
      assertTrue(CandidateSummary.absorbs(CandidateSummary.join(a, b), a));
      assertFalse(CandidateSummary.conflicted(CandidateSummary.join(a, b)));
    }
  }

  @Test
  void theRequestDecisionOverASetFollowsSpecSection35() {
    long l4 = CandidateSummary.endpoint(false, 0, true, 0, 0, 0);
    long enforced = CandidateSummary.endpoint(true, 1, true, 0, 0, 0);
    long allows = CandidateSummary.endpoint(true, 2, true, 0, 0, CandidateSummary.ALLOW);
    long denies = CandidateSummary.endpoint(true, 3, true, 0, 0, CandidateSummary.DENY);
    long auditSelector = CandidateSummary.endpoint(true, 4, true, 6, CandidateSummary.AUDIT, 0);
    long otherRoute = CandidateSummary.endpoint(true, 5, false, 6, 0, CandidateSummary.ALLOW);
    assertTrue(CandidateSummary.passes(l4, false), "no inspected endpoint: relayed");
    assertTrue(CandidateSummary.passes(l4, true), "relayed, encoded slash or not");
    assertFalse(CandidateSummary.passes(CandidateSummary.join(l4, enforced), false), "nothing allows");
    assertTrue(CandidateSummary.passes(CandidateSummary.join(enforced, allows), false));
    assertFalse(CandidateSummary.passes(CandidateSummary.join(allows, denies), false), "a deny rule wins");
    assertTrue(CandidateSummary.passes(CandidateSummary.join(denies, auditSelector), false),
        "the more specific route is selected, in audit mode");
    assertTrue(CandidateSummary.passes(otherRoute, false), "one inspected endpoint is selected without a route check");
    assertFalse(CandidateSummary.passes(CandidateSummary.join(otherRoute,
        CandidateSummary.endpoint(true, 6, false, 3, 0, 0)), false), "several, and no route matches");
    assertFalse(CandidateSummary.passes(CandidateSummary.join(enforced, allows), true),
        "an encoded slash the selected endpoint does not allow");
  }

  @Test
  void passesAgreesWithTheCompiledMatcherOnEveryCellOfSharedHosts() throws Exception {
    Long fixed = Long.getLong(PropertyCheck.SEED_PROPERTY);
    long base = fixed != null ? fixed : 20261208L;
    int checked = 0;
    for (int i = 0; i < (fixed != null ? 1 : CASES); i++) {
      long seed = base + i;
      SplittableRandom random = new SplittableRandom(seed);
      Policy policy = SharedHostPolicies.policies().generate(random, 8);
      try {
        checked += agree(PolicyModel.of("policy", policy), random);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + " (rerun with -D" + PropertyCheck.SEED_PROPERTY + "=" + seed
            + ")\n" + PolicyWriter.toYaml(policy), e);
      }
    }
    assertTrue(fixed != null || checked > 1000, "too few decisions compared: " + checked);
  }

  private static int agree(PolicyModel m, SplittableRandom random) {
    Languages languages = new Languages();
    NetworkAtoms atoms = NetworkAtoms.of(List.of(m), languages);
    BitSet[] hostEps = atoms.endpointsByHostAtom(m);
    BitSet[] binEntries = atoms.entriesByBinaryAtom(m);
    int checked = 0;
    for (int h = 0; h < hostEps.length; h++) {
      Set<Integer> ports = new TreeSet<>();
      NetworkAtoms.addPorts(m, hostEps[h], ports);
      for (int port : ports) {
        BitSet eps = NetworkAtoms.onPort(m, hostEps[h], port);
        if (eps.isEmpty()) {
          continue;
        }
        List<PolicyModel.Ep> list = new ArrayList<>();
        eps.stream().forEach(i -> list.add(m.endpoints.get(i)));
        RequestCells cells = new RequestCells(list, languages, NetworkAtoms.MAX_PRODUCT_STATES);
        EndpointSummaries summaries = new EndpointSummaries(m, cells, eps);
        String host = NetworkDiff.requestHost(atoms.hosts.atoms.get(h).witness);
        int[] count = {0};
        cells.forEach(cell -> {
          for (int c = 0; c < COMBINATIONS_PER_CELL; c++) {
            List<Integer> ids = new ArrayList<>();
            BitSet entries = new BitSet();
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
              int x = random.nextInt(binEntries.length);
              ids.add(x);
              entries.or(binEntries[x]);
            }
            BitSet met = NetworkAtoms.endpointsOfEntries(m, eps, entries);
            if (met.isEmpty()) {
              continue;
            }
            long s = summaries.of(summaries.locals(met), cell);
            List<String> ancestors = new ArrayList<>();
            for (int k = 1; k < ids.size(); k++) {
              ancestors.add(atoms.binaries.atoms.get(ids.get(k)).witness);
            }
            NetworkRequest conn = NetworkRequest.of(host, port, atoms.binaries.atoms.get(ids.get(0)).witness)
                .withAncestors(ancestors);
            L7Request request = L7Request.of(conn, cell.method, cell.pathText()).withQuery(cell.query());
            boolean matcher = Outcomes.of(m, request).outcome().passes();
            assertFalse(CandidateSummary.conflicted(s), "conflicting summary");
            assertEquals(matcher, CandidateSummary.passes(s, cell.encodedSlash()), () -> "request " + request
                + " meeting " + met + ": the summary says " + CandidateSummary.passes(s, cell.encodedSlash()));
            count[0]++;
          }
          return count[0] >= MAX_CELLS * COMBINATIONS_PER_CELL;
        }, new ArrayList<>(), false);
        checked += count[0];
      }
    }
    return checked;
  }
}
