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
import tools.jackson.databind.JsonNode;

/**
 * One request to decide, decoded from the {@code request} object of the protocol's {@code decide} (also the
 * line format of {@code policyctl check --requests}): the connection, and when {@code method} is present the L7
 * request on it.
 *
 * <p>Fields: {@code host} (string, required), {@code port} (integer 0-65535, required), {@code binary} (string;
 * {@code ""} when absent), {@code ancestors}, {@code cmdline_paths} (string arrays), {@code resolved_ips} (string
 * array: the addresses the host resolved to, for the destination check), {@code method}, {@code path} (canonicalized
 * by the decision; {@code /} when absent), {@code query} (object of string arrays),
 * {@code graphql}, {@code jsonrpc}. With {@code allowTarget}, a {@code target} string (a raw request target)
 * may replace {@code path} and {@code query}; it is canonicalized first.
 */
record DecisionRequest(
    NetworkRequest connection,
    Optional<String> method,
    Optional<String> target,
    String path,
    Map<String, List<String>> query,
    Optional<GraphqlRequest> graphql,
    Optional<JsonRpcRequest> jsonRpc) {

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
          connection, method, Optional.empty(), "/", Map.of(), Optional.empty(), Optional.empty());
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
        jsonrpc.isPresent() ? Optional.of(jsonRpc(jsonrpc.get())) : Optional.empty());
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
    return request;
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

  private static JsonRpcRequest jsonRpc(RequestFields jsonrpc) throws ProtocolError {
    if (jsonrpc.bool("batch", false)) {
      List<JsonRpcCall> calls = new ArrayList<>();
      for (RequestFields call : jsonrpc.objects("calls")) {
        calls.add(call(call));
      }
      return JsonRpcRequest.batch(calls, jsonrpc.bool("has_response", false));
    }
    return JsonRpcRequest.single(call(jsonrpc));
  }

  private static JsonRpcCall call(RequestFields call) throws ProtocolError {
    JsonRpcCall c = JsonRpcCall.of(call.requireString("method"));
    Optional<RequestFields> params = call.object("params");
    if (params.isPresent()) {
      Optional<JsonNode> name = params.get().node("name");
      if (name.isPresent() && name.get().isString()) {
        c = c.withParamsName(name.get().stringValue());
      }
    }
    return c;
  }
}
