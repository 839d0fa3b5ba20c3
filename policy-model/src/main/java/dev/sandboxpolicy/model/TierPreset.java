package dev.sandboxpolicy.model;

import java.util.Map;
import org.immutables.value.Value;

/**
 * A preset reference of a {@link Tier}: the preset name and its access ({@code read} or {@code read-write}).
 */
@Value.Immutable
@ModelStyle
public abstract class TierPreset implements PolicyNode {

  TierPreset() {}

  /** The preset name. */
  @Value.Default
  public String name() {
    return "";
  }

  /** {@code read} or {@code read-write}, as written. */
  @Value.Default
  public String access() {
    return "";
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
  public static Builder builder(TierPreset from) {
    return new Builder().from(from);
  }

  /** Builds {@link TierPreset} values. */
  public static final class Builder extends ImmutableTierPreset.Builder {
    Builder() {}
  }
}
