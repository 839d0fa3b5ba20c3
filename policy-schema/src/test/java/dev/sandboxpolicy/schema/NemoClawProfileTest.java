package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The nemoclaw profile: it accepts everything NemoClaw's own JSON Schemas accept and refuses what they refuse. The
 * schemas are read from {@code ../shared/upstream/nemoclaw/schemas} at test time (never shipped); those tests skip
 * when ../shared is absent.
 */
class NemoClawProfileTest {

  private static final PolicyValidator PROFILE =
      PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN).withProfile(ValidationProfile.NEMOCLAW);

  private static Path upstream() {
    String shared = System.getProperty("sandboxpolicy.shared");
    assumeTrue(shared != null, "sandboxpolicy.shared not set");
    Path dir = Path.of(shared, "upstream/nemoclaw");
    assumeTrue(Files.isDirectory(dir.resolve("schemas")), "no NemoClaw schemas under ../shared");
    return dir;
  }

  /** NemoClaw's own schema for a kind, compiled with networknt (test only). */
  private static Schema nemoclawSchema(DocumentKind kind) throws IOException {
    String file = switch (kind) {
      case POLICY -> "sandbox-policy.schema.json";
      case PRESET -> "policy-preset.schema.json";
      case BLUEPRINT -> "blueprint.schema.json";
    };
    String text = Files.readString(upstream().resolve("schemas").resolve(file));
    String id = "https://example.invalid/nemoclaw/" + file;
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(Map.of(id, text.replaceFirst("\"\\$id\": \"[^\"]*\"", "\"\\$id\": \"" + id + "\""))));
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    schema.initializeValidators();
    return schema;
  }

  private static final Map<DocumentKind, Schema> SCHEMAS = new HashMap<>();

  private static boolean nemoclawAccepts(DocumentKind kind, Object tree) throws IOException {
    Schema s = SCHEMAS.get(kind);
    if (s == null) {
      s = nemoclawSchema(kind);
      SCHEMAS.put(kind, s);
    }
    List<Error> errors = s.validate(JsonSchemaCheck.toJson(tree));
    return errors.isEmpty();
  }

  private static Object tree(String text) {
    ReadResult<Object> r = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readTree(text, DocumentFormat.YAML);
    return r.value().orElseThrow(() -> new AssertionError("unreadable test document: " + r.problems()));
  }

  private static List<Problem> profileOnly(DocumentKind kind, String text) {
    ReadResult<Object> r = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readTree(text, DocumentFormat.YAML);
    return NemoClawProfile.check(kind, r.value().orElseThrow(), r.sourceMap());
  }

  /** The documents NemoClaw validates against its schemas at build time, with the schema each one is checked by. */
  private static Map<Path, DocumentKind> shippedDocuments() throws IOException {
    Path dir = upstream();
    Map<Path, DocumentKind> docs = new LinkedHashMap<>();
    try (Stream<Path> presets = Files.list(dir.resolve("nemoclaw-blueprint/policies/presets"))) {
      presets.sorted().forEach(p -> docs.put(p, DocumentKind.PRESET));
    }
    for (String f : List.of("nemoclaw-blueprint/policies/openclaw-sandbox.yaml",
        "nemoclaw-blueprint/policies/openclaw-sandbox-permissive.yaml", "agents/hermes/policy-additions.yaml",
        "agents/hermes/policy-permissive.yaml", "agents/langchain-deepagents-code/policy-additions.yaml",
        "agents/openclaw/policy-permissive.yaml")) {
      docs.put(dir.resolve(f), DocumentKind.POLICY);
    }
    docs.put(dir.resolve("nemoclaw-blueprint/blueprint.yaml"), DocumentKind.BLUEPRINT);
    docs.keySet().removeIf(p -> !Files.isRegularFile(p));
    return docs;
  }

  @Test
  void everyDocumentNemoClawShipsIsValidUnderTheProfile() throws IOException {
    Map<Path, DocumentKind> docs = shippedDocuments();
    assertTrue(docs.size() >= 25, "fixture sanity: " + docs.size());
    for (Map.Entry<Path, DocumentKind> d : docs.entrySet()) {
      String text = Files.readString(d.getKey());
      assertTrue(nemoclawAccepts(d.getValue(), tree(text)), "NemoClaw's own schema accepts " + d.getKey());
      assertEquals(List.of(), profileOnly(d.getValue(), text), d.getKey().toString());
      ValidationReport report = PROFILE.validateText(d.getValue(), text, ReadMode.STRICT);
      if (d.getKey().endsWith("agents/langchain-deepagents-code/policy-additions.yaml")) {
        // landlock.compatibility: strict meant best_effort until OpenShell #2541 and is an error since
        assertEquals(List.of("landlock_compatibility_unknown"),
            report.problems().stream().filter(p -> p.isError()).map(p -> p.code()).toList(), report.toString());
        continue;
      }
      assertTrue(report.isValid(), d.getKey() + ":\n" + report);
    }
  }

  /** Variants per document: enough to exercise both outcomes on every document, small enough to stay fast. */
  private static final int MUTATIONS_PER_DOCUMENT = 8;

  /**
   * Differential test: every shipped document, plus hand-written JSON-RPC, MCP and blueprint examples, each mutated
   * {@value #MUTATIONS_PER_DOCUMENT} times (seeded). Whenever NemoClaw's schema accepts a variant the profile adds
   * no problem; whenever it refuses one, the profile (with the language's rules) refuses it too.
   */
  @Test
  void agreesWithNemoClawsSchemasOnMutatedDocuments() throws IOException {
    long seed = Long.getLong("sandboxpolicy.seed", 20260915L);
    Random random = new Random(seed);
    List<Map.Entry<DocumentKind, String>> corpus = new ArrayList<>();
    for (Map.Entry<Path, DocumentKind> d : shippedDocuments().entrySet()) {
      corpus.add(Map.entry(d.getValue(), Files.readString(d.getKey())));
    }
    corpus.add(Map.entry(DocumentKind.PRESET, RPC_AND_MCP));
    corpus.add(Map.entry(DocumentKind.BLUEPRINT, RUNNER_BLUEPRINT));
    int accepted = 0;
    int refused = 0;
    for (Map.Entry<DocumentKind, String> doc : corpus) {
      Object original = tree(doc.getValue());
      for (int i = 0; i < MUTATIONS_PER_DOCUMENT; i++) {
        Object variant = Mutations.mutate(original, random);
        String yaml = dev.sandboxpolicy.io.PolicyWriter.yaml(variant);
        DocumentKind kind = doc.getKey();
        boolean schemaOk = nemoclawAccepts(kind, variant);
        List<Problem> own = NemoClawProfile.check(kind, variant, dev.sandboxpolicy.model.SourceMap.empty());
        String context = "seed " + seed + ", " + kind + " variant:\n" + yaml;
        if (schemaOk) {
          accepted++;
          assertEquals(List.of(), own, context);
        } else {
          refused++;
          ValidationReport report = PROFILE.validateText(kind, yaml, ReadMode.LEGACY_TOLERANT);
          assertTrue(report.hasErrors(), "NemoClaw's schema refuses it, so must the profile; " + context);
        }
      }
    }
    assertTrue(accepted > 20 && refused > 20, "both outcomes exercised: " + accepted + " / " + refused);
  }

  /** JSON-RPC and MCP endpoints with explicit L7 matchers, which NemoClaw's preset schema accepts. */
  static final String RPC_AND_MCP = """
      preset:
        name: rpc-and-mcp
        description: JSON-RPC and MCP endpoints with explicit L7 matchers
      network_policies:
        chain:
          name: chain
          endpoints:
            - host: rpc.example.com
              port: 443
              protocol: json-rpc
              enforcement: enforce
              json_rpc: {max_body_bytes: 65536}
              rules:
                - allow: {method: eth_call}
                - allow: {method: eth_getBalance}
              deny_rules:
                - {method: eth_sendTransaction}
          binaries:
            - {path: /usr/bin/node}
        tools:
          name: tools
          endpoints:
            - host: mcp.example.com
              port: 443
              protocol: mcp
              enforcement: enforce
              mcp: {max_body_bytes: 1048576, strict_tool_names: true}
              rules:
                - allow: {method: tools/call, tool: search}
                - allow: {method: tools/list}
                - allow: {method: tools/call, params: {name: {any: [read_file, list_dir]}}}
              deny_rules:
                - {method: tools/call, tool: delete_repo}
            - host: mcp2.example.com
              port: 443
              protocol: mcp
              mcp: {allow_all_known_mcp_methods: true, strict_tool_names: false}
              rules:
                - allow: {tool: exact_tool}
          binaries:
            - {path: /usr/bin/node}
      """;

  /** Blueprint additions the runner accepts: without binaries, access without protocol, REST with tls: terminate. */
  static final String RUNNER_BLUEPRINT = """
      version: "0.1.0"
      profiles: [default]
      components:
        sandbox: {image: "ghcr.io/example/sandbox:1", name: box}
        inference:
          profiles:
            default: {provider_type: nvidia, endpoint: "https://integrate.api.nvidia.com/v1"}
        policy:
          base: sandboxes/box/policy.yaml
          additions:
            plain:
              name: plain
              endpoints:
                - {host: api.example.com, port: 443, access: full}
            rest:
              name: rest
              endpoints:
                - host: api3.example.com
                  port: 443
                  protocol: rest
                  tls: terminate
                  enforcement: enforce
                  rules:
                    - allow: {method: GET, path: "/v1/**"}
                    - allow: {method: POST, path: /v1/chat}
      """;

  @Test
  void acceptsJsonRpcAndMcpEndpointsWithExplicitMatchers() {
    ValidationReport report = PROFILE.validateText(DocumentKind.PRESET, RPC_AND_MCP, ReadMode.STRICT);
    assertTrue(report.isValid(), report.toString());
    assertEquals(List.of(), profileOnly(DocumentKind.PRESET, RPC_AND_MCP));
  }

  @Test
  void blueprintAdditionsAcceptWhatTheRunnerAccepts() {
    for (PolicyValidator v : List.of(PROFILE, PolicyValidator.strict(), PolicyValidator.legacyTolerant())) {
      ValidationReport report = v.validateText(DocumentKind.BLUEPRINT, RUNNER_BLUEPRINT, ReadMode.STRICT);
      assertTrue(report.isValid(), report.toString());
    }
  }

  /** One rule per row: the change that breaks a valid document, the code and pointer the profile reports. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "entry without binaries|'    binaries:\\n      - {path: /usr/bin/curl}\\n=>'|nemoclaw_binaries_required|/network_policies/p",
        "empty binaries|'      - {path: /usr/bin/curl}\\n=>      []\\n'|nemoclaw_binaries_required|/network_policies/p/binaries",
        "REST rule with a WebSocket method|method: POST=>method: WEBSOCKET_TEXT|nemoclaw_rule_shape|/network_policies/p/endpoints/0/rules/0/allow/method",
        "REST rule without path|', path: /v1/**=>'|nemoclaw_rule_shape|/network_policies/p/endpoints/0/rules/0/allow",
        "REST rule with query|path: /v1/**=>path: /v1/**, query: {a: b}|nemoclaw_rule_shape|/network_policies/p/endpoints/0/rules/0/allow/query",
        "WebSocket rule with POST|protocol: rest=>protocol: websocket|nemoclaw_rule_shape|/network_policies/p/endpoints/0/rules/0/allow/method",
        "plain endpoint with neither rules nor access|'        protocol: rest\\n        enforcement: enforce\\n        rules:\\n          - allow: {method: POST, path: /v1/**}\\n=>'|nemoclaw_rules_required|/network_policies/p/endpoints/0",
        "access other than full|'        rules:\\n          - allow: {method: POST, path: /v1/**}\\n=>        access: read-only\\n'|value_not_allowed|/network_policies/p/endpoints/0/access",
        "json_rpc body above 1 MiB|'protocol: rest=>protocol: rest\\n        json_rpc: {max_body_bytes: 2097152}'|nemoclaw_body_limit|/network_policies/p/endpoints/0/json_rpc/max_body_bytes",
        "ports without port|port: 443=>ports: [443]|missing_field|/network_policies/p/endpoints/0",
        "graphql protocol|protocol: rest=>protocol: graphql|value_not_allowed|/network_policies/p/endpoints/0/protocol",
      })
  void profileRules(String name, String change, String code, String pointer) {
    String[] parts = change.replace("\\n", "\n").split("=>", -1);
    String valid = VALID_PRESET;
    String invalid = valid.replace(parts[0], parts[1]);
    assertFalse(invalid.equals(valid), "the change applies: " + name);
    List<Problem> problems = PROFILE.validateText(DocumentKind.PRESET, invalid, ReadMode.LEGACY_TOLERANT).problems();
    assertTrue(problems.stream().anyMatch(p -> p.code().equals(code) && p.pointer().equals(pointer)),
        name + ": expected " + code + " at " + pointer + " in " + problems + "\n" + invalid);
    assertTrue(PROFILE.validateText(DocumentKind.PRESET, valid, ReadMode.STRICT).isValid());
    assertFalse(PolicyValidator.strict().validateText(DocumentKind.PRESET, valid, ReadMode.STRICT).hasErrors());
  }

  static final String VALID_PRESET = """
      preset:
        name: api
        description: an API
      network_policies:
        p:
          name: p
          endpoints:
            - host: api.example.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: POST, path: /v1/**}
          binaries:
            - {path: /usr/bin/curl}
      """;

  @Test
  void thePolicySchemaIsClosedAndNeedsEntries() {
    String policy = "version: 1\nnetwork_middlewares: {}\nnetwork_policies: {}\n";
    List<Problem> problems = PROFILE.validateText(DocumentKind.POLICY, policy, ReadMode.LEGACY_TOLERANT).problems();
    assertTrue(problems.stream().anyMatch(p -> p.code().equals("unknown_key")
        && p.pointer().equals("/network_middlewares") && p.message().startsWith(NemoClawProfile.PREFIX)), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.code().equals("nemoclaw_network_policies_required")), problems.toString());
    assertTrue(PolicyValidator.legacyTolerant().validateText(DocumentKind.POLICY, "version: 1\n", ReadMode.LEGACY_TOLERANT).isValid(),
        "without the profile a policy without entries is valid");
  }

  @Test
  void nestedUnknownBlueprintComponentPropertiesAreErrors() {
    String nested = RUNNER_BLUEPRINT.replace("sandbox: {image: \"ghcr.io/example/sandbox:1\", name: box}",
        "sandbox: {image: \"ghcr.io/example/sandbox:1\", name: box, gpu: true}");
    List<Problem> problems = PROFILE.validateText(DocumentKind.BLUEPRINT, nested, ReadMode.LEGACY_TOLERANT).problems();
    assertTrue(problems.stream().anyMatch(p -> p.code().equals("unknown_key") && p.isError()
        && p.pointer().equals("/components/sandbox/gpu")), problems.toString());
  }

  @Test
  void theProfileAppliesToModelsToo() {
    var preset = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPreset(VALID_PRESET.replace(
        "    binaries:\n      - {path: /usr/bin/curl}\n", "")).value().orElseThrow();
    assertTrue(PROFILE.validatePreset(preset).problems().stream()
        .anyMatch(p -> p.code().equals("nemoclaw_binaries_required")));
    assertFalse(PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN).validatePreset(preset).hasErrors());
  }
}
