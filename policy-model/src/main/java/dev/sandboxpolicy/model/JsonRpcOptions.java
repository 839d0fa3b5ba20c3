package dev.sandboxpolicy.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An endpoint's {@code json_rpc} options.
 */
@Value.Immutable
@ModelStyle
public abstract class JsonRpcOptions implements PolicyNode {

  JsonRpcOptions() {}

  /** The body limit in bytes, when written (upstream default 65536). */
  public abstract Optional<Long> maxBodyBytes();

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
  public static Builder builder(JsonRpcOptions from) {
    return new Builder().from(from);
  }

  /** Builds {@link JsonRpcOptions} values. */
  public static final class Builder extends ImmutableJsonRpcOptions.Builder {
    Builder() {}
  }
}
