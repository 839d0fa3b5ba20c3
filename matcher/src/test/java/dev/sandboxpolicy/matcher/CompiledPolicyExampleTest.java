package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example of the {@link CompiledPolicy} Javadoc, run as written. */
class CompiledPolicyExampleTest {
  @Test
  void javadocExampleRuns() throws Exception {
    String yaml = """
        version: 1
        network_policies:
          github:
            endpoints:
              - {host: api.github.com, port: 443, protocol: rest, enforcement: enforce, access: read-only}
            binaries: [{path: /usr/bin/gh}]
        """;
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(yaml).orElseThrow();
    CompiledPolicy compiled = CompiledPolicy.compile(policy);

    NetworkRequest conn = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");
    Decision network = compiled.decideNetwork(conn);
    assertTrue(network.isAllowed());
    assertEquals(Optional.of("github"), network.matchedPolicy());

    CanonicalTarget target = CanonicalTarget.parse("/repos/acme/widgets?per_page=5", false);
    Decision request = compiled.decideRequest(L7Request.of(conn, "GET", target.path()).withQuery(target.query()));
    assertTrue(request.isAllowed());
    Decision write = compiled.decideRequest(L7Request.of(conn, "DELETE", target.path()));
    assertTrue(write.blocks());
    assertEquals("DELETE /repos/acme/widgets not permitted by policy", write.reason());
  }
}
