package dev.sandboxpolicy.model;

/** How serious a {@link Problem} is. */
public enum Severity implements WireNamed {
  /** The document is rejected (as the upstream tools reject it, or fails closed here). */
  ERROR,
  /** The document is accepted, but something in it is surprising or deprecated. */
  WARNING;

  /** The lower-case name used in reports and on the wire ({@code error} or {@code warning}). */
  @Override
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
