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
 * }</pre>
 *
 * <p>Warning: a batch is denied as soon as one call is denied.
 */
public final class JsonRpcRequest {
  private final List<JsonRpcCall> calls;
  private final boolean hasResponse;
  private final boolean receiveStream;
  private final Optional<String> error;

  private JsonRpcRequest(List<JsonRpcCall> calls, boolean hasResponse, boolean receiveStream, Optional<String> error) {
    this.calls = List.copyOf(calls);
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
    return new JsonRpcRequest(List.of(call), false, false, Optional.empty());
  }

  /**
   * A batch.
   *
   * @param calls the calls (requests and notifications)
   * @param hasResponse whether the batch also contains response objects
   * @return the request
   */
  public static JsonRpcRequest batch(List<JsonRpcCall> calls, boolean hasResponse) {
    return new JsonRpcRequest(calls, hasResponse, false, Optional.empty());
  }

  /**
   * A body made only of response objects (a client answering a server request).
   *
   * @return the request
   */
  public static JsonRpcRequest responseOnly() {
    return new JsonRpcRequest(List.of(), true, false, Optional.empty());
  }

  /**
   * An MCP receive stream: {@code GET} without method or response.
   *
   * @return the request
   */
  public static JsonRpcRequest receiveStreamOnly() {
    return new JsonRpcRequest(List.of(), false, true, Optional.empty());
  }

  /**
   * A body that could not be inspected (a hard denial).
   *
   * @param error the inspector's message
   * @return the request
   */
  public static JsonRpcRequest inspectionError(String error) {
    return new JsonRpcRequest(List.of(), false, false, Optional.of(Objects.requireNonNull(error, "error")));
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
        && hasResponse == r.hasResponse
        && receiveStream == r.receiveStream
        && error.equals(r.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(calls, hasResponse, receiveStream, error);
  }

  @Override
  public String toString() {
    return "JsonRpcRequest[" + calls + (hasResponse ? " +response" : "") + (receiveStream ? " stream" : "") + "]";
  }
}
