package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 3: the network and request decisions apply the SSRF and {@code allowed_ips} checks of spec §3.9 when
 * the destination is known (an IP-literal host in any URL spelling, or resolved addresses given by the caller), and
 * say in the reason whether the destination was checked.
 */
class DestinationInDecisionTest {
  /** The policy: a hostless endpoint limited to 10.0.0.0/16, and a named REST endpoint. */
  private static final CompiledPolicy POLICY = TestPolicies.compile("""
      network_policies:
        internal:
          endpoints:
            - port: 9000
              allowed_ips: [10.0.0.0/16]
            - host: api.example.com
              port: 443
              protocol: rest
              access: full
          binaries: [{path: /usr/bin/curl}]
      """);

  private static NetworkRequest conn(String host, int port) {
    return NetworkRequest.of(host, port, "/usr/bin/curl");
  }

  private static List<IpAddress> ips(String... addresses) {
    return java.util.Arrays.stream(addresses).map(IpAddress::parse).toList();
  }

  @Test
  void ipLiteralHostsInEverySpellingAreCheckedAgainstAllowedIps() {
    for (String host : List.of("169.254.169.254", "127.0.0.1", "0x7f.1", "2130706433", "0177.0.0.1", "127.1",
        "[::1]", "::ffff:127.0.0.1", "[::ffff:7f00:1]", "0.0.0.0", "10.1.0.1", "8.8.8.8")) {
      Decision d = POLICY.decideNetwork(conn(host, 9000));
      assertEquals(Verdict.DENY, d.verdict(), host);
      assertTrue(d.reason().startsWith("destination refused by the SSRF / allowed_ips check"), host + ": " + d.reason());
    }
    Decision metadata = POLICY.decideNetwork(conn("169.254.169.254", 9000));
    assertTrue(metadata.reason().contains("always_blocked"), metadata.reason());
    Decision outside = POLICY.decideNetwork(conn("10.1.0.1", 9000));
    assertTrue(outside.reason().contains("not_in_allowed_ips"), outside.reason());
    for (String host : List.of("10.0.1.2", "0xa.0.1.2", "167772418")) { // 10.0.1.2 in three spellings
      Decision d = POLICY.decideNetwork(conn(host, 9000));
      assertEquals(Verdict.ALLOW, d.verdict(), host + ": " + d.reason());
      assertEquals(CompiledPolicy.DESTINATION_CHECKED_REASON, d.reason());
    }
  }

  @Test
  void aHostNameIsAllowedWithTheCheckLeftToTheProxyUnlessResolvedAddressesAreGiven() {
    Decision unknown = POLICY.decideNetwork(conn("metadata.google.internal", 9000));
    assertEquals(Verdict.ALLOW, unknown.verdict());
    assertEquals(CompiledPolicy.DESTINATION_UNCHECKED_REASON, unknown.reason());
    assertTrue(unknown.reason().contains("still the proxy's to do"));

    Decision resolvedInside = POLICY.decideNetwork(
        conn("svc.example", 9000).withResolvedAddresses(ips("10.0.3.4", "10.0.3.5")));
    assertEquals(Verdict.ALLOW, resolvedInside.verdict());
    assertEquals(CompiledPolicy.DESTINATION_CHECKED_REASON, resolvedInside.reason());

    Decision resolvedMetadata = POLICY.decideNetwork(
        conn("metadata.google.internal", 9000).withResolvedAddresses(ips("10.0.3.4", "169.254.169.254")));
    assertEquals(Verdict.DENY, resolvedMetadata.verdict());
    assertTrue(resolvedMetadata.reason().contains("169.254.169.254"), resolvedMetadata.reason());
  }

  @Test
  void publicOnlyAndDeclaredHostModesFollowTheSpec() {
    // api.example.com is declared exactly: private addresses are allowed, loopback and control-plane ports are not.
    assertTrue(POLICY.decideNetwork(conn("api.example.com", 443).withResolvedAddresses(ips("10.9.9.9"))).isAllowed());
    assertEquals(Verdict.DENY,
        POLICY.decideNetwork(conn("api.example.com", 443).withResolvedAddresses(ips("127.0.0.1"))).verdict());
    CompiledPolicy wildcard = TestPolicies.compile(TestPolicies.oneEndpoint("w", "\"*.example.com\"", "/usr/bin/curl",
        ""));
    // A wildcard host is not declared exactly: public addresses only.
    assertTrue(wildcard.decideNetwork(conn("a.example.com", 443).withResolvedAddresses(ips("93.184.216.34")))
        .isAllowed());
    Decision privateTarget = wildcard.decideNetwork(conn("a.example.com", 443).withResolvedAddresses(ips("10.0.0.1")));
    assertEquals(Verdict.DENY, privateTarget.verdict());
    assertTrue(privateTarget.reason().contains("internal_address"), privateTarget.reason());
  }

  @Test
  void requestDecisionsCarryTheDestinationCheckToo() {
    L7Request ok = L7Request.of(conn("api.example.com", 443).withResolvedAddresses(ips("10.0.0.7")), "GET", "/x");
    Decision allowed = POLICY.decideRequest(ok);
    assertEquals(Verdict.ALLOW, allowed.verdict());
    assertEquals(CompiledPolicy.DESTINATION_CHECKED_REASON, allowed.reason());

    Decision unchecked = POLICY.decideRequest(L7Request.of(conn("api.example.com", 443), "GET", "/x"));
    assertEquals(Verdict.ALLOW, unchecked.verdict());
    assertEquals(CompiledPolicy.DESTINATION_UNCHECKED_REASON, unchecked.reason());

    Decision loopback = POLICY.decideRequest(
        L7Request.of(conn("api.example.com", 443).withResolvedAddresses(ips("127.0.0.1")), "GET", "/x"));
    assertEquals(Verdict.DENY, loopback.verdict());
    assertTrue(loopback.blocks());
    assertTrue(loopback.reason().contains("always_blocked"), loopback.reason());
  }

  @Test
  void resolvedAddressesArePartOfTheRequestValue() {
    NetworkRequest a = conn("svc.example", 9000).withResolvedAddresses(ips("10.0.0.1"));
    assertEquals(a, conn("svc.example", 9000).withResolvedAddresses(ips("10.0.0.1")));
    assertEquals(ips("10.0.0.1"), a.withAncestors(List.of("/bin/sh")).resolvedAddresses());
    assertTrue(!a.equals(conn("svc.example", 9000)));
  }
}
