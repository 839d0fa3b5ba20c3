package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.util.List;

/**
 * A subcommand could not finish: carries the message printed on standard error, the {@link ExitCode}, a stable
 * snake_case {@link #code} and, for a document that does not load, its problems. With {@code --json} the failure
 * is also printed as {@code {"ok": false, "error": {"code", "message", "problems"?}}}, the error shape of the
 * stdio protocol. Thrown instead of letting any exception reach the user.
 */
final class CommandFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** Bad options or arguments. */
  static final String USAGE_ERROR = "usage_error";

  /** A file (or standard input or output) that cannot be read or written. */
  static final String IO_ERROR = "io_error";

  /** The answer is "no" for a reason other than an invalid document (e.g. the preset layer refuses). */
  static final String FAILED = "failed";

  private final int exitCode;
  private final String code;
  private final transient List<Problem> problems;

  private CommandFailure(int exitCode, String code, String message, List<Problem> problems) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.code = code;
    this.problems = List.copyOf(problems);
  }

  /** Bad options or arguments ({@link ExitCode#USAGE}). */
  static CommandFailure usage(String message) {
    return new CommandFailure(ExitCode.USAGE, USAGE_ERROR, message, List.of());
  }

  /** A file that cannot be read or written ({@link ExitCode#USAGE}). */
  static CommandFailure io(String message) {
    return new CommandFailure(ExitCode.USAGE, IO_ERROR, message, List.of());
  }

  /** The answer is "no", for example the preset layer refuses ({@link ExitCode#FAILED}). */
  static CommandFailure failed(String message) {
    return new CommandFailure(ExitCode.FAILED, FAILED, message, List.of());
  }

  /** The answer is "no" for the reason {@code code} (e.g. a preset-layer code), with its problems. */
  static CommandFailure failed(String code, String message, List<Problem> problems) {
    return new CommandFailure(ExitCode.FAILED, code, message, problems);
  }

  /** A policy or preset that does not load, with its problems ({@link ExitCode#FAILED}). */
  static CommandFailure invalid(String message, List<Problem> problems) {
    return new CommandFailure(ExitCode.FAILED, ProtocolError.INVALID_POLICY, message, problems);
  }

  /** The problems of the document or preset that did not load (empty for other failures). */
  List<Problem> problems() {
    return problems;
  }

  int exitCode() {
    return exitCode;
  }

  /** The stable snake_case code: {@link #USAGE_ERROR}, {@link #IO_ERROR}, {@link #FAILED} or {@code invalid_policy}. */
  String code() {
    return code;
  }

  /** The error object of the {@code --json} failure document: {@code code}, {@code message}, {@code problems}. */
  tools.jackson.databind.node.ObjectNode toJson() {
    tools.jackson.databind.node.ObjectNode error = Json.object();
    error.put("code", code);
    error.put("message", getMessage());
    if (!problems.isEmpty()) {
      error.set("problems", Json.problems(problems));
    }
    return error;
  }
}
