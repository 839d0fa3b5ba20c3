package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The body of an allow rule ({@code {allow: BODY}}) or of a deny rule ({@code BODY}).
 *
 * <p>Which fields matter depends on the endpoint's protocol: {@code method}, {@code path} and {@code query} for
 * REST and WebSocket; {@code operation_type}, {@code operation_name} and {@code fields} for GraphQL; {@code method},
 * {@code tool} and {@code params} for MCP; {@code method} for JSON-RPC; {@code command} for SQL (audit only).
 *
 * <p><b>Warning:</b> a REST rule without {@code path} never matches (upstream behaviour).
 */
@Value.Immutable
@ModelStyle
public abstract class RuleBody implements PolicyNode {

  RuleBody() {}

  /** The HTTP method, {@code WEBSOCKET_TEXT}, {@code *}, or a JSON-RPC/MCP method name, as written. */
  @Value.Default
  public String method() {
    return "";
  }

  /** The request path glob, or {@code ""}. */
  @Value.Default
  public String path() {
    return "";
  }

  /** The SQL command (audit only), or {@code ""}. */
  @Value.Default
  public String command() {
    return "";
  }

  /** Query parameter matchers by parameter name, in document order. */
  public abstract Map<String, ValueMatcher> query();

  /** The GraphQL operation type, or {@code ""}. */
  @Value.Default
  public String operationType() {
    return "";
  }

  /** The GraphQL operation-name glob, or {@code ""}. */
  @Value.Default
  public String operationName() {
    return "";
  }

  /** The GraphQL root-field globs. */
  public abstract List<String> fields();

  /** The MCP tool-name matcher ({@code tool:}), when written. */
  public abstract Optional<ValueMatcher> tool();

  /** MCP parameter matchers, nested maps flattened to dotted keys ({@code name}, {@code a.b}), in document order. */
  public abstract Map<String, ValueMatcher> params();

  @Override
  @Value.Auxiliary
  @Value.Default
  public SourceLocation location() {
    return SourceLocation.NONE;
  }

  @Override
  @AllowNulls
  public abstract Map<String, Object> unknownFields();

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with the values of {@code from}. */
  public static Builder builder(RuleBody from) {
    return new Builder().from(from);
  }

  /** Builds {@link RuleBody} values. */
  public static final class Builder extends ImmutableRuleBody.Builder {
    Builder() {}
  }
}
