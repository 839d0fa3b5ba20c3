package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two evaluation-scope rules: §3.8 decides each call of a JSON-RPC/MCP batch on its own over every matching endpoint
 * of every matching entry (the batch is denied if any call is), and §3.4 with §3.2 step 2 evaluates every binary glob
 * over the executable and every ancestor, so a U+0000 there fails the network decision closed even when a literal
 * binary already matched.
 */
class BatchAndBinaryEvaluationTest {
  private static final NetworkRequest CONN = NetworkRequest.of("rpc.example.com", 443, "/usr/bin/agent");

  private static String twoEntries(String protocol, String firstRules, String secondRules) {
    return """
        network_policies:
          alpha:
            endpoints: [{host: rpc.example.com, port: 443, protocol: %1$s, rules: %2$s}]
            binaries: [{path: /usr/bin/agent}]
          beta:
            endpoints: [{host: rpc.example.com, port: 443, protocol: %1$s, rules: %3$s}]
            binaries: [{path: /usr/bin/agent}]
        """.formatted(protocol, firstRules, secondRules);
  }

  private static Decision batch(CompiledPolicy p, String... methods) {
    List<JsonRpcCall> calls = java.util.Arrays.stream(methods).map(JsonRpcCall::of).toList();
    return p.decideRequest(L7Request.of(CONN, "POST", "/").withJsonRpc(JsonRpcRequest.batch(calls, false))
        .withMcpProtocolVersion("2025-11-25")); // the revision the default mcp.versions admits
  }

  @Test
  void jsonRpcBatchCallsMayBeAllowedByDifferentEntries() {
    CompiledPolicy p = TestPolicies.compile(
        twoEntries("json-rpc", "[{allow: {method: eth_call}}]", "[{allow: {method: eth_sendTransaction}}]"));
    Decision d = batch(p, "eth_sendTransaction", "eth_call");
    assertEquals(Verdict.ALLOW, d.verdict(), d.toString());
    assertEquals(Optional.of("alpha"), d.matchedPolicy(), "the smallest key that allows some call");
    Decision onlyBeta = batch(p, "eth_sendTransaction", "eth_sendTransaction");
    assertEquals(Optional.of("beta"), onlyBeta.matchedPolicy(), onlyBeta.toString());
  }

  @Test
  void jsonRpcBatchIsDeniedWhenOneCallIsAllowedNowhere() {
    CompiledPolicy p = TestPolicies.compile(
        twoEntries("json-rpc", "[{allow: {method: eth_call}}]", "[{allow: {method: eth_sendTransaction}}]"));
    Decision d = batch(p, "eth_call", "eth_sign", "eth_sendTransaction");
    assertFalse(d.isAllowed(), d.toString());
    assertEquals("JSON-RPC method 'eth_sign' not permitted by policy", d.reason(), "names the call nothing allowed");
  }

  @Test
  void jsonRpcDenyRuleOfAnotherEntryDeniesTheBatch() {
    CompiledPolicy p = TestPolicies.runtime("""
        network_policies:
          alpha:
            endpoints: [{host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{allow: {method: "*"}}]}]
            binaries: [{path: /usr/bin/agent}]
          beta:
            endpoints:
              - host: rpc.example.com
                port: 443
                protocol: json-rpc
                rules: [{allow: {method: eth_call}}]
                deny_rules: [{method: eth_sign}]
            binaries: [{path: /usr/bin/agent}]
        """);
    assertTrue(batch(p, "eth_call", "anything").isAllowed());
    Decision d = batch(p, "eth_call", "eth_sign");
    assertEquals(Verdict.DENY, d.verdict(), d.toString());
    assertEquals(Optional.of("beta"), d.matchedPolicy());
  }

  @Test
  void mcpBatchCallsMayBeAllowedByDifferentEntries() {
    CompiledPolicy p = TestPolicies.compile(
        twoEntries("mcp", "[{allow: {method: initialize}}]", "[{allow: {method: \"tools/*\"}}]"));
    assertTrue(batch(p, "initialize", "tools/list").isAllowed());
    assertFalse(batch(p, "initialize", "resources/list").isAllowed());
  }

  private static final String BINARIES = """
      network_policies:
        pay:
          endpoints: [{host: api.example.com, port: 443}]
          binaries: [{path: "/opt/*/bin/agent"}, {path: /usr/bin/curl}]
      """;

  private static Decision net(CompiledPolicy p, String exe, String... ancestors) {
    return p.decideNetwork(NetworkRequest.of("api.example.com", 443, exe).withAncestors(List.of(ancestors)));
  }

  @Test
  void nulInTheExecutableOrAnAncestorFailsClosedEvenWhenALiteralBinaryMatched() {
    CompiledPolicy p = TestPolicies.compile(BINARIES);
    assertTrue(net(p, "/usr/bin/x", "/usr/bin/curl").isAllowed(), "the literal matches the ancestor");
    Decision exe = net(p, "/usr/bin/x\0", "/usr/bin/curl");
    assertEquals(Verdict.ERROR, exe.verdict(), exe.toString());
    assertTrue(exe.reason().startsWith("evaluation error: the executable path contains U+0000"), exe.reason());
    assertTrue(exe.reason().contains("'pay'") && exe.reason().endsWith("fails closed"), exe.reason());
    Decision ancestor = net(p, "/usr/bin/curl", "/bin/sh", "/bin/x\0y");
    assertEquals(Verdict.ERROR, ancestor.verdict(), ancestor.toString());
    assertTrue(ancestor.reason().contains("ancestor 2 of the executable contains U+0000"), ancestor.reason());
  }

  @Test
  void nulIsNotAnErrorWhereNoBinaryGlobReadsIt() {
    CompiledPolicy literalOnly = TestPolicies.compile("""
        network_policies:
          pay:
            endpoints: [{host: api.example.com, port: 443}]
            binaries: [{path: /usr/bin/curl}]
        """);
    assertTrue(net(literalOnly, "/usr/bin/x\0", "/usr/bin/curl").isAllowed(), "literal binaries compare by equality");
    CompiledPolicy relaxed = TestPolicies.compile(BINARIES, MatcherOptions.defaults().withBinaryIdentity(false));
    assertTrue(net(relaxed, "/usr/bin/x\0").isAllowed(), "without binary identity no binary is evaluated");
    Decision otherHost = TestPolicies.compile(BINARIES)
        .decideNetwork(NetworkRequest.of("other.example.com", 443, "/usr/bin/x\0"));
    assertEquals(Verdict.DENY, otherHost.verdict(), "binaries of an entry whose endpoint did not match are not read");
  }

  @Test
  void aBinaryGlobThatDoesNotCompileFailsClosedEvenWhenALiteralMatched() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          pay:
            endpoints: [{host: api.example.com, port: 443}]
            binaries: [{path: /usr/bin/curl}, {path: "/opt/[*"}]
        """);
    assertTrue(p.warnings().stream().anyMatch(w -> w.code().equals("glob_invalid")), p.warnings().toString());
    Decision d = net(p, "/usr/bin/curl");
    assertEquals(Verdict.ERROR, d.verdict(), d.toString());
    assertTrue(d.reason().contains("'/opt/[*' does not compile"), d.reason());
  }
}
