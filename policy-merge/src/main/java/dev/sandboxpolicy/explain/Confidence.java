package dev.sandboxpolicy.explain;

/** How sure the classifier is (spec nemoclaw-preset-layer §7 {@code confidence}). */
public enum Confidence {
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
  public String wireName() {
    return wireName;
  }
}
