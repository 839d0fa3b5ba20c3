package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The tiers document ({@code tiers.yaml}): {@code tiers: [...]}, in file order.
 */
@Value.Immutable
@ModelStyle
public abstract class TierCatalog implements PolicyNode {

  TierCatalog() {}

  /** The tiers, in file order. */
  public abstract List<Tier> tiers();

  /** The tier named {@code name}, if any. */
  public final Optional<Tier> find(String name) {
    return tiers().stream().filter(t -> t.name().equals(name)).findFirst();
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
  public static Builder builder(TierCatalog from) {
    return new Builder().from(from);
  }

  /** Builds {@link TierCatalog} values. */
  public static final class Builder extends ImmutableTierCatalog.Builder {
    Builder() {}
  }
}
