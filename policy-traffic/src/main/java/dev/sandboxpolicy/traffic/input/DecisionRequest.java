package dev.sandboxpolicy.traffic.input;

import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.net.IpAddress;
import dev.sandboxpolicy.model.net.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One request to decide, decoded from the {@code request} object of the protocol's {@code decide} (also the
 * line format of {@code policyctl check --requests}): the connection, and when {@code method} is present the L7
 * request on it.
 *
 * <p>Fields: {@code host} (string, required), {@code port} (integer 0-65535, required), {@code binary} (string;
 * {@code ""} when absent), {@code ancestors}, {@code cmdline_paths} (string arrays), {@code resolved_ips} (string
 * array: the addresses the host resolved to, for the destination check), {@code method}, {@code path} (canonicalized
 * by the decision; {@code /} when absent), {@code query} (object of string arrays), {@code graphql}, {@code jsonrpc},
 * {@code mcp_protocol_version} (a string, or an array of strings for a repeated header; absent or {@code null}: no
 * header). With {@code allowTarget}, a {@code target} string (a raw request target) may replace {@code path} and
 * {@code query}; it is canonicalized first. Other keys are ignored here (a caller that refuses them checks {@link
 * #FIELDS}).
 *
 * <pre>{@code
 * DecisionRequest r = DecisionRequest.decode(
 *     JsonFields.of(mapper.readTree("{\"host\": \"api.github.com\", \"port\": 443, \"binary\": \"/usr/bin/gh\"}"),
 *         "a request"),
 *     false);
 * r.isRequest();    // false: no method, a connection (L4) decision
 * r.connection();   // NetworkRequest api.github.com:443 /usr/bin/gh
 * }</pre>
 *
 * @param connection the connection: host, port, binary, ancestors, command-line paths, resolved addresses
 * @param method the request method, empty for a connection decision
 * @param target the raw request target, when given instead of {@code path} and {@code query}
 * @param path the path as given ({@code /} when absent)
 * @param query the query parameters as given
 * @param graphql the GraphQL body view, when given
 * @param jsonRpc the JSON-RPC body view, when given
 * @param mcpProtocolVersion every {@code MCP-Protocol-Version} header of the request, in order
 */
public record DecisionRequest(
    NetworkRequest connection,
    Optional<String> method,
    Optional<String> target,
    String path,
    Map<String, List<String>> query,
    Optional<GraphqlRequest> graphql,
    Optional<JsonRpcRequest> jsonRpc,
    List<String> mcpProtocolVersion) {

  /** The fields of a request object (the {@code request} of {@code decide}, a line of {@code check --requests}). */
  public static final Set<String> FIELDS =
      Set.of("host", "port", "binary", "ancestors", "cmdline_paths", "method", "path", "query", "target", "graphql",
          "jsonrpc", "mcp_protocol_version", "resolved_ips");

  /**
   * Decodes a request object.
   *
   * @param fields the object's fields
   * @param allowTarget whether a raw {@code target} may replace {@code path} and {@code query}
   * @return the request
   * @throws MalformedRequestException when a field is missing, has the wrong type or an impossible value
   */
  public static DecisionRequest decode(JsonFields fields, boolean allowTarget) throws MalformedRequestException {
    String host = fields.requireString("host");
    int port =
        fields.integer("port", 0, Port.MAX_VALUE)
            .orElseThrow(() -> new MalformedRequestException(
                "'port' is required (an integer from 0 to " + Port.MAX_VALUE + ")"))
            .intValue();
    NetworkRequest connection =
        NetworkRequest.of(host, port, fields.string("binary").orElse(""))
            .withAncestors(fields.strings("ancestors"))
            .withCmdlinePaths(fields.strings("cmdline_paths"))
            .withResolvedAddresses(resolvedIps(fields));
    Optional<String> method = fields.string("method");
    if (method.isEmpty()) {
      return new DecisionRequest(
          connection, method, Optional.empty(), "/", Map.of(), Optional.empty(), Optional.empty(), List.of());
    }
    Optional<String> target = allowTarget ? fields.string("target") : Optional.empty();
    if (target.isPresent() && (fields.node("path").isPresent() || fields.node("query").isPresent())) {
      throw new MalformedRequestException("give either 'target' or 'path' and 'query', not both");
    }
    Optional<JsonFields> graphql = fields.object("graphql");
    Optional<JsonFields> jsonrpc = fields.object("jsonrpc");
    return new DecisionRequest(
        connection,
        method,
        target,
        fields.string("path").orElse("/"),
        query(fields),
        graphql.isPresent() ? Optional.of(graphql(graphql.get())) : Optional.empty(),
        jsonrpc.isPresent() ? Optional.of(jsonRpc(jsonrpc.get())) : Optional.empty(),
        mcpProtocolVersion(fields));
  }

  /**
   * {@code mcp_protocol_version}: the {@code MCP-Protocol-Version} header of the request. A string is one header; an
   * array of strings lists every occurrence of a repeated header; absent or {@code null} means no header.
   */
  private static List<String> mcpProtocolVersion(JsonFields fields) throws MalformedRequestException {
    String field = "mcp_protocol_version";
    Optional<JsonNode> node = fields.node(field);
    if (node.isPresent() && node.get().isArray()) {
      return fields.strings(field);
    }
    if (node.isPresent() && !node.get().isString()) {
      throw new MalformedRequestException("'" + field + "' must be a string (or an array of strings for a repeated header)");
    }
    return node.isPresent() ? List.of(node.get().stringValue()) : List.of();
  }

  /**
   * The {@code resolved_ips} (addresses the host resolved to, in any spelling a URL parser accepts); a string that
   * is not an address is a {@code bad_request}.
   */
  private static List<IpAddress> resolvedIps(JsonFields fields) throws MalformedRequestException {
    List<IpAddress> out = new ArrayList<>();
    for (String text : fields.strings("resolved_ips")) {
      String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
      out.add(IpAddress.tryParse(bare).orElseThrow(
          () -> new MalformedRequestException("'resolved_ips' entry '" + text + "' is not an IP address")));
    }
    return out;
  }

  /**
   * Tells whether this is an L7 request decision (a {@code method} was given).
   *
   * @return true for a request, false for a connection
   */
  public boolean isRequest() {
    return method.isPresent();
  }

  /**
   * The L7 request with the given canonical path and query (a request decision only). Use {@link #path()} and
   * {@link #query()} unless a raw {@link #target()} was given and canonicalized.
   *
   * @param canonicalPath the canonical path
   * @param canonicalQuery the canonical query
   * @return the request on {@link #connection()}, with the body views and headers given
   */
  public L7Request l7(String canonicalPath, Map<String, List<String>> canonicalQuery) {
    L7Request request = L7Request.of(connection, method.orElseThrow(), canonicalPath).withQuery(canonicalQuery);
    if (graphql.isPresent()) {
      request = request.withGraphql(graphql.get());
    }
    if (jsonRpc.isPresent()) {
      request = request.withJsonRpc(jsonRpc.get());
    }
    return request.withMcpProtocolVersionHeaders(mcpProtocolVersion);
  }

  /**
   * Returns a short description: {@code host:port binary [METHOD path]}.
   *
   * @return the description
   */
  public String describe() {
    String what = connection.host() + ":" + connection.port() + " " + (connection.binary().isEmpty() ? "(no binary)" : connection.binary());
    return method.map(m -> what + " " + m + " " + target.orElse(path)).orElse(what);
  }

  private static Map<String, List<String>> query(JsonFields fields) throws MalformedRequestException {
    Optional<JsonFields> query = fields.object("query");
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return out;
    }
    for (String name : query.get().names()) {
      JsonNode value = query.get().node(name).orElse(null);
      List<String> values = new ArrayList<>();
      if (value != null && value.isString()) {
        values.add(value.stringValue());
      } else if (value != null && value.isArray()) {
        for (JsonNode v : value) {
          if (!v.isString()) {
            throw new MalformedRequestException("'query' values must be strings or arrays of strings");
          }
          values.add(v.stringValue());
        }
      } else {
        throw new MalformedRequestException("'query' values must be strings or arrays of strings");
      }
      out.put(name, List.copyOf(values));
    }
    return out;
  }

  private static GraphqlRequest graphql(JsonFields graphql) throws MalformedRequestException {
    Optional<String> error = graphql.string("error");
    if (error.isPresent()) {
      return GraphqlRequest.parseError(error.get());
    }
    List<GraphqlOperation> operations = new ArrayList<>();
    for (JsonFields op : graphql.objects("operations")) {
      if (op.bool("persisted_query", false)) {
        Optional<String> key = op.string("persisted_query_hash");
        if (key.isEmpty()) {
          key = op.string("persisted_query_id");
        }
        operations.add(
            GraphqlOperation.persisted(
                key.orElseThrow(
                    () ->
                        new MalformedRequestException(
                            "a persisted GraphQL operation needs 'persisted_query_hash' or 'persisted_query_id'"))));
      } else {
        operations.add(
            GraphqlOperation.of(
                op.string("operation_type").orElse(""), op.string("operation_name").orElse(""),
                op.strings("fields")));
      }
    }
    return GraphqlRequest.of(operations);
  }

  /** The keys of a single frame in {@code jsonrpc}: a call, or a method-less response frame or receive stream. */
  private static final Set<String> FRAME_KEYS =
      Set.of("batch", "method", "params", "tool", "receive_stream", "has_response", "error");

  /** The keys of the batch form of {@code jsonrpc}. */
  private static final Set<String> BATCH_KEYS = Set.of("batch", "calls", "has_response", "error");

  /** The keys of one call of a batch. */
  private static final Set<String> CALL_KEYS = Set.of("method", "params", "tool");

  /**
   * The {@code jsonrpc} object: the batch form ({@code batch: true}), or one frame. A frame with a {@code method}
   * is a call; without one ({@code null} or absent) it is a response frame ({@code has_response: true}) or a
   * receive stream ({@code receive_stream: true}). A non-empty {@code error} is the inspector's error (a hard
   * denial) whatever else the object says. Unknown keys and contradictory flags are a {@code bad_request}.
   */
  private static JsonRpcRequest jsonRpc(JsonFields jsonrpc) throws MalformedRequestException {
    boolean batch = jsonrpc.bool("batch", false);
    jsonrpc.requireKnownKeys(batch ? BATCH_KEYS : FRAME_KEYS, "'jsonrpc'");
    Optional<String> error = jsonrpc.string("error").filter(e -> !e.isEmpty()); // "" means no error, as upstream
    boolean hasResponse = jsonrpc.bool("has_response", false);
    if (batch) {
      List<JsonRpcCall> calls = new ArrayList<>();
      for (JsonFields call : jsonrpc.objects("calls")) {
        call.requireKnownKeys(CALL_KEYS, "a 'jsonrpc' call");
        calls.add(call(call, call.requireString("method")));
      }
      if (error.isPresent()) {
        return JsonRpcRequest.inspectionError(error.get());
      }
      // An empty JSON array is not a valid JSON-RPC batch: upstream's inspector rejects it.
      return calls.isEmpty() && !hasResponse
          ? JsonRpcRequest.inspectionError("empty batch")
          : JsonRpcRequest.batch(calls, hasResponse);
    }
    Optional<String> method = jsonrpc.string("method");
    boolean receiveStream = jsonrpc.bool("receive_stream", false);
    JsonRpcCall call = method.isPresent() ? call(jsonrpc, method.get()) : null; // checks params and tool
    if (error.isPresent()) {
      return JsonRpcRequest.inspectionError(error.get());
    }
    if (call != null) {
      if (hasResponse || receiveStream) {
        throw new MalformedRequestException("a 'jsonrpc' frame with a 'method' is a call, not a response frame or a"
            + " receive stream (use the batch form for calls sent together with responses)");
      }
      return JsonRpcRequest.single(call);
    }
    if (hasResponse && receiveStream) {
      throw new MalformedRequestException("a 'jsonrpc' frame is a response frame or a receive stream, not both");
    }
    if (hasResponse) {
      return JsonRpcRequest.responseOnly();
    }
    if (receiveStream) {
      return JsonRpcRequest.receiveStreamOnly();
    }
    throw new MalformedRequestException("a 'jsonrpc' frame without a 'method' must be a response frame"
        + " ('has_response': true), a receive stream ('receive_stream': true) or carry the inspector's 'error'");
  }

  /**
   * One call: its method, and for MCP the tool name from {@code params.name} (a string; {@code params} may be an
   * object, an array or {@code null}) or {@code tool}; both given must agree.
   */
  private static JsonRpcCall call(JsonFields call, String method) throws MalformedRequestException {
    Optional<String> name = Optional.empty();
    Optional<JsonNode> params = call.node("params");
    if (params.isPresent() && !params.get().isObject() && !params.get().isArray()) {
      throw new MalformedRequestException("'params' must be an object, an array or null");
    }
    if (params.isPresent() && params.get().isObject()) {
      JsonNode n = params.get().get("name");
      name = n != null && n.isString() ? Optional.of(n.stringValue()) : Optional.empty();
    }
    Optional<String> tool = call.string("tool");
    if (tool.isPresent() && name.isPresent() && !tool.get().equals(name.get())) {
      throw new MalformedRequestException(
          "'tool' ('" + tool.get() + "') and 'params.name' ('" + name.get() + "') name different tools");
    }
    JsonRpcCall c = JsonRpcCall.of(method);
    Optional<String> toolName = name.or(() -> tool);
    return toolName.isPresent() ? c.withParamsName(toolName.get()) : c;
  }
}
