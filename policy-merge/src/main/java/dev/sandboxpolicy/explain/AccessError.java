package dev.sandboxpolicy.explain;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The error an access attempt ended with (classifier input {@code error}: {@code {code?, status?, message?}}).
 *
 * @param code a Node-style errno string such as {@code ECONNREFUSED}, compared case-sensitively
 * @param status the HTTP status
 * @param message free text (not used by the rules)
 */
public record AccessError(Optional<String> code, OptionalInt status, Optional<String> message) {

  /** An error; nothing may be null (use empty optionals). */
  public AccessError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /**
   * An HTTP failure.
   *
   * @param status the HTTP status, for example 401
   * @return the error
   */
  public static AccessError httpStatus(int status) {
    return new AccessError(Optional.empty(), OptionalInt.of(status), Optional.empty());
  }

  /**
   * A network failure.
   *
   * @param code the errno string, for example {@code ECONNREFUSED}
   * @return the error
   */
  public static AccessError networkCode(String code) {
    return new AccessError(Optional.of(code), OptionalInt.empty(), Optional.empty());
  }

  /**
   * Any combination; {@code null} means absent.
   *
   * @param code the errno string or null
   * @param status the HTTP status or null
   * @param message the message or null
   * @return the error
   */
  public static AccessError of(String code, Integer status, String message) {
    return new AccessError(
        Optional.ofNullable(code),
        status == null ? OptionalInt.empty() : OptionalInt.of(status),
        Optional.ofNullable(message));
  }
}
