package dev.sandboxpolicy.model.net;

/**
 * An inference endpoint URL was refused by {@link EndpointUrlValidator} (spec nemoclaw-preset-layer §8.3). The
 * {@link #code()} is stable; the message follows upstream's wording.
 *
 * <p>Codes: {@code url_no_hostname} (not a URL or no host), {@code url_unsupported_scheme}, {@code url_credentials} (a user name or password in the URL),
 * {@code url_private_address} (the host itself is private), {@code url_unresolvable}, {@code url_no_addresses},
 * {@code url_resolves_private} (some resolved address is private), {@code url_dns_https_unsupported}
 * (from {@link ValidatedEndpoint#downstreamUrl()}).
 */
public final class EndpointRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  EndpointRejectedException(String code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * The stable snake_case reason code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }
}
