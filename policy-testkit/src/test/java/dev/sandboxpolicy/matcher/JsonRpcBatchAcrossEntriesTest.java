package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link ReferenceVsCompiledTest#agreesOnGraphqlAndJsonRpc} (seed 0x6a9, case 152): a JSON-RPC batch whose
 * calls are allowed by different entries for the same host and port. §3.8: "Batches are split by Rust … each call
 * individually; any denied call denies the whole batch", so each call is its own decision over all entries and the
 * batch is allowed. The compiled matcher requires one endpoint to allow every call of the batch and denies.
 */
class JsonRpcBatchAcrossEntriesTest {

  static final String YAML = """
      version: 1
      network_policies:
        team_0:
          endpoints: [{host: www.git.com, port: 443, protocol: json-rpc, rules: [{allow: {method: eth_sendTransaction}}]}]
          binaries: [{path: /usr/bin/wget}]
        git_3:
          endpoints: [{host: www.git.com, port: 443, protocol: json-rpc, rules: [{allow: {method: eth_call}}]}]
          binaries: [{path: /usr/bin/wget}]
      """;

  static final L7Request BATCH = L7Request.of(NetworkRequest.of("www.git.com", 443, "/usr/bin/wget"), "POST", "/")
      .withJsonRpc(JsonRpcRequest.batch(List.of(JsonRpcCall.of("eth_sendTransaction"), JsonRpcCall.of("eth_call")), false));

  @Test
  void eachCallIsAllowedOnItsOwnSoTheReferenceAllows() {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(YAML).value().orElseThrow();
    assertEquals(ReferenceOutcome.ALLOW, ReferenceMatcher.of(policy).decideRequest(BATCH).outcome());
  }

  @Test
  void compiledMatcherAllowsTheBatch() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(YAML).value().orElseThrow();
    Decision d = CompiledPolicy.compile(policy).decideRequest(BATCH);
    assertEquals(Verdict.ALLOW, d.verdict(), d.toString());
  }
}
