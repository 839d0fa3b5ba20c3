package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Enforcement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The L7 MCP protocol-revision step (upstream-changes-2026-09 item 1, OpenShell #3241): every MCP request except a
 * standalone {@code initialize} speaks the revision of its {@code MCP-Protocol-Version} header, {@code 2025-03-26}
 * without one; a repeated, empty or unknown header is refused with 400, a known revision outside the endpoint's
 * {@code mcp.versions} (default {@code [2025-11-25]}) with 403. Each case has a neighbour that passes.
 */
class McpProtocolVersionTest {
  private static final CompiledPolicy P = TestPolicies.compile(TestPolicies.withMcpVersions(TestPolicies.policy("""
      network_policies:
        pinned:
          endpoints:
            - {host: new.example.com, port: 443, protocol: mcp, enforcement: enforce,
               rules: [{allow: {method: "tools/*"}}, {allow: {method: initialize}}]}
          binaries: [{path: /bin/agent}]
        legacy:
          endpoints:
            - {host: old.example.com, port: 443, protocol: mcp, rules: [{allow: {method: "tools/*"}}]}
          binaries: [{path: /bin/agent}]
        rpc:
          endpoints:
            - {host: rpc.example.com, port: 443, protocol: json-rpc, enforcement: enforce,
               rules: [{allow: {method: "*"}}]}
          binaries: [{path: /bin/agent}]
      """), "legacy", 0, List.of("2025-11-25", "2025-03-26")), MatcherOptions.defaults());

  private static final JsonRpcRequest LIST = JsonRpcRequest.single(JsonRpcCall.of("tools/list"));

  private static L7Request post(String host, JsonRpcRequest body) {
    return L7Request.of(NetworkRequest.of(host, 443, "/bin/agent"), "POST", "/mcp").withJsonRpc(body);
  }

  private static Decision decide(L7Request r) {
    return P.decideRequest(r);
  }

  private static void assertRefused(RefusalStatus status, Decision d) {
    assertEquals(Verdict.DENY, d.verdict(), d::toString);
    assertEquals(Optional.of(status), d.refusalStatus(), d::toString);
    assertTrue(d.blocks(), d::toString);
  }

  @Test
  void aKnownRevisionInTheListPassesAndOneOutsideItIsForbidden() {
    Decision ok = decide(post("new.example.com", LIST).withMcpProtocolVersion("2025-11-25"));
    assertTrue(ok.isAllowed());
    assertEquals(Optional.empty(), ok.refusalStatus());
    Decision older = decide(post("new.example.com", LIST).withMcpProtocolVersion("2025-06-18"));
    assertRefused(RefusalStatus.FORBIDDEN, older);
    assertEquals(403, older.refusalStatus().orElseThrow().httpStatus());
    assertEquals("MCP protocol version 2025-06-18 (the MCP-Protocol-Version header) is not in mcp.versions"
        + " [2025-11-25] of policy 'pinned' (upstream answers 403 Forbidden)", older.reason());
    assertEquals(Optional.of("pinned"), older.matchedPolicy());
    assertEquals("/network_policies/pinned/endpoints/0", older.rulePointer(), "the default list: the endpoint");
    Decision listed = decide(post("old.example.com", LIST).withMcpProtocolVersion("2025-06-18"));
    assertRefused(RefusalStatus.FORBIDDEN, listed);
    assertEquals("/network_policies/legacy/endpoints/0/mcp/versions", listed.rulePointer(), "a written list");
  }

  @Test
  void withoutAHeaderTheRequestSpeaks20250326() {
    Decision pinned = decide(post("new.example.com", LIST));
    assertRefused(RefusalStatus.FORBIDDEN, pinned);
    assertTrue(pinned.reason().startsWith("MCP protocol version 2025-03-26 (assumed: the request has no"
        + " MCP-Protocol-Version header) is not in mcp.versions [2025-11-25]"), pinned.reason());
    assertTrue(decide(post("old.example.com", LIST)).isAllowed(), "an endpoint that lists 2025-03-26");
  }

  @Test
  void aRepeatedEmptyOrUnknownHeaderIsABadRequest() {
    Decision repeated = decide(post("old.example.com", LIST)
        .withMcpProtocolVersionHeaders(List.of("2025-11-25", "2025-11-25")));
    assertRefused(RefusalStatus.BAD_REQUEST, repeated);
    assertEquals(400, repeated.refusalStatus().orElseThrow().httpStatus());
    assertEquals("MCP-Protocol-Version header appears 2 times; an MCP request carries at most one (upstream"
        + " answers 400 Bad Request)", repeated.reason());
    Decision empty = decide(post("old.example.com", LIST).withMcpProtocolVersion(" \t "));
    assertRefused(RefusalStatus.BAD_REQUEST, empty);
    assertEquals("MCP-Protocol-Version header is empty (upstream answers 400 Bad Request)", empty.reason());
    for (String unknown : List.of("2024-11-05", "draft", "latest", "2025-11-26", "2025/11/25", "2025-11-25\n",
        "\u00a02025-11-25", "2025-11-25, 2025-06-18")) {
      Decision d = decide(post("old.example.com", LIST).withMcpProtocolVersion(unknown));
      assertRefused(RefusalStatus.BAD_REQUEST, d);
      assertTrue(d.reason().contains("is not a known MCP protocol revision (known: 2025-03-26, 2025-06-18,"
          + " 2025-11-25;"), d.reason());
    }
    // Neighbours: surrounding spaces and tabs are HTTP whitespace; one header; an empty list of occurrences.
    assertTrue(decide(post("old.example.com", LIST).withMcpProtocolVersion(" 2025-11-25\t")).isAllowed());
    assertTrue(decide(post("old.example.com", LIST).withMcpProtocolVersionHeaders(List.of("2025-03-26"))).isAllowed());
    assertTrue(decide(post("old.example.com", LIST).withMcpProtocolVersionHeaders(List.of())).isAllowed());
  }

  @Test
  void anUnknownHeaderIsABadRequestEvenWhereTheRevisionWouldBeForbidden() {
    assertRefused(RefusalStatus.BAD_REQUEST,
        decide(post("new.example.com", LIST).withMcpProtocolVersion("2099-01-01")));
  }

  @Test
  void aHostileHeaderIsCutInTheReason() {
    String huge = "9".repeat(100_000);
    Decision d = decide(post("old.example.com", LIST).withMcpProtocolVersion(huge));
    assertRefused(RefusalStatus.BAD_REQUEST, d);
    assertTrue(d.reason().length() < 300, "reason length " + d.reason().length());
    assertTrue(d.reason().contains("'" + "9".repeat(McpProtocolVersionHeader.MAX_ECHOED_CHARS) + "...'"));
    Decision nul = decide(post("old.example.com", LIST).withMcpProtocolVersion("2025-11-25\u0000\r\nX: y"));
    assertRefused(RefusalStatus.BAD_REQUEST, nul);
    assertTrue(nul.reason().contains("'2025-11-25\\u0000\\u000d\\u000aX: y'"), nul.reason());
  }

  @Test
  void aStandaloneInitializeNeedsNoHeaderButABatchedOneDoes() {
    JsonRpcRequest init = JsonRpcRequest.single(JsonRpcCall.of("initialize"));
    assertTrue(decide(post("new.example.com", init)).isAllowed());
    assertTrue(decide(post("new.example.com", init).withMcpProtocolVersion("2025-06-18")).isAllowed(), "exempt");
    JsonRpcRequest batched = JsonRpcRequest.batch(List.of(JsonRpcCall.of("initialize")), false);
    assertRefused(RefusalStatus.FORBIDDEN, decide(post("new.example.com", batched)));
    assertTrue(decide(post("new.example.com", batched).withMcpProtocolVersion("2025-11-25")).isAllowed());
    JsonRpcRequest other = JsonRpcRequest.single(JsonRpcCall.of("initialized"));
    assertRefused(RefusalStatus.FORBIDDEN, decide(post("new.example.com", other)));
  }

  @Test
  void everyHttpMethodIsCheckedAndTheRulesStillDecideAfterwards() {
    NetworkRequest conn = NetworkRequest.of("new.example.com", 443, "/bin/agent");
    L7Request stream = L7Request.of(conn, "GET", "/mcp").withJsonRpc(JsonRpcRequest.receiveStreamOnly());
    assertRefused(RefusalStatus.FORBIDDEN, decide(stream));
    assertTrue(decide(stream.withMcpProtocolVersion("2025-11-25")).isAllowed());
    L7Request close = L7Request.of(conn, "DELETE", "/mcp"); // session termination: no JSON-RPC body
    assertRefused(RefusalStatus.BAD_REQUEST, decide(close.withMcpProtocolVersion("")));
    Decision byRules = decide(close.withMcpProtocolVersion("2025-11-25"));
    assertEquals(Verdict.DENY, byRules.verdict(), "the version passes; no rule allows a DELETE");
    assertEquals(Optional.of(RefusalStatus.FORBIDDEN), byRules.refusalStatus());
    assertFalse(byRules.reason().contains("MCP-Protocol-Version"), byRules.reason());
  }

  @Test
  void versionRefusalsAreEnforcedOnAnAuditedEndpoint() {
    // "legacy" audits; a rule denial there is forwarded, a version refusal is not.
    Decision rule = decide(post("old.example.com", JsonRpcRequest.single(JsonRpcCall.of("prompts/list")))
        .withMcpProtocolVersion("2025-11-25"));
    assertEquals(Optional.of(Enforcement.AUDIT), rule.enforcement());
    assertFalse(rule.blocks());
    Decision version = decide(post("old.example.com", LIST).withMcpProtocolVersion("2025-06-18"));
    assertEquals(Optional.of(Enforcement.ENFORCE), version.enforcement());
    assertTrue(version.blocks());
  }

  @Test
  void onlyMcpEndpointsReadTheHeader() {
    L7Request rpc = L7Request.of(NetworkRequest.of("rpc.example.com", 443, "/bin/agent"), "POST", "/")
        .withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("eth_call")));
    assertTrue(decide(rpc.withMcpProtocolVersion("nonsense")).isAllowed());
    assertTrue(decide(rpc.withMcpProtocolVersionHeaders(List.of("a", "b"))).isAllowed());
  }

  @Test
  void theSelectedEndpointsListDecides() {
    CompiledPolicy p = TestPolicies.compile(TestPolicies.withMcpVersions(TestPolicies.policy("""
        network_policies:
          svc:
            endpoints:
              - {host: svc.example.com, port: 443, path: "/v1/**", protocol: mcp, rules: [{allow: {method: "tools/*"}}]}
              - {host: svc.example.com, port: 443, path: "/v2/**", protocol: mcp, rules: [{allow: {method: "tools/*"}}]}
            binaries: [{path: /bin/agent}]
        """), "svc", 0, List.of("2025-06-18")), MatcherOptions.defaults());
    NetworkRequest conn = NetworkRequest.of("svc.example.com", 443, "/bin/agent");
    L7Request v1 = L7Request.of(conn, "POST", "/v1/mcp").withJsonRpc(LIST).withMcpProtocolVersion("2025-06-18");
    L7Request v2 = L7Request.of(conn, "POST", "/v2/mcp").withJsonRpc(LIST).withMcpProtocolVersion("2025-06-18");
    assertTrue(p.decideRequest(v1).isAllowed());
    Decision d = p.decideRequest(v2);
    assertRefused(RefusalStatus.FORBIDDEN, d);
    assertEquals("/network_policies/svc/endpoints/1", d.rulePointer());
  }

  @Test
  void aListWithoutAnyRevisionAdmitsNothing() {
    // Rejected by validation (mcp_versions_empty); compiled with runtime semantics it must fail closed.
    CompiledPolicy p = TestPolicies.compile(TestPolicies.withMcpVersions(TestPolicies.policy(TestPolicies.oneEndpoint(
        "svc", "svc.example.com", "/bin/agent", "protocol: mcp\nrules: [{allow: {method: \"*\"}}]\n")),
        "svc", 0, List.of()), MatcherOptions.defaults().withValidation(false));
    NetworkRequest conn = NetworkRequest.of("svc.example.com", 443, "/bin/agent");
    for (String v : List.of("2025-03-26", "2025-06-18", "2025-11-25")) {
      Decision d = p.decideRequest(L7Request.of(conn, "POST", "/").withJsonRpc(LIST).withMcpProtocolVersion(v));
      assertRefused(RefusalStatus.FORBIDDEN, d);
      assertTrue(d.reason().contains("is not in mcp.versions [] of policy 'svc'"), d.reason());
    }
  }
}
