package dev.sandboxpolicy.merge;

import java.util.Objects;

/** The outcome of an operation on a {@link PolicyStack}: the new stack and how its effective policy changed. */
public final class StackChange {

  private final PolicyStack stack;
  private final PolicyDiff diff;

  private StackChange(PolicyStack stack, PolicyDiff diff) {
    this.stack = Objects.requireNonNull(stack, "stack");
    this.diff = Objects.requireNonNull(diff, "diff");
  }

  static StackChange of(PolicyStack stack, PolicyDiff diff) {
    return new StackChange(stack, diff);
  }

  /** The stack after the operation. */
  public PolicyStack stack() {
    return stack;
  }

  /** How {@link PolicyStack#effective()} changed: restored baseline entries show as replaced keys. */
  public PolicyDiff diff() {
    return diff;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StackChange other && stack.equals(other.stack) && diff.equals(other.diff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stack, diff);
  }

  @Override
  public String toString() {
    return "StackChange{" + stack.layerNames() + ", " + diff.changes() + "}";
  }
}
