package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The {@code endpoints} selector of a network middleware: host patterns to include and exclude.
 */
@Value.Immutable
@ModelStyle
public abstract class MiddlewareSelector implements PolicyNode {

  MiddlewareSelector() {}

  /** Host patterns the middleware applies to. */
  public abstract List<String> include();

  /** Host patterns excluded from {@link #include()}. */
  public abstract List<String> exclude();

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
  public static Builder builder(MiddlewareSelector from) {
    return new Builder().from(from);
  }

  /** Builds {@link MiddlewareSelector} values. */
  public static final class Builder extends ImmutableMiddlewareSelector.Builder {
    Builder() {}
  }
}
