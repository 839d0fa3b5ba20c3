package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GraphQL (§3.7), JSON-RPC and MCP (§3.8), §6 rules 4 and 14. */
class ProtocolDecisionTest {
  private static final NetworkRequest CONN = NetworkRequest.of("svc.example.com", 443, "/bin/agent");

  /** Runtime semantics: several policies here are rejected by the strict validator but evaluated upstream. */
  private static CompiledPolicy endpoint(String yaml) {
    return TestPolicies.runtime(TestPolicies.oneEndpoint("svc", "svc.example.com", "/bin/agent", yaml));
  }

  private static Decision gql(CompiledPolicy p, GraphqlOperation... ops) {
    return p.decideRequest(L7Request.of(CONN, "POST", "/graphql").withGraphql(GraphqlRequest.of(List.of(ops))));
  }

  private static Decision rpc(CompiledPolicy p, String httpMethod, JsonRpcRequest body) {
    // The revision the default mcp.versions admits (MCP endpoints check it, json-rpc ones ignore it).
    return p.decideRequest(L7Request.of(CONN, httpMethod, "/rpc").withJsonRpc(body).withMcpProtocolVersion("2025-11-25"));
  }

  private static final String GQL = """
      protocol: graphql
      enforcement: enforce
      rules:
        - allow: {operation_type: query, operation_name: "Get*", fields: ["repo*", viewer]}
        - allow: {operation_type: mutation, operation_name: AddStar}
      deny_rules:
        - {operation_type: query, fields: [secret*]}
      """;

  @Test
  void graphqlEveryOperationAndEverySelectedFieldMustBeAllowed() {
    CompiledPolicy p = endpoint(GQL);
    assertTrue(gql(p, GraphqlOperation.of("query", "GetRepo", List.of("repository", "viewer"))).isAllowed());
    assertTrue(gql(p, GraphqlOperation.of("QUERY", "GetRepo", List.of("viewer"))).isAllowed()); // type ignores case
    assertFalse(gql(p, GraphqlOperation.of("query", "GetRepo", List.of("viewer", "org"))).isAllowed());
    assertFalse(gql(p, GraphqlOperation.of("query", "GetRepo", List.of())).isAllowed()); // needs >= 1 field
    assertFalse(gql(p, GraphqlOperation.of("query", "ListRepos", List.of("viewer"))).isAllowed());
    assertTrue(gql(p, GraphqlOperation.of("mutation", "AddStar", List.of("anything"))).isAllowed());
    // One disallowed operation in the request denies it.
    Decision mixed = gql(p, GraphqlOperation.of("mutation", "AddStar", List.of()),
        GraphqlOperation.of("mutation", "DeleteRepo", List.of()));
    assertEquals("GraphQL operation not permitted by policy", mixed.reason());
    assertFalse(gql(p).isAllowed()); // no operation
  }

  @Test
  void graphqlNamesUseTheDotGrammar() {
    CompiledPolicy p = endpoint("protocol: graphql\nrules: [{allow: {operation_type: query, operation_name: \"*\"}}]\n");
    assertTrue(gql(p, GraphqlOperation.of("query", "a", List.of())).isAllowed());
    assertFalse(gql(p, GraphqlOperation.of("query", "a.b", List.of())).isAllowed());
  }

  @Test
  void graphqlDenyFiresOnAnySelectedField() {
    Decision d = gql(endpoint(GQL), GraphqlOperation.of("query", "GetRepo", List.of("repository", "secretKeys")));
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("GraphQL operation blocked by endpoint policy", d.reason());
    assertEquals("/network_policies/svc/endpoints/0/deny_rules/0", d.rulePointer());
  }

  @Test
  void graphqlPersistedQueries() {
    String registry = GQL + """
        persisted_queries: allow_registered
        graphql_persisted_queries:
          abc123: {operation_type: query, operation_name: GetRepo, fields: [viewer]}
        """;
    assertTrue(gql(endpoint(registry), GraphqlOperation.persisted("abc123")).isAllowed());
    assertEquals("GraphQL persisted query is not registered",
        gql(endpoint(registry), GraphqlOperation.persisted("zzz")).reason());
    // Without allow_registered the registry is not consulted.
    assertEquals("GraphQL persisted query is not registered",
        gql(endpoint(GQL + "graphql_persisted_queries:\n  abc123: {operation_type: query, operation_name: GetRepo}\n"),
            GraphqlOperation.persisted("abc123")).reason());
  }

  @Test
  void graphqlParseErrorIsAHardDenial() {
    CompiledPolicy p = endpoint("protocol: graphql\naccess: full\n");
    Decision d = p.decideRequest(L7Request.of(CONN, "POST", "/graphql")
        .withGraphql(GraphqlRequest.parseError("Syntax Error")));
    assertEquals("GraphQL request rejected: Syntax Error", d.reason());
    assertTrue(d.blocks()); // even though the endpoint audits
  }

  @Test
  void graphqlEndpointIsAuthoritativeOverRestRulesElsewhere() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          a-rest:
            endpoints: [{host: svc.example.com, port: 443, access: full}]
            binaries: [{path: /bin/agent}]
          b-gql:
            endpoints: [{host: svc.example.com, port: 443, protocol: graphql, access: read-only}]
            binaries: [{path: /bin/agent}]
        """);
    assertTrue(gql(p, GraphqlOperation.of("query", "Q", List.of("x"))).isAllowed());
    Decision m = gql(p, GraphqlOperation.of("mutation", "M", List.of("x")));
    assertEquals(Verdict.DENY, m.verdict());
    assertEquals("GraphQL operation not permitted by policy", m.reason());
  }

  @Test
  void graphqlAccessPresets() {
    CompiledPolicy rw = endpoint("protocol: graphql\naccess: read-write\n");
    assertTrue(gql(rw, GraphqlOperation.of("mutation", "M", List.of("x"))).isAllowed());
    assertFalse(gql(rw, GraphqlOperation.of("subscription", "S", List.of("x"))).isAllowed());
    assertTrue(gql(endpoint("protocol: graphql\naccess: full\n"),
        GraphqlOperation.of("subscription", "S", List.of("x"))).isAllowed());
  }

  @Test
  void websocketEndpointWithGraphqlPolicyJudgesClassifiedMessagesByItsGraphqlRules() {
    CompiledPolicy p = endpoint("""
        protocol: websocket
        rules:
          - allow: {method: GET, path: /graphql}
          - allow: {method: WEBSOCKET_TEXT, path: /graphql}
          - allow: {operation_type: query}
        """);
    L7Request text = L7Request.of(CONN, "WEBSOCKET_TEXT", "/graphql");
    assertTrue(p.decideRequest(text).isAllowed()); // an unclassified text frame
    assertTrue(p.decideRequest(text.withGraphql(GraphqlRequest.of(List.of(
        GraphqlOperation.of("query", "Q", List.of("x")))))).isAllowed());
    // The generic WEBSOCKET_TEXT rule cannot admit a GraphQL mutation.
    Decision m = p.decideRequest(text.withGraphql(GraphqlRequest.of(List.of(
        GraphqlOperation.of("mutation", "M", List.of("x"))))));
    assertEquals("GraphQL operation not permitted by policy", m.reason());
    assertTrue(p.decideRequest(text.withGraphql(GraphqlRequest.lifecycleMessage())).isAllowed());
  }

  private static final String JSON_RPC = """
      protocol: json-rpc
      rules:
        - allow: {method: "reports.*"}
        - allow: {method: getStatus}
      deny_rules:
        - {method: shutdown}
      """;

  @Test
  void rule14JsonRpcMethodsAreExactStringsAndOnlyPostIsAllowed() {
    CompiledPolicy p = endpoint(JSON_RPC);
    assertTrue(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("getStatus"))).isAllowed());
    assertFalse(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("reports.daily"))).isAllowed());
    assertTrue(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("reports.*"))).isAllowed());
    assertFalse(rpc(p, "GET", JsonRpcRequest.single(JsonRpcCall.of("getStatus"))).isAllowed());
    // REST-shaped requests never match a json-rpc endpoint.
    assertFalse(endpoint("protocol: json-rpc\naccess: full\n").decideRequest(L7Request.of(CONN, "GET", "/")).isAllowed());
  }

  @Test
  void rule14BatchIsDeniedIfAnyCallIs() {
    CompiledPolicy p = endpoint(JSON_RPC);
    assertTrue(rpc(p, "POST", JsonRpcRequest.batch(
        List.of(JsonRpcCall.of("getStatus"), JsonRpcCall.of("reports.*")), false)).isAllowed());
    assertFalse(rpc(p, "POST", JsonRpcRequest.batch(
        List.of(JsonRpcCall.of("getStatus"), JsonRpcCall.of("other")), false)).isAllowed());
    Decision deny = rpc(p, "POST", JsonRpcRequest.batch(
        List.of(JsonRpcCall.of("getStatus"), JsonRpcCall.of("shutdown")), false));
    assertEquals(Optional.of("svc"), deny.matchedPolicy());
    assertTrue(deny.reason().contains("shutdown"), deny.reason());
  }

  @Test
  void jsonRpcResponseFramesAreAHardDenial() {
    Decision d = rpc(endpoint(JSON_RPC), "POST", JsonRpcRequest.responseOnly());
    assertEquals("JSON-RPC response frames are not permitted from client to server", d.reason());
    assertTrue(d.blocks());
  }

  private static final String MCP = """
      protocol: mcp
      rules:
        - allow: {method: "tools/*"}
        - allow: {method: initialize}
        - allow: {method: tools/call, tool: "github_*"}
      deny_rules:
        - {method: tools/call, tool: "github_delete*"}
      """;

  @Test
  void rule14McpMethodsAreDotGrammarGlobsAndToolsMatchParamsName() {
    CompiledPolicy p = endpoint(MCP);
    assertTrue(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/list"))).isAllowed());
    assertTrue(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("any")))
        .isAllowed()); // tools/* has no tool constraint
    assertFalse(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/a.b"))).isAllowed());
    Decision deny = rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("github_delete_repo")));
    assertEquals(Verdict.DENY, deny.verdict());
    assertEquals("/network_policies/svc/endpoints/0/deny_rules/0", deny.rulePointer());
    // A deny with a tool constraint never fires without a string params.name.
    assertTrue(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call"))).isAllowed());
  }

  @Test
  void mcpToolRuleNeedsAStringName() {
    CompiledPolicy p = endpoint("protocol: mcp\nrules: [{allow: {method: tools/call, tool: \"*\"}}]\n");
    assertFalse(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call"))).isAllowed());
    assertTrue(rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("x"))).isAllowed());
    // Strict tool names (default on): invalid names are refused before evaluation.
    Decision bad = rpc(p, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("a b")));
    assertFalse(bad.isAllowed());
    CompiledPolicy lax = endpoint("protocol: mcp\nmcp: {strict_tool_names: false}\n"
        + "rules: [{allow: {method: tools/call, tool: \"*\"}}]\n");
    assertTrue(rpc(lax, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("a b"))).isAllowed());
  }

  @Test
  void mcpAllowAllKnownMethods() {
    CompiledPolicy all = endpoint("protocol: mcp\nmcp: {allow_all_known_mcp_methods: true}\n");
    assertTrue(rpc(all, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("x"))).isAllowed());
    CompiledPolicy narrowed = endpoint("""
        protocol: mcp
        mcp: {allow_all_known_mcp_methods: true}
        rules: [{allow: {tool: "safe_*"}}]
        """);
    assertTrue(rpc(narrowed, "POST", JsonRpcRequest.single(JsonRpcCall.of("resources/list"))).isAllowed());
    assertTrue(rpc(narrowed, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("safe_x")))
        .isAllowed());
    assertFalse(rpc(narrowed, "POST", JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("rm_x")))
        .isAllowed());
  }

  @Test
  void mcpResponsesAndReceiveStreamsAreAllowedOnAMatchingEndpoint() {
    CompiledPolicy p = endpoint(MCP);
    assertTrue(rpc(p, "POST", JsonRpcRequest.responseOnly()).isAllowed());
    assertTrue(rpc(p, "GET", JsonRpcRequest.receiveStreamOnly()).isAllowed());
  }
}
