package dev.sandboxpolicy.matcher;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON-RPC view of an HTTP request (spec §3.8): one call or a batch, whether the body also carries response
 * objects, whether it is an MCP receive stream ({@code GET} without a body), or the inspection error.
 *
 * <pre>{@code
 * JsonRpcRequest.single(JsonRpcCall.of("initialize"));
 * JsonRpcRequest.batch(List.of(JsonRpcCall.of("a"), JsonRpcCall.of("b")), false);
 * JsonRpcRequest.responseOnly();        // POST of a client's answer to a server request: no method
 * JsonRpcRequest.receiveStreamOnly();   // GET that opens the server-to-client stream: no method, no body
 * }</pre>
 *
 * <p>The two method-less frames decide by the endpoint's protocol (spec §3.8): on {@code protocol: mcp} a response
 * frame sent in a {@code POST} and a receive stream opened with a {@code GET} are allowed by any MCP endpoint that
 * matches the request; on {@code protocol: json-rpc} a response frame is a hard denial and a receive stream is never
 * allowed.
 *
 * <p>Warning: a batch is denied as soon as one call is denied.
 */
public final class JsonRpcRequest {
  private final List<JsonRpcCall> calls;
  private final boolean batch;
  private final boolean hasResponse;
  private final boolean receiveStream;
  private final Optional<String> error;

  private JsonRpcRequest(
      List<JsonRpcCall> calls, boolean batch, boolean hasResponse, boolean receiveStream, Optional<String> error) {
    this.calls = List.copyOf(calls);
    this.batch = batch;
    this.hasResponse = hasResponse;
    this.receiveStream = receiveStream;
    this.error = error;
  }

  /**
   * A single call.
   *
   * @param call the call
   * @return the request
   */
  public static JsonRpcRequest single(JsonRpcCall call) {
    return new JsonRpcRequest(List.of(call), false, false, false, Optional.empty());
  }

  /**
   * A batch (a JSON array), even of one call.
   *
   * @param calls the calls (requests and notifications)
   * @param hasResponse whether the batch also contains response objects
   * @return the request
   */
  public static JsonRpcRequest batch(List<JsonRpcCall> calls, boolean hasResponse) {
    return new JsonRpcRequest(calls, true, hasResponse, false, Optional.empty());
  }

  /**
   * A single response frame and no method: a client answering a server request (MCP elicitation, sampling). Allowed
   * on an MCP endpoint in a {@code POST}; a hard denial on a {@code json-rpc} endpoint.
   *
   * @return the request
   */
  public static JsonRpcRequest responseOnly() {
    return new JsonRpcRequest(List.of(), false, true, false, Optional.empty());
  }

  /**
   * An MCP receive stream: a {@code GET} without method, body or response. Allowed on a matching MCP endpoint when
   * the HTTP method is {@code GET}; never on a {@code json-rpc} endpoint.
   *
   * @return the request
   */
  public static JsonRpcRequest receiveStreamOnly() {
    return new JsonRpcRequest(List.of(), false, false, true, Optional.empty());
  }

  /**
   * A body that could not be inspected (a hard denial).
   *
   * @param error the inspector's message
   * @return the request
   */
  public static JsonRpcRequest inspectionError(String error) {
    return new JsonRpcRequest(List.of(), false, false, false, Optional.of(Objects.requireNonNull(error, "error")));
  }

  /**
   * Returns the calls.
   *
   * @return an immutable list
   */
  public List<JsonRpcCall> calls() {
    return calls;
  }

  /**
   * Tells whether the body is a batch (a JSON array), even of one call. A single call is not a batch.
   *
   * @return true for a batch
   */
  public boolean isBatch() {
    return batch;
  }

  /**
   * Tells whether the body carries response objects.
   *
   * @return true when it does
   */
  public boolean hasResponse() {
    return hasResponse;
  }

  /**
   * Tells whether this is an MCP receive stream.
   *
   * @return true for a receive stream
   */
  public boolean receiveStream() {
    return receiveStream;
  }

  /**
   * Returns the inspection error, if any.
   *
   * @return the error
   */
  public Optional<String> error() {
    return error;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonRpcRequest r
        && calls.equals(r.calls)
        && batch == r.batch
        && hasResponse == r.hasResponse
        && receiveStream == r.receiveStream
        && error.equals(r.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(calls, batch, hasResponse, receiveStream, error);
  }

  @Override
  public String toString() {
    return "JsonRpcRequest[" + (batch ? "batch " : "") + calls + (hasResponse ? " +response" : "")
        + (receiveStream ? " stream" : "") + error.map(e -> " error=" + e).orElse("") + "]";
  }
}
