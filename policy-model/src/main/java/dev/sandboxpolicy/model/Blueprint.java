package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A NemoClaw blueprint document. Only {@code components.policy} is modelled in detail; every other component is
 * kept as written in {@link #components()}.
 */
@Value.Immutable
@ModelStyle
public abstract class Blueprint implements PolicyNode {

  Blueprint() {}

  /** The blueprint version, e.g. {@code 0.1.0}. */
  @Value.Default
  public String version() {
    return "";
  }

  /** {@code min_openshell_version}, or {@code ""}. */
  @Value.Default
  public String minOpenshellVersion() {
    return "";
  }

  /** {@code max_openshell_version}, or {@code ""}. */
  @Value.Default
  public String maxOpenshellVersion() {
    return "";
  }

  /** {@code min_openclaw_version}, or {@code ""}. */
  @Value.Default
  public String minOpenclawVersion() {
    return "";
  }

  /** {@code digest}, or {@code ""}. */
  @Value.Default
  public String digest() {
    return "";
  }

  /** {@code description}, or {@code ""}. */
  @Value.Default
  public String description() {
    return "";
  }

  /** The profiles the blueprint offers. */
  public abstract List<String> profiles();

  /** The {@code components.policy} section, when present. */
  public abstract Optional<BlueprintPolicy> policy();

  /** Every component other than {@code policy}, as written, in document order. */
  @AllowNulls
  public abstract Map<String, Object> components();

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
  public static Builder builder(Blueprint from) {
    return new Builder().from(from);
  }

  /** Builds {@link Blueprint} values. */
  public static final class Builder extends ImmutableBlueprint.Builder {
    Builder() {}
  }
}
