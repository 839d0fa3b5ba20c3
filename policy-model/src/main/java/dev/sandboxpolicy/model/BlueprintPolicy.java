package dev.sandboxpolicy.model;

import java.util.Map;
import org.immutables.value.Value;

/**
 * The {@code components.policy} section of a NemoClaw blueprint: the base policy and its additions.
 *
 * <p>Additions are network policy entries without binaries, merged over the live policy by key.
 */
@Value.Immutable
@ModelStyle
public abstract class BlueprintPolicy implements PolicyNode {

  BlueprintPolicy() {}

  /** The base policy reference. */
  @Value.Default
  public String base() {
    return "";
  }

  /** The additions, keyed by the {@code network_policies} key they become, in document order. */
  public abstract Map<String, NetworkPolicy> additions();

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
  public static Builder builder(BlueprintPolicy from) {
    return new Builder().from(from);
  }

  /** Builds {@link BlueprintPolicy} values. */
  public static final class Builder extends ImmutableBlueprintPolicy.Builder {
    Builder() {}
  }
}
