package dev.sandboxpolicy.traffic.input;

/**
 * A request object is malformed: a required field is missing, or a field has the wrong type or an impossible
 * value. The message names the field, for example {@code 'port' must be an integer from 0 to 65535}; the stdio
 * protocol answers it as a {@code bad_request}, a traffic log counts the line as malformed.
 */
public final class MalformedRequestException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * A malformed request.
   *
   * @param message what is wrong, naming the field
   */
  public MalformedRequestException(String message) {
    super(message, null, false, false);
  }
}
