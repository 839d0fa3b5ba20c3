package dev.sandboxpolicy.cli;

import tools.jackson.databind.node.ObjectNode;

/**
 * An operation of the stdio protocol failed: becomes {@code {"ok": false, "error": {"code", "message", ...}}}.
 * The server answers it and carries on.
 */
final class ProtocolError extends Exception {

  private static final long serialVersionUID = 1L;

  /** The line is not a JSON object, or a field is missing or has the wrong type. */
  static final String BAD_REQUEST = "bad_request";

  /** The line has no known {@code op}. */
  static final String UNKNOWN_OP = "unknown_op";

  /** A policy (or preset) sent with the request does not load. */
  static final String INVALID_POLICY = "invalid_policy";

  /** An unexpected failure inside the library; the request is answered and the server carries on. */
  static final String INTERNAL_ERROR = "internal_error";

  private final String code;
  private final transient ObjectNode details;

  ProtocolError(String code, String message) {
    this(code, message, Json.object());
  }

  /** {@code details} are extra fields of the error object (e.g. {@code problems}). */
  ProtocolError(String code, String message, ObjectNode details) {
    super(message, null, false, false);
    this.code = code;
    this.details = details;
  }

  static ProtocolError badRequest(String message) {
    return new ProtocolError(BAD_REQUEST, message);
  }

  String code() {
    return code;
  }

  /** The error object: {@code code}, {@code message}, then the details. */
  ObjectNode toJson() {
    ObjectNode error = Json.object();
    error.put("code", code);
    error.put("message", getMessage());
    error.setAll(details);
    return error;
  }
}
