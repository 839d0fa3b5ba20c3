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

/** Hand-picked GraphQL, JSON-RPC and MCP requests: the compiled matcher decides what the reference decides. */
class BodyProtocolsAgreementTest {

  static final String POLICY = """
      version: 1
      network_policies:
        gql:
          endpoints:
            - host: gql.example.com
              port: 443
              protocol: graphql
              enforcement: enforce
              persisted_queries: allow_registered
              graphql_persisted_queries:
                abc: {operation_type: query, operation_name: Viewer, fields: [viewer]}
                bad: {operation_type: mutation, operation_name: Drop, fields: [dropAll]}
              rules:
                - allow: {operation_type: query, fields: [viewer, "repo*"]}
                - allow: {operation_type: mutation, operation_name: "Create*"}
              deny_rules:
                - {operation_type: mutation, fields: ["delete*"]}
          binaries: [{path: /usr/bin/node}]
        rpc_a:
          endpoints:
            - {host: rpc.example.com, port: 8545, protocol: json-rpc, enforcement: enforce,
               rules: [{allow: {method: eth_call}}, {allow: {method: eth_chainId}}],
               deny_rules: [{method: eth_sendTransaction}]}
          binaries: [{path: /usr/bin/python3}]
        tools:
          endpoints:
            - host: mcp.example.com
              port: 443
              protocol: mcp
              enforcement: enforce
              rules:
                - allow: {method: tools/call, tool: "search_*"}
                - allow: {method: tools/list}
              deny_rules:
                - {method: tools/call, tool: "search_secret*"}
          binaries: [{path: /usr/bin/node}]
      """;

  static void agree(CompiledPolicy compiled, ReferenceMatcher reference, L7Request r) {
    ReferenceDecision expected = reference.decideRequest(r);
    Decision actual = compiled.decideRequest(r);
    assertEquals(expected.outcome(), ReferenceOutcome.of(actual), r + "\nreference: " + expected + "\ncompiled: " + actual);
    if (expected.outcome() == ReferenceOutcome.DENY) {
      assertEquals(expected.httpStatus(), actual.refusalStatus().map(RefusalStatus::httpStatus).orElse(0),
          r + "\nreference: " + expected + "\ncompiled: " + actual);
    }
  }

  /** MCP-Protocol-Version occurrences: none, admitted, known but not admitted, empty, padded, unknown, repeated. */
  static final List<List<String>> MCP_HEADERS = List.of(List.of(), List.of("2025-11-25"), List.of("2025-06-18"),
      List.of(""), List.of("\t2025-11-25 "), List.of("2026-01-01"), List.of("2025-11-25", "2025-11-25"));

  @Test
  void graphqlAndJsonRpc() throws PolicyCompileException {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(POLICY).value().orElseThrow();
    CompiledPolicy compiled = CompiledPolicy.compile(policy);
    ReferenceMatcher reference = ReferenceMatcher.of(policy);
    NetworkRequest gql = NetworkRequest.of("gql.example.com", 443, "/usr/bin/node");
    for (List<GraphqlOperation> ops : List.of(
        List.of(GraphqlOperation.of("query", "Q", List.of("viewer", "repository"))),
        List.of(GraphqlOperation.of("QUERY", "", List.of("viewer"))),
        List.of(GraphqlOperation.of("query", "Q", List.of("viewer", "secrets"))),
        List.of(GraphqlOperation.of("query", "Q", List.of())),
        List.of(GraphqlOperation.of("mutation", "CreateIssue", List.of("createIssue"))),
        List.of(GraphqlOperation.of("mutation", "UpdateIssue", List.of("updateIssue"))),
        List.of(GraphqlOperation.of("mutation", "CreateX", List.of("createX", "deleteAll"))),
        List.of(GraphqlOperation.of("query", "Q", List.of("viewer")), GraphqlOperation.of("subscription", "S", List.of("viewer"))),
        List.<GraphqlOperation>of(),
        List.of(GraphqlOperation.persisted("abc")),
        List.of(GraphqlOperation.persisted("nope")),
        List.of(GraphqlOperation.persisted("bad")))) {
      agree(compiled, reference, L7Request.of(gql, "POST", "/graphql").withGraphql(GraphqlRequest.of(ops)));
    }
    agree(compiled, reference, L7Request.of(gql, "POST", "/graphql").withGraphql(GraphqlRequest.parseError("unexpected }")));
    NetworkRequest rpc = NetworkRequest.of("rpc.example.com", 8545, "/usr/bin/python3");
    for (JsonRpcRequest body : List.of(
        JsonRpcRequest.single(JsonRpcCall.of("eth_call")),
        JsonRpcRequest.single(JsonRpcCall.of("eth_sign")),
        JsonRpcRequest.single(JsonRpcCall.of("eth_sendTransaction")),
        JsonRpcRequest.batch(List.of(JsonRpcCall.of("eth_call"), JsonRpcCall.of("eth_chainId")), false),
        JsonRpcRequest.batch(List.of(JsonRpcCall.of("eth_call"), JsonRpcCall.of("eth_sign")), false),
        JsonRpcRequest.responseOnly(),
        JsonRpcRequest.receiveStreamOnly(),
        JsonRpcRequest.batch(List.of(), false),
        JsonRpcRequest.inspectionError("not JSON"))) {
      agree(compiled, reference, L7Request.of(rpc, "POST", "/").withJsonRpc(body));
      agree(compiled, reference, L7Request.of(rpc, "GET", "/").withJsonRpc(body));
    }
    NetworkRequest mcp = NetworkRequest.of("mcp.example.com", 443, "/usr/bin/node");
    for (JsonRpcRequest body : List.of(
        JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("search_web")),
        JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("write_file")),
        JsonRpcRequest.single(JsonRpcCall.of("tools/call")),
        JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("search_secrets")),
        JsonRpcRequest.single(JsonRpcCall.of("tools/list")),
        JsonRpcRequest.single(JsonRpcCall.of("initialize")),
        JsonRpcRequest.batch(List.of(JsonRpcCall.of("initialize")), false),
        JsonRpcRequest.batch(List.of(JsonRpcCall.of("tools/list"), JsonRpcCall.of("resources/read")), false),
        JsonRpcRequest.responseOnly(),
        JsonRpcRequest.receiveStreamOnly(),
        JsonRpcRequest.batch(List.of(), true),
        JsonRpcRequest.batch(List.of(), false),
        JsonRpcRequest.inspectionError("bad"))) {
      for (List<String> headers : MCP_HEADERS) {
        agree(compiled, reference, L7Request.of(mcp, "POST", "/mcp").withJsonRpc(body)
            .withMcpProtocolVersionHeaders(headers));
        agree(compiled, reference, L7Request.of(mcp, "GET", "/mcp").withJsonRpc(body)
            .withMcpProtocolVersionHeaders(headers));
      }
    }
  }
}
