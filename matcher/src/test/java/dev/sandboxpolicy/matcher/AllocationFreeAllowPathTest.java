package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The allow path allocates nothing (architecture: the hot path). Measured with the JVM's per-thread allocation
 * counter over many decisions, so it holds in the interpreter too, not only after escape analysis.
 */
class AllocationFreeAllowPathTest {
  private static final int ROUNDS = 20_000;

  private static Object threadBean() throws Exception {
    return Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
  }

  /** ThreadMXBean.getThreadAllocatedBytes(long), or the test is skipped where the JDK has none. */
  private static Method allocationCounter() {
    try {
      return Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      assumeTrue(false, "no allocation counter: " + e);
      throw new AssertionError(e);
    }
  }

  /** The current thread's allocated bytes through com.sun.management (reflection: the module does not read it). */
  private static long allocatedBytes(Object bean, Method counter) throws Exception {
    return (Long) counter.invoke(bean, Thread.currentThread().getId());
  }

  @Test
  void networkRestGraphqlJsonRpcBatchAndMcpAllowsDoNotAllocateWithOrWithoutATrailingDot() throws Exception {

    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          api:
            endpoints:
              - host: api.example.com
                port: 443
                protocol: rest
                rules:
                  - allow: {method: GET, path: "/v1/accounts/*/transactions/**", query: {tag: {any: ["v*", "x"]}}}
              - {host: "*.cdn.example.com", port: 443}
              - {host: 10.1.2.3, port: 443}
              - {host: gql.example.com, port: 443, protocol: graphql, access: read-only}
            binaries: [{path: /usr/bin/curl}, {path: "/opt/*/bin/agent"}]
          rpc_a:
            endpoints: [{host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{allow: {method: eth_call}}]}]
            binaries: [{path: /usr/bin/curl}]
          rpc_b:
            endpoints: [{host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{allow: {method: eth_chainId}}]}]
            binaries: [{path: /usr/bin/curl}]
          tools:
            endpoints: [{host: mcp.example.com, port: 443, protocol: mcp, rules: [{allow: {method: "tools/*"}}]}]
            binaries: [{path: /usr/bin/curl}]
        """);
    NetworkRequest exact = NetworkRequest.of("API.example.com", 443, "/usr/bin/curl");
    NetworkRequest wildcard = NetworkRequest.of("img.cdn.example.com", 443, "/opt/a/bin/agent");
    NetworkRequest dotted = NetworkRequest.of("img.CDN.example.com.", 443, "/usr/bin/curl"); // trailing dot dropped
    // Issue 18: the SSRF check of an IP-literal host and of resolved addresses allocates nothing when it allows.
    NetworkRequest literal = NetworkRequest.of("10.1.2.3", 443, "/usr/bin/curl");
    NetworkRequest resolved = NetworkRequest.of("api.example.com", 443, "/usr/bin/curl")
        .withResolvedAddresses(List.of(dev.sandboxpolicy.model.net.IpAddress.parse("93.184.216.34")));
    L7Request rest = L7Request.of(NetworkRequest.of("API.example.com.", 443, "/usr/bin/curl"), "GET", "/v1/accounts/12345/transactions/67890/details")
        .withQuery(Map.of("tag", List.of("v1", "x")));
    L7Request gql = L7Request.of(NetworkRequest.of("gql.example.com", 443, "/usr/bin/curl"), "POST", "/graphql")
        .withGraphql(GraphqlRequest.of(List.of(GraphqlOperation.of("query", "Q", List.of("viewer")))));

    // §3.8: each call of the batch is allowed by a different entry.
    L7Request batch = L7Request.of(NetworkRequest.of("rpc.example.com", 443, "/usr/bin/curl"), "POST", "/")
        .withJsonRpc(JsonRpcRequest.batch(List.of(JsonRpcCall.of("eth_call"), JsonRpcCall.of("eth_chainId")), false));

    // MCP: the MCP-Protocol-Version check (a known revision in the default mcp.versions) is on the allow path too.
    L7Request mcp = L7Request.of(NetworkRequest.of("mcp.example.com", 443, "/usr/bin/curl"), "POST", "/mcp")
        .withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("tools/list"))).withMcpProtocolVersion(" 2025-11-25");

    Runnable decisions = () -> {
      assertTrue(p.decideNetwork(exact).isAllowed());
      assertTrue(p.decideNetwork(wildcard).isAllowed());
      assertTrue(p.decideNetwork(dotted).isAllowed());
      assertTrue(p.decideNetwork(literal).isAllowed());
      assertTrue(p.decideNetwork(resolved).isAllowed());
      assertTrue(p.decideRequest(rest).isAllowed());
      assertTrue(p.decideRequest(gql).isAllowed());
      assertTrue(p.decideRequest(batch).isAllowed());
      assertTrue(p.decideRequest(mcp).isAllowed());
    };
    long allocated = allocatedAfterWarmUp(decisions);
    // A single allocation per decision would be >= 16 bytes x 9 x ROUNDS; allow a little for the counter itself.
    assertTrue(allocated < 4_096, "allow path allocated " + allocated + " bytes over " + (9 * ROUNDS) + " decisions");
  }

  /**
   * Issue 18: a denial that comes again allocates nothing (the decision built the first time is remembered, its
   * reason rendered only when asked for), for every kind the realistic mixes produce and the protocol denials; an
   * equal request built anew gets an equal decision.
   */
  @Test
  void repeatedDenialsDoNotAllocate() throws Exception {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          api:
            endpoints:
              - host: api.example.com
                port: 443
                protocol: rest
                enforcement: enforce
                rules:
                  - allow: {method: GET, path: "/v1/**"}
                deny_rules:
                  - {method: GET, path: "/v1/admin/**"}
              - {host: gql.example.com, port: 443, protocol: graphql, access: read-only}
              - host: rpc.example.com
                port: 443
                protocol: json-rpc
                rules: [{allow: {method: eth_call}}]
                deny_rules: [{method: eth_sign}]
              - host: mcp.example.com
                port: 443
                protocol: mcp
                rules: [{allow: {method: tools/call, tool: "github_*"}}]
            binaries: [{path: /usr/bin/curl}]
        """);
    NetworkRequest curl = NetworkRequest.of("api.example.com", 443, "/usr/bin/curl");
    NetworkRequest unknownHost = NetworkRequest.of("evil.example.org", 443, "/usr/bin/curl");
    NetworkRequest wrongPort = NetworkRequest.of("api.example.com", 8443, "/usr/bin/curl");
    NetworkRequest wget = NetworkRequest.of("api.example.com", 443, "/usr/bin/wget").withAncestors(List.of("/bin/sh"));
    L7Request denyRule = L7Request.of(curl, "GET", "/v1/admin/users");
    L7Request notPermitted = L7Request.of(curl, "DELETE", "/v1/items/7");
    L7Request mutation = L7Request.of(NetworkRequest.of("gql.example.com", 443, "/usr/bin/curl"), "POST", "/graphql")
        .withGraphql(GraphqlRequest.of(List.of(GraphqlOperation.of("mutation", "Drop", List.of("x")))));
    NetworkRequest rpc = NetworkRequest.of("rpc.example.com", 443, "/usr/bin/curl");
    L7Request sign = L7Request.of(rpc, "POST", "/").withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("eth_sign")));
    L7Request send = L7Request.of(rpc, "POST", "/").withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("eth_send")));
    L7Request tool = L7Request.of(NetworkRequest.of("mcp.example.com", 443, "/usr/bin/curl"), "POST", "/mcp")
        .withJsonRpc(JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("slack_post")))
        .withMcpProtocolVersion("2025-11-25");
    Runnable decisions = () -> {
      assertTrue(p.decideNetwork(unknownHost).verdict() == Verdict.DENY);
      assertTrue(p.decideNetwork(wrongPort).verdict() == Verdict.DENY);
      assertTrue(p.decideNetwork(wget).verdict() == Verdict.DENY);
      assertTrue(p.decideRequest(denyRule).verdict() == Verdict.DENY);
      assertTrue(p.decideRequest(notPermitted).verdict() == Verdict.DENY);
      assertTrue(p.decideRequest(mutation).verdict() == Verdict.DENY);
      assertTrue(p.decideRequest(sign).verdict() == Verdict.DENY);
      assertTrue(p.decideRequest(send).verdict() == Verdict.DENY);
      assertTrue(p.decideRequest(tool).verdict() == Verdict.DENY);
    };
    long allocated = allocatedAfterWarmUp(decisions);
    assertTrue(allocated < 4_096, "repeated denials allocated " + allocated + " bytes over " + (9 * ROUNDS));
    // The reasons are upstream's, rendered on request; an equal request built anew decides equally.
    NetworkRequest wgetAgain =
        NetworkRequest.of("api.example.com", 443, "/usr/bin/wget").withAncestors(List.of("/bin/sh"));
    assertEquals(p.decideNetwork(wget), p.decideNetwork(wgetAgain));
    assertTrue(p.decideNetwork(wget).reason().startsWith("binary '/usr/bin/wget' not allowed in policy 'api'"));
    assertEquals("endpoint api.example.com:8443 is not allowed by any policy", p.decideNetwork(wrongPort).reason());
    assertEquals("DELETE /v1/items/7 not permitted by policy", p.decideRequest(notPermitted).reason());
    // What the reason names is part of the identity: another command line is another denial.
    NetworkRequest wgetWithArgs = wgetAgain.withCmdlinePaths(List.of("/tmp/payload"));
    assertTrue(p.decideNetwork(wgetWithArgs).reason().contains("cmdline: [/tmp/payload]"));
    assertTrue(p.decideNetwork(wget).reason().contains("cmdline: []"));
  }

  /** Bytes the current thread allocates over {@link #ROUNDS} runs of {@code decisions}, after 2,000 untimed runs. */
  private static long allocatedAfterWarmUp(Runnable decisions) throws Exception {
    Object bean = threadBean();
    Method counter = allocationCounter();
    for (int i = 0; i < 2_000; i++) {
      decisions.run();
    }
    long before = allocatedBytes(bean, counter);
    for (int i = 0; i < ROUNDS; i++) {
      decisions.run();
    }
    return allocatedBytes(bean, counter) - before;
  }

  /** Issue 19: the decision canonicalizes the path itself, but an already canonical path costs one scan, no garbage. */
  @Test
  void anAlreadyCanonicalPathIsCheckedWithoutAllocating() throws Exception {
    Object bean = threadBean();
    Method counter = allocationCounter();
    String[] paths = {"/v1/accounts/12345/transactions/67890/details", "/", "/a%20b/c@d:e/", "/%C3%A9t%C3%A9"};
    int canonical = 0;
    for (int i = 0; i < 2_000; i++) {
      for (String path : paths) {
        canonical += CanonicalTarget.canonicalPath(path, true) == path ? 1 : 0;
      }
    }
    long before = allocatedBytes(bean, counter);
    for (int i = 0; i < ROUNDS; i++) {
      for (String path : paths) {
        canonical += CanonicalTarget.canonicalPath(path, true) == path ? 1 : 0;
      }
    }
    long allocated = allocatedBytes(bean, counter) - before;
    assertTrue(canonical == (2_000 + ROUNDS) * paths.length, "every path is returned as given");
    assertTrue(allocated < 4_096, "canonical-path check allocated " + allocated + " bytes");
  }
}
