package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import java.util.List;
import java.util.Objects;

/**
 * A planned baseline exclusion or restoration ({@link BaselineExclusions}): the key, the baseline's entry under it
 * (with its digest and its scope for review), and the resulting policy and diff. A dry run prints {@link #scope()}
 * and discards the rest. Immutable.
 */
public final class BaselineChange {

  private final String key;
  private final NetworkPolicy entry;
  private final MergeResult result;
  private final boolean exclusion;

  BaselineChange(String key, NetworkPolicy entry, MergeResult result, boolean exclusion) {
    this.key = Objects.requireNonNull(key, "key");
    this.entry = Objects.requireNonNull(entry, "entry");
    this.result = Objects.requireNonNull(result, "result");
    this.exclusion = exclusion;
  }

  /** The baseline key. */
  public String key() {
    return key;
  }

  /** The baseline's entry under the key. */
  public NetworkPolicy entry() {
    return entry;
  }

  /** Whether this is an exclusion (else a restoration). */
  public boolean isExclusion() {
    return exclusion;
  }

  /** The resulting policy and diff; an empty diff when there was nothing to do. */
  public MergeResult result() {
    return result;
  }

  /** Whether the live policy already was in the requested state. */
  public boolean isNoOp() {
    return result.isNoOp();
  }

  /** The digest of the baseline entry ({@link BaselineExclusions#digest}). */
  public String digest() {
    return BaselineExclusions.digest(key, entry);
  }

  /** Every endpoint, rule and binary of the entry, for review ({@link BaselineExclusions#scope}). */
  public List<String> scope() {
    return BaselineExclusions.scope(key, entry);
  }

  @Override
  public String toString() {
    return (exclusion ? "exclude " : "restore ") + key + (isNoOp() ? " (no change)" : "");
  }
}
