package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;

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
}
