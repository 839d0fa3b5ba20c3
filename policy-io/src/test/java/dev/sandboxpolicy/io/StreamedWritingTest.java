package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@link PolicyWriter}'s text and hash are written straight from the model ({@link DocumentStream}), without the
 * tree {@link DocumentTree} builds: they must be byte for byte what writing that tree gives, which is how they were
 * written before. Checked on every YAML and JSON file of the repository and of {@code ../shared/upstream} (read in
 * both modes, as every kind of document that reads), and on the cases where the two ways could part: unknown keys
 * (after the fields, between them in the canonical order, never over a written field), the canonical
 * normalizations, nested open data, and strings that are hard to encode.
 */
class StreamedWritingTest {

  private static final DocumentTree DOCUMENT = new DocumentTree(false);
  private static final DocumentTree CANONICAL = new DocumentTree(true);

  /** Every written form of {@code p}, streamed and through its tree. */
  private static void assertSameAsTree(Policy p, String what) {
    assertSame(() -> PolicyWriter.yaml(DOCUMENT.policy(p)), () -> PolicyWriter.toYaml(p), what);
    assertSame(() -> PolicyWriter.json(DOCUMENT.policy(p), true), () -> PolicyWriter.toJson(p), what);
    assertSame(() -> PolicyWriter.yaml(CANONICAL.policy(p)), () -> PolicyWriter.toCanonicalYaml(p), what);
    assertSame(() -> PolicyWriter.json(CANONICAL.policy(p), false), () -> PolicyWriter.toCanonicalJson(p), what);
    assertSame(() -> sha256(PolicyWriter.json(CANONICAL.policy(p), false)), () -> PolicyWriter.hash(p), what);
  }

  private static void assertSameAsTree(Preset p, String what) {
    assertSame(() -> PolicyWriter.yaml(DOCUMENT.preset(p)), () -> PolicyWriter.toYaml(p), what);
    assertSame(() -> PolicyWriter.json(DOCUMENT.preset(p), true), () -> PolicyWriter.toJson(p), what);
  }

  /** The same text, or the same failure (the YAML emitter refuses some strings either way). */
  private static void assertSame(Supplier<String> throughTree, Supplier<String> streamed, String what) {
    assertEquals(outcome(throughTree), outcome(streamed), what);
  }

  private static String outcome(Supplier<String> writing) {
    try {
      return writing.get();
    } catch (RuntimeException e) {
      return "failed: " + e;
    }
  }

  private static String sha256(String text) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads {@code text} as each kind of document and compares what reads; the number of documents compared. */
  private static int compareEveryReading(String text, DocumentFormat format, String what) {
    int compared = 0;
    for (ReadMode mode : ReadMode.values()) {
      PolicyReader reader = PolicyReader.of(mode);
      String at = what + " (" + mode + ")";
      Policy policy = reader.readPolicy(text, format).value().orElse(null);
      if (policy != null) {
        assertSameAsTree(policy, at);
        compared++;
      }
      Preset preset = reader.readPreset(text, format).value().orElse(null);
      if (preset != null) {
        assertSameAsTree(preset, at);
        compared++;
      }
      // a tiers document or a blueprint has its own top-level key (reading every file as one only repeats the
      // unknown-key cases above, slowly)
      if (format == DocumentFormat.YAML && (text.contains("tiers:") || text.contains("components:"))) {
        TierCatalog tiers = reader.readTiers(text).value().orElse(null);
        if (tiers != null) {
          assertSame(() -> PolicyWriter.yaml(DOCUMENT.tiers(tiers)), () -> PolicyWriter.toYaml(tiers), at);
          compared++;
        }
        Blueprint blueprint = reader.readBlueprint(text).value().orElse(null);
        if (blueprint != null) {
          assertSame(() -> PolicyWriter.yaml(DOCUMENT.blueprint(blueprint)), () -> PolicyWriter.toYaml(blueprint), at);
          compared++;
        }
      }
    }
    return compared;
  }

  private static int compareEveryReading(List<Path> files) throws IOException {
    int compared = 0;
    for (Path file : files) {
      DocumentFormat format = file.toString().endsWith(".json") ? DocumentFormat.JSON : DocumentFormat.YAML;
      compared += compareEveryReading(Files.readString(file), format, file.toString());
    }
    return compared;
  }

  private static List<Path> documentsUnder(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .filter(p -> p.toString().matches(".*\\.(yaml|yml|json)$"))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyDocumentOfTheRepositoryIsWrittenAsItsTree() throws IOException {
    String root = System.getProperty("sandboxpolicy.root");
    assumeTrue(root != null && Files.isDirectory(Path.of(root, "examples")), "the checkout's root is not known");
    int compared = compareEveryReading(documentsUnder(Path.of(root)));
    // the examples alone are a policy, a preset and more, each read in two modes
    assertTrue(compared > 20, compared + " documents compared");
  }

  @Test
  void everyUpstreamDocumentIsWrittenAsItsTree() throws IOException {
    Path upstream = UpstreamDocumentsTest.shared().resolve("upstream");
    assumeTrue(Files.isDirectory(upstream), "../shared is absent");
    assertTrue(compareEveryReading(documentsUnder(upstream)) > 0, "no upstream document read");
  }

  @Test
  void everyFieldOfTheLanguageIsWrittenAsItsTree() throws IOException {
    assertTrue(compareEveryReading(Fixtures.text("every-field.yaml"), DocumentFormat.YAML, "every-field.yaml") >= 2);
  }

  /** Unknown keys at every depth, with every kind of value, read by the legacy tolerant reading. */
  private static final String UNKNOWN_KEYS = """
      version: 1
      zz_last: 1
      aa_first: {b: [1, 2.5, null, true], a: text, c: {z: 1, y: 18446744073709551616}}
      landlock: {compatibility: best_effort, extra: [x]}
      network_policies:
        b_entry:
          name: b
          comment: kept
          endpoints:
            - host: api.example.com
              port: 443
              note: {nested: {deep: [1, {k: v}]}}
              rules:
                - allow: {method: GET, path: /v1/**, extra: 2}
                  why: because
        a_entry:
          endpoints:
            - host: mcp.example.com
              port: 443
              protocol: mcp
              mcp: {versions: [2025-11-25], extra: true}
          binaries: [{path: /usr/bin/a, flag: 1}]
      network_middlewares:
        m:
          middleware: openshell/regex
          config: {mode: redact, z: {b: 1.0e3, a: -0.0}, a: [3, 2, 1]}
          endpoints: {include: [api.example.com], other: 1}
      """;

  @Test
  void unknownKeysGoWhereTheTreePutsThem() throws Exception {
    Policy p = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(UNKNOWN_KEYS).value().orElseThrow();
    assertTrue(p.unknownFields().containsKey("aa_first"), "read with its unknown keys");
    assertSameAsTree(p, "unknown keys");
    // in the canonical layout an unknown key sorts among the known ones: aa_first comes before landlock
    String canonical = PolicyWriter.toCanonicalJson(p);
    assertTrue(canonical.indexOf("\"aa_first\"") < canonical.indexOf("\"landlock\""), canonical);
    assertTrue(canonical.indexOf("\"landlock\"") < canonical.indexOf("\"zz_last\""), canonical);
  }

  @Test
  void anUnknownKeyNamedAsAFieldIsWrittenOnlyWhenTheFieldIsNot() {
    Endpoint hostless = Endpoint.builder().port(443).addAllowedIps("10.0.0.1")
        .putUnknownFields("host", "from unknown keys")
        .putUnknownFields("port", 1)
        .putUnknownFields("allow_encoded_slash", "yes")
        .build();
    Policy p = Policy.builder().version(1L)
        .putNetworkPolicies("e", NetworkPolicy.builder().addEndpoints(hostless).build())
        .build();
    assertSameAsTree(p, "unknown keys named as fields");
    String yaml = PolicyWriter.toYaml(p);
    // port is a written field, so its unknown twin is dropped; host and allow_encoded_slash are not written
    assertTrue(yaml.contains("host: from unknown keys"), yaml);
    assertTrue(yaml.contains("allow_encoded_slash: \"yes\""), yaml);
    assertTrue(yaml.contains("port: 443") && !yaml.contains("port: 1"), yaml);
  }

  @Test
  void unknownKeysOfThePresetHeaderAndThePresetAreWrittenAsTheirTree() throws Exception {
    String text = """
        preset: {name: p, description: d, author: me}
        extra_top: [1]
        network_policies:
          e: {endpoints: [{host: a.example.com, port: 443}]}
        """;
    Preset preset = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPreset(text).value().orElseThrow();
    assertSameAsTree(preset, "preset with unknown keys");
    assertTrue(PolicyWriter.toYaml(preset).contains("author: me"), PolicyWriter.toYaml(preset));
  }

  @Test
  void theCanonicalNormalizationsAreTheTreeOnes() throws Exception {
    String text = """
        version: 1
        network_policies:
          z:
            endpoints:
              - host: one.example.com
                ports: [443]
              - host: two.example.com
                ports: [8443, 443]
              - host: mcp.example.com
                port: 443
                protocol: mcp
                mcp: {}
                rules:
                  - allow:
                      method: tools/call
                      tool: {glob: "search_*"}
                      params: {a.b: x, a: {c: "y*"}, q: {any: [one, two]}}
              - host: mcp2.example.com
                port: 443
                protocol: mcp
                mcp: {versions: [2025-11-25, 2025-03-26]}
                rules: [{allow: {method: tools/list}}]
              - host: rest.example.com
                port: 443
                protocol: rest
                rules:
                  - allow: {method: GET, path: /x, query: {b: {glob: "v*"}, a: {any: [p, q]}}}
          a:
            endpoints: [{host: a.example.com, port: 443}]
        """;
    // the legacy tolerant reading keeps the object form {glob: x}, which the canonical form writes as x
    Policy p = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(text).value().orElseThrow();
    assertSameAsTree(p, "canonical normalizations");
    String canonical = PolicyWriter.toCanonicalJson(p);
    assertTrue(canonical.startsWith("{\"network_policies\":{\"a\":"), canonical);
    assertTrue(canonical.contains("\"tool\":\"search_*\""), canonical);
    assertTrue(canonical.contains("{\"host\":\"mcp.example.com\",\"port\":443,\"protocol\":\"mcp\",\"rules\""),
        canonical);
  }

  @Test
  void stringsThatAreHardToEncodeAreWrittenAsTheirTree() {
    List<String> hard = List.of("😀 emoji", "lone high \uD83D then text", "lone high at the end \uD83D",
        "lone low \uDE00", "two highs \uD83D\uD83D\uDE00", "tab\tnew line\nquote\" back\\slash \u0001 \u007f",
        "yes", "0777", "~", "é ü ß", "");
    List<Endpoint> endpoints = new ArrayList<>();
    for (String s : hard) {
      endpoints.add(Endpoint.builder().host("h.example.com").port(443).path("/" + s).putUnknownFields("k " + s, s)
          .build());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("big", new BigInteger("123456789012345678901234567890"));
    config.put("long", Long.MAX_VALUE);
    config.put("double", 1.5e-7);
    config.put("null", null);
    Policy p = Policy.builder().version(1L)
        .putNetworkPolicies("hard", NetworkPolicy.builder().name(String.join("|", hard)).endpoints(endpoints).build())
        .putUnknownFields("config", config)
        .build();
    assertSameAsTree(p, "hard strings");
  }

  @Test
  void aFieldWriterThatWritesAnotherKeyIsRefusedWhenStreamed() {
    // the stream emits a field's value at the field's place; a writer writing some other key would put it out of
    // the tree's order, so it is a programming error, reported rather than written
    Field.Writer<Landlock> wrong = (tree, l, key, out) -> out.put("b", "x");
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), text)) {
      DocumentStream stream = new DocumentStream(DOCUMENT, g);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> stream.custom("a", Landlock.builder().build(), wrong));
      assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("[b]"), e.getMessage());
    }
  }
}
