package dev.sandboxpolicy.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of an endpoint's {@code rules} list: {@code {allow: BODY}}.
 */
@Value.Immutable
@ModelStyle
public abstract class AllowRule implements PolicyNode {

  AllowRule() {}

  /** The allow body; empty when the entry has no {@code allow} key (such a rule allows nothing). */
  public abstract Optional<RuleBody> allow();

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
  public static Builder builder(AllowRule from) {
    return new Builder().from(from);
  }

  /** Builds {@link AllowRule} values. */
  public static final class Builder extends ImmutableAllowRule.Builder {
    Builder() {}
  }
}
