package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mcp.versions}: reading (presence kept), writing, the canonical form and the hash. */
class McpVersionsReadWriteTest {

  private static final PolicyReader STRICT = PolicyReader.of(ReadMode.STRICT);
  private static final PolicyReader TOLERANT = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
  private static final String AT = "/network_policies/m/endpoints/0/mcp/versions";

  /** A policy with one MCP endpoint whose {@code mcp} line (line 8) is {@code mcpLine}, or none when null. */
  private static String mcp(String protocol, String mcpLine) {
    return "version: 1\nnetwork_policies:\n  m:\n    endpoints:\n      - host: mcp.example.com\n        port: 443\n"
        + "        protocol: " + protocol + "\n"
        + "        rules: [{allow: {method: tools/list}}]\n"
        + (mcpLine == null ? "" : "        " + mcpLine + "\n")
        + "    binaries: [{path: /usr/bin/agent}]\n";
  }

  private static Endpoint endpoint(Policy p) {
    return p.networkPolicies().get("m").endpoints().get(0);
  }

  private static Problem problem(ReadResult<?> r, String code) {
    return r.problems().stream().filter(p -> p.code().equals(code)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + r.problems()));
  }

  @Test
  void anAbsentListStaysAbsentAndAdmitsTheDefault() throws Exception {
    for (String text : List.of(mcp("mcp", null), mcp("mcp", "mcp: {}"), mcp("mcp", "mcp: {versions: }"))) {
      Endpoint e = endpoint(STRICT.readPolicy(text).orElseThrow());
      assertTrue(e.mcp().flatMap(m -> m.versions()).isEmpty(), text);
      assertEquals(List.of(McpVersion.DEFAULT), e.effectiveMcpVersions(), text);
    }
  }

  @Test
  void aWrittenListIsKeptAsWrittenAndRoundTrips() throws Exception {
    Policy p = STRICT.readPolicy(mcp("mcp", "mcp: {versions: [2025-11-25, 2025-03-26]}")).orElseThrow();
    assertEquals(Optional.of(List.of("2025-11-25", "2025-03-26")), endpoint(p).mcp().orElseThrow().versions());
    assertEquals(List.of(McpVersion.V2025_03_26, McpVersion.V2025_11_25), endpoint(p).effectiveMcpVersions());
    assertEquals(p, STRICT.readPolicy(PolicyWriter.toYaml(p)).orElseThrow());
    assertEquals(p, STRICT.readPolicy(PolicyWriter.toJson(p), DocumentFormat.JSON).orElseThrow());
    assertTrue(PolicyWriter.toJson(p).replaceAll("\\s", "").contains("\"versions\":[\"2025-11-25\",\"2025-03-26\"]"),
        PolicyWriter.toJson(p));
  }

  @Test
  void anExplicitEmptyListIsKeptSoValidationCanRejectIt() throws Exception {
    Policy p = STRICT.readPolicy(mcp("mcp", "mcp: {versions: []}")).orElseThrow();
    assertEquals(Optional.of(List.of()), endpoint(p).mcp().orElseThrow().versions());
    assertEquals(List.of(), endpoint(p).effectiveMcpVersions(), "admits nothing: fails closed");
    Policy again = STRICT.readPolicy(PolicyWriter.toYaml(p)).orElseThrow();
    assertEquals(p, again, "versions: [] is written back");
    assertTrue(PolicyWriter.toCanonicalJson(p).contains("\"versions\":[]"), PolicyWriter.toCanonicalJson(p));
  }

  @Test
  void theCanonicalFormSortsAndLeavesOutTheDefault() throws Exception {
    String reordered = PolicyWriter.hash(STRICT.readPolicy(mcp("mcp", "mcp: {versions: [2025-11-25, 2025-03-26]}"))
        .orElseThrow());
    String sorted = PolicyWriter.hash(STRICT.readPolicy(mcp("mcp", "mcp: {versions: [2025-03-26, 2025-11-25]}"))
        .orElseThrow());
    assertEquals(sorted, reordered, "the order of revisions has no meaning");
    Policy explicitDefault = STRICT.readPolicy(mcp("mcp", "mcp: {versions: [2025-11-25]}")).orElseThrow();
    Policy emptyBlock = STRICT.readPolicy(mcp("mcp", "mcp: {}")).orElseThrow();
    Policy noBlock = STRICT.readPolicy(mcp("mcp", null)).orElseThrow();
    assertEquals(PolicyWriter.hash(noBlock), PolicyWriter.hash(explicitDefault), "omitted means [2025-11-25]");
    assertEquals(PolicyWriter.hash(noBlock), PolicyWriter.hash(emptyBlock));
    assertFalse(PolicyWriter.toCanonicalJson(explicitDefault).contains("\"mcp\":"),
        PolicyWriter.toCanonicalJson(explicitDefault));
    assertNotEquals(sorted, PolicyWriter.hash(noBlock), "a different set is a different policy");
    // the canonical form is a fixed point
    Policy canonical = STRICT.readPolicy(PolicyWriter.toCanonicalYaml(explicitDefault)).orElseThrow();
    assertEquals(PolicyWriter.toCanonicalYaml(explicitDefault), PolicyWriter.toCanonicalYaml(canonical));
  }

  @Test
  void theCanonicalFormKeepsWhatChangesMeaning() throws Exception {
    Policy other = STRICT.readPolicy(mcp("mcp", "mcp: {versions: [2025-06-18]}")).orElseThrow();
    assertTrue(PolicyWriter.toCanonicalJson(other).contains("\"versions\":[\"2025-06-18\"]"));
    Policy duplicates = STRICT.readPolicy(mcp("mcp", "mcp: {versions: [2025-11-25, 2025-11-25]}")).orElseThrow();
    assertTrue(PolicyWriter.toCanonicalJson(duplicates).contains("\"versions\":[\"2025-11-25\",\"2025-11-25\"]"),
        "an invalid list is not repaired by formatting");
    // on a non-MCP endpoint an empty mcp block is an error to report, so it is not dropped
    Policy rest = STRICT.readPolicy(mcp("rest", "mcp: {}")).orElseThrow();
    assertTrue(PolicyWriter.toCanonicalJson(rest).contains("\"mcp\":{}"), PolicyWriter.toCanonicalJson(rest));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mcp: {versions: 2025-11-25}|/network_policies/m/endpoints/0/mcp/versions|9|25",
      "mcp: {versions: {a: 1}}|/network_policies/m/endpoints/0/mcp/versions|9|25",
      "mcp: {versions: [[2025-11-25]]}|/network_policies/m/endpoints/0/mcp/versions/0|9|26",
  })
  void wrongTypesAreLocatedErrorsInEveryMode(String line, String pointer, int row, int column) {
    for (PolicyReader reader : List.of(STRICT, TOLERANT)) {
      ReadResult<Policy> r = reader.readPolicy(mcp("mcp", line));
      Problem p = problem(r, "wrong_type");
      assertEquals(Severity.ERROR, p.severity());
      assertEquals(pointer, p.pointer());
      assertEquals(row, p.line());
      assertEquals(column, p.column());
      assertTrue(r.hasErrors());
    }
  }

  @Test
  void aScalarIsAWrongTypeWhenStrictAndItsTextWhenTolerant() throws Exception {
    for (String scalar : List.of("20251125", "true", "1.5")) {
      String text = mcp("mcp", "mcp: {versions: [" + scalar + "]}");
      Problem p = problem(STRICT.readPolicy(text), "wrong_type");
      assertEquals(AT + "/0", p.pointer());
      ReadResult<Policy> tolerant = TOLERANT.readPolicy(text);
      assertEquals(Severity.WARNING, problem(tolerant, "coerced_scalar").severity());
      assertEquals(Optional.of(List.of(scalar)), endpoint(tolerant.orElseThrow()).mcp().orElseThrow().versions());
      assertEquals(List.of(), endpoint(tolerant.orElseThrow()).effectiveMcpVersions(), "not a revision: admits nothing");
    }
  }

  @Test
  void hostileEntriesAreReadAsTheStringsTheyAre() throws Exception {
    Policy p = STRICT.readPolicy(mcp("mcp", "mcp: {versions: [\"2025-11-25\\0\", \"\", \"2025-11-25 \", LATEST]}"))
        .orElseThrow();
    assertEquals(Optional.of(List.of("2025-11-25\0", "", "2025-11-25 ", "LATEST")),
        endpoint(p).mcp().orElseThrow().versions());
    assertEquals(List.of(), endpoint(p).effectiveMcpVersions());
  }

  @Test
  void aLongListIsReadWithinTheReaderLimits() throws Exception {
    StringBuilder list = new StringBuilder("mcp:\n          versions:");
    for (int i = 0; i < 20_000; i++) {
      list.append("\n            - ").append(i % 2 == 0 ? "2025-06-18" : "x");
    }
    Policy p = STRICT.readPolicy(mcp("mcp", list.toString())).orElseThrow();
    assertEquals(20_000, endpoint(p).mcp().orElseThrow().versions().orElseThrow().size());
    assertEquals(List.of(McpVersion.V2025_06_18), endpoint(p).effectiveMcpVersions());
  }

  @Test
  void theFlattenedSpellingIsAnUnknownKeyThatSaysWhereItGoes() throws Exception {
    String text = mcp("mcp", "mcp_versions: [2025-03-26]");
    Problem strict = problem(STRICT.readPolicy(text), "unknown_key");
    assertEquals(Severity.ERROR, strict.severity());
    assertEquals("/network_policies/m/endpoints/0/mcp_versions", strict.pointer());
    assertEquals(9, strict.line());
    assertTrue(strict.message().contains("mcp: {versions: [...]}"), strict.message());
    ReadResult<Policy> tolerant = TOLERANT.readPolicy(text);
    assertEquals(Severity.WARNING, problem(tolerant, "unknown_key").severity());
    Endpoint e = endpoint(tolerant.orElseThrow());
    assertTrue(e.unknownFields().containsKey("mcp_versions"), "kept for the ambiguity rule");
    assertEquals(List.of(McpVersion.DEFAULT), e.effectiveMcpVersions(), "ignored: the pinned default applies");
  }
}
