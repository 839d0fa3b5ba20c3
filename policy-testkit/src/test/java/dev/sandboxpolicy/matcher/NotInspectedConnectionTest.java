package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link ReferenceVsCompiledTest} (seed 0xc0ffee, case 27): a request decision on a connection that has no
 * inspected endpoint. §3.5 makes no request decision there (upstream relays the bytes of L4-only connections); the
 * reference says {@link ReferenceOutcome#NOT_INSPECTED}. The matcher's contract (lead's decision): it still fails
 * closed, with a blocking {@link Verdict#DENY} that is recognisable as this case through {@link
 * Decision#notInspected()} and whose reason says so, so a proxy that wants upstream's behaviour can relay such
 * connections without parsing reasons.
 */
class NotInspectedConnectionTest {

  @Test
  void requestOnAnL4OnlyConnectionIsTheNotInspectedDenial() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy("""
        version: 1
        network_policies:
          web:
            endpoints: [{host: cdn.beta.ai, port: 5432, protocol: tcp}]
            binaries: [{path: /usr/bin/python3}]
        """).value().orElseThrow();
    assertEquals(ReferenceOutcome.NOT_INSPECTED, ReferenceMatcher.of(policy)
        .decideRequest(L7Request.of(NetworkRequest.of("cdn.beta.ai", 5432, "/usr/bin/python3"), "OPTIONS", "/download"))
        .outcome());

    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    NetworkRequest conn = NetworkRequest.of("cdn.beta.ai", 5432, "/usr/bin/python3");
    assertTrue(compiled.decideNetwork(conn).isAllowed(), "the connection itself is allowed");
    Decision d = compiled.decideRequest(L7Request.of(conn, "OPTIONS", "/download"));
    assertEquals(Verdict.DENY, d.verdict(), d.toString());
    assertTrue(d.notInspected(), d.toString());
    assertTrue(d.blocks(), "fails closed: " + d);
    assertEquals(Optional.empty(), d.enforcement(), "no inspected endpoint, so no enforcement");
    assertTrue(d.reason().contains("no inspected endpoint"), d.reason());
    assertTrue(d.reason().contains("upstream makes no request decision and relays it uninspected"), d.reason());
    assertTrue(d.reason().contains("fails closed"), d.reason());
  }

  @Test
  void onlyThatCaseIsMarkedNotInspected() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy("""
        version: 1
        network_policies:
          web:
            endpoints:
              - {host: cdn.beta.ai, port: 5432, protocol: tcp}
              - {host: cdn.beta.ai, port: 443, protocol: rest, enforcement: enforce, access: read-only}
            binaries: [{path: /usr/bin/python3}]
        """).value().orElseThrow();
    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    Decision inspectedDeny = compiled.decideRequest(
        L7Request.of(NetworkRequest.of("cdn.beta.ai", 443, "/usr/bin/python3"), "POST", "/download"));
    assertEquals(Verdict.DENY, inspectedDeny.verdict());
    assertFalse(inspectedDeny.notInspected(), inspectedDeny.toString());
    Decision refused = compiled.decideRequest(
        L7Request.of(NetworkRequest.of("cdn.beta.ai", 5432, "/usr/bin/curl"), "GET", "/"));
    assertEquals(Verdict.DENY, refused.verdict());
    assertFalse(refused.notInspected(), "a refused connection gets its network denial: " + refused);
  }
}
