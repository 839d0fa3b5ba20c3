package dev.sandboxpolicy.model.net;

import dev.sandboxpolicy.model.ProblemCode;
import java.util.Optional;

/**
 * A TCP/UDP port number in 1-65535. Immutable value.
 *
 * <p>Port 0 is not a port here: RFC 6335 §6 reserves it, and the policy model uses 0 to mean "no port given".
 */
public final class Port implements Comparable<Port> {

  /** Smallest usable port (RFC 6335 §6: port 0 is reserved and not assignable). */
  public static final int MIN_VALUE = 1;

  /** Largest port (RFC 793 §3.1 / RFC 9293 §3.1: the port fields are 16 bits). */
  public static final int MAX_VALUE = 65535;

  /** The HTTPS default port (RFC 9110 §4.2.2). */
  public static final Port HTTPS = new Port(443);

  /** The HTTP default port (RFC 9110 §4.2.1). */
  public static final Port HTTP = new Port(80);

  /**
   * The one code of every bad port, text or number: the value rules' {@code port_invalid} (a port outside 1-65535
   * is the same problem whether it was parsed here or found in a model).
   */
  private static final String INVALID = ProblemCode.PORT_INVALID.wireName();

  private final int value;

  private Port(int value) {
    this.value = value;
  }

  /**
   * The port with this number.
   *
   * @param value 1-65535
   * @return the port
   * @throws NetFormatException with code {@code port_invalid} otherwise
   */
  public static Port of(int value) {
    if (!isValid(value)) {
      throw new NetFormatException(
          INVALID, Integer.toString(value), 0, "port must be in [" + MIN_VALUE + ", " + MAX_VALUE + "], got " + value);
    }
    return value == 443 ? HTTPS : value == 80 ? HTTP : new Port(value);
  }

  /**
   * Whether the number is a valid port.
   *
   * @param value any int
   * @return true for 1-65535
   */
  public static boolean isValid(int value) {
    return value >= MIN_VALUE && value <= MAX_VALUE;
  }

  /**
   * Parses decimal ASCII digits (leading zeros allowed, as URL parsers allow them; no sign, no spaces).
   *
   * @param text the digits
   * @return the port
   * @throws NetFormatException with code {@code port_invalid}: empty, not digits, or outside 1-65535 (the message and
   *     {@link NetFormatException#index()} say which)
   */
  public static Port parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new NetFormatException(INVALID, text == null ? "" : text, 0, "the port is empty");
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new NetFormatException(INVALID, text, i, "the port must be decimal digits");
      }
      value = Math.min(value * 10 + (c - '0'), MAX_VALUE + 1L);
    }
    if (!isValid((int) value)) {
      throw new NetFormatException(
          INVALID, text, 0, "port must be in [" + MIN_VALUE + ", " + MAX_VALUE + "], got " + text);
    }
    return of((int) value);
  }

  /**
   * Like {@link #parse(String)} but returns empty instead of throwing.
   *
   * @param text the digits, may be {@code null}
   * @return the port, or empty
   */
  public static Optional<Port> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (NetFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The port number.
   *
   * @return 1-65535
   */
  public int value() {
    return value;
  }

  /**
   * The decimal text.
   *
   * @return for example {@code 443}
   */
  @Override
  public String toString() {
    return Integer.toString(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Port && ((Port) o).value == value;
  }

  @Override
  public int hashCode() {
    return value;
  }

  /**
   * Numeric order.
   *
   * @param other the port to compare with
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(Port other) {
    return Integer.compare(value, other.value);
  }
}
