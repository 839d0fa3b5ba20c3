package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CompiledPolicy#trace}: every item a request matched, not only the deciding one. */
class MatchTraceTest {

  private static final String POLICY = """
      network_policies:
        zeta:
          endpoints:
            - host: api.github.com
              port: 443
          binaries:
            - path: /usr/bin/gh
            - path: /usr/bin/git
        github:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: GET, path: /repos/**}
                - allow: {method: GET, path: /**}
                - allow: {method: POST, path: /repos/*/issues}
              deny_rules:
                - method: GET
                  path: /repos/*/secrets
            - host: uploads.github.com
              port: 443
              protocol: rest
              access: read-only
          binaries:
            - path: /usr/bin/gh
            - path: /usr/local/bin/*
      """;

  private static final String GH = "/network_policies/github";
  private static final String ZETA = "/network_policies/zeta";

  private static L7Request get(String host, String path, String binary) {
    return L7Request.of(NetworkRequest.of(host, 443, binary), "GET", path);
  }

  @Test
  void aConnectionMatchesEveryEntryEndpointAndBinaryThatAllowsIt() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    MatchTrace t = p.trace(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
    assertEquals(p.decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh")).rulePointer(),
        t.decision().rulePointer());
    // Both entries allow; the decision names only the smallest key (github), the trace names both.
    assertEquals(Set.of(GH, GH + "/endpoints/0", GH + "/binaries/0", ZETA, ZETA + "/endpoints/0", ZETA + "/binaries/0"),
        t.matched());
  }

  @Test
  void aBinaryMatchesThroughAnAncestorOrAGlobAndOnlyWhereAnEndpointMatched() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    MatchTrace viaAncestor = p.trace(
        NetworkRequest.of("api.github.com", 443, "/usr/bin/python3").withAncestors(List.of("/usr/bin/git")));
    assertEquals(Set.of(ZETA, ZETA + "/endpoints/0", ZETA + "/binaries/1"), viaAncestor.matched());
    MatchTrace viaGlob = p.trace(NetworkRequest.of("uploads.github.com", 443, "/usr/local/bin/gh"));
    assertEquals(Set.of(GH, GH + "/endpoints/1", GH + "/binaries/1"), viaGlob.matched());
  }

  @Test
  void aDeniedBinaryIsNotMatchedButTheEndpointIsNotEitherAndTheRefusalStillTraces() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    MatchTrace t = p.trace(NetworkRequest.of("api.github.com", 443, "/usr/bin/curl"));
    assertEquals(Verdict.DENY, t.decision().verdict());
    assertEquals(Set.of(), t.matched());
  }

  @Test
  void endpointOnlyModeMatchesEndpointsButNoBinary() {
    CompiledPolicy p = TestPolicies.compile(POLICY, MatcherOptions.defaults().withBinaryIdentity(false));
    MatchTrace t = p.trace(NetworkRequest.of("uploads.github.com", 443, "/anything"));
    assertEquals(Set.of(GH, GH + "/endpoints/1"), t.matched());
  }

  @Test
  void everyMatchingRuleIsMatchedNotOnlyTheFirst() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    MatchTrace t = p.trace(get("api.github.com", "/repos/acme/x", "/usr/bin/gh"));
    assertEquals(GH + "/endpoints/0/rules/0", t.decision().rulePointer());
    assertTrue(t.matched(GH + "/endpoints/0/rules/0"));
    assertTrue(t.matched(GH + "/endpoints/0/rules/1"));
    assertTrue(!t.matched(GH + "/endpoints/0/rules/2"));
    assertTrue(!t.matched(GH + "/endpoints/0/deny_rules/0"));
  }

  @Test
  void aDenyRuleThatFiresIsMatchedWithTheAllowRulesItOverrides() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    MatchTrace t = p.trace(get("api.github.com", "/repos/acme/secrets", "/usr/bin/gh"));
    assertEquals(Verdict.DENY, t.decision().verdict());
    assertEquals(GH + "/endpoints/0/deny_rules/0", t.decision().rulePointer());
    assertTrue(t.matched(GH + "/endpoints/0/deny_rules/0"));
    assertTrue(t.matched(GH + "/endpoints/0/rules/0"));
    assertTrue(t.matched(GH + "/endpoints/0/rules/1"));
  }

  @Test
  void anAccessPresetIsOneAllowRuleThatItsMethodsMatch() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    assertTrue(p.trace(get("uploads.github.com", "/a", "/usr/bin/gh")).matched(GH + "/endpoints/1/access"));
    L7Request post = L7Request.of(NetworkRequest.of("uploads.github.com", 443, "/usr/bin/gh"), "POST", "/a");
    MatchTrace t = p.trace(post);
    assertEquals(Verdict.DENY, t.decision().verdict());
    assertTrue(!t.matched(GH + "/endpoints/1/access"));
    long accessItems = p.traceItems().stream().filter(i -> i.pointer().endsWith("/access")).count();
    assertEquals(1, accessItems, "read-only compiles to three rules but is one item");
  }

  @Test
  void theItemsListEverythingATraceCanNameInDocumentOrder() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    List<String> pointers = p.traceItems().stream().map(MatchTrace.Item::pointer).toList();
    assertEquals(List.of(
        ZETA, ZETA + "/endpoints/0", ZETA + "/binaries/0", ZETA + "/binaries/1",
        GH, GH + "/endpoints/0", GH + "/endpoints/0/rules/0", GH + "/endpoints/0/rules/1",
        GH + "/endpoints/0/rules/2", GH + "/endpoints/0/deny_rules/0", GH + "/endpoints/1",
        GH + "/endpoints/1/access", GH + "/binaries/0", GH + "/binaries/1"), pointers);
    assertEquals(MatchTrace.Kind.DENY_RULE, p.traceItems().get(9).kind());
    assertTrue(p.traceItems().get(6).location().line() > 0, "items carry their source position");
  }

  @Test
  void aRequestRefusedBeforeTheRulesMatchesNoRule() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    // The connection is refused: no rule, no item.
    MatchTrace refused = p.trace(get("api.github.com", "/repos/a/b", "/usr/bin/curl"));
    assertEquals(Set.of(), refused.matched());
    // Not inspected (zeta's endpoint is L4 only and git is only in zeta): the connection items, no rule.
    MatchTrace notInspected = p.trace(get("api.github.com", "/repos/a/b", "/usr/bin/git"));
    assertTrue(notInspected.decision().notInspected());
    assertEquals(Set.of(ZETA, ZETA + "/endpoints/0", ZETA + "/binaries/1"), notInspected.matched());
  }

  @Test
  void aDecisionThatFailedClosedMatchesNothing() {
    CompiledPolicy p = TestPolicies.compile(POLICY);
    // A NUL in the executable path, which the binary glob /usr/local/bin/* of 'github' reads.
    MatchTrace t = p.trace(get("api.github.com", "/repos/a/b", "/usr/local/bin/g\u0000h"));
    assertEquals(Verdict.ERROR, t.decision().verdict());
    assertEquals(Set.of(), t.matched());
  }

  @Test
  void eachCallOfABatchMatchesItsOwnRules() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          rpc:
            endpoints:
              - host: rpc.example.com
                port: 443
                protocol: json-rpc
                rules:
                  - allow: {method: eth_call}
                  - allow: {method: eth_blockNumber}
                  - allow: {method: eth_chainId}
                deny_rules:
                  - method: eth_sendRawTransaction
            binaries: [{path: /bin/agent}]
        """);
    JsonRpcRequest batch = JsonRpcRequest.batch(
        List.of(JsonRpcCall.of("eth_call"), JsonRpcCall.of("eth_sendRawTransaction")), false);
    MatchTrace t = p.trace(
        L7Request.of(NetworkRequest.of("rpc.example.com", 443, "/bin/agent"), "POST", "/").withJsonRpc(batch));
    assertEquals(Verdict.DENY, t.decision().verdict());
    String e = "/network_policies/rpc/endpoints/0";
    assertEquals(Set.of("/network_policies/rpc", e, "/network_policies/rpc/binaries/0", e + "/rules/0",
        e + "/deny_rules/0"), t.matched());
    // Allow rules of a json-rpc endpoint allow only in a POST; deny rules match on every method.
    MatchTrace viaGet = p.trace(L7Request.of(NetworkRequest.of("rpc.example.com", 443, "/bin/agent"), "GET", "/")
        .withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("eth_chainId"))));
    assertTrue(!viaGet.matched(e + "/rules/2"));
  }

  @Test
  void eachGraphqlOperationMatchesItsOwnRules() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          gql:
            endpoints:
              - host: api.example.com
                port: 443
                protocol: graphql
                rules:
                  - allow: {operation_type: query}
                  - allow: {operation_type: mutation, operation_name: addComment}
            binaries: [{path: /bin/agent}]
        """);
    GraphqlRequest two = GraphqlRequest.of(List.of(
        GraphqlOperation.of("query", "viewer", List.of("viewer")),
        GraphqlOperation.of("mutation", "addComment", List.of("addComment"))));
    MatchTrace t = p.trace(
        L7Request.of(NetworkRequest.of("api.example.com", 443, "/bin/agent"), "POST", "/graphql").withGraphql(two));
    assertTrue(t.decision().isAllowed());
    String e = "/network_policies/gql/endpoints/0";
    assertTrue(t.matched(e + "/rules/0") && t.matched(e + "/rules/1"), t.toString());
  }
}
