package dev.sandboxpolicy.model;

import java.util.Map;
import org.immutables.value.Value;

/**
 * A preset document: {@code preset: {name, description}} and the {@code network_policies} it layers onto a policy.
 *
 * <p>The preset name and its policy keys are separate things (preset {@code npm} has key {@code npm_yarn}).
 */
@Value.Immutable
@ModelStyle
public abstract class Preset implements PolicyNode {

  Preset() {}

  /** The preset name ({@code preset.name}). */
  @Value.Default
  public String name() {
    return "";
  }

  /** The one-line description ({@code preset.description}). */
  @Value.Default
  public String description() {
    return "";
  }

  /** The entries this preset contributes, in document order. */
  public abstract Map<String, NetworkPolicy> networkPolicies();

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
  public static Builder builder(Preset from) {
    return new Builder().from(from);
  }

  /** Builds {@link Preset} values. */
  public static final class Builder extends ImmutablePreset.Builder {
    Builder() {}
  }
}
