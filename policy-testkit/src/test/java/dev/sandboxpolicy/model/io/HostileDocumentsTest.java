package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.testkit.Budget;
import dev.sandboxpolicy.testkit.TreeText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile policy documents: each must give at least one error problem with a stable snake_case code and a
 * location, within a time and allocation budget, and never an exception or error escaping the reader.
 */
class HostileDocumentsTest {

  static final PolicyReader STRICT = PolicyReader.of(ReadMode.STRICT);
  static final PolicyReader LENIENT = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
  static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  static final Duration TIME = Duration.ofSeconds(5);
  static final long MEMORY = 512L << 20;
  static final String VALID = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: api.example.com\n        port: 443\n    binaries:\n      - path: /usr/bin/curl\n";

  static String kitchenSink() {
    try (InputStream in = HostileDocumentsTest.class.getResourceAsStream("/fixtures/kitchen-sink-policy.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Map<String, Object> kitchenSinkTree() {
    return PolicyWriter.toTree(STRICT.readPolicy(kitchenSink()).value().orElseThrow());
  }

  /** Asserts the result is rejected with an error whose code is one of {@code codes} and that has a location. */
  static Problem assertRejected(String what, ReadResult<?> result, Set<String> codes) {
    assertTrue(result.hasErrors(), what + ": expected an error, got " + result.problems());
    assertTrue(result.value().isEmpty(), what + ": no value with errors");
    for (Problem p : result.problems()) {
      assertTrue(SNAKE_CASE.matcher(p.code()).matches(), what + ": code not snake_case: " + p);
      assertFalse(p.message().isBlank(), what + ": empty message: " + p);
    }
    Problem match = result.problems().stream()
        .filter(p -> p.isError() && codes.contains(p.code()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(what + ": expected one of " + codes + ", got " + result.problems()));
    assertTrue(match.line() > 0 || !match.pointer().isEmpty(), what + ": problem without location: " + match);
    return match;
  }

  static Stream<Arguments> hostileTexts() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("unclosed flow sequence", "version: 1\nnetwork_policies: {a: [}\n", Set.of("yaml_syntax")));
    cases.add(Arguments.of("unclosed quote", "version: 1\nnetwork_policies:\n  a:\n    name: \"abc\n", Set.of("yaml_syntax")));
    cases.add(Arguments.of("bad indentation", "version: 1\nnetwork_policies:\n  a:\n   endpoints: []\n  binaries: x\n b: 1\n", Set.of("yaml_syntax")));
    cases.add(Arguments.of("tab indentation", "version: 1\nnetwork_policies:\n\ta:\n\t\tendpoints: []\n", Set.of("yaml_syntax")));
    cases.add(Arguments.of("only a colon", ":", Set.of("yaml_syntax", "wrong_type", "missing_version")));
    cases.add(Arguments.of("empty document", "", Set.of("empty_document")));
    cases.add(Arguments.of("only a comment", "# nothing\n", Set.of("empty_document")));
    cases.add(Arguments.of("scalar document", "hello", Set.of("wrong_type")));
    cases.add(Arguments.of("list document", "- 1\n- 2\n", Set.of("wrong_type")));
    cases.add(Arguments.of("two documents", VALID + "---\n" + VALID, Set.of("multiple_documents")));
    cases.add(Arguments.of("missing version", "network_policies: {}\n", Set.of("missing_version")));
    cases.add(Arguments.of("duplicate top-level key", "version: 1\nversion: 1\n", Set.of("duplicate_key")));
    cases.add(Arguments.of("duplicate entry key", "version: 1\nnetwork_policies:\n  a: {}\n  a: {}\n", Set.of("duplicate_key")));
    cases.add(Arguments.of("unknown alias", "version: 1\nnetwork_policies: *nope\n", Set.of("unknown_alias", "yaml_syntax")));
    cases.add(Arguments.of("custom tag", "version: !!binary aGVsbG8=\n", Set.of("unsupported_tag", "wrong_type")));
    cases.add(Arguments.of("python tag", "version: !!python/object:os.system ls\n", Set.of("unsupported_tag", "wrong_type")));
    cases.add(Arguments.of("huge version", "version: 99999999999999999999999999\n", Set.of("integer_out_of_range")));
    cases.add(Arguments.of("float version", "version: 1.5\n", Set.of("wrong_type", "integer_out_of_range")));
    cases.add(Arguments.of("negative version", "version: -1\n", Set.of("integer_out_of_range")));
    cases.add(Arguments.of("version 1e400", "version: 1e400\n", Set.of("wrong_type", "integer_out_of_range")));
    for (String port : List.of("-1", "-65535", "65536", "70000", "4294967296", "99999999999999999999999", "0x1BB", "1e3", ".inf", "\"443\"", "443.0", "[443]")) {
      cases.add(Arguments.of("port " + port, VALID.replace("port: 443", "port: " + port), Set.of("integer_out_of_range", "wrong_type")));
      cases.add(Arguments.of("ports [" + port + "]", VALID.replace("port: 443", "ports: [" + port + "]"), Set.of("integer_out_of_range", "wrong_type")));
    }
    cases.add(Arguments.of("rules is a map", VALID.replace("port: 443", "port: 443\n        rules: {allow: {}}"), Set.of("wrong_type")));
    cases.add(Arguments.of("binaries is a string", VALID.replace("binaries:\n      - path: /usr/bin/curl", "binaries: /usr/bin/curl"), Set.of("wrong_type")));
    cases.add(Arguments.of("endpoint is a string", VALID.replace("      - host: api.example.com\n        port: 443", "      - api.example.com:443"), Set.of("wrong_type")));
    cases.add(Arguments.of("null entry body", "version: 1\nnetwork_policies:\n  a: ~\n", Set.of("wrong_type")));
    cases.add(Arguments.of("NUL in text", VALID.replace("api.example.com", "api\u0000.example.com"), Set.of("yaml_syntax", "invalid_encoding")));
    cases.add(Arguments.of("ESC control in text", VALID.replace("api.example.com", "api\u001bx.example.com"), Set.of("yaml_syntax", "invalid_encoding")));
    cases.add(Arguments.of("DEL in text", VALID.replace("api.example.com", "api\u007fx.example.com"), Set.of("yaml_syntax", "invalid_encoding")));
    return cases.stream();
  }

  @org.junit.jupiter.api.AfterAll
  static void printCounts() {
    HostileCounts.record("hostile texts (syntax, tags, versions, ports, shapes, controls), strict + lenient", (int) hostileTexts().count());
    HostileCounts.record("invalid UTF-8 byte sequences x (YAML, JSON)", (int) invalidUtf8().count() * DocumentFormat.values().length);
    HostileCounts.print();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTexts")
  void hostileTextIsRejectedWithALocatedProblem(String name, String text, Set<String> codes) {
    ReadResult<Policy> result = Budget.run(name, TIME, MEMORY, () -> STRICT.readPolicy(text)).value();
    assertRejected(name, result, codes);
    ReadResult<Policy> lenient = Budget.run(name + " (lenient)", TIME, MEMORY, () -> LENIENT.readPolicy(text)).value();
    for (Problem p : lenient.problems()) {
      assertTrue(SNAKE_CASE.matcher(p.code()).matches(), p.toString());
    }
  }

  /** Every scalar, list and object of a policy using every field, replaced by a value of another type. */
  @Test
  void wrongTypeEverywhereATypeIsExpected() {
    Map<String, Object> tree = kitchenSinkTree();
    List<String> pointers = new ArrayList<>();
    TreeText.walk(tree, "", (pointer, node) -> {
      if (!pointer.isEmpty() && !pointer.contains("/config") && !isNameKeyedEntry(pointer) && !isMatcher(pointer)) {
        pointers.add(pointer);
      }
    });
    int cases = 0;
    for (String pointer : pointers) {
      Object original = TreeText.at(tree, pointer);
      for (Object wrong : wrongValues(original)) {
        Map<String, Object> copy = TreeText.copy(tree);
        TreeText.replace(copy, pointer, wrong);
        String yaml = PolicyWriter.yaml(copy);
        String what = pointer + " := " + wrong;
        ReadResult<Policy> result = Budget.run(what, TIME, MEMORY, () -> STRICT.readPolicy(yaml)).value();
        Problem p = assertRejected(what, result, Set.of("wrong_type", "integer_out_of_range"));
        assertTrue(p.pointer().equals(pointer) || p.pointer().startsWith(pointer + "/"),
            what + ": problem points at " + p.pointer() + " instead of " + pointer);
        cases++;
      }
    }
    assertTrue(cases > 150, "cases " + cases);
    HostileCounts.record("wrong type at every typed position (strict)", cases);
  }

  private static boolean isNameKeyedEntry(String pointer) {
    return pointer.matches("/network_policies/[^/]+") || pointer.matches("/network_middlewares/[^/]+")
        || pointer.matches(".*/graphql_persisted_queries/[^/]+");
  }

  private static boolean isMatcher(String pointer) {
    return pointer.matches(".*/query/[^/]+") || pointer.endsWith("/tool") || pointer.matches(".*/params/[^/]+");
  }

  private static List<Object> wrongValues(Object original) {
    if (original instanceof String) {
      return List.of(12345L, List.of("x"), Map.of("k", "v"), true);
    }
    if (original instanceof Boolean) {
      return List.of("maybe", 1L, List.of(true));
    }
    if (original instanceof Number) {
      return List.of("not-a-number", List.of(1L), Map.of("k", 1L), 1.5d);
    }
    if (original instanceof List<?>) {
      return List.of("x", Map.of("k", "v"), 7L);
    }
    return List.of(List.of(1L), "x", 42L);
  }

  /** An unknown key added to every object: an error (with its pointer) when strict, a warning when lenient. */
  @Test
  void unknownKeysAtEveryLevel() {
    Map<String, Object> tree = kitchenSinkTree();
    List<String> objects = new ArrayList<>();
    TreeText.walk(tree, "", (pointer, node) -> {
      if (node instanceof Map<?, ?> && !pointer.endsWith("/config") && !pointer.endsWith("/network_policies")
          && !pointer.endsWith("/network_middlewares") && !pointer.endsWith("/query") && !pointer.endsWith("/params")
          && !pointer.endsWith("/graphql_persisted_queries")) {
        objects.add(pointer);
      }
    });
    for (String pointer : objects) {
      Map<String, Object> copy = TreeText.copy(tree);
      @SuppressWarnings("unchecked")
      Map<String, Object> target = (Map<String, Object>) TreeText.at(copy, pointer);
      target.put("zz_unknown", 1L);
      String yaml = PolicyWriter.yaml(copy);
      // json_rpc is closed in every mode (its own code); every other object reports unknown_key
      boolean closedEverywhere = pointer.endsWith("/json_rpc");
      Set<String> expected = Set.of(closedEverywhere ? "json_rpc_option_unknown" : "unknown_key");
      ReadResult<Policy> strict = Budget.run(pointer, TIME, MEMORY, () -> STRICT.readPolicy(yaml)).value();
      Problem p = assertRejected("unknown key in " + pointer, strict, expected);
      assertEquals(pointer + "/zz_unknown", p.pointer(), p.toString());
      ReadResult<Policy> lenient = LENIENT.readPolicy(yaml);
      if (pointer.matches(".*/query/[^/]+") || closedEverywhere) {
        // Matcher objects only know glob/any (§1.7), json_rpc only max_body_bytes: errors even in a legacy read.
        assertRejected("lenient unknown key in " + pointer, lenient, expected);
        continue;
      }
      assertFalse(lenient.hasErrors(), "lenient " + pointer + ": " + lenient.problems());
      assertTrue(lenient.problems().stream().anyMatch(q -> q.code().equals("unknown_key") && !q.isError()),
          "lenient warning for " + pointer + ": " + lenient.problems());
    }
    assertTrue(objects.size() >= 20, "objects " + objects.size());
    HostileCounts.record("unknown key in every object (strict error + lenient warning)", objects.size());
  }

  /** The first key of every object written twice (as JSON, which is YAML too): a duplicate_key error. */
  @Test
  void duplicateKeysAtEveryLevel() {
    Map<String, Object> tree = kitchenSinkTree();
    List<String> objects = new ArrayList<>();
    TreeText.walk(tree, "", (pointer, node) -> {
      if (node instanceof Map<?, ?> m && !m.isEmpty()) {
        objects.add(pointer);
      }
    });
    for (String pointer : objects) {
      String text = TreeText.jsonWithDuplicate(tree, pointer);
      ReadResult<Policy> yaml = Budget.run(pointer, TIME, MEMORY, () -> STRICT.readPolicy(text)).value();
      assertRejected("duplicate key (YAML) in " + pointer, yaml, Set.of("duplicate_key"));
      ReadResult<Policy> json = Budget.run(pointer, TIME, MEMORY, () -> LENIENT.readPolicy(text, DocumentFormat.JSON)).value();
      assertRejected("duplicate key (JSON, lenient) in " + pointer, json, Set.of("duplicate_key"));
    }
    HostileCounts.record("duplicate key in every object (YAML strict + JSON lenient)", objects.size() * 2);
  }

  @Test
  void yamlAliasBombs() {
    StringBuilder laughs = new StringBuilder("version: 1\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      laughs.append("x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        laughs.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      laughs.append("]\n");
    }
    String billion = laughs.toString();
    assertRejected("billion laughs", Budget.run("billion laughs", TIME, MEMORY, () -> STRICT.readPolicy(billion)).value(),
        Set.of("too_many_nodes", "unknown_key"));
    assertRejected("billion laughs lenient",
        Budget.run("billion laughs lenient", TIME, MEMORY, () -> LENIENT.readPolicy(billion)).value(),
        Set.of("too_many_nodes"));
    // The same bomb inside a field the model keeps (middleware config is free-form).
    String inConfig = "version: 1\nnetwork_middlewares:\n  m:\n    middleware: x\n    config:\n"
        + billion.lines().skip(1).map(l -> "      " + l).reduce("", (a, b) -> a + b + "\n");
    assertRejected("bomb in config", Budget.run("bomb in config", TIME, MEMORY, () -> LENIENT.readPolicy(inConfig)).value(),
        Set.of("too_many_nodes"));
    // Quadratic blow-up: one big anchored map referenced many times.
    StringBuilder quadratic = new StringBuilder("version: 1\nbase: &b {");
    for (int i = 0; i < 5000; i++) {
      quadratic.append(i == 0 ? "" : ", ").append("k").append(i).append(": v");
    }
    quadratic.append("}\nrefs: [");
    for (int i = 0; i < 5000; i++) {
      quadratic.append(i == 0 ? "" : ", ").append("*b");
    }
    quadratic.append("]\n");
    String q = quadratic.toString();
    assertRejected("quadratic aliases", Budget.run("quadratic aliases", TIME, MEMORY, () -> LENIENT.readPolicy(q)).value(),
        Set.of("too_many_nodes"));
    HostileCounts.record("YAML alias bombs (billion laughs strict/lenient/in config, quadratic)", 4);
  }

  @Test
  void tenThousandLevelNesting() {
    String flowSeq = "version: 1\nx: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    String flowMap = "version: 1\nx: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n";
    // Block nesting costs n²/2 bytes of indentation: 10,000 levels would be 50 MB (see fiftyMebibyteDocument);
    // 2,000 levels (2 MB) is the deepest block nesting under the 4 MiB document limit.
    StringBuilder block = new StringBuilder("version: 1\nx:\n");
    for (int i = 0; i < 2_000; i++) {
      block.append(" ".repeat(i + 1)).append("a:\n");
    }
    String blockMap = block.toString();
    String jsonArrays = "{\"version\": 1, \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    String inConfig = "version: 1\nnetwork_middlewares:\n  m:\n    middleware: x\n    config: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    for (Map.Entry<String, String> c : Map.of("flow sequences", flowSeq, "flow maps", flowMap, "block maps (2,000)", blockMap, "in config", inConfig).entrySet()) {
      for (PolicyReader reader : List.of(STRICT, LENIENT)) {
        ReadResult<Policy> r = Budget.run(c.getKey(), TIME, MEMORY, () -> reader.readPolicy(c.getValue())).value();
        assertRejected(c.getKey(), r, Set.of("nesting_too_deep"));
      }
    }
    assertRejected("JSON arrays", Budget.run("json", TIME, MEMORY, () -> LENIENT.readPolicy(jsonArrays, DocumentFormat.JSON)).value(),
        Set.of("nesting_too_deep"));
    HostileCounts.record("10,000-level nesting (flow seq, flow map, block map, in config x strict/lenient, JSON)", 9);
  }

  @Test
  void fiftyMebibyteDocument(@TempDir Path dir) throws IOException {
    int size = 50 << 20;
    StringBuilder b = new StringBuilder(size + 100).append("version: 1\nnetwork_policies:\n");
    int i = 0;
    while (b.length() < size) {
      b.append("  e").append(i++).append(":\n    endpoints: [{host: a.example.com, port: 443}]\n    binaries: [{path: /usr/bin/x}]\n");
    }
    String text = b.toString();
    Problem p = assertRejected("50 MiB string", Budget.run("50 MiB string", TIME, MEMORY, () -> STRICT.readPolicy(text)).value(),
        Set.of("document_too_large"));
    assertTrue(p.message().contains("limit"), p.toString());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertRejected("50 MiB bytes", Budget.run("50 MiB bytes", TIME, MEMORY, () -> STRICT.readPolicy(bytes, DocumentFormat.YAML)).value(),
        Set.of("document_too_large"));
    Path file = dir.resolve("big.yaml");
    Files.write(file, bytes);
    assertRejected("50 MiB file", Budget.run("50 MiB file", TIME, 64L << 20, () -> STRICT.readPolicy(file)).value(),
        Set.of("document_too_large"));
    HostileCounts.record("50 MiB document (string, bytes, file)", 3);
  }

  static Stream<Arguments> invalidUtf8() {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    int at = VALID.indexOf("api.example.com");
    List<Arguments> cases = new ArrayList<>();
    Map<String, byte[]> insertions = new LinkedHashMap<>();
    insertions.put("lone continuation 0x80", new byte[] {(byte) 0x80});
    insertions.put("0xFF", new byte[] {(byte) 0xff});
    insertions.put("truncated 2-byte", new byte[] {(byte) 0xc3});
    insertions.put("overlong '/' C0 AF", new byte[] {(byte) 0xc0, (byte) 0xaf});
    insertions.put("overlong NUL C0 80", new byte[] {(byte) 0xc0, (byte) 0x80});
    insertions.put("surrogate ED A0 80", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
    insertions.put("above U+10FFFF F4 90 80 80", new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
    insertions.put("truncated 4-byte at end", new byte[] {(byte) 0xf0, (byte) 0x9f});
    for (Map.Entry<String, byte[]> e : insertions.entrySet()) {
      byte[] doc = new byte[valid.length + e.getValue().length];
      System.arraycopy(valid, 0, doc, 0, at);
      System.arraycopy(e.getValue(), 0, doc, at, e.getValue().length);
      System.arraycopy(valid, at, doc, at + e.getValue().length, valid.length - at);
      cases.add(Arguments.of(e.getKey(), doc));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidUtf8")
  void invalidUtf8IsAnEncodingProblem(String name, byte[] doc) {
    for (DocumentFormat format : DocumentFormat.values()) {
      ReadResult<Policy> r = Budget.run(name, TIME, MEMORY, () -> STRICT.readPolicy(doc, format)).value();
      assertRejected(name + " " + format, r, Set.of("invalid_encoding"));
    }
  }

  /** A BOM, CRLF line endings and tabs inside values are fine: the same policy as the plain document. */
  @Test
  void bomCrlfAndTabsInValuesReadLikeThePlainDocument() {
    Policy plain = STRICT.readPolicy(VALID).value().orElseThrow();
    byte[] bom = ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8);
    assertEquals(plain, STRICT.readPolicy(bom, DocumentFormat.YAML).value().orElseThrow(), "UTF-8 BOM (bytes)");
    assertEquals(plain, STRICT.readPolicy("\uFEFF" + VALID).value().orElseThrow(), "BOM (string)");
    byte[] utf16 = ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_16BE);
    assertEquals(plain, STRICT.readPolicy(utf16, DocumentFormat.YAML).value().orElseThrow(), "UTF-16BE with BOM");
    assertEquals(plain, STRICT.readPolicy(VALID.replace("\n", "\r\n")).value().orElseThrow(), "CRLF");
    assertEquals(plain, STRICT.readPolicy(VALID.replace("\n", "\r")).value().orElseThrow(), "CR only");
    Policy tabInComment = STRICT.readPolicy(VALID.replace("port: 443", "port: 443 #\tcomment\twith tabs")).value().orElseThrow();
    assertEquals(plain, tabInComment, "tabs in a comment");
    // YAML 1.2 allows a tab as separation after ':', snakeyaml-engine does not: a located yaml_syntax problem
    // (documented in docs/robustness.md), never an exception.
    ReadResult<Policy> tabAfterColon = STRICT.readPolicy(VALID.replace("port: 443", "port:\t443"));
    if (tabAfterColon.hasErrors()) {
      Problem p = assertRejected("tab after colon", tabAfterColon, Set.of("yaml_syntax"));
      assertEquals(6, p.line(), p.toString());
    } else {
      assertEquals(plain, tabAfterColon.value().orElseThrow());
    }
    ReadResult<Policy> crlfBad = STRICT.readPolicy("version: 1\r\nnetwork_policies:\r\n  a: [\r\n");
    Problem p = assertRejected("CRLF malformed", crlfBad, Set.of("yaml_syntax"));
    assertTrue(p.line() >= 3, "CRLF counts lines: " + p);
    HostileCounts.record("BOM (UTF-8 bytes, string, UTF-16BE), CRLF, CR, tabs: same policy or located yaml_syntax", 8);
  }

  /**
   * Found by {@link #veryLongStrings}: snakeyaml-engine 3.0.1 (under Jackson 3 YAML) allocates O(n²) bytes while
   * scanning one long line — 256 KiB: 129 MiB, 512 KiB: 514 MiB, 1 MiB: 2,054 MiB — so a 4 MiB document with a few
   * long scalars made the reader allocate gigabytes. Fixed in policy-model (941716a): lines over 128 KiB are refused
   * with {@code line_too_long} before the engine scans them. This is the regression test, at 64 MiB.
   */
  @Test
  void longLinesAreRefusedWithinABoundedAllocation() {
    String longHost = "a".repeat(ReadLimits.DEFAULT_MAX_SCALAR_LENGTH + 1);
    assertRejected("1 MiB + 1 scalar", Budget.run("1 MiB + 1 scalar", TIME, 64L << 20,
        () -> STRICT.readPolicy(VALID.replace("api.example.com", longHost))).value(), Set.of("line_too_long"));
    String three = "version: 1\nx: " + "a".repeat(1 << 20) + "\ny: " + "b".repeat(1 << 20) + "\nz: " + "c".repeat(1 << 20) + "\n";
    assertRejected("three 1 MiB scalars", Budget.run("three 1 MiB scalars", TIME, 64L << 20,
        () -> LENIENT.readPolicy(three)).value(), Set.of("line_too_long"));
    String longKey = "k".repeat(ReadLimits.DEFAULT_MAX_SCALAR_LENGTH + 1);
    assertRejected("1 MiB + 1 key", Budget.run("long key", TIME, 64L << 20,
        () -> LENIENT.readPolicy("version: 1\n" + longKey + ": 1\n")).value(), Set.of("line_too_long"));
    HostileCounts.record("very long lines (1 MiB+1 value, three 1 MiB values, 1 MiB+1 key): line_too_long in 64 MiB", 3);
  }

  @Test
  void veryLongStrings() {
    // A scalar over the 1 MiB limit written over many short lines (a folded block scalar): scalar_too_long.
    StringBuilder folded = new StringBuilder("version: 1\nnetwork_policies:\n  a:\n    name: >-\n");
    for (int i = 0; i <= ReadLimits.DEFAULT_MAX_SCALAR_LENGTH / 1000; i++) {
      folded.append("      ").append("n".repeat(999)).append('\n');
    }
    String text = folded.toString();
    Problem p = assertRejected("1 MiB + 1 folded value", Budget.run("folded", TIME, 512L << 20, () -> STRICT.readPolicy(text)).value(),
        Set.of("scalar_too_long"));
    assertTrue(p.line() == 4 || p.pointer().contains("name"), p.toString());
    // Long but under every limit: reads (semantic validation judges it).
    String host = "a".repeat(100_000) + ".example.com";
    ReadResult<Policy> ok = Budget.run("100k host", TIME, MEMORY, () -> STRICT.readPolicy(VALID.replace("api.example.com", host))).value();
    assertFalse(ok.hasErrors(), ok.problems().toString());
    HostileCounts.record("very long strings (1 MiB+1 folded value: scalar_too_long; 100k host: reads)", 2);
  }

  @Test
  void wideCollections() {
    StringBuilder b = new StringBuilder("version: 1\nfilesystem_policy:\n  read_only:\n");
    for (int i = 0; i <= ReadLimits.DEFAULT_MAX_COLLECTION_SIZE; i++) {
      b.append("    - /p\n");
    }
    String text = b.toString();
    assertRejected("wide list", Budget.run("wide list", TIME, MEMORY, () -> STRICT.readPolicy(text)).value(),
        Set.of("collection_too_large"));
    HostileCounts.record("collection over the entry limit", 1);
  }
}
