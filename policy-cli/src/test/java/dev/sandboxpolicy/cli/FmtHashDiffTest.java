package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code fmt}, {@code hash} and {@code diff} driven as a user would: real files, exit codes and output. */
class FmtHashDiffTest {

  @TempDir Path dir;

  /** CliRun.POLICY with the entries, the keys inside them and the comments in another order. */
  private static final String SAME_POLICY_REORDERED =
      """
      # the same policy, written differently
      network_policies:
        pypi:
          binaries: [{path: /usr/bin/pip}]
          endpoints: [{port: 443, host: pypi.org}]
        github:
          binaries:
            - path: /usr/bin/gh
          endpoints:
            - rules:
                - allow: {path: "/repos/**", method: GET}
              enforcement: enforce
              protocol: rest
              ports: [443]
              host: api.github.com
      version: 1
      """;

  @Test
  void fmtPrintsCanonicalYamlThatIsAFixedPoint() throws IOException {
    CliRun.write(dir, "a.yaml", SAME_POLICY_REORDERED);
    CliRun r = CliRun.run(dir, "fmt", "a.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().indexOf("github:") < r.out().indexOf("pypi:"), "maps are sorted:\n" + r.out());
    assertFalse(r.out().contains("#"), "comments are not kept");
    assertFalse(r.out().contains("ports:"), "a single port is written as port");
    CliRun.write(dir, "b.yaml", r.out());
    assertEquals(r.out(), CliRun.run(dir, "fmt", "b.yaml").out(), "canonical output is canonical");
    assertEquals(ExitCode.OK, CliRun.run(dir, "fmt", "--check", "b.yaml").status());
    CliRun check = CliRun.run(dir, "fmt", "--check", "a.yaml");
    assertEquals(ExitCode.FAILED, check.status());
    assertTrue(check.err().contains("a.yaml: not in canonical form"), check.err());
  }

  @Test
  void fmtWritesTheOutputFileAndLeavesItAloneWhenTheInputIsInvalid() throws IOException {
    CliRun.write(dir, "a.yaml", SAME_POLICY_REORDERED);
    Path out = CliRun.write(dir, "out.yaml", "previous content\n");
    CliRun r = CliRun.run(dir, "fmt", "a.yaml", "-o", "out.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals("", r.out());
    assertEquals(CliRun.run(dir, "fmt", "a.yaml").out(), Files.readString(out));

    CliRun.write(dir, "bad.yaml", "version: 1\nnetwork_policies:\n  x:\n    endpoints: 7\n");
    CliRun bad = CliRun.run(dir, "fmt", "bad.yaml", "-o", "out.yaml");
    assertEquals(ExitCode.FAILED, bad.status(), bad::toString);
    assertTrue(bad.err().startsWith("bad.yaml:4:"), bad.err());
    assertTrue(bad.err().contains("policyctl: bad.yaml is not a valid policy (1 error"), bad.err());
    assertEquals(CliRun.run(dir, "fmt", "a.yaml").out(), Files.readString(out), "output untouched");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
  }

  @Test
  void missingFileIsAnIoErrorAndUnknownKeysAreErrorsOnlyInStrictMode() {
    CliRun missing = CliRun.run(dir, "fmt", "nope.yaml");
    assertEquals(ExitCode.USAGE, missing.status());
    assertEquals("policyctl: cannot read nope.yaml: no such file\n", missing.err());

    CliRun.write(dir, "extra.yaml", "version: 1\nfuture_section: {a: 1}\nnetwork_policies: {}\n");
    CliRun strict = CliRun.run(dir, "fmt", "extra.yaml");
    assertEquals(ExitCode.FAILED, strict.status());
    assertTrue(strict.err().contains("extra.yaml:2:1: error unknown_key"), strict.err());
    CliRun lenient = CliRun.run(dir, "fmt", "--lenient", "extra.yaml");
    assertEquals(ExitCode.OK, lenient.status(), lenient::toString);
    assertTrue(lenient.err().contains("extra.yaml:2:1: warning unknown_key"), lenient.err());
  }

  @Test
  void theDefaultPolicyComesFromTheEnvironmentAndStandardInputIsDash() {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    String expected = CliRun.run(dir, "hash", "p.yaml").out();
    Map<String, String> env = Map.of("OPENSHELL_SANDBOX_POLICY", dir.resolve("p.yaml").toString());
    assertEquals(expected, CliRun.run(dir, env, "", "hash").out());
    assertEquals(expected, CliRun.run(dir, Map.of(), CliRun.POLICY, "hash", "-").out());
    CliRun none = CliRun.run(dir, "hash");
    assertEquals(ExitCode.USAGE, none.status());
    assertTrue(none.err().contains("OPENSHELL_SANDBOX_POLICY is not set"), none.err());
  }

  @Test
  void hashIsTheSameForTheSameMeaningAndDiffersOtherwise() {
    CliRun.write(dir, "a.yaml", CliRun.POLICY);
    CliRun.write(dir, "b.yaml", SAME_POLICY_REORDERED);
    CliRun.write(dir, "c.yaml", CliRun.POLICY.replace("pypi.org", "test.pypi.org"));
    String a = CliRun.run(dir, "hash", "a.yaml").out().strip();
    assertTrue(a.matches("sha256:[0-9a-f]{64}"), a);
    assertEquals(a, CliRun.run(dir, "hash", "b.yaml").out().strip());
    assertNotEquals(a, CliRun.run(dir, "hash", "c.yaml").out().strip());

    CliRun several = CliRun.run(dir, "hash", "a.yaml", "c.yaml");
    assertTrue(several.out().startsWith(a + "  a.yaml\n"), several.out());
    JsonNode json = Json.MAPPER.readTree(CliRun.run(dir, "hash", "--json", "a.yaml", "b.yaml").out());
    assertEquals("a.yaml", json.get("files").get(0).get("file").stringValue());
    assertEquals(a, json.get("files").get(1).get("hash").stringValue());
  }

  @Test
  void hashAcceptsPolicyGetFullOutputAndReportsPositionsInTheOriginalFile() {
    CliRun.write(dir, "plain.yaml", CliRun.POLICY);
    CliRun.write(dir, "full.txt", "Version: 3\nHash: sha256:abc\nStatus: Loaded\n---\n" + CliRun.POLICY);
    assertEquals(CliRun.run(dir, "hash", "plain.yaml").out(), CliRun.run(dir, "hash", "full.txt").out());
    CliRun.write(dir, "bad.txt", "Version: 3\n---\nversion: 1\nnetwork_policies: []\n");
    CliRun bad = CliRun.run(dir, "hash", "bad.txt");
    assertEquals(ExitCode.FAILED, bad.status());
    assertTrue(bad.err().startsWith("bad.txt:4:"), "line counted in the file as written:\n" + bad.err());
  }

  @Test
  void aTwoDocumentYamlStreamIsNotMistakenForAPolicyGetHeader() {
    CliRun.write(dir, "two.yaml", CliRun.POLICY + "---\n" + CliRun.POLICY);
    CliRun r = CliRun.run(dir, "hash", "two.yaml");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    assertTrue(r.err().contains("multiple_documents"), r.err());
  }

  @Test
  void diffOfTheSameMeaningIsEmptyAndExitsZero() {
    CliRun.write(dir, "a.yaml", CliRun.POLICY);
    CliRun.write(dir, "b.yaml", SAME_POLICY_REORDERED);
    CliRun r = CliRun.run(dir, "diff", "a.yaml", "b.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void diffListsVersionSectionsAndEntryChanges() {
    CliRun.write(dir, "a.yaml", CliRun.POLICY);
    String after =
        """
        version: 2
        landlock:
          compatibility: hard_requirement
        network_policies:
          github:
            endpoints:
              - host: api.github.com
                port: 443
                protocol: rest
                enforcement: enforce
                rules:
                  - allow:
                      method: GET
                      path: /repos/**
            binaries:
              - path: /usr/bin/git
          npm:
            endpoints:
              - host: registry.npmjs.org
                port: 443
            binaries:
              - path: /usr/bin/npm
        """;
    CliRun.write(dir, "b.yaml", after);
    CliRun r = CliRun.run(dir, "diff", "a.yaml", "b.yaml");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("~ version: 1 -> 2", lines.get(0));
    assertEquals("~ landlock", lines.get(1));
    assertTrue(lines.contains("+ network_policies.npm"), r.out());
    assertTrue(lines.contains("- network_policies.pypi"), r.out());
    int github = lines.indexOf("~ network_policies.github");
    assertTrue(github > 0, r.out());
    assertEquals("    + binary /usr/bin/git", lines.get(github + 1));
    assertEquals("    - binary /usr/bin/gh", lines.get(github + 2));

    JsonNode json = Json.MAPPER.readTree(CliRun.run(dir, "diff", "--json", "a.yaml", "b.yaml").out());
    assertFalse(json.get("identical").booleanValue());
    assertEquals(1, json.get("version").get("before").intValue());
    assertEquals("landlock", json.get("sections").get(0).stringValue());
    assertEquals("npm", json.get("network_policies").get("added").get(0).stringValue());
    assertEquals("github", json.get("network_policies").get("changed").get(0).get("key").stringValue());
  }

  @Test
  void diffShowsEndpointChangesInsideAnEntry() {
    CliRun.write(dir, "a.yaml", CliRun.POLICY);
    CliRun.write(dir, "b.yaml", CliRun.POLICY.replace("method: GET", "method: POST")
        .replace("host: pypi.org", "host: pypi.org\n        port: 443\n      - host: files.pythonhosted.org"));
    CliRun r = CliRun.run(dir, "diff", "a.yaml", "b.yaml");
    assertEquals(
        List.of("~ network_policies.github", "    ~ endpoint api.github.com:443", "~ network_policies.pypi",
            "    + endpoint files.pythonhosted.org:443"),
        r.out().lines().toList(), r::toString);
  }

  @Test
  void diffNeedsTwoFiles() {
    CliRun r = CliRun.run(dir, "diff", "a.yaml");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(r.err().contains("diff takes two files"), r.err());
  }
}
