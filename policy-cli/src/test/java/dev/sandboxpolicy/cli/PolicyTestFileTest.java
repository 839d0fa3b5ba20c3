package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy test file format (docs/testing-policies.md): every field, and bad files, each with a located problem
 * ({@code FILE:LINE:COLUMN: error CODE ...}), exit 2 and nothing run.
 */
class PolicyTestFileTest {

  @TempDir Path dir;

  /** Runs {@code policyctl test t.yaml} on {@code text} next to the shared policy. */
  private CliRun test(String text, String... options) {
    CliRun.write(dir, "policy.yaml", CliRun.POLICY);
    CliRun.write(dir, "t.yaml", text);
    String[] args = new String[options.length + 2];
    args[0] = "test";
    args[1] = "t.yaml";
    System.arraycopy(options, 0, args, 2, options.length);
    return CliRun.run(dir, args);
  }

  /** Asserts bad input: exit 2, nothing on stdout, and {@code line} among the problems printed. */
  private void assertBad(String text, String line) {
    CliRun r = test(text);
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertEquals("", r.out(), "nothing is run");
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith(line)), "expected a line starting with\n" + line + "\n" + r);
    assertTrue(r.err().contains("policyctl: nothing was run"), r::toString);
  }

  @Test
  void everyFieldOfACaseIsRead() {
    CliRun r = test("""
        policy: policy.yaml
        binary_identity: true
        cases:
          - name: network decision, entry and reason
            request: {host: api.github.com, port: 443, binary: /usr/bin/gh}
            expect: allow
            entry: github
            reason_contains: allows this binary
          - name: a raw target is canonicalized (dot segments, percent-encoding)
            request: {host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, target: "/repos/./a%2Db?x=1"}
            expect: allow
          - name: path and query as the protocol sends them
            request: {host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, path: /repos/a, query: {x: [a, b]}}
            expect: allow
          - name: ancestors
            request: {host: pypi.org, port: 443, binary: /usr/bin/python3, ancestors: [/usr/bin/pip], cmdline_paths: [/tmp/x]}
            expect: allow
            entry: pypi
          - name: deny with its reason
            request: {host: api.github.com, port: 443, binary: /usr/bin/gh, method: DELETE, target: /repos/a}
            expect: deny
            reason_contains: not permitted
          - name: a target the proxy rejects is denied with its code
            request: {host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, target: /repos/../../etc}
            expect: deny
            reason_contains: path_traversal
          - name: a NUL in the host fails closed
            request: {host: "api.github.com\\0", port: 443, binary: /usr/bin/gh}
            expect: deny
        """);
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().contains("t.yaml: 7 passed, 0 failed (policy.yaml)"), r::toString);
  }

  @Test
  void anEvaluationThatFailsClosedIsExpectError() {
    CliRun.write(dir, "wild.yaml", """
        version: 1
        network_policies:
          wild:
            endpoints:
              - host: "*.example.com"
                port: 443
            binaries:
              - path: /usr/bin/tool
        """);
    CliRun.write(dir, "t.yaml", """
        policy: wild.yaml
        cases:
          - name: a NUL in a host a wildcard reads
            request: {host: "a.example.com\\0", port: 443, binary: /usr/bin/tool}
            expect: error
          - name: the same host without it
            request: {host: a.example.com, port: 443, binary: /usr/bin/tool}
            expect: error
        """);
    CliRun r = CliRun.run(dir, "test", "t.yaml");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    assertTrue(r.out().contains("t.yaml:6:5: FAIL the same host without it\n    expected error, got allow\n"),
        r::toString);
    assertTrue(r.out().contains("1 passed, 1 failed"), r::toString);
  }

  @Test
  void eachExpectationFieldCanFailOnItsOwn() {
    CliRun r = test("""
        policy: policy.yaml
        cases:
          - name: wrong verdict
            request: {host: api.github.com, port: 443, binary: /usr/bin/gh}
            expect: deny
          - name: wrong entry
            request: {host: api.github.com, port: 443, binary: /usr/bin/gh}
            expect: allow
            entry: pypi
          - name: wrong reason
            request: {host: api.github.com, port: 443, binary: /usr/bin/curl}
            expect: deny
            reason_contains: no such words
        """);
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    assertTrue(r.out().contains("t.yaml:3:5: FAIL wrong verdict\n    expected deny, got allow\n"), r::toString);
    assertTrue(r.out().contains("t.yaml:6:5: FAIL wrong entry\n    expected entry pypi, got github\n"), r::toString);
    assertTrue(r.out().contains("t.yaml:10:5: FAIL wrong reason\n    expected a reason containing 'no such words'"),
        r::toString);
    assertTrue(r.out().contains("3 cases: 0 passed, 3 failed"), r::toString);
  }

  @Test
  void endpointOnlyModeIsTheTestFilesChoice() {
    String cases = """
        cases:
          - name: any binary reaches an allowed endpoint
            request: {host: pypi.org, port: 443, binary: /usr/bin/curl}
            expect: allow
        """;
    assertEquals(ExitCode.FAILED, test("policy: policy.yaml\n" + cases).status());
    assertEquals(ExitCode.OK, test("policy: policy.yaml\nbinary_identity: false\n" + cases).status());
  }

  @Test
  void theRequestFieldsAreTheDecideProtocolsAndAnUnknownOneIsLocated() {
    assertBad("""
        policy: policy.yaml
        cases:
          - name: typo
            request: {host: api.github.com, port: 443, binray: /usr/bin/gh}
            expect: allow
        """, "t.yaml:4:56: error unknown_key unknown key 'binray' in a request");
  }

  @Test
  void unknownKeysAreLocatedAtEveryLevel() {
    assertBad("""
        policy: policy.yaml
        polcy: x
        cases:
          - name: a
            request: {host: a.com, port: 443}
            expect: deny
        """, "t.yaml:2:8: error unknown_key unknown key 'polcy' in the test file");
    assertBad("""
        policy: policy.yaml
        cases:
          - name: a
            request: {host: a.com, port: 443}
            expect: deny
            expected: deny
        """, "t.yaml:6:15: error unknown_key unknown key 'expected' in a case");
  }

  @Test
  void missingAndMistypedFieldsAreLocated() {
    assertBad("cases:\n  - name: a\n    request: {host: a.com, port: 443}\n    expect: deny\n",
        "t.yaml:1:1: error missing_field a test file names the policy under test");
    assertBad("policy: policy.yaml\n", "t.yaml:1:1: error missing_field a test file needs 'cases'");
    assertBad("policy: policy.yaml\ncases: []\n", "t.yaml:2:8: error size_invalid 'cases' holds no case");
    assertBad("policy: policy.yaml\ncases: {a: 1}\n", "t.yaml:2:8: error wrong_type expected a list of cases");
    assertBad("policy: policy.yaml\ncases:\n  - name: a\n    expect: deny\n",
        "t.yaml:3:5: error missing_field a case needs 'request'");
    assertBad("policy: policy.yaml\ncases:\n  - request: {host: a.com, port: 443}\n    expect: deny\n",
        "t.yaml:3:5: error missing_field a case needs 'name'");
    assertBad("policy: policy.yaml\ncases:\n  - name: a\n    request: {host: a.com, port: 443}\n",
        "t.yaml:3:5: error missing_field a case needs 'expect'");
    assertBad("policy: policy.yaml\ncases:\n  - name: a\n    request: {host: a.com, port: 443}\n    expect: maybe\n",
        "t.yaml:5:13: error value_not_allowed 'expect' must be allow, deny or error, not 'maybe'");
    assertBad("policy: 7\ncases:\n  - name: a\n    request: {host: a.com, port: 443}\n    expect: deny\n",
        "t.yaml:1:9: error wrong_type expected a string at /policy");
    assertBad("policy: policy.yaml\nbinary_identity: no\ncases:\n  - name: a\n    request: {host: a.com, port: 443}\n"
        + "    expect: deny\n", "t.yaml:2:18: error wrong_type expected true or false");
    assertBad("policy: policy.yaml\ncases:\n  - name: a\n    request: [a]\n    expect: deny\n",
        "t.yaml:4:14: error wrong_type expected a mapping (the request");
    assertBad("policy: policy.yaml\ncases:\n  - name: a\n    request: {host: a.com, port: 443}\n    expect: deny\n"
        + "    entry: [x]\n", "t.yaml:6:12: error wrong_type expected a string at /cases/0/entry");
  }

  @Test
  void aRequestTheProtocolRefusesIsLocatedWithItsReason() {
    assertBad("policy: policy.yaml\ncases:\n  - name: a\n    request: {host: a.com, port: 70000}\n    expect: deny\n",
        "t.yaml:4:14: error request_invalid not a valid decide request: 'port' must be an integer from 0 to 65535");
    assertBad("policy: policy.yaml\ncases:\n  - name: a\n    request: {host: a.com, port: 443, method: GET, "
        + "target: /a, path: /b}\n    expect: deny\n",
        "t.yaml:4:14: error request_invalid not a valid decide request: give either 'target' or 'path'");
  }

  @Test
  void caseNamesAreUnique() {
    assertBad("""
        policy: policy.yaml
        cases:
          - name: same
            request: {host: a.com, port: 443}
            expect: deny
          - name: same
            request: {host: b.com, port: 443}
            expect: deny
        """, "t.yaml:6:11: error value_not_allowed case name 'same' is already used by the case at line 3");
  }

  @Test
  void yamlErrorsAndDuplicateKeysAreTheReadersOwn() {
    assertBad("policy: [policy.yaml\n", "t.yaml:1:21: error yaml_syntax");
    assertBad("policy: policy.yaml\npolicy: other.yaml\ncases: []\n", "t.yaml:2:1: error duplicate_key");
  }

  @Test
  void thePolicyIsRelativeToTheTestFileAndItsProblemsAreItsOwn() {
    CliRun.write(dir, "policies/p.yaml", CliRun.POLICY);
    CliRun.write(dir, "tests/t.yaml", """
        policy: ../policies/p.yaml
        cases:
          - name: a
            request: {host: pypi.org, port: 443, binary: /usr/bin/pip}
            expect: allow
        """);
    CliRun ok = CliRun.run(dir, "test", "tests/t.yaml");
    assertEquals(ExitCode.OK, ok.status(), ok::toString);
    assertTrue(ok.out().contains("tests/t.yaml: 1 passed, 0 failed (policies/p.yaml)"), ok::toString);

    CliRun.write(dir, "policies/p.yaml", "version: 1\nnetwork_policies:\n  a:\n    endpoints: []\n    bogus: 1\n");
    CliRun invalid = CliRun.run(dir, "test", "tests/t.yaml");
    assertEquals(ExitCode.USAGE, invalid.status(), invalid::toString);
    assertTrue(invalid.err().contains("policies/p.yaml:5:5: error unknown_key"), invalid::toString);

    CliRun missing = test("policy: nowhere.yaml\ncases:\n  - name: a\n    request: {host: a.com, port: 443}\n"
        + "    expect: deny\n");
    assertEquals(ExitCode.USAGE, missing.status(), missing::toString);
    assertTrue(missing.err().contains("t.yaml:1:9: error io_error cannot read nowhere.yaml: no such file"),
        missing::toString);
  }

  @Test
  void presetsAreMergedOnTopAsMergeDoes() {
    CliRun.write(dir, "extra.yaml", """
        preset:
          name: extra
          description: an example API
        network_policies:
          extra_api:
            endpoints:
              - host: api.extra.example.com
                port: 443
            binaries:
              - path: /usr/bin/curl
        """);
    CliRun r = test("""
        policy: policy.yaml
        presets: [extra.yaml]
        cases:
          - name: the preset's entry allows
            request: {host: api.extra.example.com, port: 443, binary: /usr/bin/curl}
            expect: allow
          - name: the policy's entries are kept
            request: {host: pypi.org, port: 443, binary: /usr/bin/pip}
            expect: allow
            entry: pypi
        """, "--coverage");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().contains("(policy.yaml + presets extra.yaml)"), r::toString);
    // An item the preset brought is shown in the preset's file.
    assertTrue(r.out().contains("extra.yaml:"), r::toString);

    // A preset file is a custom preset: its keys are namespaced as merge writes them.
    CliRun namespaced = test("""
        policy: policy.yaml
        presets: [extra.yaml]
        cases:
          - name: the preset's entry decides under its namespaced key
            request: {host: api.extra.example.com, port: 443, binary: /usr/bin/curl}
            expect: allow
            entry: nemoclaw_custom__extra__extra_api
        """);
    assertEquals(ExitCode.OK, namespaced.status(), namespaced::toString);

    // ... and passes every custom-preset check merge makes: a link-local (metadata) host is refused.
    CliRun.write(dir, "metadata.yaml", """
        preset:
          name: metadata
          description: the cloud metadata service
        network_policies:
          meta:
            endpoints:
              - host: 169.254.169.254
                port: 80
            binaries:
              - path: /usr/bin/curl
        """);
    CliRun refused = test("""
        policy: policy.yaml
        presets: [metadata.yaml]
        cases:
          - name: a
            request: {host: 169.254.169.254, port: 80, binary: /usr/bin/curl}
            expect: deny
        """);
    assertEquals(ExitCode.USAGE, refused.status(), refused::toString);
    assertTrue(refused.err().contains("t.yaml:2:11: error preset_unreadable metadata.yaml: "), refused::toString);
    assertEquals("", refused.out());

    CliRun unknown = test("""
        policy: policy.yaml
        presets: [no-such-preset]
        cases:
          - name: a
            request: {host: a.com, port: 443}
            expect: deny
        """);
    assertEquals(ExitCode.USAGE, unknown.status(), unknown::toString);
    assertTrue(unknown.err().contains("t.yaml:2:11: error preset_unknown"), unknown::toString);
  }

  @Test
  void jsonReportsBadInputInTheErrorShape() {
    CliRun r = test("policy: policy.yaml\ncases: 3\n", "--json");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    var doc = Json.MAPPER.readTree(r.out());
    assertEquals(false, doc.get("ok").booleanValue());
    assertEquals("invalid_input", doc.get("error").get("code").stringValue());
    var problem = doc.get("error").get("files").get(0).get("problems").get(0);
    assertEquals("wrong_type", problem.get("code").stringValue());
    assertEquals(2, problem.get("line").intValue());
  }
}
