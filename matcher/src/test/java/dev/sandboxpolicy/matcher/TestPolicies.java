package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.io.PolicyReader;
import dev.sandboxpolicy.model.io.ReadMode;
import dev.sandboxpolicy.model.io.ReadResult;

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
