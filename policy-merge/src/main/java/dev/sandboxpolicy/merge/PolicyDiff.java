package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation changed in a policy: the {@code network_policies} keys that were added, replaced or removed
 * (with the entries before and after), and whether {@code version} was filled in. This is what
 * {@code policy-add --dry-run} and {@code policy-remove --dry-run} print.
 *
 * <p>Changes are listed in the order the operation made them; a key appears at most once. An entry replaced by
 * an equal entry is not a change (re-applying a preset has an empty diff).
 */
public final class PolicyDiff {

  private static final PolicyDiff EMPTY = new PolicyDiff(List.of(), Optional.empty(), Optional.empty());

  private final List<KeyChange> changes;
  private final Optional<Long> versionBefore;
  private final Optional<Long> versionAfter;

  private PolicyDiff(List<KeyChange> changes, Optional<Long> versionBefore, Optional<Long> versionAfter) {
    this.changes = List.copyOf(changes);
    this.versionBefore = versionBefore;
    this.versionAfter = versionAfter;
  }

  /** The diff of an operation that changed nothing. */
  static PolicyDiff empty() {
    return EMPTY;
  }

  /** A diff made of {@code changes} and the version before and after. */
  static PolicyDiff of(List<KeyChange> changes, Optional<Long> versionBefore, Optional<Long> versionAfter) {
    return new PolicyDiff(changes, versionBefore, versionAfter);
  }

  /**
   * Compares two policies key by key. Costs one map lookup per key of either policy; entries are compared with
   * {@code equals} (source locations do not count). Keys present in both keep the order of {@code after};
   * removed keys follow, in the order of {@code before}.
   */
  public static PolicyDiff between(Policy before, Policy after) {
    List<KeyChange> out = new ArrayList<>();
    Map<String, NetworkPolicy> b = before.networkPolicies();
    Map<String, NetworkPolicy> a = after.networkPolicies();
    for (Map.Entry<String, NetworkPolicy> e : a.entrySet()) {
      NetworkPolicy old = b.get(e.getKey());
      if (old == null) {
        out.add(KeyChange.added(e.getKey(), e.getValue()));
      } else if (!old.equals(e.getValue())) {
        out.add(KeyChange.replaced(e.getKey(), old, e.getValue()));
      }
    }
    for (Map.Entry<String, NetworkPolicy> e : b.entrySet()) {
      if (!a.containsKey(e.getKey())) {
        out.add(KeyChange.removed(e.getKey(), e.getValue()));
      }
    }
    return new PolicyDiff(out, before.version(), after.version());
  }

  /** Every change, in order. */
  public List<KeyChange> changes() {
    return changes;
  }

  /** The changes of one kind, in order. */
  public List<KeyChange> changes(KeyChange.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }

  /** The keys that were added. */
  public List<String> addedKeys() {
    return keys(KeyChange.Kind.ADDED);
  }

  /** The keys whose entries were replaced. */
  public List<String> replacedKeys() {
    return keys(KeyChange.Kind.REPLACED);
  }

  /** The keys that were removed. */
  public List<String> removedKeys() {
    return keys(KeyChange.Kind.REMOVED);
  }

  private List<String> keys(KeyChange.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).map(KeyChange::key).toList();
  }

  /** {@code version} before the operation. */
  public Optional<Long> versionBefore() {
    return versionBefore;
  }

  /** {@code version} after the operation. */
  public Optional<Long> versionAfter() {
    return versionAfter;
  }

  /** Whether the operation changed {@code version} (a merge fills in {@code 1} when it is absent). */
  public boolean versionChanged() {
    return !versionBefore.equals(versionAfter);
  }

  /** Whether the operation changed nothing at all. */
  public boolean isEmpty() {
    return changes.isEmpty() && !versionChanged();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyDiff other
        && changes.equals(other.changes)
        && versionBefore.equals(other.versionBefore)
        && versionAfter.equals(other.versionAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(changes, versionBefore, versionAfter);
  }

  /** One line per change, e.g. {@code added pypi}; {@code version: (absent) -> 1} when the version changed. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (KeyChange c : changes) {
      sb.append(c).append('\n');
    }
    if (versionChanged()) {
      sb.append("version: ").append(versionBefore.map(String::valueOf).orElse("(absent)"))
          .append(" -> ").append(versionAfter.map(String::valueOf).orElse("(absent)")).append('\n');
    }
    return sb.toString();
  }
}
