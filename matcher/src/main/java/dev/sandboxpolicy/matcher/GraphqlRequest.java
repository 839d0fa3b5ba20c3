package dev.sandboxpolicy.matcher;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GraphQL view of an HTTP request or of a GraphQL-over-WebSocket text message (spec §3.5, §3.7): its
 * operations, the parse error that makes it a hard denial, or a protocol lifecycle message.
 *
 * <pre>{@code
 * GraphqlRequest.of(List.of(GraphqlOperation.of("query", "Viewer", List.of("viewer"))));
 * GraphqlRequest.parseError("Syntax Error: Unexpected Name");
 * }</pre>
 */
public final class GraphqlRequest {
  private static final GraphqlRequest LIFECYCLE = new GraphqlRequest(List.of(), Optional.empty(), true);

  private final List<GraphqlOperation> operations;
  private final Optional<String> error;
  private final boolean lifecycle;

  private GraphqlRequest(List<GraphqlOperation> operations, Optional<String> error, boolean lifecycle) {
    this.operations = List.copyOf(operations);
    this.error = error;
    this.lifecycle = lifecycle;
  }

  /**
   * A parsed request.
   *
   * @param operations the operations (a request with none is never allowed)
   * @return the request
   */
  public static GraphqlRequest of(List<GraphqlOperation> operations) {
    return new GraphqlRequest(operations, Optional.empty(), false);
  }

  /**
   * A GraphQL-over-WebSocket protocol lifecycle message ({@code connection_init}, {@code ping}, {@code pong},
   * {@code complete}), which an endpoint with GraphQL policy always lets through (spec §3.5).
   *
   * @return the shared lifecycle request
   */
  public static GraphqlRequest lifecycleMessage() {
    return LIFECYCLE;
  }

  /**
   * A request whose body did not parse.
   *
   * @param error the parser's message
   * @return the request
   */
  public static GraphqlRequest parseError(String error) {
    return new GraphqlRequest(List.of(), Optional.of(Objects.requireNonNull(error, "error")), false);
  }

  /**
   * Returns the operations.
   *
   * @return an immutable list
   */
  public List<GraphqlOperation> operations() {
    return operations;
  }

  /**
   * Tells whether this is a protocol lifecycle message rather than an operation.
   *
   * @return true for {@link #lifecycleMessage()}
   */
  public boolean lifecycle() {
    return lifecycle;
  }

  /**
   * Returns the parse error, if the body did not parse.
   *
   * @return the error
   */
  public Optional<String> error() {
    return error;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphqlRequest g && operations.equals(g.operations) && error.equals(g.error)
        && lifecycle == g.lifecycle;
  }

  @Override
  public int hashCode() {
    return Objects.hash(operations, error, lifecycle);
  }

  @Override
  public String toString() {
    return lifecycle ? "GraphqlRequest[lifecycle]"
        : "GraphqlRequest[" + operations + error.map(e -> " error=" + e).orElse("") + "]";
  }
}
