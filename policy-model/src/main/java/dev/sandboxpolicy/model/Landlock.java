package dev.sandboxpolicy.model;

import java.util.Map;
import org.immutables.value.Value;

/**
 * The {@code landlock} section.
 *
 * <p>{@code compatibility} is {@code best_effort} (the default, also when empty) or {@code hard_requirement}; since
 * upstream #2541 any other value, typos included, is a validation error (it used to mean {@code best_effort}
 * silently). The model keeps what was written so that the error can name it.
 */
@Value.Immutable
@ModelStyle
public abstract class Landlock implements PolicyNode {

  Landlock() {}

  /** The {@code compatibility} value as written, or {@code ""} when absent. */
  @Value.Default
  public String compatibility() {
    return "";
  }

  /** Whether this section demands Landlock (only the exact string {@code hard_requirement}; validation rejects others). */
  public final boolean isHardRequirement() {
    return LandlockCompatibility.HARD_REQUIREMENT.is(compatibility());
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
  public static Builder builder(Landlock from) {
    return new Builder().from(from);
  }

  /** Builds {@link Landlock} values. */
  public static final class Builder extends ImmutableLandlock.Builder {
    Builder() {}
  }
}
