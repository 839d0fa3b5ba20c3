package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.io.PolicyReader;
import dev.sandboxpolicy.model.io.ReadMode;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link ReferenceVsCompiledTest} (seed 0xc0ffee, case 27): a request decision on a connection that has no
 * inspected endpoint. §3.5 makes no request decision there (L4-only connections are relayed), but
 * {@link CompiledPolicy#decideRequest} evaluates the rules anyway and returns DENY with an empty enforcement, for which
 * {@link Decision#blocks()} is {@code true}: a proxy that asks every request blocks traffic upstream forwards.
 */
class NotInspectedConnectionTest {

  @Test
  @Disabled("contract question (matcher): decideRequest on an L4-only connection returns a blocking DENY; §3.5 makes no L7 decision there")
  void requestOnAnL4OnlyConnectionDoesNotBlock() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy("""
        version: 1
        network_policies:
          web:
            endpoints: [{host: cdn.beta.ai, port: 5432, protocol: tcp}]
            binaries: [{path: /usr/bin/python3}]
        """).value().orElseThrow();
    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    NetworkRequest conn = NetworkRequest.of("cdn.beta.ai", 5432, "/usr/bin/python3");
    Decision d = compiled.decideRequest(L7Request.of(conn, "OPTIONS", "/download"));
    assertFalse(d.blocks(), d.toString());
  }
}
