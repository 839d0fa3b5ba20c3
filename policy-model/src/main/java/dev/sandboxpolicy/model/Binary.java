package dev.sandboxpolicy.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A binary allowed by a network policy entry: {@code {path: /usr/bin/curl}}.
 *
 * <p>A path without {@code *} matches the executable or any of its ancestors by string equality; a path with
 * {@code *} is a path glob. {@code harness} is accepted and ignored, as upstream does.
 */
@Value.Immutable
@ModelStyle
public abstract class Binary implements PolicyNode {

  Binary() {}

  /** The absolute path or path glob of the executable. */
  public abstract String path();

  /** The deprecated {@code harness} flag, when written; it has no effect. */
  public abstract Optional<Boolean> harness();

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
  public static Builder builder(Binary from) {
    return new Builder().from(from);
  }

  /** Builds {@link Binary} values. */
  public static final class Builder extends ImmutableBinary.Builder {
    Builder() {}
  }
}
