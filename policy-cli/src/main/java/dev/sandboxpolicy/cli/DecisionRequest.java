package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.CanonicalTarget;
import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.RequestTargetException;
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
 * {@code query}; it is canonicalized first.
 */
record DecisionRequest(
    NetworkRequest connection,
    Optional<String> method,
    Optional<String> target,
    String path,
    Map<String, List<String>> query,
    Optional<GraphqlRequest> graphql,
    Optional<JsonRpcRequest> jsonRpc,
    List<String> mcpProtocolVersion) {

  /** The fields of a request object (the {@code request} of {@code decide}, a line of {@code check --requests}). */
  static final Set<String> FIELDS =
      Set.of("host", "port", "binary", "ancestors", "cmdline_paths", "method", "path", "query", "target", "graphql",
          "jsonrpc", "mcp_protocol_version", "resolved_ips");

  /** Decodes {@code fields}; {@code bad_request} (or the target's rejection code) when malformed. */
  static DecisionRequest decode(RequestFields fields, boolean allowTarget) throws ProtocolError {
    String host = fields.requireString("host");
    int port =
        fields.integer("port", 0, Port.MAX_VALUE)
            .orElseThrow(() -> ProtocolError.badRequest(
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
      throw ProtocolError.badRequest("give either 'target' or 'path' and 'query', not both");
    }
    Optional<RequestFields> graphql = fields.object("graphql");
    Optional<RequestFields> jsonrpc = fields.object("jsonrpc");
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
  private static List<String> mcpProtocolVersion(RequestFields fields) throws ProtocolError {
    String field = "mcp_protocol_version";
    Optional<JsonNode> node = fields.node(field);
    if (node.isPresent() && node.get().isArray()) {
      return fields.strings(field);
    }
    if (node.isPresent() && !node.get().isString()) {
      throw ProtocolError.badRequest("'" + field + "' must be a string (or an array of strings for a repeated header)");
    }
    return node.isPresent() ? List.of(node.get().stringValue()) : List.of();
  }

  /**
   * The {@code resolved_ips} (addresses the host resolved to, in any spelling a URL parser accepts); a string that
   * is not an address is a {@code bad_request}.
   */
  private static List<IpAddress> resolvedIps(RequestFields fields) throws ProtocolError {
    List<IpAddress> out = new ArrayList<>();
    for (String text : fields.strings("resolved_ips")) {
      String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
      out.add(IpAddress.tryParse(bare).orElseThrow(
          () -> ProtocolError.badRequest("'resolved_ips' entry '" + text + "' is not an IP address")));
    }
    return out;
  }

  /** Whether this is an L7 request decision (a {@code method} was given). */
  boolean isRequest() {
    return method.isPresent();
  }

  /**
   * The L7 request with the given canonical path and query (a request decision only). Use {@link #path()} and
   * {@link #query()} unless a raw {@link #target()} was given and canonicalized.
   */
  L7Request l7(String canonicalPath, Map<String, List<String>> canonicalQuery) {
    L7Request request = L7Request.of(connection, method.orElseThrow(), canonicalPath).withQuery(canonicalQuery);
    if (graphql.isPresent()) {
      request = request.withGraphql(graphql.get());
    }
    if (jsonRpc.isPresent()) {
      request = request.withJsonRpc(jsonRpc.get());
    }
    return request.withMcpProtocolVersionHeaders(mcpProtocolVersion);
  }

  /** A short description: {@code host:port binary [METHOD path]}. */
  String describe() {
    String what = connection.host() + ":" + connection.port() + " " + (connection.binary().isEmpty() ? "(no binary)" : connection.binary());
    return method.map(m -> what + " " + m + " " + target.orElse(path)).orElse(what);
  }

  /** The canonical target, or the proxy's rejection as an error with its reason code. */
  static CanonicalTarget canonicalize(String target, boolean allowEncodedSlash) throws ProtocolError {
    try {
      return CanonicalTarget.parse(target, allowEncodedSlash);
    } catch (RequestTargetException e) {
      return reject(e);
    }
  }

  private static CanonicalTarget reject(RequestTargetException e) throws ProtocolError {
    throw new ProtocolError(e.code(), e.getMessage());
  }

  private static Map<String, List<String>> query(RequestFields fields) throws ProtocolError {
    Optional<RequestFields> query = fields.object("query");
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
            throw ProtocolError.badRequest("'query' values must be strings or arrays of strings");
          }
          values.add(v.stringValue());
        }
      } else {
        throw ProtocolError.badRequest("'query' values must be strings or arrays of strings");
      }
      out.put(name, List.copyOf(values));
    }
    return out;
  }

  private static GraphqlRequest graphql(RequestFields graphql) throws ProtocolError {
    Optional<String> error = graphql.string("error");
    if (error.isPresent()) {
      return GraphqlRequest.parseError(error.get());
    }
    List<GraphqlOperation> operations = new ArrayList<>();
    for (RequestFields op : graphql.objects("operations")) {
      if (op.bool("persisted_query", false)) {
        Optional<String> key = op.string("persisted_query_hash");
        if (key.isEmpty()) {
          key = op.string("persisted_query_id");
        }
        operations.add(
            GraphqlOperation.persisted(
                key.orElseThrow(
                    () ->
                        ProtocolError.badRequest(
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
  private static JsonRpcRequest jsonRpc(RequestFields jsonrpc) throws ProtocolError {
    boolean batch = jsonrpc.bool("batch", false);
    jsonrpc.requireKnownKeys(batch ? BATCH_KEYS : FRAME_KEYS, "'jsonrpc'");
    Optional<String> error = jsonrpc.string("error").filter(e -> !e.isEmpty()); // "" means no error, as upstream
    boolean hasResponse = jsonrpc.bool("has_response", false);
    if (batch) {
      List<JsonRpcCall> calls = new ArrayList<>();
      for (RequestFields call : jsonrpc.objects("calls")) {
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
        throw ProtocolError.badRequest("a 'jsonrpc' frame with a 'method' is a call, not a response frame or a"
            + " receive stream (use the batch form for calls sent together with responses)");
      }
      return JsonRpcRequest.single(call);
    }
    if (hasResponse && receiveStream) {
      throw ProtocolError.badRequest("a 'jsonrpc' frame is a response frame or a receive stream, not both");
    }
    if (hasResponse) {
      return JsonRpcRequest.responseOnly();
    }
    if (receiveStream) {
      return JsonRpcRequest.receiveStreamOnly();
    }
    throw ProtocolError.badRequest("a 'jsonrpc' frame without a 'method' must be a response frame"
        + " ('has_response': true), a receive stream ('receive_stream': true) or carry the inspector's 'error'");
  }

  /**
   * One call: its method, and for MCP the tool name from {@code params.name} (a string; {@code params} may be an
   * object, an array or {@code null}) or {@code tool}; both given must agree.
   */
  private static JsonRpcCall call(RequestFields call, String method) throws ProtocolError {
    Optional<String> name = Optional.empty();
    Optional<JsonNode> params = call.node("params");
    if (params.isPresent() && !params.get().isObject() && !params.get().isArray()) {
      throw ProtocolError.badRequest("'params' must be an object, an array or null");
    }
    if (params.isPresent() && params.get().isObject()) {
      JsonNode n = params.get().get("name");
      name = n != null && n.isString() ? Optional.of(n.stringValue()) : Optional.empty();
    }
    Optional<String> tool = call.string("tool");
    if (tool.isPresent() && name.isPresent() && !tool.get().equals(name.get())) {
      throw ProtocolError.badRequest(
          "'tool' ('" + tool.get() + "') and 'params.name' ('" + name.get() + "') name different tools");
    }
    JsonRpcCall c = JsonRpcCall.of(method);
    Optional<String> toolName = name.or(() -> tool);
    return toolName.isPresent() ? c.withParamsName(toolName.get()) : c;
  }
}
