package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on a name: valid, or invalid with an {@link PresetLayerError error} and a reason for people.
 *
 * <p>This is the {@code check_preset_name} answer of {@code policyctl serve --stdio}: {@link #isValid()} and
 * {@link #reason()}.
 */
public final class NameCheck {

  private static final NameCheck VALID = new NameCheck(null, null);

  private final PresetLayerError error;
  private final String reason;

  private NameCheck(PresetLayerError error, String reason) {
    this.error = error;
    this.reason = reason;
  }

  /** The verdict for a valid name. */
  static NameCheck valid() {
    return VALID;
  }

  /** The verdict for an invalid name. */
  static NameCheck invalid(PresetLayerError error, String reason) {
    return new NameCheck(Objects.requireNonNull(error, "error"), Objects.requireNonNull(reason, "reason"));
  }

  /** Whether the name is acceptable. */
  public boolean isValid() {
    return error == null;
  }

  /** Why the name is not acceptable; empty when it is. */
  public Optional<PresetLayerError> error() {
    return Optional.ofNullable(error);
  }

  /** The reason for people; empty when the name is valid. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Throws the refusal this verdict describes.
   *
   * @throws PresetLayerException when the name is invalid
   */
  public void orThrow() throws PresetLayerException {
    if (error != null) {
      throw PresetLayerException.of(error, SourceLocation.NONE, reason);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NameCheck other && error == other.error && Objects.equals(reason, other.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(error, reason);
  }

  @Override
  public String toString() {
    return isValid() ? "valid" : error.wireName() + ": " + reason;
  }
}
