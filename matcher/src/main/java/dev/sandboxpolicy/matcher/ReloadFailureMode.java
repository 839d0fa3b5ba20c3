package dev.sandboxpolicy.matcher;

/** What {@link PolicyHolder#update} does when a new policy revision does not compile (spec §3.10). */
public enum ReloadFailureMode {
  /** Publish a quarantine revision that denies all egress (upstream default {@code fail_closed}). */
  FAIL_CLOSED,
  /** Keep serving the previous revision ({@code retain_last_valid}). */
  RETAIN_LAST_VALID
}
