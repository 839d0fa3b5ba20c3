package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code mcp_protocol_version} on {@code decide} and {@code --mcp-protocol-version} / {@code --jsonrpc} on {@code
 * policyctl check}: the MCP revision step (403 outside the endpoint's {@code mcp.versions}, 400 for a repeated,
 * empty or unknown header) and the {@code http_status} that tells them apart.
 */
class McpProtocolVersionCliTest {

  /** One MCP endpoint with the default {@code mcp.versions} ({@code [2025-11-25]}) and one json-rpc endpoint. */
  static final String POLICY = DecideJsonRpcWireTest.POLICY.replace(
      "rules: [{allow: {method: tools/call, tool: \"search_*\"}}]}",
      "rules: [{allow: {method: tools/call, tool: \"search_*\"}}, {allow: {method: tools/list}},"
          + " {allow: {method: initialize}}]}");

  @TempDir Path dir;

  /** One decide line per {@code extra} JSON fragment (fields added to the request object). */
  private List<JsonNode> decide(String host, String httpMethod, String jsonrpc, String... extra) {
    StringBuilder in = new StringBuilder();
    for (String fields : extra) {
      in.append("{\"op\": \"decide\", \"policy\": ").append(Json.write(Json.tree(POLICY)))
          .append(", \"request\": {\"host\": \"").append(host).append("\", \"port\": 443, \"binary\": \"/usr/bin/node\"")
          .append(httpMethod == null ? "" : ", \"method\": \"" + httpMethod + "\", \"path\": \"/mcp\", \"jsonrpc\": " + jsonrpc)
          .append(fields.isEmpty() ? "" : ", " + fields).append("}}\n");
    }
    CliRun r = CliRun.run(dir, Map.of(), in.toString(), "serve", "--stdio");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    return r.out().lines().map(Json.MAPPER::readTree).toList();
  }

  private static void assertDecision(String decision, Integer status, JsonNode response) {
    assertTrue(response.get("ok").booleanValue(), response::toString);
    assertEquals(decision, response.get("decision").stringValue(), response::toString);
    if (status == null) {
      assertTrue(response.get("http_status").isNull(), response::toString);
    } else {
      assertEquals(status.intValue(), response.get("http_status").intValue(), response::toString);
    }
  }

  @Test
  void decideReadsTheHeaderAndAnswersWhichRefusalItIs() {
    String list = "{\"method\": \"tools/list\"}";
    List<JsonNode> r = decide("mcp.example.com", "POST", list,
        "\"mcp_protocol_version\": \"2025-11-25\"",
        "",
        "\"mcp_protocol_version\": null",
        "\"mcp_protocol_version\": \"2025-06-18\"",
        "\"mcp_protocol_version\": \"\"",
        "\"mcp_protocol_version\": \"2024-11-05\"",
        "\"mcp_protocol_version\": [\"2025-11-25\", \"2025-11-25\"]",
        "\"mcp_protocol_version\": [\"2025-11-25\"]",
        "\"mcp_protocol_version\": \" 2025-11-25\\t\"");
    assertDecision("allow", null, r.get(0));
    assertDecision("deny", 403, r.get(1));
    assertTrue(r.get(1).get("reason").stringValue().contains("2025-03-26 (assumed: the request has no"
        + " MCP-Protocol-Version header)"), r.get(1)::toString);
    assertDecision("deny", 403, r.get(2));
    assertDecision("deny", 403, r.get(3));
    assertEquals("enforce", r.get(3).get("enforcement").stringValue());
    assertDecision("deny", 400, r.get(4));
    assertEquals("MCP-Protocol-Version header is empty (upstream answers 400 Bad Request)",
        r.get(4).get("reason").stringValue());
    assertDecision("deny", 400, r.get(5));
    assertDecision("deny", 400, r.get(6));
    assertTrue(r.get(6).get("reason").stringValue().contains("appears 2 times"), r.get(6)::toString);
    assertDecision("allow", null, r.get(7));
    assertDecision("allow", null, r.get(8));
  }

  @Test
  void aStandaloneInitializeNeedsNoHeaderAndJsonRpcIgnoresIt() {
    assertDecision("allow", null, decide("mcp.example.com", "POST", "{\"method\": \"initialize\"}", "").get(0));
    assertDecision("deny", 403,
        decide("mcp.example.com", "POST", "{\"batch\": true, \"calls\": [{\"method\": \"initialize\"}]}", "").get(0));
    assertDecision("allow", null, decide("rpc.example.com", "POST", "{\"method\": \"eth_call\"}",
        "\"mcp_protocol_version\": \"nonsense\"").get(0));
    assertDecision("allow", null, decide("mcp.example.com", null, null, "\"mcp_protocol_version\": 7").get(0));
  }

  @Test
  void theEndpointsWrittenVersionsDecide() {
    CliRun.write(dir, "v.yaml", """
        version: 1
        network_policies:
          legacy:
            endpoints:
              - {host: mcp.example.com, port: 443, protocol: mcp, enforcement: enforce,
                 mcp: {versions: ["2025-03-26", "2025-06-18"]}, rules: [{allow: {method: tools/list}}]}
            binaries: [{path: /usr/bin/node}]
        """);
    String[] base = {"check", "v.yaml", "--host", "mcp.example.com", "--port", "443", "--binary", "/usr/bin/node",
        "--method", "POST", "--target", "/mcp", "--jsonrpc", "{\"method\": \"tools/list\"}", "--json"};
    CliRun headerless = CliRun.run(dir, base);
    assertEquals(ExitCode.OK, headerless.status(), headerless::toString); // 2025-03-26 is listed
    String[] newest = java.util.Arrays.copyOf(base, base.length + 2);
    newest[base.length] = "--mcp-protocol-version";
    newest[base.length + 1] = "2025-11-25";
    CliRun refused = CliRun.run(dir, newest);
    assertEquals(ExitCode.FAILED, refused.status(), refused::toString);
    JsonNode j = Json.MAPPER.readTree(refused.out());
    assertEquals(403, j.get("http_status").intValue());
    assertTrue(j.get("reason").stringValue().contains("is not in mcp.versions [2025-03-26, 2025-06-18]"), refused.out());
    assertEquals("/network_policies/legacy/endpoints/0/mcp/versions", j.get("rule").get("pointer").stringValue());
  }

  @Test
  void aWrongTypeIsABadRequest() {
    List<JsonNode> r = decide("mcp.example.com", "POST", "{\"method\": \"tools/list\"}",
        "\"mcp_protocol_version\": 20251125", "\"mcp_protocol_version\": [\"2025-11-25\", 1]",
        "\"mcp_protocol_version\": {\"v\": \"2025-11-25\"}");
    for (JsonNode response : r) {
      assertFalse(response.get("ok").booleanValue(), response::toString);
      assertEquals("bad_request", response.get("error").get("code").stringValue());
      assertTrue(response.get("error").get("message").stringValue().contains("'mcp_protocol_version' must be"),
          response::toString);
    }
  }

  private CliRun check(String... args) {
    CliRun.write(dir, "p.yaml", POLICY);
    String[] all = new String[args.length + 10];
    System.arraycopy(new String[] {"check", "p.yaml", "--host", "mcp.example.com", "--port", "443", "--binary",
        "/usr/bin/node", "--target", "/mcp"}, 0, all, 0, 10);
    System.arraycopy(args, 0, all, 10, args.length);
    return CliRun.run(dir, all);
  }

  @Test
  void checkTakesTheBodyAndTheHeaderAndPrintsTheStatus() {
    CliRun ok = check("--method", "POST", "--jsonrpc", "{\"method\": \"tools/list\"}", "--mcp-protocol-version",
        "2025-11-25");
    assertEquals(ExitCode.OK, ok.status(), ok::toString);
    assertFalse(ok.out().contains("status:"), ok.out());
    CliRun forbidden = check("--method", "POST", "--jsonrpc", "{\"method\": \"tools/list\"}");
    assertEquals(ExitCode.FAILED, forbidden.status(), forbidden::toString);
    assertTrue(forbidden.out().contains("  status:       403\n"), forbidden.out());
    CliRun bad = check("--method", "POST", "--jsonrpc", "{\"method\": \"tools/list\"}", "--mcp-protocol-version",
        "2025-11-25", "--mcp-protocol-version", "2025-11-25");
    assertEquals(ExitCode.FAILED, bad.status(), bad::toString);
    assertTrue(bad.out().contains("  status:       400 (bad request"), bad.out());
    CliRun json = check("--method", "POST", "--jsonrpc", "{\"method\": \"tools/list\"}", "--mcp-protocol-version",
        "latest", "--json");
    JsonNode j = Json.MAPPER.readTree(json.out());
    assertEquals(400, j.get("http_status").intValue(), json.out());
    assertEquals("deny", j.get("decision").stringValue());
    CliRun stream = check("--method", "GET", "--jsonrpc", "{\"method\": null, \"receive_stream\": true}",
        "--mcp-protocol-version", "2025-11-25");
    assertEquals(ExitCode.OK, stream.status(), stream::toString);
  }

  @Test
  void checkRefusesMisusedOptions() {
    CliRun notJson = check("--method", "POST", "--jsonrpc", "{method");
    assertEquals(ExitCode.USAGE, notJson.status(), notJson::toString);
    assertTrue(notJson.err().contains("--jsonrpc is not JSON"), notJson.err());
    CliRun unknownKey = check("--method", "POST", "--jsonrpc", "{\"method\": \"x\", \"id\": 1}");
    assertEquals(ExitCode.USAGE, unknownKey.status(), unknownKey::toString);
    assertTrue(unknownKey.err().contains("unknown key 'id' in 'jsonrpc'"), unknownKey.err());
    CliRun.write(dir, "p.yaml", POLICY);
    CliRun noMethod = CliRun.run(dir, "check", "p.yaml", "--host", "mcp.example.com", "--port", "443", "--binary",
        "/usr/bin/node", "--mcp-protocol-version", "2025-11-25");
    assertEquals(ExitCode.USAGE, noMethod.status(), noMethod::toString);
    CliRun withBatch = CliRun.run(dir, "check", "p.yaml", "--requests", "r.jsonl", "--jsonrpc", "{}");
    assertEquals(ExitCode.USAGE, withBatch.status(), withBatch::toString);
    assertTrue(withBatch.err().contains("--jsonrpc cannot be combined with --requests"), withBatch.err());
  }

  @Test
  void checkRequestsLinesCarryTheHeaderToo() {
    CliRun.write(dir, "p.yaml", POLICY);
    CliRun.write(dir, "r.jsonl", """
        {"host": "mcp.example.com", "port": 443, "binary": "/usr/bin/node", "method": "POST", "path": "/mcp", "jsonrpc": {"method": "tools/list"}, "mcp_protocol_version": "2025-11-25"}
        {"host": "mcp.example.com", "port": 443, "binary": "/usr/bin/node", "method": "POST", "path": "/mcp", "jsonrpc": {"method": "tools/list"}, "mcp_protocol_version": "2025-06-18"}
        """);
    CliRun r = CliRun.run(dir, "check", "p.yaml", "--requests", "r.jsonl", "--json");
    List<JsonNode> lines = r.out().lines().map(Json.MAPPER::readTree).toList();
    assertEquals("allow", lines.get(0).get("decision").stringValue(), r::toString);
    assertEquals(403, lines.get(1).get("http_status").intValue(), r::toString);
    assertEquals(ExitCode.FAILED, r.status());
  }
}
