package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.io.PolicyReadException;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body-inspecting protocols: a GitHub-style GraphQL endpoint, an Ethereum-style JSON-RPC endpoint and an MCP
 * server, each with allow and deny rules, and for each protocol a mix of {@value RequestMix#SIZE} allowed and one of
 * {@value RequestMix#SIZE} denied requests (single operations and calls, batches, deny rules, names no rule allows,
 * a JSON-RPC call outside a POST). Every case's verdict is checked when the workload is built.
 *
 * <p>The floor of each protocol is one {@link HashMap} lookup of the name that decides it in a hand-written
 * allowlist: the first operation's name (GraphQL), the first call's method (JSON-RPC), the first call's tool name or
 * method (MCP).
 */
public final class ProtocolWorkload {
  /** The protocols, in the order of {@link #mixes()}. */
  public enum Kind {
    /** {@code protocol: graphql}. */
    GRAPHQL,
    /** {@code protocol: json-rpc}. */
    JSON_RPC,
    /** {@code protocol: mcp}. */
    MCP
  }

  /** The policy, in YAML. */
  static final String POLICY =
      """
      version: 1
      network_policies:
        github_graphql:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: graphql
              enforcement: enforce
              rules:
                - allow: {operation_type: query, operation_name: "Get*", fields: [repository, viewer, "search*"]}
                - allow: {operation_type: query, operation_name: "List*", fields: [organization, user]}
                - allow: {operation_type: mutation, operation_name: AddStar, fields: [addStar]}
              deny_rules:
                - {operation_type: mutation, fields: ["delete*"]}
          binaries: [{path: /usr/bin/gh}, {path: /usr/local/bin/node}]
        eth_rpc:
          endpoints:
            - host: rpc.example.org
              port: 443
              protocol: json-rpc
              enforcement: enforce
              rules:
                - allow: {method: eth_call}
                - allow: {method: eth_chainId}
                - allow: {method: eth_blockNumber}
                - allow: {method: eth_getBalance}
              deny_rules:
                - {method: eth_sendRawTransaction}
          binaries: [{path: /usr/local/bin/node}]
        tools:
          endpoints:
            - host: mcp.example.org
              port: 443
              protocol: mcp
              enforcement: enforce
              rules:
                - allow: {method: tools/list}
                - allow: {method: tools/call, tool: "github_*"}
                - allow: {method: resources/read}
              deny_rules:
                - {method: tools/call, tool: "github_delete*"}
          binaries: [{path: /usr/local/bin/node}]
      """;

  private static final String MCP_VERSION = "2025-11-25";

  /** One request of a mix and the name its floor looks up. */
  public record Case(L7Request request, String floorKey) {}

  /** The allowed and the denied mix of one protocol. */
  public record Mixes(List<Case> allowed, List<Case> denied, Map<String, String> floorTable) {}

  private final CompiledPolicy compiled;
  private final Map<Kind, Mixes> mixes;

  private ProtocolWorkload(CompiledPolicy compiled, Map<Kind, Mixes> mixes) {
    this.compiled = compiled;
    this.mixes = mixes;
  }

  /**
   * Reads and compiles the policy and builds the mixes.
   *
   * @return the workload
   * @throws IllegalStateException if the policy does not compile or a case is not decided as its mix says
   */
  public static ProtocolWorkload build() {
    CompiledPolicy compiled;
    try {
      Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(POLICY).orElseThrow();
      compiled = CompiledPolicy.compile(policy);
    } catch (PolicyReadException | PolicyCompileException e) {
      throw new IllegalStateException("the protocol benchmark policy does not compile", e);
    }
    Map<Kind, Mixes> mixes = new HashMap<>();
    mixes.put(Kind.GRAPHQL, graphql());
    mixes.put(Kind.JSON_RPC, jsonRpc());
    mixes.put(Kind.MCP, mcp());
    ProtocolWorkload w = new ProtocolWorkload(compiled, mixes);
    w.check();
    return w;
  }

  /**
   * Returns the compiled policy.
   *
   * @return ours
   */
  public CompiledPolicy compiled() {
    return compiled;
  }

  /**
   * Returns the mixes of one protocol.
   *
   * @param kind the protocol
   * @return its mixes
   */
  public Mixes mixes(Kind kind) {
    return mixes.get(kind);
  }

  private void check() {
    for (Map.Entry<Kind, Mixes> e : mixes.entrySet()) {
      for (Case c : e.getValue().allowed()) {
        expect(compiled.decideRequest(c.request()), true, c);
      }
      for (Case c : e.getValue().denied()) {
        expect(compiled.decideRequest(c.request()), false, c);
      }
    }
  }

  private static void expect(Decision d, boolean allowed, Case c) {
    if (d.isAllowed() != allowed || (!allowed && d.verdict() != dev.sandboxpolicy.matcher.Verdict.DENY)) {
      throw new IllegalStateException("unexpected " + d + " for " + c.request());
    }
  }

  private static Mixes graphql() {
    NetworkRequest conn = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");
    List<Case> allowed = new ArrayList<>();
    List<Case> denied = new ArrayList<>();
    String[][] ok = {
      {"query", "GetRepo", "repository"}, {"query", "GetViewer", "viewer"}, {"query", "GetCode", "searchCode"},
      {"query", "ListOrgs", "organization"}, {"query", "ListUsers", "user"}, {"mutation", "AddStar", "addStar"},
      {"query", "GetIssues", "searchIssues"}, {"query", "GetRepoAndViewer", "repository"},
    };
    String[][] no = {
      {"mutation", "DropRepo", "deleteRepository"}, {"query", "GetSecrets", "secrets"},
      {"subscription", "GetEvents", "repository"}, {"query", "ListRepos", "repository"},
      {"mutation", "AddStar", "deleteStar"}, {"query", "Fetch", "viewer"},
    };
    for (int i = 0; i < RequestMix.SIZE; i++) {
      String[] a = ok[i % ok.length];
      String[] d = no[i % no.length];
      allowed.add(new Case(gql(conn, i % 4 == 3
          ? List.of(GraphqlOperation.of(a[0], a[1], List.of(a[2])), GraphqlOperation.of("query", "GetViewer",
              List.of("viewer")))
          : List.of(GraphqlOperation.of(a[0], a[1], List.of(a[2])))), a[1]));
      denied.add(new Case(gql(conn, List.of(GraphqlOperation.of(d[0], d[1], List.of(d[2])))), d[1]));
    }
    return new Mixes(allowed, denied, table(ok, 1));
  }

  private static L7Request gql(NetworkRequest conn, List<GraphqlOperation> ops) {
    return L7Request.of(conn, "POST", "/graphql").withGraphql(GraphqlRequest.of(ops));
  }

  private static Mixes jsonRpc() {
    NetworkRequest conn = NetworkRequest.of("rpc.example.org", 443, "/usr/local/bin/node");
    String[] ok = {"eth_call", "eth_chainId", "eth_blockNumber", "eth_getBalance"};
    String[] no = {"eth_sendRawTransaction", "eth_sign", "debug_traceTransaction", "eth_accounts"};
    List<Case> allowed = new ArrayList<>();
    List<Case> denied = new ArrayList<>();
    for (int i = 0; i < RequestMix.SIZE; i++) {
      String a = ok[i % ok.length];
      String d = no[i % no.length];
      JsonRpcRequest body = i % 4 == 3
          ? JsonRpcRequest.batch(List.of(JsonRpcCall.of(a), JsonRpcCall.of("eth_chainId")), false)
          : JsonRpcRequest.single(JsonRpcCall.of(a));
      allowed.add(new Case(L7Request.of(conn, "POST", "/").withJsonRpc(body), a));
      JsonRpcRequest refused = i % 8 == 7
          ? JsonRpcRequest.batch(List.of(JsonRpcCall.of("eth_call"), JsonRpcCall.of(d)), false)
          : JsonRpcRequest.single(JsonRpcCall.of(i % 8 == 5 ? "eth_call" : d));
      String httpMethod = i % 8 == 5 ? "GET" : "POST"; // only a POST can be allowed by method rules
      denied.add(new Case(L7Request.of(conn, httpMethod, "/").withJsonRpc(refused), d));
    }
    return new Mixes(allowed, denied, table(ok));
  }

  private static Mixes mcp() {
    NetworkRequest conn = NetworkRequest.of("mcp.example.org", 443, "/usr/local/bin/node");
    List<Case> allowed = new ArrayList<>();
    List<Case> denied = new ArrayList<>();
    JsonRpcCall[] ok = {
      JsonRpcCall.of("tools/list"), JsonRpcCall.of("tools/call").withParamsName("github_search"),
      JsonRpcCall.of("resources/read"), JsonRpcCall.of("tools/call").withParamsName("github_get_issue"),
    };
    JsonRpcCall[] no = {
      JsonRpcCall.of("tools/call").withParamsName("github_delete_repo"),
      JsonRpcCall.of("tools/call").withParamsName("slack_post_message"), JsonRpcCall.of("prompts/list"),
      JsonRpcCall.of("tools/call").withParamsName("github_delete_branch"),
    };
    for (int i = 0; i < RequestMix.SIZE; i++) {
      JsonRpcCall a = ok[i % ok.length];
      JsonRpcCall d = no[i % no.length];
      allowed.add(new Case(mcpRequest(conn, a), a.paramsName().orElse(a.method())));
      denied.add(new Case(mcpRequest(conn, d), d.paramsName().orElse(d.method())));
    }
    List<String> names = new ArrayList<>();
    for (JsonRpcCall c : ok) {
      names.add(c.paramsName().orElse(c.method()));
    }
    return new Mixes(allowed, denied, table(names.toArray(new String[0])));
  }

  private static L7Request mcpRequest(NetworkRequest conn, JsonRpcCall call) {
    return L7Request.of(conn, "POST", "/mcp").withJsonRpc(JsonRpcRequest.single(call))
        .withMcpProtocolVersion(MCP_VERSION);
  }

  private static Map<String, String> table(String[][] rows, int column) {
    Map<String, String> t = new HashMap<>();
    for (String[] r : rows) {
      t.put(r[column], "allowed");
    }
    return t;
  }

  private static Map<String, String> table(String... names) {
    Map<String, String> t = new HashMap<>();
    for (String n : names) {
      t.put(n, "allowed");
    }
    return t;
  }
}
