package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a strict read tells an author about a key it refuses, and what the legacy tolerant read keeps. */
class UnknownKeyMessagesTest {

  private static final PolicyReader STRICT = PolicyReader.of(ReadMode.STRICT);
  private static final PolicyReader LEGACY = PolicyReader.of(ReadMode.LEGACY_TOLERANT);

  private static String endpoint(String line) {
    return "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - host: api.example.com\n        port: 443\n"
        + "        " + line + "\n";
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "acess: full|access",
      "alowed_ips: [10.0.0.0/16]|allowed_ips",
      "Protocol: rest|protocol",
      "enforcment: enforce|enforcement",
      "prots: [443]|ports",
      "colour: red|",
      "mcp_versions: [2025-11-25]|",
  })
  void aStrictReadNamesThePathAndTheNearestKnownKey(String line, String suggestion) {
    ReadResult<Policy> r = STRICT.readPolicy(endpoint(line));
    Problem p = r.problems().get(0);
    assertEquals("unknown_key", p.code());
    assertEquals(Severity.ERROR, p.severity());
    assertEquals(7, p.line());
    assertEquals(9, p.column(), "at the key");
    assertTrue(p.message().contains(" in an endpoint at /network_policies/a/endpoints/0"), p.message());
    assertTrue(p.message().endsWith("OpenShell rejects unknown keys on every load path"), p.message());
    assertEquals(suggestion != null, p.message().contains("did you mean"), p.message());
    if (suggestion != null) {
      assertTrue(p.message().contains("(did you mean '" + suggestion + "'?)"), p.message());
    }
  }

  @Test
  void theLegacyReadKeepsTheKeyAndSaysCurrentOpenShellRejectsIt() throws Exception {
    ReadResult<Policy> r = LEGACY.readPolicy(endpoint("acess: full"));
    Problem p = r.problems().get(0);
    assertEquals(Severity.WARNING, p.severity());
    assertTrue(p.message().endsWith("(kept by the legacy tolerant reading; current OpenShell rejects it)"),
        p.message());
    assertEquals("full", r.orElseThrow().networkPolicies().get("a").endpoints().get(0).unknownFields().get("acess"));
  }

  @Test
  void suggestionsAreNearOnlyAndBounded() {
    assertEquals("access", KeySuggestion.closest("acess", List.of("host", "access")));
    assertEquals("access", KeySuggestion.closest("accses", List.of("access")), "a swap is one edit");
    assertNull(KeySuggestion.closest("endpoint_list", List.of("endpoints", "host")));
    assertNull(KeySuggestion.closest("a".repeat(100), List.of("a".repeat(99))), "long keys get no suggestion");
    assertNull(KeySuggestion.closest("host", List.of("host")), "the key itself is not a suggestion");
    assertEquals(0, KeySuggestion.distance("Host", "host"), "case does not count: Host suggests host");
  }

  @Test
  void hostileKeysAreQuotedEscapedAndCut() {
    ReadResult<Policy> r = STRICT.readPolicy("version: 1\n\"x\\u0000\\u2028y\": 1\n");
    Problem p = r.problems().get(0);
    assertEquals("/x\u0000\u2028y", p.pointer(), "the pointer keeps the key exactly");
    assertTrue(p.message().startsWith("unknown key 'x\\u0000\\u2028y' in the policy at the top level"),
        p.message());
  }

  @Test
  void aNullFilesystemPolicyIsRefusedByTheStrictReadOnly() throws Exception {
    ReadResult<Policy> strict = STRICT.readPolicy("version: 1\nfilesystem_policy:\n");
    Problem p = strict.problems().get(0);
    assertEquals("wrong_type", p.code());
    assertEquals("/filesystem_policy", p.pointer());
    assertTrue(p.message().contains("filesystem_policy: {}"), p.message());
    Policy legacy = LEGACY.readPolicy("version: 1\nfilesystem_policy:\n").orElseThrow();
    assertTrue(legacy.filesystemPolicy().isEmpty());
    assertTrue(legacy.effectiveFilesystemPolicy().includeWorkdir(), "absent: the working directory is included");
    Policy empty = STRICT.readPolicy("version: 1\nfilesystem_policy: {}\n").orElseThrow();
    assertEquals(false, empty.effectiveFilesystemPolicy().includeWorkdir(), "{}: it is not");
  }
}
