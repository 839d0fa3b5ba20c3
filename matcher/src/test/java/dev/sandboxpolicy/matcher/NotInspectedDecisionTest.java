package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * §3.5 "only when the connection has ≥1 inspected config": a request decision asked for an allowed connection
 * without an inspected endpoint is this library's fail-closed {@link Decision#notInspectedDenial()}; a refused
 * connection gets its network denial; one inspected endpoint among L4-only ones makes a normal decision.
 */
class NotInspectedDecisionTest {
  private static final CompiledPolicy POLICY = TestPolicies.compile("""
      network_policies:
        db:
          endpoints:
            - {host: db.example.com, port: 5432}
            - {host: raw.example.com, port: 443, protocol: tcp}
          binaries: [{path: /usr/bin/psql}]
        mixed:
          endpoints:
            - {host: api.example.com, port: 443}
            - {host: api.example.com, port: 443, protocol: rest, enforcement: enforce, access: read-only}
          binaries: [{path: /usr/bin/psql}]
      """);

  private static Decision request(String host, int port, String binary) {
    return POLICY.decideRequest(L7Request.of(NetworkRequest.of(host, port, binary), "GET", "/x")
        .withQuery(Map.of("q", List.of("\0"))));
  }

  @Test
  void anL4OnlyConnectionGetsTheNotInspectedDenial() {
    for (String host : List.of("db.example.com", "raw.example.com")) {
      int port = host.startsWith("db") ? 5432 : 443;
      assertTrue(POLICY.decideNetwork(NetworkRequest.of(host, port, "/usr/bin/psql")).isAllowed());
      Decision d = request(host, port, "/usr/bin/psql");
      assertEquals(Verdict.DENY, d.verdict(), d.toString());
      assertTrue(d.notInspected(), d.toString());
      assertTrue(d.blocks(), "fails closed");
      assertEquals(Optional.empty(), d.enforcement());
      assertEquals(Optional.empty(), d.matchedPolicy());
      assertTrue(d.reason().contains("no inspected endpoint"), d.reason());
      assertTrue(d.reason().contains("relays it uninspected"), d.reason());
      assertTrue(d.reason().contains("fails closed"), d.reason());
      assertEquals(Decision.notInspectedDenial(), d);
    }
  }

  @Test
  void aRefusedConnectionGetsItsNetworkDenial() {
    NetworkRequest wrongBinary = NetworkRequest.of("db.example.com", 5432, "/usr/bin/curl");
    Decision d = request("db.example.com", 5432, "/usr/bin/curl");
    assertEquals(POLICY.decideNetwork(wrongBinary), d);
    assertFalse(d.notInspected());
    assertTrue(d.reason().startsWith("binary '/usr/bin/curl' not allowed in policy 'db'"), d.reason());
    Decision unknownHost = request("other.example.com", 443, "/usr/bin/psql");
    assertEquals("endpoint other.example.com:443 is not allowed by any policy", unknownHost.reason());
    assertFalse(unknownHost.notInspected());
  }

  @Test
  void oneInspectedEndpointMakesANormalDecision() {
    Decision allowed = POLICY.decideRequest(
        L7Request.of(NetworkRequest.of("api.example.com", 443, "/usr/bin/psql"), "GET", "/x"));
    assertTrue(allowed.isAllowed(), allowed.toString());
    assertFalse(allowed.notInspected());
    Decision denied = POLICY.decideRequest(
        L7Request.of(NetworkRequest.of("api.example.com", 443, "/usr/bin/psql"), "POST", "/x"));
    assertEquals(Verdict.DENY, denied.verdict());
    assertFalse(denied.notInspected(), denied.toString());
    assertEquals("POST /x not permitted by policy", denied.reason());
  }
}
