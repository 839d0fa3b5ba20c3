package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compiles every upstream sandbox policy under {@code ../shared/upstream} (skipped when absent) and checks, for each
 * exact-host endpoint and literal binary, that the network decision allows it and names a key no larger than the
 * entry's own, and that an unlisted binary is denied with the upstream binary message.
 */
class UpstreamPoliciesTest {

  private static List<Path> policyFiles() throws IOException {
    String shared = System.getProperty("sandboxpolicy.shared");
    assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "upstream")), "../shared/upstream absent");
    try (Stream<Path> files = Files.walk(Path.of(shared, "upstream"))) {
      return files.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !p.toString().contains("/presets/"))
          .filter(p -> !p.getFileName().toString().contains("additions"))
          .filter(p -> {
            try {
              String text = Files.readString(p);
              return text.contains("network_policies:") && !text.contains("preset:");
            } catch (IOException e) {
              return false;
            }
          })
          .sorted()
          .toList();
    }
  }

  @Test
  void everyUpstreamPolicyCompilesAndAllowsItsOwnDeclaredEndpoints() throws Exception {
    int checked = 0;
    for (Path file : policyFiles()) {
      ReadResult<Policy> read = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(file);
      if (read.value().isEmpty()) {
        continue;
      }
      Policy policy = read.value().get();
      CompiledPolicy compiled =
          CompiledPolicy.compile(policy, MatcherOptions.defaults().withValidation(false));
      for (Map.Entry<String, NetworkPolicy> entry : policy.networkPolicies().entrySet()) {
        for (Endpoint e : entry.getValue().endpoints()) {
          if (e.host().isEmpty() || e.host().contains("*") || e.effectivePorts().isEmpty()) {
            continue;
          }
          for (Binary b : entry.getValue().binaries()) {
            if (b.path().contains("*")) {
              continue;
            }
            int port = e.effectivePorts().get(0);
            Decision d = compiled.decideNetwork(NetworkRequest.of(e.host(), port, b.path()));
            assertTrue(d.isAllowed(), file + " " + entry.getKey() + " " + e.host() + " " + b.path() + ": " + d);
            assertTrue(d.matchedPolicy().orElseThrow().compareTo(entry.getKey()) <= 0, file + ": " + d);
            Decision other = compiled.decideNetwork(NetworkRequest.of(e.host(), port, "/nonexistent/binary"));
            if (!other.isAllowed()) {
              assertTrue(other.reason().startsWith("binary '/nonexistent/binary' not allowed in policy '"),
                  other.reason());
            }
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 20, "checked only " + checked);
  }

  @Test
  void quickstartReadOnlyPresetBlocksWrites() throws Exception {
    String shared = System.getProperty("sandboxpolicy.shared");
    Path quickstart = shared == null ? null : Path.of(shared, "upstream/openshell/sandbox-policy-quickstart_policy.yaml");
    assumeTrue(quickstart != null && Files.exists(quickstart), "quickstart policy absent");
    CompiledPolicy p = CompiledPolicy.compile(PolicyReader.of(ReadMode.STRICT).readPolicy(quickstart).orElseThrow());
    NetworkRequest conn = NetworkRequest.of("api.github.com", 443, "/usr/bin/curl");
    assertEquals(java.util.Optional.of("github_api"), p.decideNetwork(conn).matchedPolicy());
    assertTrue(p.decideRequest(L7Request.of(conn, "GET", "/repos/nvidia/openshell")).isAllowed());
    Decision post = p.decideRequest(L7Request.of(conn, "POST", "/repos/nvidia/openshell/issues"));
    assertTrue(post.blocks());
    assertEquals("POST /repos/nvidia/openshell/issues not permitted by policy", post.reason());
  }
}
