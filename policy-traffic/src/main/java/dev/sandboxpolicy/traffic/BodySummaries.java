package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the request-body summaries that L7 messages carry (logs spec §1.3, "Summaries inside messages") back into
 * the matcher's body views: {@code graphql_ops=type=<t> name=<n|-> fields=<a,b|-> persisted=<key|->[;...]} or
 * {@code graphql_error="<err>"}, and {@code rule_methods=<m1,m2|-> tools=<t1,...|->}. A summary cut short by the
 * shorthand's length limit is not read (the answer is {@code null}), so nothing is guessed.
 */
final class BodySummaries {

  private static final String GRAPHQL_OPS = "graphql_ops=";
  private static final String GRAPHQL_ERROR = "graphql_error=\"";
  private static final String REASON = " reason=";
  private static final String RULE_METHODS = "rule_methods=";
  private static final String TOOLS = " tools=";
  private static final String NONE = "-";
  /** The JSON-RPC method whose calls name a tool (MCP {@code tools/call}). */
  private static final String TOOLS_CALL = "tools/call";

  private BodySummaries() {}

  /**
   * Fills the body view of an event decided by a body-reading engine from its message or reason; leaves it empty
   * when the text has no complete summary.
   */
  static void fill(LogEvent.Builder b, String engine, String text) {
    if (engine.equals(EventClassifier.ENGINE_GRAPHQL)) {
      b.graphql = graphql(text);
    } else {
      b.jsonRpc = jsonRpc(text);
    }
  }

  /** The GraphQL operations a message summarises, or {@code null} when it has no complete summary. */
  static GraphqlRequest graphql(String text) {
    int error = text.indexOf(GRAPHQL_ERROR);
    if (error >= 0) {
      String message = unquote(text, error + GRAPHQL_ERROR.length());
      return message == null ? null : GraphqlRequest.parseError(message);
    }
    int at = text.indexOf(GRAPHQL_OPS);
    if (at < 0) {
      return null;
    }
    int from = at + GRAPHQL_OPS.length();
    int end = text.indexOf(REASON, from);
    if (end < 0) {
      return null; // cut before the summary ended
    }
    List<GraphqlOperation> ops = new ArrayList<>();
    for (String op : text.substring(from, end).split(";")) {
      GraphqlOperation parsed = operation(op);
      if (parsed == null) {
        return null;
      }
      ops.add(parsed);
    }
    return GraphqlRequest.of(ops);
  }

  private static GraphqlOperation operation(String op) {
    String type = null;
    String name = null;
    String fields = null;
    String persisted = null;
    for (String token : op.trim().split(" ")) {
      int eq = token.indexOf('=');
      if (eq < 0) {
        return null;
      }
      String value = token.substring(eq + 1);
      switch (token.substring(0, eq)) {
        case "type" -> type = value;
        case "name" -> name = value;
        case "fields" -> fields = value;
        case "persisted" -> persisted = value;
        default -> {
          return null;
        }
      }
    }
    if (type == null || name == null || fields == null || persisted == null) {
      return null;
    }
    if (type.isEmpty() && !persisted.equals(NONE)) {
      return GraphqlOperation.persisted(persisted);
    }
    List<String> fieldList = fields.equals(NONE) ? List.of() : Arrays.asList(fields.split(","));
    return GraphqlOperation.of(type, name.equals(NONE) ? "" : name, fieldList);
  }

  /** A Rust {@code {:?}} string starting after its opening quote, or {@code null} when it does not end. */
  private static String unquote(String text, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && i + 1 < text.length()) {
        char n = text.charAt(++i);
        sb.append(switch (n) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> n;
        });
      } else {
        sb.append(c);
      }
    }
    return null;
  }

  /**
   * The JSON-RPC calls a message summarises, or {@code null} when it has no complete summary or the tools cannot be
   * given back to their calls (the summary lists tools without saying which call named each; they are assigned to
   * the {@code tools/call} calls in order only when the counts agree).
   */
  static JsonRpcRequest jsonRpc(String text) {
    int at = text.indexOf(RULE_METHODS);
    if (at < 0) {
      return null;
    }
    int methodsFrom = at + RULE_METHODS.length();
    int methodsEnd = text.indexOf(TOOLS, methodsFrom);
    if (methodsEnd < 0 || text.indexOf(' ', methodsFrom) != methodsEnd) {
      return null;
    }
    int toolsFrom = methodsEnd + TOOLS.length();
    int toolsEnd = text.indexOf(' ', toolsFrom);
    if (toolsEnd < 0) {
      return null; // the tools token may have been cut
    }
    String methods = text.substring(methodsFrom, methodsEnd);
    String tools = text.substring(toolsFrom, toolsEnd);
    if (methods.equals(NONE)) {
      return null; // no calls: a response or stream frame, which the summary does not tell apart
    }
    List<String> methodList = Arrays.asList(methods.split(","));
    List<String> toolList = tools.equals(NONE) ? List.of() : Arrays.asList(tools.split(","));
    long toolCalls = methodList.stream().filter(TOOLS_CALL::equals).count();
    if (!toolList.isEmpty() && toolList.size() != toolCalls) {
      return null;
    }
    List<JsonRpcCall> calls = new ArrayList<>();
    int tool = 0;
    for (String m : methodList) {
      JsonRpcCall call = JsonRpcCall.of(m);
      if (m.equals(TOOLS_CALL) && !toolList.isEmpty()) {
        call = call.withParamsName(toolList.get(tool++));
      }
      calls.add(call);
    }
    return calls.size() == 1 ? JsonRpcRequest.single(calls.get(0)) : JsonRpcRequest.batch(calls, false);
  }
}
