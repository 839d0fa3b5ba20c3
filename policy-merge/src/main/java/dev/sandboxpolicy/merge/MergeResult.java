package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import java.util.Objects;

/**
 * The outcome of a merge or remove: the new policy and what changed. A dry run simply prints {@link #diff()}
 * and discards {@link #policy()}.
 */
public final class MergeResult {

  private final Policy policy;
  private final PolicyDiff diff;
  private final SectionOrder order;

  private MergeResult(Policy policy, PolicyDiff diff, SectionOrder order) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.diff = Objects.requireNonNull(diff, "diff");
    this.order = order;
  }

  /** A result made of the new policy and its diff against the input. */
  public static MergeResult of(Policy policy, PolicyDiff diff) {
    return new MergeResult(policy, diff, SectionOrder.PRESET_MERGE);
  }

  static MergeResult of(Policy policy, PolicyDiff diff, SectionOrder order) {
    return new MergeResult(policy, diff, order);
  }

  /**
   * The new policy as YAML, top-level keys in upstream's order for this operation (a preset merge writes
   * {@code version} first and {@code network_policies} last; a blueprint additions merge writes {@code version}
   * just before {@code network_policies}). Comments and flow style of the input are not kept.
   */
  public String toYaml() {
    return PolicyWriter.yaml(order.tree(policy));
  }

  /** The new policy as pretty-printed JSON, in the same key order as {@link #toYaml()}. */
  public String toJson() {
    return PolicyWriter.json(order.tree(policy), true);
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
