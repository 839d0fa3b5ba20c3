package dev.sandboxpolicy.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference matcher's GraphQL (§3.7) and JSON-RPC (§3.8) decisions, from the spec's rules. */
class ReferenceBodyProtocolsTest {

  static final String GRAPHQL = """
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
      """;

  static final NetworkRequest GQL = NetworkRequest.of("gql.example.com", 443, "/usr/bin/node");

  static ReferenceOutcome gql(GraphqlOperation... ops) {
    ReferenceMatcher r = ReferenceMatcher.of(PolicyReader.of(ReadMode.STRICT).readPolicy(GRAPHQL).value().orElseThrow());
    return r.decideRequest(L7Request.of(GQL, "POST", "/graphql").withGraphql(GraphqlRequest.of(List.of(ops)))).outcome();
  }

  @Test
  void graphqlOperations() {
    assertEquals(ReferenceOutcome.ALLOW, gql(GraphqlOperation.of("query", "Q", List.of("viewer", "repository"))));
    assertEquals(ReferenceOutcome.ALLOW, gql(GraphqlOperation.of("QUERY", "", List.of("viewer"))), "type is case-insensitive");
    assertEquals(ReferenceOutcome.DENY, gql(GraphqlOperation.of("query", "Q", List.of("viewer", "secrets"))), "every field");
    assertEquals(ReferenceOutcome.DENY, gql(GraphqlOperation.of("query", "Q", List.of())), "fields rule needs a field");
    assertEquals(ReferenceOutcome.ALLOW, gql(GraphqlOperation.of("mutation", "CreateIssue", List.of("createIssue"))));
    assertEquals(ReferenceOutcome.DENY, gql(GraphqlOperation.of("mutation", "UpdateIssue", List.of("updateIssue"))));
    assertEquals(ReferenceOutcome.DENY, gql(GraphqlOperation.of("mutation", "CreateX", List.of("createX", "deleteAll"))), "deny: any field");
    assertEquals(ReferenceOutcome.DENY, gql(GraphqlOperation.of("query", "Q", List.of("viewer")),
        GraphqlOperation.of("subscription", "S", List.of("viewer"))), "every operation");
    assertEquals(ReferenceOutcome.DENY, gql(), "at least one operation");
    assertEquals(ReferenceOutcome.ALLOW, gql(GraphqlOperation.persisted("abc")), "registered hash");
    assertEquals(ReferenceOutcome.DENY, gql(GraphqlOperation.persisted("nope")), "unregistered hash");
    assertEquals(ReferenceOutcome.DENY, gql(GraphqlOperation.persisted("bad")), "registered but not allowed");
  }

  @Test
  void graphqlParseErrorIsAHardDenial() {
    String audit = GRAPHQL.replace("enforcement: enforce", "enforcement: audit");
    ReferenceMatcher r = ReferenceMatcher.of(PolicyReader.of(ReadMode.STRICT).readPolicy(audit).value().orElseThrow());
    L7Request bad = L7Request.of(GQL, "POST", "/graphql").withGraphql(GraphqlRequest.parseError("unexpected }"));
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(bad).outcome(), "not relaxed by audit");
    L7Request denied = L7Request.of(GQL, "POST", "/graphql")
        .withGraphql(GraphqlRequest.of(List.of(GraphqlOperation.of("subscription", "S", List.of("x")))));
    assertEquals(ReferenceOutcome.AUDIT, r.decideRequest(denied).outcome());
  }

  static final String RPC = """
      version: 1
      network_policies:
        rpc_a:
          endpoints:
            - {host: rpc.example.com, port: 8545, protocol: json-rpc, enforcement: enforce,
               rules: [{allow: {method: eth_call}}, {allow: {method: "net_*"}}],
               deny_rules: [{method: eth_sendTransaction}]}
          binaries: [{path: /usr/bin/python3}]
        rpc_b:
          endpoints:
            - {host: rpc.example.com, port: 8545, protocol: json-rpc, enforcement: enforce,
               rules: [{allow: {method: eth_blockNumber}}]}
          binaries: [{path: /usr/bin/python3}]
      """;

  static ReferenceOutcome rpc(String httpMethod, JsonRpcRequest body) {
    ReferenceMatcher r = ReferenceMatcher.of(PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(RPC).value().orElseThrow());
    return r.decideRequest(L7Request.of(NetworkRequest.of("rpc.example.com", 8545, "/usr/bin/python3"), httpMethod, "/")
        .withJsonRpc(body)).outcome();
  }

  @Test
  void jsonRpcCalls() {
    assertEquals(ReferenceOutcome.ALLOW, rpc("POST", JsonRpcRequest.single(JsonRpcCall.of("eth_call"))));
    assertEquals(ReferenceOutcome.DENY, rpc("GET", JsonRpcRequest.single(JsonRpcCall.of("eth_call"))), "only POST");
    assertEquals(ReferenceOutcome.DENY, rpc("POST", JsonRpcRequest.single(JsonRpcCall.of("net_version"))), "globs are literal");
    assertEquals(ReferenceOutcome.ALLOW, rpc("POST", JsonRpcRequest.single(JsonRpcCall.of("net_*"))));
    assertEquals(ReferenceOutcome.ALLOW, rpc("POST", JsonRpcRequest.batch(
        List.of(JsonRpcCall.of("eth_call"), JsonRpcCall.of("eth_blockNumber")), false)), "each call on its own");
    assertEquals(ReferenceOutcome.DENY, rpc("POST", JsonRpcRequest.batch(
        List.of(JsonRpcCall.of("eth_call"), JsonRpcCall.of("eth_sign")), false)), "any denied call denies the batch");
    assertEquals(ReferenceOutcome.DENY, rpc("POST", JsonRpcRequest.single(JsonRpcCall.of("eth_sendTransaction"))), "deny rule");
    assertEquals(ReferenceOutcome.DENY, rpc("POST", JsonRpcRequest.responseOnly()), "response frames");
    assertEquals(ReferenceOutcome.DENY, rpc("GET", JsonRpcRequest.receiveStreamOnly()), "no receive stream on json-rpc");
    assertEquals(ReferenceOutcome.DENY, rpc("POST", JsonRpcRequest.batch(List.of(), false)), "no method, nothing else");
    assertEquals(ReferenceOutcome.DENY, rpc("POST", JsonRpcRequest.inspectionError("not JSON")), "inspection error");
  }

  static final String MCP = """
      version: 1
      network_policies:
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

  static ReferenceOutcome mcp(String httpMethod, JsonRpcRequest body) {
    return mcp(httpMethod, body, List.of("2025-11-25")).outcome(); // the revision the default mcp.versions admits
  }

  static ReferenceDecision mcp(String httpMethod, JsonRpcRequest body, List<String> versionHeaders) {
    ReferenceMatcher r = ReferenceMatcher.of(PolicyReader.of(ReadMode.STRICT).readPolicy(MCP).value().orElseThrow());
    return r.decideRequest(L7Request.of(NetworkRequest.of("mcp.example.com", 443, "/usr/bin/node"), httpMethod, "/mcp")
        .withJsonRpc(body).withMcpProtocolVersionHeaders(versionHeaders));
  }

  @Test
  void mcpProtocolVersions() {
    JsonRpcRequest list = JsonRpcRequest.single(JsonRpcCall.of("tools/list"));
    ReferenceDecision ok = mcp("POST", list, List.of("2025-11-25"));
    assertEquals(ReferenceOutcome.ALLOW, ok.outcome());
    assertEquals(0, ok.httpStatus());
    ReferenceDecision padded = mcp("POST", list, List.of(" 2025-11-25\t"));
    assertEquals(ReferenceOutcome.ALLOW, padded.outcome(), "spaces and tabs around the value");
    ReferenceDecision headerless = mcp("POST", list, List.of());
    assertEquals(ReferenceOutcome.DENY, headerless.outcome(), "2025-03-26 is not in the default [2025-11-25]");
    assertEquals(403, headerless.httpStatus());
    ReferenceDecision other = mcp("POST", list, List.of("2025-06-18"));
    assertEquals(403, other.httpStatus());
    for (List<String> bad : List.of(List.of(""), List.of("draft"), List.of("2025-11-25", "2025-11-25"), List.of("2025-11-25\n"))) {
      ReferenceDecision d = mcp("POST", list, bad);
      assertEquals(ReferenceOutcome.DENY, d.outcome(), bad::toString);
      assertEquals(400, d.httpStatus(), bad::toString);
    }
    JsonRpcRequest init = JsonRpcRequest.single(JsonRpcCall.of("initialize"));
    assertEquals(ReferenceOutcome.DENY, mcp("POST", init, List.of()).outcome(), "exempt from the version, not the rules");
    assertEquals(ReferenceOutcome.DENY, mcp("GET", JsonRpcRequest.receiveStreamOnly(), List.of()).outcome(), "every method");
    assertEquals(ReferenceOutcome.ALLOW, mcp("GET", JsonRpcRequest.receiveStreamOnly(), List.of("2025-11-25")).outcome());
  }

  @Test
  void aStandaloneInitializeIsExemptFromTheVersionCheck() {
    String yaml = """
        version: 1
        network_policies:
          tools:
            endpoints:
              - {host: mcp.example.com, port: 443, protocol: mcp, enforcement: enforce,
                 rules: [{allow: {method: initialize}}]}
            binaries: [{path: /usr/bin/node}]
        """;
    ReferenceMatcher r = ReferenceMatcher.of(PolicyReader.of(ReadMode.STRICT).readPolicy(yaml).value().orElseThrow());
    NetworkRequest conn = NetworkRequest.of("mcp.example.com", 443, "/usr/bin/node");
    L7Request single = L7Request.of(conn, "POST", "/mcp").withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("initialize")));
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(single).outcome());
    L7Request batched = L7Request.of(conn, "POST", "/mcp")
        .withJsonRpc(JsonRpcRequest.batch(List.of(JsonRpcCall.of("initialize")), false));
    assertEquals(ReferenceOutcome.DENY, r.decideRequest(batched).outcome(), "a batch is not standalone");
    assertEquals(ReferenceOutcome.ALLOW, r.decideRequest(batched.withMcpProtocolVersion("2025-11-25")).outcome());
  }

  @Test
  void mcpCalls() {
    assertEquals(ReferenceOutcome.ALLOW, mcp("POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("search_web"))));
    assertEquals(ReferenceOutcome.DENY, mcp("POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("write_file"))));
    assertEquals(ReferenceOutcome.DENY, mcp("POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call"))), "params.name required");
    assertEquals(ReferenceOutcome.DENY, mcp("POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("search_secrets"))), "deny");
    assertEquals(ReferenceOutcome.ALLOW, mcp("POST", JsonRpcRequest.single(JsonRpcCall.of("tools/list"))));
    assertEquals(ReferenceOutcome.DENY, mcp("GET", JsonRpcRequest.single(JsonRpcCall.of("tools/list"))), "only POST");
    assertEquals(ReferenceOutcome.DENY, mcp("POST", JsonRpcRequest.batch(
        List.of(JsonRpcCall.of("tools/list"), JsonRpcCall.of("resources/read")), false)), "any call denies the batch");
    assertEquals(ReferenceOutcome.ALLOW, mcp("POST", JsonRpcRequest.responseOnly()), "responses are allowed");
    assertEquals(ReferenceOutcome.ALLOW, mcp("GET", JsonRpcRequest.receiveStreamOnly()), "receive streams are allowed");
    assertEquals(ReferenceOutcome.DENY, mcp("GET", JsonRpcRequest.responseOnly()), "responses only in a POST");
    assertEquals(ReferenceOutcome.DENY, mcp("POST", JsonRpcRequest.receiveStreamOnly()), "receive streams only in a GET");
    assertEquals(ReferenceOutcome.DENY, mcp("POST", JsonRpcRequest.batch(List.of(), false)), "no method, nothing else");
    assertEquals(ReferenceOutcome.DENY, mcp("POST", JsonRpcRequest.inspectionError("bad")), "inspection error");
    assertEquals(ReferenceOutcome.UNSUPPORTED, mcp("POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("bad name!"))),
        "strict tool-name violations are not modelled");
  }
}
