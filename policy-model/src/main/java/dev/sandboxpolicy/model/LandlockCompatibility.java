package dev.sandboxpolicy.model;

import java.util.Optional;

/**
 * The values of {@code landlock.compatibility} (spec §1.3, upstream #2541): what the sandbox does when Landlock or a
 * listed path is unavailable. Empty means {@link #BEST_EFFORT}; since #2541 any other spelling is a validation
 * error (it used to mean best effort silently).
 *
 * <pre>{@code
 * LandlockCompatibility.fromWireName("hard_requirement");   // Optional[HARD_REQUIREMENT]
 * LandlockCompatibility.fromWireName("strict");             // Optional.empty(): an error
 * }</pre>
 */
public enum LandlockCompatibility implements WireNamed {
  /** {@code best_effort}: run without Landlock, or without an inaccessible path, and warn (the default). */
  BEST_EFFORT("best_effort"),
  /** {@code hard_requirement}: abort sandbox start when Landlock or a listed path is unavailable. */
  HARD_REQUIREMENT("hard_requirement");

  private final String wireName;

  LandlockCompatibility(String wireName) {
    this.wireName = wireName;
  }

  /** The value spelled exactly {@code written} (no trimming, no case folding). */
  public static Optional<LandlockCompatibility> fromWireName(String written) {
    return WireNamed.fromWireName(LandlockCompatibility.class, written);
  }

  /** Whether {@code written} is exactly this value's spelling. */
  public boolean is(String written) {
    return wireName.equals(written);
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
