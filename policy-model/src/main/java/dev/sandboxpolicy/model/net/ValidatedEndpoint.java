package dev.sandboxpolicy.model.net;

import java.util.Objects;
import java.util.Optional;

/**
 * An inference endpoint URL that passed {@link EndpointUrlValidator} (spec nemoclaw-preset-layer §8.3): the URL as
 * given, the URL pinned to the address that was checked, and how the address was obtained. Immutable value.
 */
public final class ValidatedEndpoint {
  private final String url;
  private final String scheme;
  private final String hostname;
  private final String pinnedUrl;
  private final IpAddress resolvedAddress;
  private final boolean dnsResolved;

  ValidatedEndpoint(
      String url, String scheme, String hostname, String pinnedUrl, IpAddress resolvedAddress, boolean dnsResolved) {
    this.url = url;
    this.scheme = scheme;
    this.hostname = hostname;
    this.pinnedUrl = pinnedUrl;
    this.resolvedAddress = Objects.requireNonNull(resolvedAddress);
    this.dnsResolved = dnsResolved;
  }

  /**
   * The URL exactly as given.
   *
   * @return the input URL
   */
  public String url() {
    return url;
  }

  /**
   * The scheme without colon.
   *
   * @return {@code http} or {@code https}
   */
  public String scheme() {
    return scheme;
  }

  /**
   * The parsed host as a URL parser reports it: normalised dotted IPv4 ({@code 0x7f.1} is {@code 127.0.0.1}),
   * bracketed IPv6, or a lowercase ASCII domain.
   *
   * @return the host name
   */
  public String hostname() {
    return hostname;
  }

  /**
   * The URL to dial. For an IP-literal host this is {@link #url()} unchanged; for a DNS host it is the URL with the host
   * replaced by the first resolved address (bracketed when IPv6), keeping userinfo, port, path, query and fragment, so
   * that a second lookup cannot be steered elsewhere (DNS rebinding).
   *
   * @return the pinned URL
   */
  public String pinnedUrl() {
    return pinnedUrl;
  }

  /**
   * The address that was checked: the literal host, or the first resolved address.
   *
   * @return the address
   */
  public IpAddress resolvedAddress() {
    return resolvedAddress;
  }

  /**
   * The family of {@link #resolvedAddress()} as upstream reports it.
   *
   * @return 4 or 6
   */
  public int resolvedFamily() {
    return resolvedAddress.isIpv4() ? 4 : 6;
  }

  /**
   * Whether the host was a DNS name that had to be resolved.
   *
   * @return false for IP-literal hosts
   */
  public boolean dnsResolved() {
    return dnsResolved;
  }

  /**
   * §8.3 {@code safeEndpointUrlForDownstream}: the URL to hand to the downstream client. http gives
   * {@link #pinnedUrl()}; https with an IP-literal host gives {@link #url()}; https with a DNS host is refused, because
   * pinning would break TLS name verification and not pinning would reopen DNS rebinding.
   *
   * @return the URL to use
   * @throws EndpointRejectedException with code {@code url_dns_https_unsupported} for https with a DNS host
   */
  public String downstreamUrl() throws EndpointRejectedException {
    if (scheme.equals("https") && dnsResolved) {
      throw new EndpointRejectedException(
          "url_dns_https_unsupported",
          "DNS-backed HTTPS endpoint '"
              + hostname
              + "' is not supported yet; use an IP-literal https URL or an http endpoint on a trusted network.");
    }
    return scheme.equals("http") ? pinnedUrl : url;
  }

  /**
   * The pinned address when resolution happened.
   *
   * @return the address, or empty for IP-literal hosts
   */
  public Optional<IpAddress> dnsAddress() {
    return dnsResolved ? Optional.of(resolvedAddress) : Optional.empty();
  }

  @Override
  public String toString() {
    return "ValidatedEndpoint{" + pinnedUrl + (dnsResolved ? ", resolved" : "") + "}";
  }
}
