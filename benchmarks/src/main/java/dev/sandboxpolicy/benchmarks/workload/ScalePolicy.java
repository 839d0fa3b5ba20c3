package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import java.util.SplittableRandom;

/**
 * The scale series' policies: {@link PolicyGenerator#defaults()} of {@code policy-testkit} (25% wildcard hosts, half
 * of the L7 paths globbed, 15% of the rules with query matchers, 20% of the inspected endpoints with deny rules, 20%
 * binary globs) with a fixed seed, so every run benchmarks the same documents.
 */
public final class ScalePolicy {
  /** The seed of every scale-series policy. */
  public static final long SEED = 8L;

  private ScalePolicy() {}

  /**
   * Generates the policy.
   *
   * @param entries number of network-policy entries (10, 100, 1,000, 10,000 in the series)
   * @return the policy
   */
  public static Policy withEntries(int entries) {
    return PolicyGenerator.defaults().policy(new SplittableRandom(SEED), entries);
  }
}
