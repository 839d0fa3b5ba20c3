package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * §3.2 step 2, §3.10, §6 rule 13: a U+0000 in a request field that some glob of an evaluated endpoint reads makes
 * the whole request decision an {@link Verdict#ERROR}, whichever rule or value decided first; fields no glob reads
 * are compared as they are.
 */
class NulFailsClosedTest {
  private static final NetworkRequest CONN = NetworkRequest.of("api.example.com", 443, "/usr/bin/curl");

  private static CompiledPolicy endpoint(String yaml) {
    return TestPolicies.runtime(TestPolicies.oneEndpoint("api", "api.example.com", "/usr/bin/curl", yaml));
  }

  private static Decision get(CompiledPolicy p, String path, Map<String, List<String>> query) {
    return p.decideRequest(L7Request.of(CONN, "GET", path).withQuery(query));
  }

  private static void assertFailsClosed(Decision d, String field) {
    assertEquals(Verdict.ERROR, d.verdict(), d.toString());
    assertTrue(d.blocks(), d.toString());
    assertTrue(d.reason().startsWith("evaluation error: " + field + " contains U+0000"), d.reason());
    assertTrue(d.reason().endsWith("the decision fails closed"), d.reason());
  }

  /** An audit endpoint whose deny rule fires on the first value: before the fix an audited (forwarded) DENY. */
  @Test
  void nulAfterAValueThatMatchedADenyRuleErrs() {
    CompiledPolicy p = endpoint("""
        protocol: rest
        rules: [{allow: {method: POST, path: /x}}]
        deny_rules: [{method: GET, path: "/**", query: {q: {any: [v1.2, "2"]}}}]
        """);
    Decision firstMatches = get(p, "/", Map.of("q", List.of("v1.2")));
    assertEquals(Verdict.DENY, firstMatches.verdict(), "the deny rule fires without the NUL");
    assertFailsClosed(get(p, "/", Map.of("q", List.of("v1.2", "v\0"))), "value 2 of query parameter 'q'");
    assertFailsClosed(get(p, "/", Map.of("q", List.of("\0", "v1.2"))), "value 1 of query parameter 'q'");
  }

  /** A rule without query allows first; a later rule would read the NUL value. Before the fix an ALLOW. */
  @Test
  void nulSeenOnlyByALaterAllowRuleErrs() {
    CompiledPolicy p = endpoint("""
        protocol: rest
        rules:
          - allow: {method: "*", path: "/**"}
          - allow: {method: OPTIONS, path: "/orgs/users/*", query: {format: a b}}
        """);
    assertTrue(get(p, "/a", Map.of("format", List.of("v"))).isAllowed());
    assertFailsClosed(get(p, "/a", Map.of("format", List.of("v\0"))), "value 1 of query parameter 'format'");
  }

  /**
   * A raw U+0000 can never be in a canonical path (spec §3.6 step 1), and the request decision canonicalizes the
   * path itself (issue 19), so a NUL in the path is a blocking rejection whether or not a glob reads the path.
   */
  @Test
  void nulInAPathIsRejectedBeforeAnyGlobReadsIt() {
    CompiledPolicy globbed = endpoint("""
        protocol: rest
        enforcement: enforce
        rules:
          - allow: {method: GET, path: "**"}
          - allow: {method: POST, path: "/v1/*"}
        """);
    CompiledPolicy everyPath = endpoint("""
        protocol: rest
        rules: [{allow: {method: GET, path: "**"}}]
        """);
    for (CompiledPolicy p : List.of(globbed, everyPath)) {
      Decision d = get(p, "/v1/a\0b", Map.of());
      assertEquals(Verdict.DENY, d.verdict(), d.toString());
      assertTrue(d.blocks(), d.toString());
      assertTrue(d.reason().startsWith("request path rejected (control_character)"), d.reason());
    }
  }

  @Test
  void fieldsNoGlobReadsAreNotErrors() {
    CompiledPolicy p = endpoint("""
        protocol: rest
        enforcement: enforce
        rules: [{allow: {method: GET, path: "/**", query: {q: "*"}}}]
        """);
    // A value of a key no rule constrains, and a NUL in a key: looked up by equality, never globbed.
    assertTrue(get(p, "/a", Map.of("q", List.of("v"), "other", List.of("\0"))).isAllowed());
    Decision nulKey = get(p, "/a", Map.of("q", List.of("v"), "q\0", List.of("x")));
    assertTrue(nulKey.isAllowed(), nulKey.toString());
    // The REST method is compared, not globbed: a NUL method simply matches nothing.
    Decision method = p.decideRequest(L7Request.of(CONN, "G\0ET", "/a").withQuery(Map.of("q", List.of("v"))));
    assertEquals(Verdict.DENY, method.verdict(), method.toString());
  }

  @Test
  void nulInAQueryValueOfAnotherEndpointsRuleErrs() {
    // Two endpoints on the same host:port; the one with the query rule is evaluated too (deny/allow over all).
    CompiledPolicy p = TestPolicies.runtime("""
        network_policies:
          a:
            endpoints:
              - {host: api.example.com, port: 443, protocol: rest, access: full}
            binaries: [{path: /usr/bin/curl}]
          b:
            endpoints:
              - host: api.example.com
                port: 443
                rules: [{allow: {method: GET, path: "/**", query: {tag: "v*"}}}]
            binaries: [{path: /usr/bin/curl}]
        """);
    assertTrue(get(p, "/a", Map.of("tag", List.of("x"))).isAllowed());
    assertFailsClosed(get(p, "/a", Map.of("tag", List.of("x", "\0"))), "value 2 of query parameter 'tag'");
  }

  @Test
  void nulInALaterGraphqlOperationErrs() {
    CompiledPolicy p = endpoint("""
        protocol: graphql
        enforcement: enforce
        rules: [{allow: {operation_type: query, operation_name: "Get*", fields: [viewer]}}]
        """);
    Decision name = p.decideRequest(L7Request.of(CONN, "POST", "/graphql").withGraphql(GraphqlRequest.of(List.of(
        GraphqlOperation.of("mutation", "Drop", List.of("viewer")),
        GraphqlOperation.of("query", "Get\0", List.of("viewer"))))));
    assertFailsClosed(name, "the name of GraphQL operation 2");
    Decision field = p.decideRequest(L7Request.of(CONN, "POST", "/graphql").withGraphql(GraphqlRequest.of(List.of(
        GraphqlOperation.of("query", "GetA", List.of("viewer", "x\0"))))));
    assertFailsClosed(field, "root field 2 of GraphQL operation 1");
  }

  @Test
  void mcpMethodsAndLooseToolNamesErr() {
    String rules = """
        protocol: mcp
        enforcement: enforce
        rules: [{allow: {method: tools/call, tool: "get_*"}}]
        deny_rules: [{method: "tools/*", tool: "drop*"}]
        """;
    JsonRpcRequest badMethod = JsonRpcRequest.batch(List.of(
        JsonRpcCall.of("tools/call").withParamsName("drop_all"), JsonRpcCall.of("tools/\0")), false);
    Decision method = endpoint(rules).decideRequest(L7Request.of(CONN, "POST", "/mcp").withJsonRpc(badMethod).withMcpProtocolVersion("2025-11-25"));
    assertFailsClosed(method, "the method of JSON-RPC call 2");

    JsonRpcRequest badName = JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("get_\0"));
    Decision loose = endpoint(rules + "mcp: {strict_tool_names: false}\n")
        .decideRequest(L7Request.of(CONN, "POST", "/mcp").withJsonRpc(badName).withMcpProtocolVersion("2025-11-25"));
    assertFailsClosed(loose, "params.name of JSON-RPC call 1");
    // strict_tool_names refuses the name before any glob sees it (as upstream): a denial, not an error.
    Decision strict = endpoint(rules).decideRequest(L7Request.of(CONN, "POST", "/mcp").withJsonRpc(badName).withMcpProtocolVersion("2025-11-25"));
    assertEquals(Verdict.DENY, strict.verdict(), strict.toString());
  }

  @Test
  void jsonRpcMethodsAreComparedExactlySoANulIsNoError() {
    CompiledPolicy p = endpoint("""
        protocol: json-rpc
        enforcement: enforce
        rules: [{allow: {method: "eth_call"}}]
        """);
    Decision d = p.decideRequest(
        L7Request.of(CONN, "POST", "/rpc").withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("eth_\0call"))));
    assertEquals(Verdict.DENY, d.verdict(), d.toString());
  }
}
