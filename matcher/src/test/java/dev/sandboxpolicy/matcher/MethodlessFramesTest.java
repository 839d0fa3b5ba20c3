package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Enforcement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * JSON-RPC and MCP frames without a method (spec §3.8 and upstream's Rego): a response frame from client to server
 * (denied on {@code json-rpc}, allowed on {@code mcp} in a POST) and a {@code GET} receive stream (denied on {@code
 * json-rpc}, allowed on a matching {@code mcp} endpoint). Each case has a neighbour that must decide otherwise.
 */
class MethodlessFramesTest {
  private static final NetworkRequest RPC = NetworkRequest.of("rpc.example.com", 443, "/bin/agent");
  private static final NetworkRequest MCP = NetworkRequest.of("mcp.example.com", 443, "/bin/agent");

  private static final CompiledPolicy P = TestPolicies.compile("""
      network_policies:
        rpc:
          endpoints:
            - {host: rpc.example.com, port: 443, protocol: json-rpc, enforcement: enforce,
               rules: [{allow: {method: "*"}}]}
          binaries: [{path: /bin/agent}]
        rpc_audit:
          endpoints:
            - {host: audit-rpc.example.com, port: 443, protocol: json-rpc, rules: [{allow: {method: "*"}}]}
          binaries: [{path: /bin/agent}]
        tools:
          endpoints:
            - {host: mcp.example.com, port: 443, path: /mcp, protocol: mcp, enforcement: enforce,
               rules: [{allow: {method: "tools/list"}}]}
          binaries: [{path: /bin/agent}]
      """);

  private static Decision decide(NetworkRequest conn, String httpMethod, String path, JsonRpcRequest body) {
    // The revision the default mcp.versions admits (MCP endpoints check it, json-rpc ones ignore it).
    return P.decideRequest(L7Request.of(conn, httpMethod, path).withJsonRpc(body).withMcpProtocolVersion("2025-11-25"));
  }

  @Test
  void aResponseFrameOnJsonRpcIsAHardDenialEvenUnderAudit() {
    Decision d = decide(RPC, "POST", "/", JsonRpcRequest.responseOnly());
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("JSON-RPC response frames are not permitted from client to server", d.reason());
    NetworkRequest audited = NetworkRequest.of("audit-rpc.example.com", 443, "/bin/agent");
    Decision hard = decide(audited, "POST", "/", JsonRpcRequest.responseOnly());
    assertEquals(Optional.of(Enforcement.ENFORCE), hard.enforcement(), "audit never relaxes a hard denial");
    assertTrue(hard.blocks());
    // Neighbour: a call on the same endpoint is allowed.
    assertTrue(decide(RPC, "POST", "/", JsonRpcRequest.single(JsonRpcCall.of("eth_call"))).isAllowed());
  }

  @Test
  void aReceiveStreamOnJsonRpcIsNotAllowedButIsNoHardDenial() {
    Decision d = decide(RPC, "GET", "/", JsonRpcRequest.receiveStreamOnly());
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.reason().startsWith("JSON-RPC receive stream (no method) in a GET request not permitted by policy"),
        d.reason());
    NetworkRequest audited = NetworkRequest.of("audit-rpc.example.com", 443, "/bin/agent");
    Decision relaxed = decide(audited, "GET", "/", JsonRpcRequest.receiveStreamOnly());
    assertEquals(Verdict.DENY, relaxed.verdict());
    assertEquals(Optional.of(Enforcement.AUDIT), relaxed.enforcement(), "an ordinary denial: audit forwards it");
    assertFalse(relaxed.blocks());
  }

  @Test
  void mcpAllowsAResponseFrameInAPostOnly() {
    Decision ok = decide(MCP, "POST", "/mcp", JsonRpcRequest.responseOnly());
    assertTrue(ok.isAllowed());
    assertEquals(Optional.of("tools"), ok.matchedPolicy());
    Decision get = decide(MCP, "GET", "/mcp", JsonRpcRequest.responseOnly());
    assertEquals(Verdict.DENY, get.verdict());
    assertTrue(get.reason().startsWith("JSON-RPC response frame (no method) in a GET request"), get.reason());
    assertTrue(decide(MCP, "POST", "/mcp", JsonRpcRequest.batch(List.of(), true)).isAllowed(), "a batch of responses");
  }

  @Test
  void mcpAllowsAReceiveStreamOpenedWithAGetOnAMatchingEndpoint() {
    assertTrue(decide(MCP, "GET", "/mcp", JsonRpcRequest.receiveStreamOnly()).isAllowed());
    assertFalse(decide(MCP, "POST", "/mcp", JsonRpcRequest.receiveStreamOnly()).isAllowed(), "not a GET");
    assertFalse(decide(MCP, "get", "/mcp", JsonRpcRequest.receiveStreamOnly()).isAllowed(), "the method is exact");
    Decision elsewhere = decide(MCP, "GET", "/other", JsonRpcRequest.receiveStreamOnly());
    assertFalse(elsewhere.isAllowed(), "the endpoint's path selector must match");
  }

  @Test
  void aFrameWithNeitherMethodNorResponseNorStreamIsNeverAllowed() {
    JsonRpcRequest empty = JsonRpcRequest.batch(List.of(), false);
    Decision d = decide(MCP, "POST", "/mcp", empty);
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("JSON-RPC message without a method, response or receive stream not permitted by policy", d.reason());
  }

  @Test
  void anInspectionErrorIsAHardDenialOnBothProtocols() {
    Decision rpc = decide(RPC, "POST", "/", JsonRpcRequest.inspectionError("invalid JSON"));
    assertEquals("JSON-RPC request rejected: invalid JSON", rpc.reason());
    Decision mcp = decide(MCP, "GET", "/mcp", JsonRpcRequest.inspectionError("invalid JSON"));
    assertEquals("JSON-RPC request rejected: invalid JSON", mcp.reason());
    assertTrue(mcp.blocks());
  }
}
