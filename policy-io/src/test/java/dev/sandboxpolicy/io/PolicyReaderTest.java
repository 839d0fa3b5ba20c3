package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyReaderTest {

  private static final PolicyReader STRICT = PolicyReader.of(ReadMode.STRICT);
  private static final PolicyReader LENIENT = PolicyReader.of(ReadMode.LEGACY_TOLERANT);

  private static Problem only(ReadResult<?> r) {
    assertEquals(1, r.problems().size(), () -> "problems: " + r.problems());
    return r.problems().get(0);
  }

  private static void assertProblem(ReadResult<?> r, String code, int line, int column, String pointer) {
    Problem p =
        r.problems().stream()
            .filter(x -> x.code().equals(code) && x.pointer().equals(pointer))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + code + " in " + r.problems()));
    assertEquals(line, p.line(), () -> "line of " + p);
    assertEquals(column, p.column(), () -> "column of " + p);
    assertEquals(pointer, p.pointer(), () -> "pointer of " + p);
  }

  @Test
  void readsEveryFieldOfTheFixture() throws Exception {
    Policy p = STRICT.readPolicy(Fixtures.text("every-field.yaml")).orElseThrow();
    assertEquals(Optional.of(1L), p.version());
    assertTrue(p.filesystemPolicy().orElseThrow().includeWorkdir());
    assertEquals(List.of("/sandbox", "/tmp"), p.filesystemPolicy().orElseThrow().readWrite());
    assertTrue(p.landlock().orElseThrow().isHardRequirement());
    assertEquals(Optional.of("1000"), p.process().orElseThrow().runAsGroup());
    assertEquals(List.of("zeta_api", "graph", "tools"), List.copyOf(p.networkPolicies().keySet()), "document order");

    NetworkPolicy zeta = p.networkPolicies().get("zeta_api");
    assertEquals("zeta-api", zeta.name());
    Endpoint e = zeta.endpoints().get(0);
    assertEquals("api.zeta.example", e.host());
    assertEquals(List.of(443), e.effectivePorts());
    assertTrue(e.isEnforced());
    assertEquals("skip", e.tls());
    assertEquals(2, e.allowRules().size());
    assertEquals(ValueMatcher.glob("v*"), e.allowRules().get(0).allow().orElseThrow().query().get("tag"));
    assertEquals(ValueMatcher.any(List.of("asc", "desc")), e.allowRules().get(0).allow().orElseThrow().query().get("sort"));
    assertEquals("DELETE", e.denyRuleBodies().get(0).method());
    assertEquals(List.of("10.0.0.0/8", "192.168.1.7"), e.allowedIps());
    assertTrue(e.allowEncodedSlash() && e.websocketCredentialRewrite() && e.allowUninspectedCredentials());
    assertEquals("zeta", e.credentialBinding().orElseThrow().provider());
    assertEquals(Optional.of(true), zeta.binaries().get(1).harness());

    Endpoint graph = p.networkPolicies().get("graph").endpoints().get(0);
    assertEquals(List.of(443, 8443), graph.effectivePorts());
    assertEquals(Optional.of(131072L), graph.graphqlMaxBodyBytes());
    assertEquals(List.of("viewer"), graph.graphqlPersistedQueries().get("abc123").fields());
    assertEquals(List.of("repository", "user*"), graph.allowRules().get(0).allow().orElseThrow().fields());

    List<Endpoint> tools = p.networkPolicies().get("tools").endpoints();
    assertEquals(ValueMatcher.glob("search_*"), tools.get(0).allowRules().get(0).allow().orElseThrow().tool().orElseThrow());
    assertEquals(
        ValueMatcher.any(List.of("read_file", "list_dir")),
        tools.get(0).allowRules().get(1).allow().orElseThrow().params().get("name"));
    assertEquals(Optional.of(false), tools.get(0).mcp().orElseThrow().allowAllKnownMcpMethods());
    assertEquals(Optional.of(4096L), tools.get(1).jsonRpc().orElseThrow().maxBodyBytes());
    assertEquals(Optional.empty(), tools.get(2).rules(), "rules: null reads as absent");
    assertEquals("", tools.get(3).host());
    assertEquals("DROP", tools.get(5).denyRuleBodies().get(1).command());
    assertTrue(p.networkPolicies().get("tools").binaries().isEmpty());

    var guard = p.networkMiddlewares().get("guard");
    assertEquals(Optional.of(1), guard.order());
    assertEquals("strict", guard.config().get("mode"));
    assertEquals(List.of("internal.zeta.example"), guard.endpoints().orElseThrow().exclude());
  }

  @Test
  void everyFieldRoundTripsThroughYamlAndJson() throws Exception {
    Policy p = STRICT.readPolicy(Fixtures.text("every-field.yaml")).orElseThrow();
    assertEquals(p, STRICT.readPolicy(PolicyWriter.toYaml(p)).orElseThrow());
    assertEquals(p, STRICT.readPolicy(PolicyWriter.toJson(p), DocumentFormat.JSON).orElseThrow());
    Policy canonical = STRICT.readPolicy(PolicyWriter.toCanonicalYaml(p)).orElseThrow();
    assertEquals(PolicyWriter.hash(p), PolicyWriter.hash(canonical), "canonical form is a fixed point of the hash");
    assertEquals(PolicyWriter.toCanonicalYaml(p), PolicyWriter.toCanonicalYaml(canonical));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"yes", "on", "NO", "0777", "~", "off", "0x1F", "1e3x"})
  void yaml12ScalarsStayStrings(String scalar) throws Exception {
    String yaml = "version: 1\nnetwork_policies:\n  k:\n    endpoints:\n      - host: " + scalar
        + "\n        port: 443\n        tls: " + scalar + "\n    binaries: [{path: /bin/x}]\n";
    Policy p = STRICT.readPolicy(yaml).orElseThrow();
    Endpoint e = p.networkPolicies().get("k").endpoints().get(0);
    assertEquals(scalar, e.host());
    assertEquals(scalar, e.tls());
    Policy again = STRICT.readPolicy(PolicyWriter.toYaml(p)).orElseThrow();
    assertEquals(scalar, again.networkPolicies().get("k").endpoints().get(0).host(), "written so it reads back the same");
  }

  @Test
  void yesIsNotABoolean() {
    ReadResult<Policy> r = STRICT.readPolicy("version: 1\nfilesystem_policy:\n  include_workdir: yes\n");
    assertProblem(r, "wrong_type", 3, 20, "/filesystem_policy/include_workdir");
  }

  @Test
  void duplicateKeysAreAnErrorAtTheSecondKey() {
    ReadResult<Policy> r = STRICT.readPolicy("version: 1\nnetwork_policies:\n  a: {}\n  a: {}\n");
    assertTrue(r.hasErrors());
    assertProblem(r, "duplicate_key", 4, 3, "/network_policies/a");
  }

  @Test
  void duplicateKeysInJsonToo() {
    ReadResult<Policy> r = STRICT.readPolicy("{\"version\": 1, \"version\": 2}", DocumentFormat.JSON);
    assertEquals("duplicate_key", only(r).code());
  }

  @Test
  void unknownKeysAreErrorsWhenStrictAndKeptWhenLenient() throws Exception {
    String yaml = "version: 1\nnetwork_policies:\n  k:\n    endpoints:\n      - host: a.example\n        port: 1\n        colour: red\n    binaries: []\nfuture: {x: 1}\n";
    ReadResult<Policy> strict = STRICT.readPolicy(yaml);
    assertTrue(strict.hasErrors());
    assertProblem(strict, "unknown_key", 7, 9, "/network_policies/k/endpoints/0/colour");
    assertProblem(strict, "unknown_key", 9, 1, "/future");

    ReadResult<Policy> lenient = LENIENT.readPolicy(yaml);
    assertFalse(lenient.hasErrors());
    assertTrue(lenient.problems().stream().allMatch(p -> p.severity() == Severity.WARNING));
    Policy p = lenient.orElseThrow();
    assertEquals("red", p.networkPolicies().get("k").endpoints().get(0).unknownFields().get("colour"));
    Policy again = LENIENT.readPolicy(PolicyWriter.toYaml(p)).orElseThrow();
    assertEquals(p, again, "unknown keys survive a round trip");
  }

  @Test
  void versionIsRequiredOnlyWhenStrict() {
    String yaml = "network_policies: {}\n";
    assertEquals("missing_version", only(STRICT.readPolicy(yaml)).code());
    assertFalse(LENIENT.readPolicy(yaml).hasErrors());
  }

  @ParameterizedTest(name = "port {0}")
  @CsvSource({"70000", "-1", "99999999999999999999999"})
  void portsOutsideU16AreRejected(String port) {
    ReadResult<Policy> r = STRICT.readPolicy("version: 1\nnetwork_policies:\n  k:\n    endpoints:\n      - {host: a, port: " + port + "}\n");
    assertProblem(r, "integer_out_of_range", 5, 25, "/network_policies/k/endpoints/0/port");
  }

  @Test
  void aQuotedPortIsAWrongType() {
    ReadResult<Policy> r = STRICT.readPolicy("version: 1\nnetwork_policies:\n  k:\n    endpoints:\n      - {host: a, port: \"443\"}\n");
    assertProblem(r, "wrong_type", 5, 25, "/network_policies/k/endpoints/0/port");
  }

  @Test
  void lenientCoercesScalarsToStringsWithAWarning() throws Exception {
    ReadResult<Policy> r = LENIENT.readPolicy("process:\n  run_as_user: 1000\n");
    assertEquals("coerced_scalar", only(r).code());
    assertEquals(Optional.of("1000"), r.orElseThrow().process().orElseThrow().runAsUser());
    assertEquals("wrong_type", only(STRICT.readPolicy("version: 1\nprocess:\n  run_as_user: 1000\n")).code());
  }

  @Test
  void wrongTypesAreAllReported() {
    ReadResult<Policy> r =
        STRICT.readPolicy("version: 1\nnetwork_policies:\n  a: [1]\n  b:\n    endpoints: {}\n    binaries: x\n");
    assertEquals(3, r.problems().stream().filter(p -> p.code().equals("wrong_type")).count(), r.problems()::toString);
  }

  @Test
  void aliasesExpandToTheAnchoredValue() throws Exception {
    String yaml = "version: 1\nnetwork_policies:\n  a:\n    endpoints: [{host: x.example, port: 1}]\n"
        + "    binaries: &bins [{path: /bin/a}, {path: /bin/b}]\n  b:\n    endpoints: [{host: y.example, port: 2}]\n    binaries: *bins\n";
    Policy p = STRICT.readPolicy(yaml).orElseThrow();
    assertEquals(p.networkPolicies().get("a").binaries(), p.networkPolicies().get("b").binaries());
    assertEquals(2, p.networkPolicies().get("b").binaries().size());
  }

  @Test
  void aliasBombIsStoppedByTheNodeLimit() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    long start = System.nanoTime();
    ReadResult<Policy> r = LENIENT.readPolicy(y.toString());
    assertTrue(r.hasErrors());
    assertEquals("too_many_nodes", r.problems().get(r.problems().size() - 1).code());
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "bounded time");
  }

  @Test
  void deepNestingIsAProblemNotAStackOverflow() {
    String deep = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    ReadResult<Policy> r = LENIENT.readPolicy(deep);
    assertTrue(r.hasErrors());
    Problem p = r.problems().get(0);
    assertTrue(p.code().equals("nesting_too_deep") || p.code().equals("yaml_syntax"), p::toString);
    assertTrue(p.line() >= 1);
  }

  @Test
  void oversizedDocumentsAreRejectedBeforeParsing() {
    PolicyReader small = PolicyReader.builder().limits(ReadLimits.defaults().withMaxDocumentBytes(100)).build();
    ReadResult<Policy> r = small.readPolicy("version: 1\n# " + "x".repeat(200) + "\n");
    assertEquals("document_too_large", only(r).code());
  }

  @Test
  void invalidUtf8IsLocated() {
    byte[] bytes = "version: 1\nnetwork_policies:\n  k\u00e9: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    bytes[bytes.length - 7] = (byte) 0xC3;
    bytes[bytes.length - 6] = (byte) 0x28;
    ReadResult<Policy> r = STRICT.readPolicy(bytes, DocumentFormat.YAML);
    Problem p = only(r);
    assertEquals("invalid_encoding", p.code());
    assertEquals(3, p.line());
  }

  @Test
  void byteOrderMarksAreAccepted() throws Exception {
    byte[] utf8 = "\uFEFFversion: 1\nnetwork_policies: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(Optional.of(1L), STRICT.readPolicy(utf8, DocumentFormat.YAML).orElseThrow().version());
    byte[] utf16 = "\uFEFFversion: 2\nnetwork_policies: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    assertEquals(Optional.of(2L), STRICT.readPolicy(utf16, DocumentFormat.YAML).orElseThrow().version());
  }

  @Test
  void crlfAndTabsInScalarsAreFine() throws Exception {
    Policy p = STRICT.readPolicy("version: 1\r\nnetwork_policies:\r\n  k:\r\n    name: \"a\\tb\"\r\n").orElseThrow();
    assertEquals("a\tb", p.networkPolicies().get("k").name());
  }

  @Test
  void structuralProblemsHaveCodes() {
    assertEquals("empty_document", only(STRICT.readPolicy("")).code());
    assertEquals("empty_document", only(STRICT.readPolicy("# only a comment\n")).code());
    assertEquals("wrong_type", only(STRICT.readPolicy("- a\n- b\n")).code());
    assertEquals("multiple_documents", only(STRICT.readPolicy("version: 1\n---\nversion: 2\n")).code());
    assertEquals("unsupported_tag", only(STRICT.readPolicy("version: 1\nx: !!set {a, b}\n")).code());
    assertEquals("yaml_syntax", only(STRICT.readPolicy("version: 1\n  bad: [\n")).code());
    assertEquals("json_syntax", only(STRICT.readPolicy("{\"version\": 1,", DocumentFormat.JSON)).code());
    Problem nul = only(STRICT.readPolicy("version: 1\nname: \"a\u0000b\"\n"));
    assertTrue(nul.code().equals("yaml_syntax"), nul::toString);
  }

  @Test
  void strictRejectsTheGlobObjectMatcherAndLenientKeepsIt() throws Exception {
    String yaml = "version: 1\nnetwork_policies:\n  k:\n    endpoints:\n      - host: a\n        port: 1\n"
        + "        rules:\n          - allow:\n              method: GET\n              path: /x\n              query:\n                q: {glob: \"a*\"}\n";
    assertTrue(STRICT.readPolicy(yaml).hasErrors());
    Policy p = LENIENT.readPolicy(yaml).orElseThrow();
    ValueMatcher m = p.networkPolicies().get("k").endpoints().get(0).allowRules().get(0).allow().orElseThrow().query().get("q");
    assertEquals(Optional.of("a*"), m.glob());
    assertTrue(m.objectForm());
  }

  @Test
  void matcherObjectsRejectUnknownKeys() {
    String yaml = "version: 1\nnetwork_policies:\n  k:\n    endpoints:\n      - host: a\n        port: 1\n"
        + "        rules:\n          - allow:\n              path: /x\n              query:\n                q: {any: [a], regex: b}\n";
    assertProblem(LENIENT.readPolicy(yaml), "unknown_key", 11, 31, "/network_policies/k/endpoints/0/rules/0/allow/query/q/regex");
  }

  @Test
  void nestedMcpParamsAreFlattenedAndReNested() throws Exception {
    String yaml = "version: 1\nnetwork_policies:\n  k:\n    endpoints:\n      - host: a\n        port: 1\n        protocol: mcp\n"
        + "        rules:\n          - allow:\n              method: tools/call\n              params:\n                name: x\n                args: {path: \"/tmp/*\"}\n";
    Policy p = STRICT.readPolicy(yaml).orElseThrow();
    var params = p.networkPolicies().get("k").endpoints().get(0).allowRules().get(0).allow().orElseThrow().params();
    assertEquals(List.of("name", "args.path"), List.copyOf(params.keySet()));
    assertEquals(p, STRICT.readPolicy(PolicyWriter.toYaml(p)).orElseThrow());
    assertTrue(PolicyWriter.toYaml(p).contains("args:"));
  }

  @Test
  void sourceMapLocatesValuesAndKeys() {
    ReadResult<Policy> r = STRICT.readPolicy(Fixtures.text("every-field.yaml"));
    SourceMap map = r.sourceMap();
    SourceLocation host = map.locate("/network_policies/zeta_api/endpoints/0/host").orElseThrow();
    assertEquals(16, host.line());
    assertEquals(15, host.column());
    SourceLocation key = map.locateKey("/network_policies/graph");
    assertEquals(49, key.line());
    assertEquals(3, key.column());
    SourceLocation missing = map.nearest("/network_policies/graph/endpoints/0/nothing");
    assertEquals(51, missing.line(), "falls back to the endpoint");
    assertEquals("/network_policies/graph/endpoints/0/nothing", missing.pointer());
  }

  @Test
  void modelNodesCarryTheirLocation() throws Exception {
    Policy p = STRICT.readPolicy(Fixtures.text("every-field.yaml")).orElseThrow();
    SourceLocation l = p.networkPolicies().get("graph").endpoints().get(0).location();
    assertEquals("/network_policies/graph/endpoints/0", l.pointer());
    assertEquals(51, l.line());
    assertEquals(9, l.column());
  }

  @Test
  void hashIgnoresMapOrderButNotListOrder() throws Exception {
    String a = "version: 1\nnetwork_policies:\n  a: {endpoints: [{host: x, port: 1}], binaries: [{path: /a}, {path: /b}]}\n  b: {endpoints: [{host: y, ports: [2]}]}\n";
    String b = "network_policies:\n  b: {endpoints: [{port: 2, host: y}]}\n  a: {binaries: [{path: /a}, {path: /b}], endpoints: [{host: x, port: 1}]}\nversion: 1\n";
    String c = "version: 1\nnetwork_policies:\n  a: {endpoints: [{host: x, port: 1}], binaries: [{path: /b}, {path: /a}]}\n  b: {endpoints: [{host: y, ports: [2]}]}\n";
    String ha = PolicyWriter.hash(STRICT.readPolicy(a).orElseThrow());
    assertTrue(ha.matches("sha256:[0-9a-f]{64}"));
    assertEquals(ha, PolicyWriter.hash(STRICT.readPolicy(b).orElseThrow()));
    assertFalse(ha.equals(PolicyWriter.hash(STRICT.readPolicy(c).orElseThrow())));
  }

  @Test
  void readsPresetsTiersAndBlueprints() throws Exception {
    var preset = STRICT.readPreset("preset:\n  name: demo\n  description: \"Demo\"\nnetwork_policies:\n  demo_api: {endpoints: [{host: d.example, port: 443, access: full}], binaries: [{path: /bin/d}]}\n").orElseThrow();
    assertEquals("demo", preset.name());
    assertEquals(List.of("demo_api"), List.copyOf(preset.networkPolicies().keySet()));
    assertEquals("missing_field", only(STRICT.readPreset("preset:\n  description: x\nnetwork_policies: {}\n")).code());

    var tiers = STRICT.readTiers("tiers:\n  - name: t\n    label: T\n    description: d\n    presets:\n      - {name: pypi, access: read}\n").orElseThrow();
    assertEquals("read", tiers.find("t").orElseThrow().presets().get(0).access());
    assertEquals("missing_field", only(STRICT.readTiers("tiers:\n  - name: t\n    label: T\n    presets: []\n")).code());

    var bp = STRICT.readBlueprint("version: \"0.1.0\"\nprofiles: [default]\ncomponents:\n  sandbox: {image: i, name: n}\n  policy:\n    base: base.yaml\n    additions:\n      nim: {name: nim, endpoints: [{host: nim.local, port: 8000, access: full}]}\n").orElseThrow();
    assertEquals("nim.local", bp.policy().orElseThrow().additions().get("nim").endpoints().get(0).host());
    assertTrue(bp.components().containsKey("sandbox"));
  }

  @Test
  void longYamlLinesAreRefusedBeforeTheEngineScansThem() throws Exception {
    String host = "a".repeat(ReadLimits.DEFAULT_MAX_SCALAR_LENGTH + 1);
    String text = "version: 1\nnetwork_policies:\n  k:\n    endpoints: [{host: " + host + ", port: 1}]\n";
    long before = allocatedBytes();
    ReadResult<Policy> r = STRICT.readPolicy(text);
    long allocated = allocatedBytes() - before;
    Problem p = only(r);
    assertEquals("line_too_long", p.code());
    assertEquals(4, p.line());
    assertTrue(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MiB");
  }

  @Test
  void aLongValueOverSeveralLinesStillReads() throws Exception {
    String chunk = "a".repeat(1000);
    StringBuilder folded = new StringBuilder("version: 1\nnetwork_policies:\n  k:\n    name: >-\n");
    for (int i = 0; i < 300; i++) {
      folded.append("      ").append(chunk).append('\n');
    }
    Policy p = STRICT.readPolicy(folded.toString()).orElseThrow();
    assertEquals(300 * 1000 + 299, p.networkPolicies().get("k").name().length());
  }

  @Test
  void compactJsonHasNoLineLimit() throws Exception {
    StringBuilder json = new StringBuilder("{\"version\": 1, \"network_policies\": {");
    for (int i = 0; i < 5000; i++) {
      json.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": {\"endpoints\": [{\"host\": \"h").append(i).append(".example\", \"port\": 443}]}");
    }
    json.append("}}");
    assertTrue(json.length() > ReadLimits.DEFAULT_MAX_LINE_LENGTH);
    assertEquals(5000, STRICT.readPolicy(json.toString(), DocumentFormat.JSON).orElseThrow().networkPolicies().size());
    assertEquals("line_too_long", only(STRICT.readPolicy(json.toString())).code());
  }

  /** This thread's allocated bytes (through reflection: the module does not read java.management). */
  private static long allocatedBytes() throws Exception {
    Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    java.lang.reflect.Method counter =
        Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    return (Long) counter.invoke(bean, Thread.currentThread().getId());
  }
}
