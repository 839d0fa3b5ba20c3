package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.NetworkPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an advised preset: its key, the entry, the existing entry whose key and endpoint contract it reuses
 * (when the host was already in the policy), and how many logged denials it answers.
 */
public final class Proposal {
  private final String key;
  private final NetworkPolicy entry;
  private final String reusedKey;
  private final long denials;
  private final List<String> why;

  Proposal(String key, NetworkPolicy entry, String reusedKey, long denials, List<String> why) {
    this.key = Objects.requireNonNull(key, "key");
    this.entry = Objects.requireNonNull(entry, "entry");
    this.reusedKey = reusedKey;
    this.denials = denials;
    this.why = List.copyOf(why);
  }

  /**
   * Returns the key in the preset ({@code allow_<host>_<port>} like upstream's mapper, or the reused key).
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the proposed entry.
   *
   * @return the entry
   */
  public NetworkPolicy entry() {
    return entry;
  }

  /**
   * Returns the key of the current policy's entry whose key and endpoint contract this proposal reuses.
   *
   * @return the key, or empty for a new destination
   */
  public Optional<String> reusedKey() {
    return Optional.ofNullable(reusedKey);
  }

  /**
   * Returns how many logged denials this entry answers.
   *
   * @return the count
   */
  public long denials() {
    return denials;
  }

  /**
   * Returns the logged requests that justify the entry, one line each ({@code GET /repos/o/r by /usr/bin/gh}).
   *
   * @return the justifications
   */
  public List<String> justification() {
    return why;
  }

  @Override
  public String toString() {
    return "Proposal[" + key + (reusedKey == null ? "" : " reusing " + reusedKey) + ", " + denials + " denials]";
  }
}
