package dev.sandboxpolicy.matcher;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GraphQL view of an HTTP request (spec §3.7): its operations, or the parse error that makes it a hard denial.
 *
 * <pre>{@code
 * GraphqlRequest.of(List.of(GraphqlOperation.of("query", "Viewer", List.of("viewer"))));
 * GraphqlRequest.parseError("Syntax Error: Unexpected Name");
 * }</pre>
 */
public final class GraphqlRequest {
  private final List<GraphqlOperation> operations;
  private final Optional<String> error;

  private GraphqlRequest(List<GraphqlOperation> operations, Optional<String> error) {
    this.operations = List.copyOf(operations);
    this.error = error;
  }

  /**
   * A parsed request.
   *
   * @param operations the operations (a request with none is never allowed)
   * @return the request
   */
  public static GraphqlRequest of(List<GraphqlOperation> operations) {
    return new GraphqlRequest(operations, Optional.empty());
  }

  /**
   * A request whose body did not parse.
   *
   * @param error the parser's message
   * @return the request
   */
  public static GraphqlRequest parseError(String error) {
    return new GraphqlRequest(List.of(), Optional.of(Objects.requireNonNull(error, "error")));
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
   * Returns the parse error, if the body did not parse.
   *
   * @return the error
   */
  public Optional<String> error() {
    return error;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphqlRequest g && operations.equals(g.operations) && error.equals(g.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operations, error);
  }

  @Override
  public String toString() {
    return "GraphqlRequest[" + operations + error.map(e -> " error=" + e).orElse("") + "]";
  }
}
