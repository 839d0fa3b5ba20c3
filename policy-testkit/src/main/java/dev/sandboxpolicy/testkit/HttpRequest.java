package dev.sandboxpolicy.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input of a request (L7) decision (§3.1, §3.5): the connection it arrives on, the HTTP method token as sent
 * (or {@code WEBSOCKET_TEXT}), the <em>canonical</em> path (§3.6; produce it from a raw target with
 * {@link ReferenceRequestTarget}) and the decoded query multimap (keys in first-seen order, every value in
 * order).
 *
 * @param connection the connection the request arrives on
 * @param method the method token, case as sent
 * @param path the canonical request path
 * @param query decoded query parameters; a key maps to every value it was given, in order
 */
public record HttpRequest(Connection connection, String method, String path, Map<String, List<String>> query) {

  /** Validates the components and deep-copies the query (keeping its order). */
  public HttpRequest {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    query.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "query key"), List.copyOf(v)));
    query = java.util.Collections.unmodifiableMap(copy);
  }

  /** A request without query parameters. */
  public static HttpRequest of(Connection connection, String method, String path) {
    return new HttpRequest(connection, method, path, Map.of());
  }

  /** The same request as the compiled matcher's input (without GraphQL or JSON-RPC views). */
  public dev.sandboxpolicy.matcher.L7Request toL7Request() {
    return dev.sandboxpolicy.matcher.L7Request.of(connection.toNetworkRequest(), method, path).withQuery(query);
  }

  /** This request with one more value for {@code key} (appended after existing values). */
  public HttpRequest withQueryValue(String key, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(query);
    List<String> values = new ArrayList<>(copy.getOrDefault(key, List.of()));
    values.add(value);
    copy.put(key, values);
    return new HttpRequest(connection, method, path, copy);
  }
}
