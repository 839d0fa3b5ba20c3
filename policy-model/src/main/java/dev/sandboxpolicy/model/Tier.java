package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A tier of {@code tiers.yaml}: a named posture that applies a list of presets on top of the baseline.
 */
@Value.Immutable
@ModelStyle
public abstract class Tier implements PolicyNode {

  Tier() {}

  /** The tier name, e.g. {@code balanced}. */
  @Value.Default
  public String name() {
    return "";
  }

  /** The label shown to people. */
  @Value.Default
  public String label() {
    return "";
  }

  /** The description shown to people. */
  @Value.Default
  public String description() {
    return "";
  }

  /** The presets of this tier, in file order. */
  public abstract List<TierPreset> presets();

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
  public static Builder builder(Tier from) {
    return new Builder().from(from);
  }

  /** Builds {@link Tier} values. */
  public static final class Builder extends ImmutableTier.Builder {
    Builder() {}
  }
}
