package dev.sandboxpolicy.testkit;

import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of a request (L7) decision (§3.1, §3.5): the connection it arrives on, the HTTP method token as sent
 * (or {@code WEBSOCKET_TEXT}), the <em>canonical</em> path (§3.6; produce it from a raw target with
 * {@link ReferenceRequestTarget}), the decoded query multimap (keys in first-seen order, every value in order), and
 * optionally the GraphQL or JSON-RPC view of the body (the matcher's own body types, §3.7, §3.8).
 *
 * @param connection the connection the request arrives on
 * @param method the method token, case as sent
 * @param path the canonical request path
 * @param query decoded query parameters; a key maps to every value it was given, in order
 * @param graphql the GraphQL view of the body (operations or a parse error), when the body is GraphQL
 * @param jsonRpc the JSON-RPC view of the body (calls, response frames, inspection error), when it is JSON-RPC
 */
public record HttpRequest(
    Connection connection,
    String method,
    String path,
    Map<String, List<String>> query,
    Optional<GraphqlRequest> graphql,
    Optional<JsonRpcRequest> jsonRpc) {

  /** Validates the components and deep-copies the query (keeping its order). */
  public HttpRequest {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(graphql, "graphql");
    Objects.requireNonNull(jsonRpc, "jsonRpc");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    query.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "query key"), List.copyOf(v)));
    query = java.util.Collections.unmodifiableMap(copy);
  }

  /** A request without a GraphQL or JSON-RPC view of its body. */
  public HttpRequest(Connection connection, String method, String path, Map<String, List<String>> query) {
    this(connection, method, path, query, Optional.empty(), Optional.empty());
  }

  /** This request with the GraphQL view of its body. */
  public HttpRequest withGraphql(GraphqlRequest body) {
    return new HttpRequest(connection, method, path, query, Optional.of(body), jsonRpc);
  }

  /** This request with the JSON-RPC view of its body. */
  public HttpRequest withJsonRpc(JsonRpcRequest body) {
    return new HttpRequest(connection, method, path, query, graphql, Optional.of(body));
  }

  /** A request without query parameters. */
  public static HttpRequest of(Connection connection, String method, String path) {
    return new HttpRequest(connection, method, path, Map.of());
  }

  /** The same request as the compiled matcher's input. */
  public dev.sandboxpolicy.matcher.L7Request toL7Request() {
    dev.sandboxpolicy.matcher.L7Request r =
        dev.sandboxpolicy.matcher.L7Request.of(connection.toNetworkRequest(), method, path).withQuery(query);
    if (graphql.isPresent()) {
      r = r.withGraphql(graphql.get());
    }
    if (jsonRpc.isPresent()) {
      r = r.withJsonRpc(jsonRpc.get());
    }
    return r;
  }

  /** This request with one more value for {@code key} (appended after existing values). */
  public HttpRequest withQueryValue(String key, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(query);
    List<String> values = new ArrayList<>(copy.getOrDefault(key, List.of()));
    values.add(value);
    copy.put(key, values);
    return new HttpRequest(connection, method, path, copy, graphql, jsonRpc);
  }
}
