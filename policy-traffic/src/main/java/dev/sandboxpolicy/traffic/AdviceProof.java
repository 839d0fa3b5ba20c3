package dev.sandboxpolicy.traffic;

import java.util.List;

/**
 * The replay proof of an advised preset: every logged denial it targets is allowed by the current policy with the
 * preset merged, and no logged allow that the current policy allows is denied by it. Counts are of log events.
 */
public final class AdviceProof {
  private final long targets;
  private final long targetsAllowed;
  private final List<String> targetsStillDenied;
  private final long loggedAllows;
  private final long loggedAllowsBroken;
  private final List<String> brokenSamples;
  private final long undecidable;
  private final boolean complete;

  AdviceProof(long targets, long targetsAllowed, List<String> targetsStillDenied, long loggedAllows,
      long loggedAllowsBroken, List<String> brokenSamples, long undecidable, boolean complete) {
    this.targets = targets;
    this.targetsAllowed = targetsAllowed;
    this.targetsStillDenied = List.copyOf(targetsStillDenied);
    this.loggedAllows = loggedAllows;
    this.loggedAllowsBroken = loggedAllowsBroken;
    this.brokenSamples = List.copyOf(brokenSamples);
    this.undecidable = undecidable;
    this.complete = complete;
  }

  /**
   * Tells whether the proof holds: every target allowed, no logged allow broken, and every event kept.
   *
   * @return true when it holds
   */
  public boolean holds() {
    return targetsAllowed == targets && loggedAllowsBroken == 0 && complete;
  }

  /** @return how many logged denials the preset targets */
  public long targets() {
    return targets;
  }

  /** @return how many of them the merged policy allows */
  public long targetsAllowed() {
    return targetsAllowed;
  }

  /** @return the targets still denied ({@code file:line request: reason}), at most a few */
  public List<String> targetsStillDenied() {
    return targetsStillDenied;
  }

  /** @return how many logged allows (and audits) were replayed */
  public long loggedAllows() {
    return loggedAllows;
  }

  /** @return how many of them the current policy allows and the merged policy denies */
  public long loggedAllowsBroken() {
    return loggedAllowsBroken;
  }

  /** @return the broken allows ({@code file:line request: reason}), at most a few */
  public List<String> brokenSamples() {
    return brokenSamples;
  }

  /** @return how many logged allows could not be decided under one of the policies */
  public long undecidable() {
    return undecidable;
  }

  /**
   * Tells whether every distinct logged request was kept for the proof (see {@link Advisor#MAX_DISTINCT_REQUESTS}).
   *
   * @return false when the log had more distinct requests than are kept
   */
  public boolean complete() {
    return complete;
  }

  @Override
  public String toString() {
    return "AdviceProof[" + targetsAllowed + "/" + targets + " targets allowed, " + loggedAllowsBroken + "/"
        + loggedAllows + " logged allows broken" + (complete ? "" : ", incomplete") + "]";
  }
}
