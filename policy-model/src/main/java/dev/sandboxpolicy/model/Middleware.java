package dev.sandboxpolicy.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A {@code network_middlewares} entry: a middleware applied, after admission, to the selected endpoints.
 */
@Value.Immutable
@ModelStyle
public abstract class Middleware implements PolicyNode {

  Middleware() {}

  /** The display name, or {@code ""} (the map key is used then). */
  @Value.Default
  public String name() {
    return "";
  }

  /** The middleware implementation; the {@code openshell/} prefix is reserved for built-ins. */
  @Value.Default
  public String middleware() {
    return "";
  }

  /** The position among middlewares (upstream default 0, unique across a policy). */
  public abstract Optional<Integer> order();

  /** The middleware configuration, as written. */
  @AllowNulls
  public abstract Map<String, Object> config();

  /** {@code fail_closed} (the default) or {@code fail_open}, as written, or {@code ""}. */
  @Value.Default
  public String onError() {
    return "";
  }

  /** The endpoints selector, when written. */
  public abstract Optional<MiddlewareSelector> endpoints();

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
  public static Builder builder(Middleware from) {
    return new Builder().from(from);
  }

  /** Builds {@link Middleware} values. */
  public static final class Builder extends ImmutableMiddleware.Builder {
    Builder() {}
  }
}
