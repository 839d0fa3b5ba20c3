package dev.sandboxpolicy.matcher;

import java.util.List;
import java.util.Objects;

/**
 * One GraphQL operation of a request, as the proxy's GraphQL inspector reports it (spec §3.7).
 *
 * <pre>{@code
 * GraphqlOperation op = GraphqlOperation.of("query", "GetRepo", List.of("repository"));
 * GraphqlOperation hashOnly = GraphqlOperation.persisted("sha256:abc");
 * }</pre>
 */
public final class GraphqlOperation {
  private final String operationType;
  private final String operationName;
  private final List<String> fields;
  private final boolean persistedQuery;
  private final String persistedQueryKey;

  private GraphqlOperation(
      String operationType, String operationName, List<String> fields, boolean persistedQuery, String key) {
    this.operationType = Objects.requireNonNull(operationType, "operationType");
    this.operationName = Objects.requireNonNull(operationName, "operationName");
    this.fields = List.copyOf(fields);
    this.persistedQuery = persistedQuery;
    this.persistedQueryKey = Objects.requireNonNull(key, "key");
  }

  /**
   * A parsed operation.
   *
   * @param operationType {@code query}, {@code mutation} or {@code subscription}
   * @param operationName the operation name, {@code ""} for an anonymous operation
   * @param fields the selected root fields
   * @return the operation
   */
  public static GraphqlOperation of(String operationType, String operationName, List<String> fields) {
    return new GraphqlOperation(operationType, operationName, fields, false, "");
  }

  /**
   * A hash-only persisted query: no document, only the hash or id that names a registry entry.
   *
   * @param hashOrId the persisted query hash or id
   * @return the operation (empty type; replaced from the endpoint's registry when allowed)
   */
  public static GraphqlOperation persisted(String hashOrId) {
    return new GraphqlOperation("", "", List.of(), true, hashOrId);
  }

  /**
   * Returns the operation type, {@code ""} for a hash-only persisted query.
   *
   * @return the type
   */
  public String operationType() {
    return operationType;
  }

  /**
   * Returns the operation name, {@code ""} when anonymous.
   *
   * @return the name
   */
  public String operationName() {
    return operationName;
  }

  /**
   * Returns the selected root fields.
   *
   * @return an immutable list
   */
  public List<String> fields() {
    return fields;
  }

  /**
   * Tells whether the request used a persisted query.
   *
   * @return true for a persisted query
   */
  public boolean persistedQuery() {
    return persistedQuery;
  }

  /**
   * Returns the persisted query hash or id, {@code ""} when none.
   *
   * @return the key into {@code graphql_persisted_queries}
   */
  public String persistedQueryKey() {
    return persistedQueryKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphqlOperation g
        && operationType.equals(g.operationType)
        && operationName.equals(g.operationName)
        && fields.equals(g.fields)
        && persistedQuery == g.persistedQuery
        && persistedQueryKey.equals(g.persistedQueryKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operationType, operationName, fields, persistedQuery, persistedQueryKey);
  }

  @Override
  public String toString() {
    return persistedQuery && operationType.isEmpty()
        ? "GraphqlOperation[persisted " + persistedQueryKey + "]"
        : "GraphqlOperation[" + operationType + " " + operationName + " " + fields + "]";
  }
}
