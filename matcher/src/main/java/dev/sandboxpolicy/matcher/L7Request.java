package dev.sandboxpolicy.matcher;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of a request (L7) decision (spec §3.1, §3.5): the connection it travels on, the HTTP method (or {@code
 * WEBSOCKET_TEXT} for a client text frame), the canonical path and the decoded query multimap (see {@link
 * CanonicalTarget}), and optionally the GraphQL or JSON-RPC view of the body. Immutable.
 *
 * <pre>{@code
 * NetworkRequest conn = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");
 * CanonicalTarget t = CanonicalTarget.parse("/repos/acme/x?per_page=10", false);
 * L7Request r = L7Request.of(conn, "GET", t.path()).withQuery(t.query());
 * }</pre>
 *
 * <p>The path need not be canonical: it is canonicalized here (spec §3.6, as {@link
 * CanonicalTarget#canonicalPath(String, boolean)} with encoded slashes kept, which the decision then refuses unless
 * the selected endpoint has {@code allow_encoded_slash}), so {@code /repos/a/x/../secret} is decided as {@code
 * /repos/a/secret}. A path the proxy would have to reject ({@code ..} above the root, a control character, a bad
 * escape, ...) is kept as {@link #pathRejection()} and every request decision on it is a blocking {@link
 * Verdict#DENY} whose reason names the code. An already canonical path is checked by one scan without allocating.
 */
public final class L7Request {
  private final NetworkRequest connection;
  private final String method;
  /** {@link #method} classified once ({@link RequestMethods#id}), so rules test a bit. */
  private final int methodId;
  private final String path;
  /** Why the path must be rejected, or null when {@link #path} is its canonical form. */
  private final RequestTargetException pathRejection;
  private final Map<String, List<String>> query;
  private final Optional<GraphqlRequest> graphql;
  private final Optional<JsonRpcRequest> jsonRpc;
  private final McpProtocolVersionHeader mcpProtocolVersion;
  /** Whether some query value contains U+0000 (computed once, so the allow path need not scan the query). */
  private final boolean queryHasNul;

  private L7Request(
      NetworkRequest connection,
      String method,
      String path,
      RequestTargetException pathRejection,
      Map<String, List<String>> query,
      Optional<GraphqlRequest> graphql,
      Optional<JsonRpcRequest> jsonRpc,
      McpProtocolVersionHeader mcpProtocolVersion) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.method = Objects.requireNonNull(method, "method");
    this.methodId = RequestMethods.id(method);
    this.path = Objects.requireNonNull(path, "path");
    this.pathRejection = pathRejection;
    this.query = query;
    this.graphql = graphql;
    this.jsonRpc = jsonRpc;
    this.mcpProtocolVersion = mcpProtocolVersion;
    this.queryHasNul = anyValueHasNul(query);
  }

  private static boolean anyValueHasNul(Map<String, List<String>> query) {
    for (List<String> values : query.values()) {
      for (String value : values) {
        if (value.indexOf('\0') >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Creates a request without query parameters.
   *
   * @param connection the connection's network request
   * @param method the raw method token as sent, or {@code WEBSOCKET_TEXT}
   * @param path the request path (without the query); canonicalized here when it is not canonical (§3.6)
   * @return the request
   */
  public static L7Request of(NetworkRequest connection, String method, String path) {
    return new L7Request(connection, method, "/", null, Map.of(), Optional.empty(), Optional.empty(),
        McpProtocolVersionHeader.NONE).withPath(path);
  }

  /**
   * Returns a copy with another path (without the query), canonicalized as {@link #of} does; the query, the body
   * views and the headers are kept.
   *
   * @param path the request path
   * @return the new request
   */
  public L7Request withPath(String path) {
    Objects.requireNonNull(path, "path");
    String canonical = path;
    RequestTargetException rejection = null;
    try {
      canonical = CanonicalTarget.canonicalPath(path, true);
    } catch (RequestTargetException e) {
      rejection = e;
    }
    return new L7Request(connection, method, canonical, rejection, query, graphql, jsonRpc, mcpProtocolVersion);
  }

  /**
   * Returns a copy with the decoded query multimap (keys to every value in order). The map is copied.
   *
   * @param query the query parameters
   * @return the new request
   */
  public L7Request withQuery(Map<String, List<String>> query) {
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    query.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return new L7Request(connection, method, path, pathRejection, java.util.Collections.unmodifiableMap(copy), graphql,
        jsonRpc, mcpProtocolVersion);
  }

  /**
   * Returns a copy with the GraphQL view of the body.
   *
   * @param graphql the operations or parse error
   * @return the new request
   */
  public L7Request withGraphql(GraphqlRequest graphql) {
    return new L7Request(
        connection, method, path, pathRejection, query, Optional.of(graphql), jsonRpc, mcpProtocolVersion);
  }

  /**
   * Returns a copy with the JSON-RPC view of the body.
   *
   * @param jsonRpc the calls, response flag or inspection error
   * @return the new request
   */
  public L7Request withJsonRpc(JsonRpcRequest jsonRpc) {
    return new L7Request(
        connection, method, path, pathRejection, query, graphql, Optional.of(jsonRpc), mcpProtocolVersion);
  }

  /**
   * Returns a copy carrying the value of the request's {@code MCP-Protocol-Version} header (one occurrence). An MCP
   * endpoint checks it against its {@code mcp.versions}: a known revision outside the list is refused with {@link
   * RefusalStatus#FORBIDDEN}; an empty value or one that is no known revision with {@link RefusalStatus#BAD_REQUEST}.
   * Without this call the request has no such header, which MCP reads as {@code 2025-03-26}. Surrounding spaces and
   * tabs are ignored, as HTTP does; nothing else is trimmed or case-folded.
   *
   * <pre>{@code
   * L7Request.of(conn, "POST", "/mcp")
   *     .withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("tools/list")))
   *     .withMcpProtocolVersion("2025-11-25");
   * }</pre>
   *
   * @param value the header value as received
   * @return the new request
   */
  public L7Request withMcpProtocolVersion(String value) {
    return withMcpProtocolVersionHeaders(List.of(Objects.requireNonNull(value, "value")));
  }

  /**
   * Returns a copy carrying every occurrence of the request's {@code MCP-Protocol-Version} header, in order: none
   * (no header), one, or several (a repeated header, which an MCP endpoint refuses with {@link
   * RefusalStatus#BAD_REQUEST}).
   *
   * @param occurrences the header values as received, one per header line
   * @return the new request
   */
  public L7Request withMcpProtocolVersionHeaders(List<String> occurrences) {
    return new L7Request(connection, method, path, pathRejection, query, graphql, jsonRpc,
        McpProtocolVersionHeader.of(occurrences));
  }

  /**
   * Returns the connection.
   *
   * @return the network request
   */
  public NetworkRequest connection() {
    return connection;
  }

  /**
   * Returns the method token.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /** The method's {@link RequestMethods} id. */
  int methodId() {
    return methodId;
  }

  /**
   * Returns the canonical path (the path as given when it is rejected, see {@link #pathRejection()}).
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns why the path must be rejected (its {@link RequestTargetException#code()}, e.g. {@code path_traversal}),
   * or empty when {@link #path()} is canonical.
   *
   * @return the rejection
   */
  public Optional<RequestTargetException> pathRejection() {
    return Optional.ofNullable(pathRejection);
  }

  /** The rejection, or null (no allocation on the hot path). */
  RequestTargetException pathRejectionOrNull() {
    return pathRejection;
  }

  /**
   * Returns the decoded query multimap.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> query() {
    return query;
  }

  /**
   * Returns the GraphQL view, if the proxy inspected the body as GraphQL.
   *
   * @return the GraphQL request
   */
  public Optional<GraphqlRequest> graphql() {
    return graphql;
  }

  /**
   * Returns the JSON-RPC view, if the proxy inspected the body as JSON-RPC.
   *
   * @return the JSON-RPC request
   */
  public Optional<JsonRpcRequest> jsonRpc() {
    return jsonRpc;
  }

  /**
   * Returns every occurrence of the {@code MCP-Protocol-Version} header, as given; empty when the request has none.
   *
   * @return an immutable list
   */
  public List<String> mcpProtocolVersionHeaders() {
    return mcpProtocolVersion.values();
  }

  /** The classified {@code MCP-Protocol-Version} header. */
  McpProtocolVersionHeader mcpProtocolVersion() {
    return mcpProtocolVersion;
  }

  /** Whether some query value contains U+0000 (see {@link NulScreen}). */
  boolean queryHasNul() {
    return queryHasNul;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L7Request r
        && connection.equals(r.connection)
        && method.equals(r.method)
        && path.equals(r.path)
        && query.equals(r.query)
        && graphql.equals(r.graphql)
        && jsonRpc.equals(r.jsonRpc)
        && mcpProtocolVersion.equals(r.mcpProtocolVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connection, method, path, query, graphql, jsonRpc, mcpProtocolVersion);
  }

  @Override
  public String toString() {
    return "L7Request[" + method + " " + path + " " + query + graphql.map(g -> " " + g).orElse("")
        + jsonRpc.map(j -> " " + j).orElse("")
        + (mcpProtocolVersion.values().isEmpty() ? "" : " " + mcpProtocolVersion) + " on " + connection + "]";
  }
}
