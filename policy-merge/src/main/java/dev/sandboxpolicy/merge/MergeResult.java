package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Policy;
import java.util.Objects;

/**
 * The outcome of a merge or remove: the new policy and what changed. A dry run simply prints {@link #diff()}
 * and discards {@link #policy()}.
 */
public final class MergeResult {

  private final Policy policy;
  private final PolicyDiff diff;

  private MergeResult(Policy policy, PolicyDiff diff) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.diff = Objects.requireNonNull(diff, "diff");
  }

  /** A result made of the new policy and its diff against the input. */
  public static MergeResult of(Policy policy, PolicyDiff diff) {
    return new MergeResult(policy, diff);
  }

  /** The policy after the operation. */
  public Policy policy() {
    return policy;
  }

  /** What the operation changed. */
  public PolicyDiff diff() {
    return diff;
  }

  /** Whether the operation changed nothing (for example re-applying a preset). */
  public boolean isNoOp() {
    return diff.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MergeResult other && policy.equals(other.policy) && diff.equals(other.diff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policy, diff);
  }

  @Override
  public String toString() {
    return "MergeResult{" + diff.changes() + "}";
  }
}
