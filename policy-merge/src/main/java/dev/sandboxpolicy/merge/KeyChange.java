package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * One changed {@code network_policies} key of a {@link PolicyDiff}: the key, what happened to it, and the entry
 * before and after. {@link #before()} is empty for {@link Kind#ADDED}, {@link #after()} for {@link Kind#REMOVED}.
 */
public final class KeyChange {

  /** What happened to a key. */
  public enum Kind {
    /** The key is new. */
    ADDED,
    /** The key existed and its entry was replaced wholesale by a different entry (same position). */
    REPLACED,
    /** The key is gone. */
    REMOVED
  }

  private final String key;
  private final Kind kind;
  private final NetworkPolicy before;
  private final NetworkPolicy after;

  private KeyChange(String key, Kind kind, NetworkPolicy before, NetworkPolicy after) {
    this.key = Objects.requireNonNull(key, "key");
    this.kind = kind;
    this.before = before;
    this.after = after;
  }

  /** A key that did not exist before. */
  static KeyChange added(String key, NetworkPolicy after) {
    return new KeyChange(key, Kind.ADDED, null, Objects.requireNonNull(after, "after"));
  }

  /** A key whose entry was replaced by a different one. */
  static KeyChange replaced(String key, NetworkPolicy before, NetworkPolicy after) {
    return new KeyChange(
        key, Kind.REPLACED, Objects.requireNonNull(before, "before"), Objects.requireNonNull(after, "after"));
  }

  /** A key that no longer exists. */
  static KeyChange removed(String key, NetworkPolicy before) {
    return new KeyChange(key, Kind.REMOVED, Objects.requireNonNull(before, "before"), null);
  }

  /** The {@code network_policies} key. */
  public String key() {
    return key;
  }

  /** What happened to the key. */
  public Kind kind() {
    return kind;
  }

  /** The entry before the change; empty for an added key. */
  public Optional<NetworkPolicy> before() {
    return Optional.ofNullable(before);
  }

  /** The entry after the change; empty for a removed key. */
  public Optional<NetworkPolicy> after() {
    return Optional.ofNullable(after);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyChange other
        && key.equals(other.key)
        && kind == other.kind
        && Objects.equals(before, other.before)
        && Objects.equals(after, other.after);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, kind, before, after);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + key;
  }
}
