package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.WireNamed;

/** How sure the classifier is (spec nemoclaw-preset-layer §7 {@code confidence}). */
public enum Confidence implements WireNamed {
  /** The verdict follows from confirmed state. */
  HIGH("high"),
  /** The verdict rests on unverified registry state or an ambiguous signal (such as HTTP 403). */
  LOW("low");

  private final String wireName;

  Confidence(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The JSON value.
   *
   * @return {@code high} or {@code low}
   */
  @Override
  public String wireName() {
    return wireName;
  }
}
