package dev.sandboxpolicy.matcher;

/**
 * A request target that the proxy must reject before any policy is consulted (spec §3.6, §3.5 step 1: rejected
 * regardless of enforcement). {@link #code()} is a stable snake_case reason:
 *
 * <ul>
 *   <li>{@code control_character} — a raw byte 0x00–0x1F or 0x7F in the target
 *   <li>{@code non_ascii} — a raw non-ASCII character in the target
 *   <li>{@code fragment} — a {@code #} in the target
 *   <li>{@code path_not_absolute} — the path does not start with {@code /}
 *   <li>{@code path_too_long} — the path exceeds {@link CanonicalTarget#MAX_PATH_BYTES}
 *   <li>{@code invalid_percent_encoding} — a bad or short {@code %HH} in the path
 *   <li>{@code encoded_control_character} — {@code %HH} decodes to NUL, CR, LF, TAB, another C0 byte or DEL
 *   <li>{@code encoded_slash} — {@code %2F} while the endpoint does not allow encoded slashes
 *   <li>{@code path_traversal} — {@code ..} above the root
 *   <li>{@code dot_segment} — a {@code .} or {@code ..} segment left after resolution (hidden behind {@code %2F})
 *   <li>{@code invalid_query_encoding} — a bad or short {@code %HH} in the query
 *   <li>{@code query_not_utf8} — a decoded query key or value is not UTF-8
 * </ul>
 */
public final class RequestTargetException extends Exception {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The stable reason code. */
  private final String code;

  /**
   * Creates the exception.
   *
   * @param code the stable reason code
   * @param message a human-readable explanation
   */
  RequestTargetException(String code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * Returns the stable snake_case reason code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }
}
