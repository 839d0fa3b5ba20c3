package dev.sandboxpolicy.matcher;

/**
 * Per-thread working memory of one decision: the candidate endpoints of the request's host and port, and the reason
 * of an evaluation error. Reused across decisions of the same thread, so the hot path does not allocate.
 */
final class EvaluationScratch {
  final CompiledEndpoint[] candidates;
  int count;
  String errorReason;
  /** Set by a request decision when it gets past the checks that come before the rules (for traces). */
  boolean rulesReached;
  final EndpointVerdict verdict = new EndpointVerdict();

  EvaluationScratch(int capacity) {
    this.candidates = new CompiledEndpoint[Math.max(1, capacity)];
  }

  void add(CompiledEndpoint e) {
    candidates[count++] = e;
  }

  /** Insertion sort by ordinal (key order, then endpoint order); candidate lists are short. */
  void sort() {
    for (int i = 1; i < count; i++) {
      CompiledEndpoint e = candidates[i];
      int j = i - 1;
      while (j >= 0 && candidates[j].ordinal > e.ordinal) {
        candidates[j + 1] = candidates[j];
        j--;
      }
      candidates[j + 1] = e;
    }
  }

  int fail(String reason) {
    if (errorReason == null) {
      errorReason = reason;
    }
    return GlobMatcher.ERROR;
  }

  void reset() {
    for (int i = 0; i < count; i++) {
      candidates[i] = null;
    }
    count = 0;
    errorReason = null;
    rulesReached = false;
  }
}
