package dev.sandboxpolicy.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointUrlValidatorTest {

  private static final IpAddress PUBLIC_V4 = IpAddress.parse("93.184.216.34");
  private static final IpAddress PUBLIC_V6 = IpAddress.parse("2606:2800:220:1::248");

  private final List<String> lookups = new ArrayList<>();

  private EndpointUrlValidator validator(Map<String, List<IpAddress>> dns) {
    return EndpointUrlValidator.of(
        name -> {
          lookups.add(name);
          if (!dns.containsKey(name)) {
            throw new IOException("getaddrinfo ENOTFOUND " + name);
          }
          return dns.get(name);
        });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "http://2130706433/, 127.0.0.1",
    "http://0x7f.1/, 127.0.0.1",
    "http://127.1/, 127.0.0.1",
    "http://0177.0.0.1/, 127.0.0.1",
    "http://127.0.0.%31/, 127.0.0.1",
    "'http://[::1]:8080/', '[::1]'",
    "'http://[::ffff:7f00:1]/', '[::ffff:7f00:1]'",
    "'http://[::ffff:169.254.169.254]/', '[::ffff:a9fe:a9fe]'",
    "http://localhost:8000/v1, localhost",
    "http://LOCALHOST./, localhost.",
    "http://printer.local/, printer.local",
    "http://models.internal/, models.internal",
    "http://169.254.169.254/latest/meta-data, 169.254.169.254",
    "https://10.0.0.1/v1, 10.0.0.1",
    "http://@192.168.0.1/, 192.168.0.1",
    "http:\\\\100.64.0.1\\v1, 100.64.0.1",
    "http://１２７.０.０.１/, 127.0.0.1",
    "'  http://[fd00::1]/  ', '[fd00::1]'",
  })
  void refusesPrivateHostsInEveryUrlSpelling(String url, String hostname) {
    EndpointRejectedException e =
        assertThrows(EndpointRejectedException.class, () -> validator(Map.of()).validate(url));
    assertEquals("url_private_address", e.code(), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("Endpoint URL points to private/internal address " + hostname + ". "),
        e.getMessage());
    assertTrue(lookups.isEmpty(), "no DNS for private hosts");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "not a url",
    "''",
    "//host/",
    "http://",
    "http:///",
    "'http://[::1'",
    "'http://[1.2.3.4]/'",
    "http://1.2.3.4.5/",
    "http://256.1.1.1/",
    "http://0x7g.1/",
    "http://exa mple.com/",
    "http://a<b.com/",
    "http://example.com:99999/",
    "http://example.com:8a/",
    "http://user@/",
  })
  void unparseableUrlsHaveNoHostname(String url) {
    EndpointRejectedException e =
        assertThrows(EndpointRejectedException.class, () -> validator(Map.of()).validate(url));
    assertEquals("url_no_hostname", e.code(), e.getMessage());
    assertEquals("No hostname found in URL: " + url, e.getMessage());
  }

  /** NVIDIA/NemoClaw#8321: a user name or password is refused before DNS, whatever the host. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "http://user:pw@api.example.com/",
    "https://user@api.example.com/v1",
    "http://:secret@api.example.com/",
    "http://user:@8.8.8.8/",
    "'http://a@b@api.example.com/'",
    "http://user:pw@127.0.0.1/",
  })
  void refusesCredentialsBeforeDns(String url) {
    EndpointRejectedException e =
        assertThrows(
            EndpointRejectedException.class,
            () -> validator(Map.of("api.example.com", List.of(PUBLIC_V4))).validate(url));
    assertEquals("url_credentials", e.code(), e.getMessage());
    assertEquals(
        "Endpoint URL must not contain credentials. Remove the username and password from the URL.",
        e.getMessage());
    assertTrue(lookups.isEmpty(), "refused before any lookup");
  }

  @Test
  void emptyUserinfoIsNotACredential() throws EndpointRejectedException {
    EndpointUrlValidator v = validator(Map.of("api.example.com", List.of(PUBLIC_V4)));
    assertEquals("api.example.com", v.validate("http://@api.example.com/").hostname());
    assertEquals("api.example.com", v.validate("http://:@api.example.com/").hostname());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"ftp://example.com/, ftp", "FILE:///etc/passwd, file", "gopher://x:70/, gopher", "'data:text/plain,hi', data"})
  void onlyHttpAndHttps(String url, String scheme) {
    EndpointRejectedException e =
        assertThrows(EndpointRejectedException.class, () -> validator(Map.of()).validate(url));
    assertEquals("url_unsupported_scheme", e.code());
    assertEquals("Unsupported URL scheme '" + scheme + "://'. Only https://, http:// are allowed.", e.getMessage());
  }

  @Test
  void publicLiteralIsAcceptedWithoutDns() throws EndpointRejectedException {
    ValidatedEndpoint endpoint = validator(Map.of()).validate("https://8.8.8.8/v1");
    assertFalse(endpoint.dnsResolved());
    assertEquals("https://8.8.8.8/v1", endpoint.pinnedUrl());
    assertEquals("https://8.8.8.8/v1", endpoint.downstreamUrl());
    assertEquals(IpAddress.parse("8.8.8.8"), endpoint.resolvedAddress());
    assertEquals(4, endpoint.resolvedFamily());
    assertTrue(lookups.isEmpty());
    ValidatedEndpoint hex = validator(Map.of()).validate("http://0x08080808:8080/x");
    assertEquals("8.8.8.8", hex.hostname());
    assertEquals("http://0x08080808:8080/x", hex.pinnedUrl(), "literal hosts keep the URL as given");
  }

  @Test
  void dnsHostIsPinnedToTheFirstAddress() throws EndpointRejectedException {
    EndpointUrlValidator v = validator(Map.of("api.example.com", List.of(PUBLIC_V4, PUBLIC_V6)));
    ValidatedEndpoint endpoint = v.validate("HTTP://:@API.Example.COM:8080/v1/chat?x=1#frag");
    assertTrue(endpoint.dnsResolved());
    assertEquals("api.example.com", endpoint.hostname());
    assertEquals("http://:@93.184.216.34:8080/v1/chat?x=1#frag", endpoint.pinnedUrl());
    assertEquals(endpoint.pinnedUrl(), endpoint.downstreamUrl());
    assertEquals(List.of("api.example.com"), lookups);

    ValidatedEndpoint defaultPort = v.validate("http://api.example.com:80");
    assertEquals("http://93.184.216.34/", defaultPort.pinnedUrl());
    ValidatedEndpoint queryOnly = v.validate("http://api.example.com?q");
    assertEquals("http://93.184.216.34/?q", queryOnly.pinnedUrl());
  }

  @Test
  void ipv6ResolutionIsBracketedAndHttpsDnsIsNotDownstreamSafe() throws EndpointRejectedException {
    EndpointUrlValidator v = validator(Map.of("v6.example.com", List.of(PUBLIC_V6)));
    ValidatedEndpoint endpoint = v.validate("https://v6.example.com/v1");
    assertEquals("https://[2606:2800:220:1::248]/v1", endpoint.pinnedUrl());
    assertEquals(6, endpoint.resolvedFamily());
    EndpointRejectedException e = assertThrows(EndpointRejectedException.class, endpoint::downstreamUrl);
    assertEquals("url_dns_https_unsupported", e.code());
    assertTrue(e.getMessage().startsWith("DNS-backed HTTPS endpoint 'v6.example.com' is not supported yet"));
  }

  @Test
  void anyPrivateResolvedAddressRefuses() {
    EndpointUrlValidator v =
        validator(
            Map.of(
                "rebind.example.com", List.of(PUBLIC_V4, IpAddress.parse("10.0.0.5")),
                "mapped.example.com", List.of(IpAddress.parse("::ffff:127.0.0.1")),
                "empty.example.com", List.of()));
    EndpointRejectedException e =
        assertThrows(EndpointRejectedException.class, () -> v.validate("http://rebind.example.com/"));
    assertEquals("url_resolves_private", e.code());
    assertTrue(e.getMessage().startsWith("Endpoint URL resolves to private/internal address 10.0.0.5."));
    assertEquals(
        "url_resolves_private",
        assertThrows(EndpointRejectedException.class, () -> v.validate("http://mapped.example.com/")).code());
    EndpointRejectedException empty =
        assertThrows(EndpointRejectedException.class, () -> v.validate("http://empty.example.com/"));
    assertEquals("url_no_addresses", empty.code());
    assertEquals("Cannot resolve hostname 'empty.example.com': no addresses returned.", empty.getMessage());
    EndpointRejectedException missing =
        assertThrows(EndpointRejectedException.class, () -> v.validate("http://nx.example.com/"));
    assertEquals("url_unresolvable", missing.code());
    assertEquals("Cannot resolve hostname 'nx.example.com': getaddrinfo ENOTFOUND nx.example.com", missing.getMessage());
  }
}
