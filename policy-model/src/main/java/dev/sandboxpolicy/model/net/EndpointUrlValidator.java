package dev.sandboxpolicy.model.net;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code validateEndpointUrl} of spec nemoclaw-preset-layer §8.3: checks an inference endpoint URL against an SSRF
 * block table before the gateway dials it. Not used for preset hosts. Immutable and thread-safe when the resolver is.
 *
 * <p>Steps: parse as a WHATWG URL (so {@code http://2130706433/}, {@code http://0x7f.1/}, {@code http://127.1/} and
 * {@code http://127.0.0.%31/} are all 127.0.0.1); require http or https; refuse a URL with a user name or password
 * (NVIDIA/NemoClaw#8321), before any lookup; refuse a private host name or address
 * ({@link PrivateNetworks#isPrivateHostname(String)}); accept an IP literal without DNS; otherwise resolve and refuse if
 * <em>any</em> address is private, then pin the URL to the first address.
 */
public final class EndpointUrlValidator {

  /** NemoClaw's refusal of a URL with userinfo (#8321), checked before any DNS lookup. */
  static final String CREDENTIALS_MESSAGE =
      "Endpoint URL must not contain credentials. Remove the username and password from the URL.";

  private final PrivateNetworks table;
  private final HostResolver resolver;

  private EndpointUrlValidator(PrivateNetworks table, HostResolver resolver) {
    this.table = table;
    this.resolver = resolver;
  }

  /**
   * A validator over the NemoClaw table.
   *
   * @param resolver how DNS names are resolved (see {@link HostResolver} for a system-resolver one-liner)
   * @return the validator
   */
  public static EndpointUrlValidator of(HostResolver resolver) {
    return of(PrivateNetworks.nemoClaw(), resolver);
  }

  /**
   * A validator over any block table.
   *
   * @param table the SSRF table
   * @param resolver the DNS resolver
   * @return the validator
   */
  public static EndpointUrlValidator of(PrivateNetworks table, HostResolver resolver) {
    return new EndpointUrlValidator(Objects.requireNonNull(table), Objects.requireNonNull(resolver));
  }

  /**
   * Validates an endpoint URL.
   *
   * @param url the URL text
   * @return the accepted endpoint with its pinned URL
   * @throws EndpointRejectedException when refused; see its class comment for the codes. Messages follow upstream:
   *     {@code No hostname found in URL: <url>}, {@code Unsupported URL scheme '<s>://'. Only https://, http:// are
   *     allowed.}, {@code Endpoint URL must not contain credentials. Remove the username and password from the
   *     URL.}, {@code Endpoint URL points to private/internal address <host>. ...}, {@code Cannot resolve hostname
   *     '<h>': ...}, {@code Endpoint URL resolves to private/internal address <ip>. ...}
   */
  public ValidatedEndpoint validate(String url) throws EndpointRejectedException {
    Objects.requireNonNull(url, "url");
    Optional<String> scheme = SpecialUrl.schemeOf(url);
    if (scheme.isEmpty()) {
      throw noHostname(url);
    }
    if (!scheme.get().equals("http") && !scheme.get().equals("https")) {
      throw new EndpointRejectedException(
          "url_unsupported_scheme",
          "Unsupported URL scheme '" + scheme.get() + "://'. Only https://, http:// are allowed.");
    }
    SpecialUrl parsed = SpecialUrl.parse(url).orElseThrow(() -> noHostname(url));
    if (parsed.hasCredentials()) {
      throw new EndpointRejectedException("url_credentials", CREDENTIALS_MESSAGE);
    }
    String hostname = parsed.hostname();
    if (table.isPrivateHostname(hostname)) {
      throw new EndpointRejectedException(
          "url_private_address",
          "Endpoint URL points to private/internal address "
              + hostname
              + ". Endpoints must be reachable public addresses.");
    }
    if (parsed.address.isPresent()) {
      return new ValidatedEndpoint(url, parsed.scheme, hostname, url, parsed.address.get(), false);
    }
    List<IpAddress> addresses;
    try {
      addresses = resolver.resolve(hostname);
    } catch (IOException e) {
      throw new EndpointRejectedException(
          "url_unresolvable", "Cannot resolve hostname '" + hostname + "': " + e.getMessage());
    }
    if (addresses == null || addresses.isEmpty()) {
      throw new EndpointRejectedException(
          "url_no_addresses", "Cannot resolve hostname '" + hostname + "': no addresses returned.");
    }
    for (IpAddress address : addresses) {
      if (table.classify(address).blocked()) {
        throw new EndpointRejectedException(
            "url_resolves_private",
            "Endpoint URL resolves to private/internal address "
                + address
                + ". Endpoints must be reachable public addresses.");
      }
    }
    IpAddress first = addresses.get(0);
    return new ValidatedEndpoint(url, parsed.scheme, hostname, parsed.withHost(first.toUrlHost()), first, true);
  }

  private static EndpointRejectedException noHostname(String url) {
    return new EndpointRejectedException("url_no_hostname", "No hostname found in URL: " + url);
  }
}
