package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * One entry of {@code network_policies}: the binaries that may reach the endpoints.
 *
 * <p>An entry authorises the Cartesian product of its binaries and its endpoints. The entry's identity is its map
 * key in {@link Policy#networkPolicies()}, not {@link #name()}: decisions report the key.
 */
@Value.Immutable
@ModelStyle
public abstract class NetworkPolicy implements PolicyNode {

  NetworkPolicy() {}

  /** The display name as written, or {@code ""} (upstream fills in the map key). */
  @Value.Default
  public String name() {
    return "";
  }

  /** The endpoints of this entry; an empty list matches nothing. */
  public abstract List<Endpoint> endpoints();

  /** The binaries of this entry; with binary identity enforced an empty list matches no binary. */
  public abstract List<Binary> binaries();

  /** The display name: {@link #name()} when set, else {@code key}. */
  public final String displayName(String key) {
    return name().isEmpty() ? key : name();
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
  public static Builder builder(NetworkPolicy from) {
    return new Builder().from(from);
  }

  /** Builds {@link NetworkPolicy} values. */
  public static final class Builder extends ImmutableNetworkPolicy.Builder {
    Builder() {}
  }
}
