package dev.sandboxpolicy.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The {@code process} section: the identity the sandboxed process runs as.
 *
 * <p>A value is valid when it is exactly {@code sandbox} or a decimal id in {@code [1, 4294967294]}.
 */
@Value.Immutable
@ModelStyle
public abstract class ProcessPolicy implements PolicyNode {

  ProcessPolicy() {}

  /** The {@code run_as_user} value as written. */
  public abstract Optional<String> runAsUser();

  /** The {@code run_as_group} value as written. */
  public abstract Optional<String> runAsGroup();

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
  public static Builder builder(ProcessPolicy from) {
    return new Builder().from(from);
  }

  /** Builds {@link ProcessPolicy} values. */
  public static final class Builder extends ImmutableProcessPolicy.Builder {
    Builder() {}
  }
}
