package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.ReferenceDecision;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link ArbitraryInputsTest} (seed 0x1, case 843) after the request-side NUL fix: a U+0000 in the
 * executable path, with an entry whose binaries are a glob and an exact path that matches an ancestor. The glob reads
 * the executable path, so under the eager reading the matcher adopted for requests (every glob over every value,
 * {@link NulAfterMatchingQueryValueTest}) the network decision fails closed; the compiled matcher lets the exact
 * ancestor match win and allows.
 */
class NulInBinaryPathTest {

  static final String YAML = """
      version: 1
      network_policies:
        pay:
          endpoints: [{host: api.example.com, port: 443}]
          binaries: [{path: "/usr/bin/python3*"}, {path: /usr/bin/curl}]
      """;

  static final NetworkRequest CONNECTION =
      NetworkRequest.of("api.example.com", 443, "/usr/bin/x\u0000").withAncestors(List.of("/usr/bin/curl"));

  @Test
  void referenceFailsClosedAndKnowsTheLazyAnswer() {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(YAML).value().orElseThrow();
    ReferenceDecision d = ReferenceMatcher.of(policy).decideNetwork(CONNECTION);
    assertEquals(ReferenceOutcome.ERROR, d.outcome(), d.toString());
    assertEquals(ReferenceOutcome.ALLOW, d.outcomeIfErrorsSkipped(), d.toString());
  }

  @Test
  void compiledMatcherFailsClosed() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(YAML).value().orElseThrow();
    Decision d = CompiledPolicy.compile(policy).decideNetwork(CONNECTION);
    assertEquals(Verdict.ERROR, d.verdict(), d.toString());
  }
}
