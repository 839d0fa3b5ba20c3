package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadLimits;
import dev.sandboxpolicy.traffic.input.BoundedLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The {@code policyctl serve --stdio} loop: one JSON request per line on standard input, one JSON response per
 * line on standard output, in order (the contract is docs/stdio-protocol.md, protocol {@value #PROTOCOL}).
 *
 * <p>Every input line gets exactly one response line, blank and malformed lines included. A line that is not
 * valid UTF-8, not a JSON object, has no string {@code op}, or is longer than the line limit (bytes, {@link
 * #DEFAULT_MAX_LINE_BYTES} unless configured) gets a {@code bad_request} error; an unknown {@code op} gets {@code
 * unknown_op}; a request the server has no memory left to serve gets {@code resource_exhausted} (the operations'
 * caches are dropped first); an unexpected failure inside an operation gets {@code internal_error}. In every case the
 * server carries on; only the end of input, or standard output failing (a closed pipe), stops it. Nothing but
 * responses is written to standard output, and each response is flushed as soon as it is written. The {@code id} of
 * a request is echoed exactly as the client wrote it ({@code 1E2} stays {@code 1E2}).
 *
 * <p>Memory: a line is never held beyond the line limit (a longer line is skipped to its end as it arrives), so the
 * limit bounds what one request can make the server allocate before parsing; the {@code decide} cache is bounded by
 * {@link DecideOperation#CACHE_BUDGET_BYTES}.
 */
final class StdioServer {

  /** The protocol version announced by {@code hello}. */
  static final int PROTOCOL = 1;

  /**
   * The default longest request line, in bytes: 8 MiB, twice the reader's document limit ({@link
   * ReadLimits#DEFAULT_MAX_DOCUMENT_BYTES}), room for a policy at that limit once JSON escaping (quotes, backslashes,
   * line breaks) is applied. {@code serve --max-line-bytes} changes it. Longer lines are skipped to their end and
   * answered with {@code bad_request}.
   */
  static final int DEFAULT_MAX_LINE_BYTES = 2 * ReadLimits.DEFAULT_MAX_DOCUMENT_BYTES;

  /** The error code of a request the server cannot serve with the memory it has. */
  static final String RESOURCE_EXHAUSTED = "resource_exhausted";

  private final Map<String, Operation> operations;
  private final int maxLineBytes;

  StdioServer(Map<String, Operation> operations) {
    this(operations, DEFAULT_MAX_LINE_BYTES);
  }

  /** A server with another line limit, in bytes. */
  StdioServer(Map<String, Operation> operations, int maxLineBytes) {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("the line limit must be positive");
    }
    this.maxLineBytes = maxLineBytes;
    LinkedHashMap<String, Operation> ops = new LinkedHashMap<>();
    ops.put("hello", this::hello);
    ops.putAll(operations);
    this.operations = ops;
  }

  /** The server with every operation of this library. */
  static StdioServer withAllOperations() {
    return new StdioServer(ProtocolOperations.all());
  }

  /**
   * The server with every operation of this library, another line limit, and {@code decide} deciding requests
   * without {@code policy} on {@code watched} (null: none).
   */
  static StdioServer withAllOperations(int maxLineBytes, dev.sandboxpolicy.matcher.PolicyHolder watched) {
    return new StdioServer(ProtocolOperations.all(watched), maxLineBytes);
  }

  /** The names of the operations, in the order {@code hello} lists them. */
  List<String> operationNames() {
    return List.copyOf(operations.keySet());
  }

  /**
   * Serves until the end of {@code in}, or until {@code out} fails (nobody reads the responses any more: the
   * caller sees {@link PrintStream#checkError()}).
   */
  void serve(InputStream in, PrintStream out) throws IOException {
    BoundedLines lines = new BoundedLines(in, maxLineBytes);
    BoundedLines.Line line;
    while ((line = lines.next()) != null) {
      String response;
      if (line.tooLong()) {
        response = Json.write(failure(null, ProtocolError.badRequest(
            "request line is longer than " + maxLineBytes + " bytes (serve --max-line-bytes)")));
      } else if (line.notUtf8()) {
        response = Json.write(failure(null, ProtocolError.badRequest("request line is not valid UTF-8")));
      } else {
        response = handle(line.text());
      }
      line = null; // the request is done with: do not keep it alive while writing
      out.print(response);
      out.print('\n');
      out.flush();
      if (out.checkError()) {
        return; // standard output is closed: stop at once instead of serving nobody
      }
    }
  }

  /** The response line (without the line break) to one request line. */
  String handle(String line) {
    String id = null;
    try {
      id = rawId(line);
      return handle(line, id);
    } catch (OutOfMemoryError e) {
      operations.values().forEach(Operation::releaseMemory);
      return Json.write(failure(id, new ProtocolError(RESOURCE_EXHAUSTED,
          "not enough memory to serve this request (" + line.length() + " characters); the server carries on")));
    }
  }

  private String handle(String line, String id) {
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
      response.putRawValue("id", new RawValue(id));
    }
    response.put("ok", true);
    response.setAll(body);
    return Json.write(response);
  }

  /**
   * The text of the top-level {@code id} exactly as written in {@code line} (a number keeps its spelling: {@code 1E2},
   * {@code 1e999}), or null when there is none or the line is not a JSON object. A streaming scan: other values,
   * however long, are skipped without being built.
   */
  static String rawId(String line) {
    try (JsonParser p = Json.MAPPER.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
        boolean isId = p.currentName().equals("id");
        JsonToken value = p.nextToken();
        if (!isId) {
          p.skipChildren();
          continue;
        }
        long start = p.currentTokenLocation().getCharOffset();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        } else {
          p.getString(); // completes a lazily read string token
        }
        long end = p.currentLocation().getCharOffset();
        return start < 0 || end > line.length() || end <= start ? null : line.substring((int) start, (int) end);
      }
      return null;
    } catch (JacksonException e) {
      return null;
    }
  }

  private void hello(RequestFields request, ObjectNode response) {
    response.put("protocol", PROTOCOL);
    response.put("version", LibraryVersion.get());
    var ops = response.putArray("ops");
    operations.keySet().forEach(ops::add);
  }

  private static ObjectNode failure(String id, ProtocolError error) {
    ObjectNode response = Json.object();
    if (id != null) {
      response.putRawValue("id", new RawValue(id));
    }
    response.put("ok", false);
    response.set("error", error.toJson());
    return response;
  }
}
