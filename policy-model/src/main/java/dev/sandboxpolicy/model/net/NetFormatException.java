package dev.sandboxpolicy.model.net;

/**
 * Thrown by the {@code parse} factories of this package when text is not a valid address, range, port or host name.
 *
 * <p>Every instance carries a stable snake_case {@link #code()} (for example {@code ipv4_part_out_of_range}) and the
 * zero-based character {@link #index()} in the input where the problem was found, so callers can turn it into a
 * {@code Problem} without parsing the message. The message is for humans and may change between versions; the code
 * does not. Callers that do not want exceptions use the {@code tryParse} factories instead.
 */
public final class NetFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String input;
  private final int index;

  NetFormatException(String code, String input, int index, String message) {
    super(message);
    this.code = code;
    this.input = input;
    this.index = index;
  }

  /**
   * The stable snake_case problem code, for example {@code ipv6_invalid} or {@code cidr_prefix_out_of_range}.
   *
   * @return the code, never empty
   */
  public String code() {
    return code;
  }

  /**
   * The text that failed to parse, exactly as given.
   *
   * @return the rejected input (empty string for {@code null} input)
   */
  public String input() {
    return input;
  }

  /**
   * The zero-based character offset into {@link #input()} where the problem was detected; 0 when the input as a
   * whole is wrong (for example empty).
   *
   * @return the offset, {@code 0 <= index <= input().length()}
   */
  public int index() {
    return index;
  }
}
