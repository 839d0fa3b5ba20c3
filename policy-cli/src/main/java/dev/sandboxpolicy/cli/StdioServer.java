package dev.sandboxpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code policyctl serve --stdio} loop: one JSON request per line on standard input, one JSON response per
 * line on standard output, in order (the contract is WIRE-PROTOCOL.md, protocol {@value #PROTOCOL}).
 *
 * <p>Every input line gets exactly one response line, blank and malformed lines included. A line that is not a
 * JSON object, has no string {@code op}, or is longer than {@link #MAX_LINE_CHARS} gets a {@code bad_request}
 * error; an unknown {@code op} gets {@code unknown_op}; an unexpected failure inside an operation gets
 * {@code internal_error}. In every case the server carries on; only the end of input stops it. Nothing but
 * responses is written to standard output, and each response is flushed as soon as it is written.
 */
final class StdioServer {

  /** The protocol version announced by {@code hello}. */
  static final int PROTOCOL = 1;

  /**
   * The longest request line, in characters: room for a document at the reader's 4 MiB limit
   * ({@link dev.sandboxpolicy.io.ReadLimits#DEFAULT_MAX_DOCUMENT_BYTES}) several times over once JSON
   * escaping is applied. Longer lines are skipped to their end and answered with {@code bad_request}, so a
   * runaway client cannot exhaust memory.
   */
  static final int MAX_LINE_CHARS = 32 * 1024 * 1024;

  private final Map<String, Operation> operations;
  private final int maxLineChars;

  StdioServer(Map<String, Operation> operations) {
    this(operations, MAX_LINE_CHARS);
  }

  /** A server with a smaller line limit (for tests). */
  StdioServer(Map<String, Operation> operations, int maxLineChars) {
    this.maxLineChars = maxLineChars;
    LinkedHashMap<String, Operation> ops = new LinkedHashMap<>();
    ops.put("hello", this::hello);
    ops.putAll(operations);
    this.operations = ops;
  }

  /** The server with every operation of this library. */
  static StdioServer withAllOperations() {
    return new StdioServer(ProtocolOperations.all());
  }

  /** The names of the operations, in the order {@code hello} lists them. */
  List<String> operationNames() {
    return List.copyOf(operations.keySet());
  }

  /** Serves until the end of {@code in}. */
  void serve(InputStream in, PrintStream out) throws IOException {
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      RequestLines lines = new RequestLines(reader, maxLineChars);
      RequestLines.Line line;
      while ((line = lines.next()) != null) {
        String response =
            line.tooLong()
                ? Json.write(
                    failure(
                        null,
                        ProtocolError.badRequest("request line is longer than " + maxLineChars + " characters")))
                : handle(line.text());
        out.print(response);
        out.print('\n');
        out.flush();
      }
    }
  }

  /** The response line (without the line break) to one request line. */
  String handle(String line) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(line);
    } catch (JacksonException e) {
      return Json.write(failure(null, ProtocolError.badRequest("not JSON: " + e.getOriginalMessage())));
    }
    if (parsed == null || !parsed.isObject()) {
      return Json.write(failure(null, ProtocolError.badRequest("a request must be a JSON object")));
    }
    ObjectNode request = (ObjectNode) parsed;
    JsonNode id = request.get("id");
    JsonNode op = request.get("op");
    if (op == null || op.isNull()) {
      return Json.write(failure(id, ProtocolError.badRequest("the request has no 'op'")));
    }
    if (!op.isString()) {
      return Json.write(failure(id, ProtocolError.badRequest("'op' must be a string")));
    }
    Operation operation = operations.get(op.stringValue());
    if (operation == null) {
      return Json.write(
          failure(
              id,
              new ProtocolError(
                  ProtocolError.UNKNOWN_OP,
                  "unknown op '" + op.stringValue() + "'; known: " + String.join(", ", operations.keySet()))));
    }
    ObjectNode body = Json.object();
    try {
      operation.apply(new RequestFields(request), body);
    } catch (ProtocolError e) {
      return Json.write(failure(id, e));
    } catch (RuntimeException | StackOverflowError e) {
      return Json.write(
          failure(id, new ProtocolError(ProtocolError.INTERNAL_ERROR, "internal error: " + e + " (please report)")));
    }
    ObjectNode response = Json.object();
    if (id != null) {
      response.set("id", id);
    }
    response.put("ok", true);
    response.setAll(body);
    return Json.write(response);
  }

  private void hello(RequestFields request, ObjectNode response) {
    response.put("protocol", PROTOCOL);
    response.put("version", LibraryVersion.get());
    var ops = response.putArray("ops");
    operations.keySet().forEach(ops::add);
  }

  private static ObjectNode failure(JsonNode id, ProtocolError error) {
    ObjectNode response = Json.object();
    if (id != null) {
      response.set("id", id);
    }
    response.put("ok", false);
    response.set("error", error.toJson());
    return response;
  }
}
