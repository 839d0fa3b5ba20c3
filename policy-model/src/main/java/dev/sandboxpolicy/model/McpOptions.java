package dev.sandboxpolicy.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An endpoint's {@code mcp} options (only valid with {@code protocol: mcp}).
 */
@Value.Immutable
@ModelStyle
public abstract class McpOptions implements PolicyNode {

  McpOptions() {}

  /** The body limit in bytes, when written (upstream default 65536). */
  public abstract Optional<Long> maxBodyBytes();

  /** Whether tool names must be matched strictly, when written (upstream default {@code true}). */
  public abstract Optional<Boolean> strictToolNames();

  /** Whether every known MCP method is allowed, when written (upstream default {@code false}). */
  public abstract Optional<Boolean> allowAllKnownMcpMethods();

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
  public static Builder builder(McpOptions from) {
    return new Builder().from(from);
  }

  /** Builds {@link McpOptions} values. */
  public static final class Builder extends ImmutableMcpOptions.Builder {
    Builder() {}
  }
}
