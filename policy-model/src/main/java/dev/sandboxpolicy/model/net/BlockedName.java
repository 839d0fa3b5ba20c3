package dev.sandboxpolicy.model.net;

import java.util.Locale;
import java.util.Objects;

/**
 * One blocked DNS name of an SSRF table: the name itself and every subdomain of it are private
 * ({@code localhost} blocks {@code foo.localhost}, not {@code localhost.com}). Immutable value.
 */
public final class BlockedName {
  private final String name;
  private final String purpose;

  private BlockedName(String name, String purpose) {
    this.name = name;
    this.purpose = purpose;
  }

  /**
   * A blocked name. The name is normalized the way private-networks.yaml entries are compared: one trailing dot
   * removed, lowercased.
   *
   * @param name the label or domain, for example {@code internal}
   * @param purpose why it is blocked, non-blank
   * @return the entry
   * @throws IllegalArgumentException when the name or purpose is blank
   */
  public static BlockedName of(String name, String purpose) {
    Objects.requireNonNull(name, "name");
    String normalized = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    normalized = normalized.toLowerCase(Locale.ROOT);
    if (normalized.isEmpty() || purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("a blocked name needs a non-empty name and purpose: '" + name + "'");
    }
    return new BlockedName(normalized, purpose.strip());
  }

  /**
   * Whether a normalized (lowercase, no trailing dot) host equals this name or is a subdomain of it.
   *
   * @param host the normalized host
   * @return true when blocked by this entry
   */
  public boolean matches(String host) {
    return host.equals(name)
        || (host.length() > name.length() && host.endsWith(name) && host.charAt(host.length() - name.length() - 1) == '.');
  }

  /**
   * The normalized name.
   *
   * @return for example {@code localhost}
   */
  public String name() {
    return name;
  }

  /**
   * Why the name is blocked.
   *
   * @return the purpose text
   */
  public String purpose() {
    return purpose;
  }

  /**
   * {@code name (purpose)}.
   *
   * @return a debug form
   */
  @Override
  public String toString() {
    return name + " (" + purpose + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockedName && ((BlockedName) o).name.equals(name) && ((BlockedName) o).purpose.equals(purpose);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + purpose.hashCode();
  }
}
