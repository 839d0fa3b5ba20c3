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
 * The {@code jsonrpc} object of {@code decide} (docs/stdio-protocol.md, design/WIRE-PROTOCOL.md): calls, the batch
 * form, and the method-less frames (a response frame, a receive stream), with unknown keys refused.
 */
class DecideJsonRpcWireTest {

  static final String POLICY = """
      version: 1
      network_policies:
        rpc:
          endpoints:
            - {host: rpc.example.com, port: 443, protocol: json-rpc, enforcement: enforce,
               rules: [{allow: {method: eth_call}}]}
          binaries: [{path: /usr/bin/node}]
        tools:
          endpoints:
            - {host: mcp.example.com, port: 443, protocol: mcp, enforcement: enforce,
               rules: [{allow: {method: tools/call, tool: "search_*"}}]}
          binaries: [{path: /usr/bin/node}]
      """;

  @TempDir Path dir;

  /** One decide line per {@code jsonrpc} text, for {@code host} and {@code httpMethod}; the parsed responses. */
  private List<JsonNode> decide(String host, String httpMethod, String... jsonrpc) {
    StringBuilder in = new StringBuilder();
    for (String rpc : jsonrpc) {
      in.append("{\"op\": \"decide\", \"policy\": ").append(Json.write(Json.tree(POLICY)))
          .append(", \"request\": {\"host\": \"").append(host).append("\", \"port\": 443, \"binary\": \"/usr/bin/node\",")
          .append(" \"method\": \"").append(httpMethod).append("\", \"path\": \"/\", \"jsonrpc\": ").append(rpc)
          .append(", \"mcp_protocol_version\": \"2025-11-25\"}}\n"); // what the default mcp.versions admits
    }
    CliRun r = CliRun.run(dir, Map.of(), in.toString(), "serve", "--stdio");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    return r.out().lines().map(Json.MAPPER::readTree).toList();
  }

  private static String decision(JsonNode response) {
    assertTrue(response.get("ok").booleanValue(), response::toString);
    return response.get("decision").stringValue();
  }

  private static String badRequest(JsonNode response) {
    assertFalse(response.get("ok").booleanValue(), response::toString);
    assertEquals("bad_request", response.get("error").get("code").stringValue(), response::toString);
    return response.get("error").get("message").stringValue();
  }

  @Test
  void aResponseFrameIsDeniedOnJsonRpcAndAllowedOnMcp() {
    String frame = "{\"method\": null, \"has_response\": true, \"receive_stream\": false, \"error\": null}";
    JsonNode rpc = decide("rpc.example.com", "POST", frame).get(0);
    assertEquals("deny", decision(rpc));
    assertEquals("JSON-RPC response frames are not permitted from client to server", rpc.get("reason").stringValue());
    assertEquals("allow", decision(decide("mcp.example.com", "POST", frame).get(0)));
    assertEquals("deny", decision(decide("mcp.example.com", "GET", frame).get(0)), "responses travel in a POST");
  }

  @Test
  void aReceiveStreamIsDeniedOnJsonRpcAndAllowedOnMcpAsAGet() {
    String stream = "{\"receive_stream\": true}";
    assertEquals("deny", decision(decide("rpc.example.com", "GET", stream).get(0)));
    assertEquals("allow", decision(decide("mcp.example.com", "GET", stream).get(0)));
    assertEquals("deny", decision(decide("mcp.example.com", "POST", stream).get(0)), "a stream is opened with a GET");
  }

  @Test
  void callsTakeTheToolFromParamsNameOrTool() {
    List<JsonNode> r = decide("mcp.example.com", "POST",
        "{\"method\": \"tools/call\", \"params\": {\"name\": \"search_web\"}}",
        "{\"method\": \"tools/call\", \"tool\": \"search_web\", \"params\": null}",
        "{\"method\": \"tools/call\", \"tool\": \"delete_all\"}",
        "{\"method\": \"tools/call\", \"params\": [1, 2]}",
        "{\"method\": \"tools/call\", \"params\": {\"name\": \"search_web\"}, \"tool\": \"other\"}");
    assertEquals("allow", decision(r.get(0)));
    assertEquals("allow", decision(r.get(1)));
    assertEquals("deny", decision(r.get(2)));
    assertEquals("deny", decision(r.get(3)), "positional params carry no tool name");
    assertTrue(badRequest(r.get(4)).contains("name different tools"));
  }

  @Test
  void theBatchFormAndAnInspectorErrorStillWork() {
    List<JsonNode> r = decide("rpc.example.com", "POST",
        "{\"batch\": true, \"calls\": [{\"method\": \"eth_call\"}, {\"method\": \"eth_call\", \"params\": []}]}",
        "{\"batch\": true, \"calls\": [{\"method\": \"eth_call\"}], \"has_response\": true}",
        "{\"batch\": true, \"calls\": []}",
        "{\"method\": \"eth_call\", \"error\": \"invalid JSON\"}",
        "{\"method\": \"eth_call\", \"error\": \"\"}");
    assertEquals("allow", decision(r.get(0)));
    assertEquals("deny", decision(r.get(1)), "a response in the batch: hard denial on json-rpc");
    assertEquals("JSON-RPC request rejected: empty batch", r.get(2).get("reason").stringValue());
    assertEquals("JSON-RPC request rejected: invalid JSON", r.get(3).get("reason").stringValue());
    assertEquals("allow", decision(r.get(4)), "an empty error is no error, as upstream");
  }

  @Test
  void unknownKeysWrongTypesAndContradictionsAreBadRequests() {
    List<JsonNode> r = decide("mcp.example.com", "POST",
        "{\"method\": \"tools/list\", \"on_parse_error\": \"deny\"}",
        "{\"batch\": true, \"calls\": [{\"method\": \"a\", \"id\": 1}]}",
        "{\"batch\": true, \"method\": \"a\"}",
        "{\"method\": 5}",
        "{\"receive_stream\": \"yes\"}",
        "{\"method\": \"tools/list\", \"has_response\": true}",
        "{\"method\": \"tools/list\", \"receive_stream\": true}",
        "{\"has_response\": true, \"receive_stream\": true}",
        "{\"method\": null}",
        "{\"method\": \"tools/call\", \"params\": \"search_web\"}",
        "{\"method\": \"tools/call\", \"tool\": 3}");
    assertTrue(badRequest(r.get(0)).contains("unknown key 'on_parse_error' in 'jsonrpc'"), r.get(0)::toString);
    assertTrue(badRequest(r.get(1)).contains("unknown key 'id' in a 'jsonrpc' call"), r.get(1)::toString);
    assertTrue(badRequest(r.get(2)).contains("unknown key 'method'"), r.get(2)::toString);
    assertTrue(badRequest(r.get(3)).contains("'method' must be a string"));
    assertTrue(badRequest(r.get(4)).contains("'receive_stream' must be true or false"));
    assertTrue(badRequest(r.get(5)).contains("is a call"));
    assertTrue(badRequest(r.get(6)).contains("is a call"));
    assertTrue(badRequest(r.get(7)).contains("not both"));
    assertTrue(badRequest(r.get(8)).contains("without a 'method' must be a response frame"));
    assertTrue(badRequest(r.get(9)).contains("'params' must be an object, an array or null"));
    assertTrue(badRequest(r.get(10)).contains("'tool' must be a string"));
  }
}
