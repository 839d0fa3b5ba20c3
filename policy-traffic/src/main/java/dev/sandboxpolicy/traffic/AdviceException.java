package dev.sandboxpolicy.traffic;

/**
 * Advice could not be given: the preset name is not acceptable, or the proposal failed the custom-preset checks
 * (which would be a defect of this library; the message says which check). Carries a stable code.
 */
public final class AdviceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  AdviceException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * Returns the stable code, e.g. {@code preset_name_invalid} or {@code advice_invalid}.
   *
   * @return the code
   */
  public String code() {
    return code;
  }
}
