package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Access;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.LandlockCompatibility;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.WireNamed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped schemas are editor-grade: every property says what it is ({@code description} and
 * {@code markdownDescription}, the plain one the markdown without its markup), the closed sets are the model's, the
 * snippets are valid documents' parts, and the texts a blueprint addition shares with a policy endpoint are the
 * policy's.
 */
class EditorSchemaTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode schema(DocumentKind kind) {
    return JSON.readTree(kind.schemaText());
  }

  /** Every node under a {@code properties} map, with its path in the schema. */
  private static void properties(JsonNode node, String at, List<Map.Entry<String, JsonNode>> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String here = at + "/" + e.getKey();
        if (e.getKey().equals("properties") && e.getValue().isObject()) {
          for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
            out.add(Map.entry(here + "/" + p.getKey(), p.getValue()));
          }
        }
        if (!e.getKey().equals("defaultSnippets") && !e.getKey().equals("examples")) {
          properties(e.getValue(), here, out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        properties(node.get(i), at + "/" + i, out);
      }
    }
  }

  /** The markdown as plain text: no backticks, emphasis or link targets. */
  static String plain(String markdown) {
    return markdown.replaceAll("\\*\\*(.+?)\\*\\*", "$1")
        .replaceAll("(?<![\\w*])\\*(?!\\s)(.+?)(?<!\\s)\\*(?![\\w*])", "$1")
        .replaceAll("\\[([^\\]]+)\\]\\([^)]+\\)", "$1").replace("`", "");
  }

  @Test
  void everyPropertyHasADescriptionAndAMarkdownDescription() {
    List<String> missing = new ArrayList<>();
    int count = 0;
    for (DocumentKind kind : DocumentKind.values()) {
      List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
      properties(schema(kind), kind.wireName(), all);
      for (Map.Entry<String, JsonNode> p : all) {
        count++;
        JsonNode md = p.getValue().path("markdownDescription");
        JsonNode text = p.getValue().path("description");
        if (!md.isString() || !text.isString() || md.asString().isBlank()) {
          missing.add(p.getKey());
        } else if (!text.asString().equals(plain(md.asString()))) {
          missing.add(p.getKey() + ": description is not the markdown's plain text");
        }
      }
    }
    assertEquals(List.of(), missing);
    assertTrue(count > 120, "properties found: " + count);
  }

  private static List<String> enumOf(JsonNode property) {
    List<String> out = new ArrayList<>();
    property.path("enum").forEach(v -> out.add(v.asString()));
    property.path("anyOf").forEach(branch -> branch.path("enum").forEach(v -> out.add(v.asString())));
    return out;
  }

  private static <E extends Enum<E> & WireNamed> List<String> wireNames(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireNamed::wireName).toList();
  }

  @Test
  void theClosedSetsAreTheModelsSpellings() {
    JsonNode endpoint = schema(DocumentKind.POLICY).path("$defs").path("endpoint").path("properties");
    assertEquals(wireNames(Protocol.class), enumOf(endpoint.path("protocol")));
    assertEquals(wireNames(Enforcement.class), enumOf(endpoint.path("enforcement")));
    assertEquals(wireNames(Access.class), enumOf(endpoint.path("access")));
    assertEquals("audit", endpoint.path("enforcement").path("default").asString(), "the surprise: audit");

    JsonNode versions = endpoint.path("mcp").path("properties").path("versions");
    assertEquals(wireNames(McpVersion.class), enumOf(versions.path("items")));
    List<String> pinned = new ArrayList<>();
    versions.path("default").forEach(v -> pinned.add(v.asString()));
    assertEquals(List.of(McpVersion.DEFAULT.wireName()), pinned, "the pinned default");
    assertEquals(1, versions.path("minItems").asInt());
    assertTrue(versions.path("uniqueItems").asBoolean());

    JsonNode compatibility = schema(DocumentKind.POLICY).path("$defs").path("landlock").path("properties")
        .path("compatibility");
    List<String> accepted = new ArrayList<>(wireNames(LandlockCompatibility.class));
    accepted.add(""); // empty means best_effort
    assertEquals(accepted, enumOf(compatibility), "an enum, not a suggestion: anything else is an error");
    assertTrue(compatibility.path("anyOf").isMissingNode());
    assertEquals(LandlockCompatibility.BEST_EFFORT.wireName(), compatibility.path("default").asString());
  }

  @Test
  void aBlueprintAdditionSaysWhatAPolicyEndpointSays() {
    JsonNode policy = schema(DocumentKind.POLICY).path("$defs");
    JsonNode blueprint = schema(DocumentKind.BLUEPRINT).path("$defs");
    for (Map.Entry<String, JsonNode> e : blueprint.path("additionEndpoint").path("properties").properties()) {
      JsonNode same = policy.path("endpoint").path("properties").path(e.getKey());
      assertEquals(same.path("markdownDescription"), e.getValue().path("markdownDescription"), e.getKey());
    }
  }

  @Test
  void snippetsBecomeValidDocuments() {
    JsonNode policyDefs = schema(DocumentKind.POLICY).path("$defs");
    String entry = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: api.example.com\n"
        + "        port: 443\n        protocol: rest\n        enforcement: enforce\n        rules:\n"
        + "          - allow: {method: GET, path: /**}\n    binaries:\n      - path: /usr/bin/curl\n";
    assertTrue(PolicyValidator.strict().validateText(DocumentKind.POLICY, entry).isValid(),
        "the document the snippets below fill in is valid");
    for (String def : List.of("networkPolicy", "endpoint", "allowRule", "ruleBody", "binary")) {
      assertTrue(policyDefs.path(def).path("defaultSnippets").size() > 0, def + " has a snippet");
      for (JsonNode snippet : policyDefs.path(def).path("defaultSnippets")) {
        String body = snippet.path("body").toString().replaceAll("\"\\^\\$\\{\\d+:([^}]*)}\"", "$1")
            .replaceAll("\\$\\{\\d+:([^}]*)}", "$1");
        String doc = switch (def) {
          case "networkPolicy" -> "{\"version\": 1, \"network_policies\": {\"a\": " + body + "}}";
          case "endpoint" -> "{\"version\": 1, \"network_policies\": {\"a\": {\"endpoints\": [" + body
              + "], \"binaries\": [{\"path\": \"/usr/bin/curl\"}]}}}";
          case "allowRule" -> "{\"version\": 1, \"network_policies\": {\"a\": {\"endpoints\": [{\"host\":"
              + " \"api.example.com\", \"port\": 443, \"protocol\": \"rest\", \"rules\": [" + body
              + "]}], \"binaries\": [{\"path\": \"/usr/bin/curl\"}]}}}";
          case "ruleBody" -> "{\"version\": 1, \"network_policies\": {\"a\": {\"endpoints\": [{\"host\":"
              + " \"api.example.com\", \"port\": 443, \"protocol\": \"rest\", \"rules\": [{\"allow\": " + body
              + "}]}], \"binaries\": [{\"path\": \"/usr/bin/curl\"}]}}}";
          default -> "{\"version\": 1, \"network_policies\": {\"a\": {\"endpoints\": [{\"host\":"
              + " \"api.example.com\", \"port\": 443}], \"binaries\": [" + body + "]}}}";
        };
        var report = PolicyValidator.strict().validateText(DocumentKind.POLICY, doc);
        assertTrue(report.isValid(), def + " snippet " + snippet.path("label") + ": " + doc + "\n" + report);
      }
    }
  }
}
