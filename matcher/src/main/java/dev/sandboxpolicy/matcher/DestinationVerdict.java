package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.net.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of the SSRF destination check that follows an allowed network decision (spec §3.9): whether the
 * resolved addresses may be used, which rule decided ({@link DestinationMode}), and on refusal a stable snake_case
 * {@link #code()}, the offending address and a message.
 *
 * <p>Codes: {@code allowed}, {@code network_denied}, {@code no_addresses}, {@code invalid_allowed_ips} (an entry does
 * not parse or overlaps loopback, link-local or unspecified space), {@code not_in_allowed_ips}, {@code
 * always_blocked}, {@code control_plane_port}, {@code ip_literal_mismatch}, {@code internal_address}, {@code
 * gateway_mismatch}.
 *
 * <pre>{@code
 * DestinationVerdict v = compiled.checkDestination(conn, List.of(IpAddress.parse("10.1.2.3")));
 * if (!v.allowed()) {
 *   log(v.code() + ": " + v.message());
 * }
 * }</pre>
 */
public final class DestinationVerdict {
  private final boolean allowed;
  private final DestinationMode mode;
  private final String code;
  private final Optional<IpAddress> address;
  private final String message;

  private DestinationVerdict(
      boolean allowed, DestinationMode mode, String code, Optional<IpAddress> address, String message) {
    this.allowed = allowed;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.code = Objects.requireNonNull(code, "code");
    this.address = Objects.requireNonNull(address, "address");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** The allowing verdict of each mode, built once: an allowed destination check allocates nothing. */
  private static final DestinationVerdict[] ALLOWED = allowedVerdicts();

  private static DestinationVerdict[] allowedVerdicts() {
    DestinationMode[] modes = DestinationMode.values();
    DestinationVerdict[] out = new DestinationVerdict[modes.length];
    for (DestinationMode m : modes) {
      out[m.ordinal()] = new DestinationVerdict(true, m, "allowed", Optional.empty(), "");
    }
    return out;
  }

  static DestinationVerdict allow(DestinationMode mode) {
    return ALLOWED[mode.ordinal()];
  }

  static DestinationVerdict refuse(DestinationMode mode, String code, IpAddress address, String message) {
    return new DestinationVerdict(false, mode, code, Optional.ofNullable(address), message);
  }

  /**
   * Tells whether every resolved address may be used.
   *
   * @return true when the connection may proceed
   */
  public boolean allowed() {
    return allowed;
  }

  /**
   * Returns the rule that decided.
   *
   * @return the mode
   */
  public DestinationMode mode() {
    return mode;
  }

  /**
   * Returns the stable code ({@code allowed} when allowed).
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * Returns the first refused address, when an address was refused.
   *
   * @return the address
   */
  public Optional<IpAddress> address() {
    return address;
  }

  /**
   * Returns a human-readable explanation, {@code ""} when allowed.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DestinationVerdict d && allowed == d.allowed && mode == d.mode && code.equals(d.code)
        && address.equals(d.address) && message.equals(d.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(allowed, mode, code, address, message);
  }

  @Override
  public String toString() {
    return "DestinationVerdict[" + mode + " " + code + address.map(a -> " " + a).orElse("")
        + (message.isEmpty() ? "" : " \"" + message + "\"") + "]";
  }
}
