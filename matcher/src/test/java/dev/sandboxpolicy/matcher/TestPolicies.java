package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;

/** Reads test policies from YAML (strict mode; {@code version: 1} is prepended). */
final class TestPolicies {
  private TestPolicies() {}

  static Policy policy(String networkPoliciesYaml) {
    ReadResult<Policy> r = PolicyReader.of(ReadMode.STRICT).readPolicy("version: 1\n" + networkPoliciesYaml);
    if (r.hasErrors()) {
      throw new AssertionError("test policy does not read: " + r.problems());
    }
    return r.value().orElseThrow();
  }

  /**
   * The {@code network_policies} YAML of one entry {@code key} with one endpoint on {@code host}:443 (plus the
   * endpoint keys in {@code endpointYaml}) and one binary.
   */
  static String oneEndpoint(String key, String host, String binary, String endpointYaml) {
    return """
        network_policies:
          %s:
            endpoints:
              - host: %s
                port: 443
        """.formatted(key, host) + endpointYaml.indent(8) + """
            binaries: [{path: %s}]
        """.formatted(binary);
  }

  static CompiledPolicy compile(String yaml) {
    return compile(yaml, MatcherOptions.defaults());
  }

  /** Compiles without strict validation: runtime semantics for policies the gateway validator would reject. */
  static CompiledPolicy runtime(String yaml) {
    return compile(yaml, MatcherOptions.defaults().withValidation(false));
  }

  static CompiledPolicy compile(String yaml, MatcherOptions options) {
    try {
      return CompiledPolicy.compile(policy(yaml), options);
    } catch (PolicyCompileException e) {
      throw new AssertionError(e.problems().toString(), e);
    }
  }

  /** {@code policy} with {@code mcp.versions} set on endpoint {@code index} of entry {@code key} (built in code). */
  static Policy withMcpVersions(Policy policy, String key, int index, List<String> versions) {
    NetworkPolicy entry = policy.networkPolicies().get(key);
    List<Endpoint> endpoints = new ArrayList<>(entry.endpoints());
    Endpoint e = endpoints.get(index);
    McpOptions.Builder mcp = e.mcp().isPresent() ? McpOptions.builder(e.mcp().get()) : McpOptions.builder();
    endpoints.set(index, Endpoint.builder(e).mcp(mcp.versions(versions).build()).build());
    return Policy.builder().from(policy)
        .putNetworkPolicies(key, NetworkPolicy.builder(entry).endpoints(endpoints).build())
        .build();
  }

  static CompiledPolicy compile(Policy policy, MatcherOptions options) {
    try {
      return CompiledPolicy.compile(policy, options);
    } catch (PolicyCompileException e) {
      throw new AssertionError(e.problems().toString(), e);
    }
  }
}
