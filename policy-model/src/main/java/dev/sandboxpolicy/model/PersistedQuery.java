package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * An entry of an endpoint's {@code graphql_persisted_queries} registry: the operation a hash or id stands for.
 */
@Value.Immutable
@ModelStyle
public abstract class PersistedQuery implements PolicyNode {

  PersistedQuery() {}

  /** {@code query}, {@code mutation} or {@code subscription}, as written. */
  @Value.Default
  public String operationType() {
    return "";
  }

  /** The operation name, or {@code ""}. */
  @Value.Default
  public String operationName() {
    return "";
  }

  /** The root fields the operation selects. */
  public abstract List<String> fields();

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
  public static Builder builder(PersistedQuery from) {
    return new Builder().from(from);
  }

  /** Builds {@link PersistedQuery} values. */
  public static final class Builder extends ImmutablePersistedQuery.Builder {
    Builder() {}
  }
}
