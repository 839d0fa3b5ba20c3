package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.net.IpAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One trailing dot is removed from a request's host before every host comparison (upstream-changes-2026-09 item 4,
 * OpenShell #2248): {@code api.github.com.} decides like {@code api.github.com}; two dots are not one; reasons show
 * the host as the caller gave it. Every case has a neighbour that must not match.
 */
class TrailingDotTest {
  private static final CompiledPolicy P = TestPolicies.compile("""
      network_policies:
        github:
          endpoints:
            - {host: api.github.com, port: 443, protocol: rest, enforcement: enforce,
               rules: [{allow: {method: GET, path: "/repos/**"}}]}
          binaries: [{path: /usr/bin/gh}]
        cdn:
          endpoints:
            - {host: "*.cdn.example.com", port: 443}
            - {host: "**.deep.example.org", port: 443}
          binaries: [{path: /usr/bin/curl}]
        db:
          endpoints:
            - {host: db.corp.example, port: 5432}
          binaries: [{path: /bin/psql}]
      """);

  private static Decision net(String host, int port, String binary) {
    return P.decideNetwork(NetworkRequest.of(host, port, binary));
  }

  @Test
  void exactHostWithOneTrailingDotDecidesLikeTheHostWithout() {
    Decision plain = net("api.github.com", 443, "/usr/bin/gh");
    Decision dotted = net("api.github.com.", 443, "/usr/bin/gh");
    assertTrue(dotted.isAllowed());
    assertEquals(plain.matchedPolicy(), dotted.matchedPolicy());
    assertEquals(plain.rulePointer(), dotted.rulePointer());
    assertTrue(net("API.GitHub.COM.", 443, "/usr/bin/gh").isAllowed(), "case-insensitive, as without the dot");
  }

  @Test
  void twoTrailingDotsAreNotOneAndTheReasonShowsTheHostAsGiven() {
    Decision d = net("api.github.com..", 443, "/usr/bin/gh");
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("endpoint api.github.com..:443 is not allowed by any policy", d.reason());
    Decision other = net("api.gitlab.com.", 443, "/usr/bin/gh");
    assertEquals("endpoint api.gitlab.com.:443 is not allowed by any policy", other.reason(), "dot kept in the reason");
  }

  @Test
  void onlyATrailingDotIsRemoved() {
    assertFalse(net(".api.github.com", 443, "/usr/bin/gh").isAllowed(), "a leading dot is not a trailing dot");
    assertFalse(net("api..github.com", 443, "/usr/bin/gh").isAllowed(), "an empty label inside stays");
    assertFalse(net("api.github.com.", 444, "/usr/bin/gh").isAllowed(), "the port still has to match");
    assertFalse(net(".", 443, "/usr/bin/gh").isAllowed(), "a lone dot is the empty host, which matches no host");
  }

  @Test
  void wildcardHostsCompareWithoutTheTrailingDot() {
    assertTrue(net("img.cdn.example.com.", 443, "/usr/bin/curl").isAllowed());
    assertTrue(net("IMG.CDN.example.COM.", 443, "/usr/bin/curl").isAllowed());
    assertFalse(net("cdn.example.com.", 443, "/usr/bin/curl").isAllowed(), "*. is still not the apex");
    assertFalse(net("a.b.cdn.example.com.", 443, "/usr/bin/curl").isAllowed(), "* is still one label");
    assertFalse(net("img.cdn.example.com..", 443, "/usr/bin/curl").isAllowed(), "two dots leave an empty label");
    assertTrue(net("a.b.deep.example.org.", 443, "/usr/bin/curl").isAllowed());
    assertFalse(net("deep.example.org.", 443, "/usr/bin/curl").isAllowed(), "**. still needs a label");
  }

  @Test
  void theBinaryStillDecides() {
    Decision d = net("api.github.com.", 443, "/usr/bin/nc");
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.reason().startsWith("binary '/usr/bin/nc' not allowed in policy 'github'"), d.reason());
  }

  @Test
  void requestDecisionsOnADottedHostUseTheEndpointsOfTheHostWithoutIt() {
    NetworkRequest conn = NetworkRequest.of("api.github.com.", 443, "/usr/bin/gh");
    Decision allowed = P.decideRequest(L7Request.of(conn, "GET", "/repos/acme/x"));
    assertTrue(allowed.isAllowed());
    assertEquals(Optional.of("github"), allowed.matchedPolicy());
    assertEquals("/network_policies/github/endpoints/0/rules/0", allowed.rulePointer());
    Decision denied = P.decideRequest(L7Request.of(conn, "DELETE", "/repos/acme/x"));
    assertEquals(Verdict.DENY, denied.verdict());
    assertEquals(Optional.of(Enforcement.ENFORCE), denied.enforcement());
    Decision twoDots = P.decideRequest(L7Request.of(
        NetworkRequest.of("api.github.com..", 443, "/usr/bin/gh"), "GET", "/repos/acme/x"));
    assertEquals("endpoint api.github.com..:443 is not allowed by any policy", twoDots.reason());
  }

  @Test
  void aDottedExactHostIsStillDeclaredExactlyForTheDestinationCheck() {
    List<IpAddress> privateAddress = List.of(IpAddress.parse("10.0.0.5"));
    DestinationVerdict v = P.checkDestination(NetworkRequest.of("db.corp.example.", 5432, "/bin/psql"), privateAddress);
    assertEquals(DestinationMode.DECLARED_HOST, v.mode());
    assertTrue(v.allowed());
    DestinationVerdict refused =
        P.checkDestination(NetworkRequest.of("db.corp.example..", 5432, "/bin/psql"), privateAddress);
    assertFalse(refused.allowed(), "two dots: the network decision refuses");
  }

  @Test
  void theHostGatewayAliasComparesWithoutOneTrailingDotOnEitherSide() {
    CompiledPolicy p = TestPolicies.runtime("""
        network_policies:
          gw:
            endpoints: [{host: host.docker.internal, port: 8080}]
            binaries: [{path: /bin/app}]
        """);
    IpAddress gateway = IpAddress.parse("172.17.0.1");
    List<IpAddress> elsewhere = List.of(IpAddress.parse("172.17.0.9"));
    NetworkRequest dotted = NetworkRequest.of("host.docker.internal.", 8080, "/bin/app");
    assertEquals("gateway_mismatch", p.checkDestination(dotted, elsewhere, "host.docker.internal", gateway).code());
    assertEquals("gateway_mismatch",
        p.checkDestination(NetworkRequest.of("host.docker.internal", 8080, "/bin/app"), elsewhere,
            "host.docker.internal.", gateway).code());
    assertTrue(p.checkDestination(dotted, List.of(gateway), "host.docker.internal", gateway).allowed());
  }
}
