package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The {@link CandidateSummary} of each of a set of endpoints of one policy (those on one host atom and port), for
 * the path and cell at hand of a {@link RequestCells}. Endpoints are numbered locally, in the policy's order.
 */
final class EndpointSummaries {
  private final PolicyModel model;
  private final RequestCells cells;
  /** Policy ordinals of the endpoints, ascending; the local number of an endpoint is its index here. */
  final int[] ordinals;
  private final int[] signature;
  private final boolean[] routeDependent;
  private final long[] base;
  private final long[] onPath;
  private int path = -1;

  EndpointSummaries(PolicyModel model, RequestCells cells, BitSet eps) {
    this.model = model;
    this.cells = cells;
    this.ordinals = eps.stream().toArray();
    int n = ordinals.length;
    this.signature = new int[n];
    this.routeDependent = new boolean[n];
    this.base = new long[n];
    this.onPath = new long[n];
    for (int k = 0; k < n; k++) {
      PolicyModel.Ep e = model.endpoints.get(ordinals[k]);
      signature[k] = cells.signature(e);
      routeDependent[k] = e.inspected && cells.routeDependsOnPath(signature[k]);
      base[k] = summary(e, k, true);
    }
  }

  /** The local number of the endpoint with policy ordinal {@code ordinal}, or a negative number. */
  int local(int ordinal) {
    return Arrays.binarySearch(ordinals, ordinal);
  }

  /** The local numbers of the endpoints with the given policy ordinals. */
  int[] locals(BitSet eps) {
    return eps.stream().map(this::local).toArray();
  }

  int size() {
    return ordinals.length;
  }

  int signature(int local) {
    return signature[local];
  }

  /** Whether some endpoint's summary depends on the path (a route selector that does not match every path). */
  boolean anyRouteDependent() {
    for (boolean b : routeDependent) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private long summary(PolicyModel.Ep e, int number, boolean routeMatches) {
    int attributes = (Enforcement.ENFORCE.is(e.source.enforcement()) ? 0 : CandidateSummary.AUDIT)
        | (e.source.allowEncodedSlash() ? CandidateSummary.ENCODED_SLASH : 0);
    return CandidateSummary.endpoint(e.inspected, number, routeMatches,
        RouteSelectorPattern.specificity(e.source.path()), attributes, 0);
  }

  /** The summary of endpoint {@code local} on path {@code path} before any verdict: inspection, route, attributes. */
  long onPath(int local, int path) {
    if (path != this.path) {
      this.path = path;
      for (int k = 0; k < ordinals.length; k++) {
        onPath[k] = routeDependent[k]
            ? summary(model.endpoints.get(ordinals[k]), k, cells.routeMatches(signature[k], path)) : base[k];
      }
    }
    return onPath[local];
  }

  /** The summary of endpoint {@code local} on the cell. */
  long of(int local, RequestCells.Cell cell) {
    return onPath(local, cell.path) | cell.verdict(signature[local]);
  }

  /** The summary of a set of endpoints (local numbers) on the cell. */
  long of(int[] locals, RequestCells.Cell cell) {
    long s = CandidateSummary.EMPTY;
    for (int k : locals) {
      s = CandidateSummary.join(s, of(k, cell));
    }
    return s;
  }
}
