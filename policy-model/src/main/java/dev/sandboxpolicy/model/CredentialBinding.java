package dev.sandboxpolicy.model;

import java.util.Map;
import org.immutables.value.Value;

/**
 * An endpoint's {@code credential_binding}: a sandbox-scoped static-credential binding.
 */
@Value.Immutable
@ModelStyle
public abstract class CredentialBinding implements PolicyNode {

  CredentialBinding() {}

  /** The provider the credential comes from. */
  @Value.Default
  public String provider() {
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
  public static Builder builder(CredentialBinding from) {
    return new Builder().from(from);
  }

  /** Builds {@link CredentialBinding} values. */
  public static final class Builder extends ImmutableCredentialBinding.Builder {
    Builder() {}
  }
}
