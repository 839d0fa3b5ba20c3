package dev.sandboxpolicy.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * An endpoint's {@code mcp} options (only valid with {@code protocol: mcp}).
 *
 * <pre>{@code
 * McpOptions mcp = McpOptions.builder().versions(List.of("2025-11-25", "2025-03-26")).build();
 * mcp.versions();            // Optional[[2025-11-25, 2025-03-26]]  (as written)
 * mcp.effectiveVersions();   // [V2025_03_26, V2025_11_25]         (sorted, what is admitted)
 * McpOptions.builder().build().effectiveVersions();   // [V2025_11_25]  (the pinned default)
 * }</pre>
 */
@Value.Immutable
@ModelStyle
public abstract class McpOptions implements PolicyNode {

  McpOptions() {}

  /**
   * The {@code versions} list exactly as written (strings, in document order), or empty when the key is absent.
   * An explicit empty list stays an empty list: the validator rejects it, while an absent key means
   * {@link McpVersion#DEFAULT}. See {@link #effectiveVersions()} for what is admitted.
   */
  public abstract Optional<List<String>> versions();

  /** The body limit in bytes, when written (upstream default 65536). */
  public abstract Optional<Long> maxBodyBytes();

  /** Whether tool names must be matched strictly, when written (upstream default {@code true}). */
  public abstract Optional<Boolean> strictToolNames();

  /** Whether every known MCP method is allowed, when written (upstream default {@code false}). */
  public abstract Optional<Boolean> allowAllKnownMcpMethods();

  /**
   * The MCP revisions this endpoint admits, sorted by revision without duplicates: {@code [2025-11-25]}
   * ({@link McpVersion#DEFAULT}) when {@link #versions()} is absent, else the written entries that are
   * {@linkplain McpVersion#fromWireName(String) exact revisions}. Entries that are not (which the validator
   * rejects) admit nothing, so a list without a single exact revision admits no revision at all: fail closed.
   */
  public final List<McpVersion> effectiveVersions() {
    if (versions().isEmpty()) {
      return List.of(McpVersion.DEFAULT);
    }
    Set<McpVersion> admitted = EnumSet.noneOf(McpVersion.class);
    for (String written : versions().get()) {
      McpVersion.fromWireName(written).ifPresent(admitted::add);
    }
    return List.copyOf(admitted);
  }

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
