package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSRF destination checks, spec §3.9 and §6 rule 11. */
class DestinationCheckTest {
  private static final CompiledPolicy P = TestPolicies.runtime("""
      network_policies:
        a-declared:
          endpoints:
            - {host: db.corp.example, port: 5432}
            - {host: db.corp.example, port: 6443}
            - {host: "*.wild.example", port: 443}
            - {host: "10.9.8.7", port: 443}
          binaries: [{path: /bin/x}]
        b-ips:
          endpoints:
            - {port: 9000, allowed_ips: ["10.0.0.0/8", "192.168.1.7"]}
            - {host: metrics.example, port: 9100, allowed_ips: ["127.0.0.0/8"]}
            - {host: bad.example, port: 9200, allowed_ips: ["not-an-ip"]}
          binaries: [{path: /bin/x}]
      """);

  private static DestinationVerdict check(String host, int port, String... ips) {
    return P.checkDestination(NetworkRequest.of(host, port, "/bin/x"),
        java.util.Arrays.stream(ips).map(IpAddress::parse).toList());
  }

  @Test
  void allowedIpsListIsTheAllowlistForAnyHostOnItsPorts() {
    DestinationVerdict ok = check("anything.internal", 9000, "10.1.2.3", "192.168.1.7");
    assertEquals(DestinationMode.ALLOWED_IPS, ok.mode());
    assertEquals(true, ok.allowed());
    DestinationVerdict outside = check("anything.internal", 9000, "10.1.2.3", "192.168.1.8");
    assertEquals("not_in_allowed_ips", outside.code());
    assertEquals(IpAddress.parse("192.168.1.8"), outside.address().orElseThrow());
  }

  @Test
  void invalidOrLoopbackAllowedIpsRefuseTheConnection() {
    // The strict validator rejects these at load; at runtime they refuse the connection (spec §3.12 item 4).
    assertEquals(true, P.warnings().stream().anyMatch(w -> w.code().equals("allowed_ips_reserved")));
    assertEquals("invalid_allowed_ips", check("metrics.example", 9100, "127.0.0.1").code());
    assertEquals("invalid_allowed_ips", check("bad.example", 9200, "10.0.0.1").code());
  }

  @Test
  void declaredHostsMayReachPrivateSpaceButNotLoopbackOrControlPlanePorts() {
    DestinationVerdict v = check("db.corp.example", 5432, "10.0.0.5");
    assertEquals(DestinationMode.DECLARED_HOST, v.mode());
    assertEquals(true, v.allowed());
    assertEquals("always_blocked", check("db.corp.example", 5432, "127.0.0.1").code());
    assertEquals("always_blocked", check("db.corp.example", 5432, "::ffff:169.254.169.254").code());
    assertEquals("control_plane_port", check("db.corp.example", 6443, "10.0.0.5").code());
  }

  @Test
  void wildcardHostsArePublicOnly() {
    DestinationVerdict v = check("api.wild.example", 443, "10.0.0.5");
    assertEquals(DestinationMode.PUBLIC_ONLY, v.mode());
    assertEquals("internal_address", v.code());
    assertEquals(true, check("api.wild.example", 443, "93.184.216.34").allowed());
    assertEquals("internal_address", check("api.wild.example", 443, "100.64.1.1").code());
    assertEquals("internal_address", check("api.wild.example", 443, "fd00::1").code());
  }

  @Test
  void ipLiteralHostIsItsOwnAllowlist() {
    assertEquals(DestinationMode.IP_LITERAL, check("10.9.8.7", 443, "10.9.8.7").mode());
    assertEquals(true, check("10.9.8.7", 443, "10.9.8.7").allowed());
    assertEquals("ip_literal_mismatch", check("10.9.8.7", 443, "10.9.8.8").code());
  }

  @Test
  void onlyTheFirstConfigsAllowedIpsListCounts() {
    CompiledPolicy p = TestPolicies.runtime("""
        network_policies:
          a-first:
            endpoints: [{host: svc.example, port: 443, allowed_ips: ["10.1.0.0/16"]}]
            binaries: [{path: /bin/x}]
          b-second:
            endpoints: [{host: svc.example, port: 443, allowed_ips: ["10.2.0.0/16"]}]
            binaries: [{path: /bin/x}]
        """);
    NetworkRequest conn = NetworkRequest.of("svc.example", 443, "/bin/x");
    assertEquals(true, p.checkDestination(conn, List.of(IpAddress.parse("10.1.2.3"))).allowed());
    assertEquals("not_in_allowed_ips", p.checkDestination(conn, List.of(IpAddress.parse("10.2.2.3"))).code());
  }

  @Test
  void hostGatewayAliasMustResolveToTheTrustedAddressFirst() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          gw:
            endpoints: [{host: host.docker.internal, port: 8080}]
            binaries: [{path: /bin/x}]
        """);
    NetworkRequest conn = NetworkRequest.of("Host.Docker.Internal", 8080, "/bin/x");
    IpAddress trusted = IpAddress.parse("172.17.0.1");
    DestinationVerdict ok = p.checkDestination(conn, List.of(trusted), "host.docker.internal", trusted);
    assertEquals(DestinationMode.HOST_GATEWAY, ok.mode());
    assertEquals(true, ok.allowed());
    assertEquals("gateway_mismatch", p.checkDestination(conn, List.of(IpAddress.parse("172.17.0.2")),
        "host.docker.internal", trusted).code());
    // Without a trusted address the declared-host rule applies.
    assertEquals(DestinationMode.DECLARED_HOST,
        p.checkDestination(conn, List.of(IpAddress.parse("172.17.0.2")), "host.docker.internal", null).mode());
  }

  @Test
  void notAllowedConnectionsGetNoAddresses() {
    assertEquals("network_denied", check("other.example", 443, "93.184.216.34").code());
  }
}
