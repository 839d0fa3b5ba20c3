package dev.sandboxpolicy.testfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** {@link PolicyTestFiles} run by JUnit: one test per case, with its source, message and the coverage test. */
class PolicyTestFilesTest {

  @TempDir Path dir;

  static final String POLICY = """
      version: 1
      network_policies:
        github:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              rules:
                - allow: {method: GET, path: /repos/**}
          binaries:
            - path: /usr/bin/gh
      """;

  static final String CASES = """
      policy: policy.yaml
      cases:
        - name: gh reads
          request: {host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, target: /repos/a}
          expect: allow
        - name: curl is wrongly expected to pass
          request: {host: api.github.com, port: 443, binary: /usr/bin/curl}
          expect: allow
      """;

  /** One finished test: its source and the failure, if any. */
  private record Finished(TestIdentifier id, TestExecutionResult result) {}

  private Map<String, Finished> run(PolicyTestFiles files) {
    SampleFactory.files = files;
    Map<String, Finished> finished = new LinkedHashMap<>();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SampleFactory.class)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            finished.put(id.getDisplayName(), new Finished(id, result));
          }
        });
    return finished;
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void eachCaseIsATestWithItsLineAndTheFailureMessageOfPolicyctl() throws IOException {
    write("policy.yaml", POLICY);
    Path tests = write("a.test.yaml", CASES);
    Map<String, Finished> r = run(PolicyTestFiles.of(tests));
    Finished pass = r.get("gh reads");
    assertEquals(TestExecutionResult.Status.SUCCESSFUL, pass.result().getStatus());
    FileSource source = (FileSource) pass.id().getSource().orElseThrow();
    assertEquals(tests.toAbsolutePath().normalize().toFile(), source.getFile());
    assertEquals(3, source.getPosition().orElseThrow().getLine());
    Finished fail = r.get("curl is wrongly expected to pass");
    assertEquals(TestExecutionResult.Status.FAILED, fail.result().getStatus());
    String message = fail.result().getThrowable().orElseThrow().getMessage();
    assertTrue(message.startsWith(tests + ":6:5: curl is wrongly expected to pass\n  expected allow, got deny\n"
        + "  request:  api.github.com:443 /usr/bin/curl\n  decision: deny\n  entry:    none\n  rule:     none\n"
        + "  reason:   binary '/usr/bin/curl' not allowed"), message);
    assertTrue(r.containsKey(tests.toString()), "one container per file: " + r.keySet());
  }

  @Test
  void aDirectoryStandsForItsTestFilesAndCoverageIsOneMoreTest() throws IOException {
    write("policy.yaml", POLICY);
    write("tests/a.test.yaml", CASES.replace("policy.yaml", "../policy.yaml"));
    write("tests/sub/b.test.yml", """
        policy: ../../policy.yaml
        cases:
          - name: git is not gh
            request: {host: api.github.com, port: 443, binary: /usr/bin/git}
            expect: deny
        """);
    write("tests/notes.yaml", "not a test file: ignored");
    PolicyTestFiles files = PolicyTestFiles.of(dir.resolve("tests")).minCoverage(100);
    assertEquals(List.of(dir.resolve("tests/a.test.yaml"), dir.resolve("tests/sub/b.test.yml")), files.files());
    Map<String, Finished> r = run(files);
    assertTrue(r.containsKey("git is not gh"), r.keySet().toString());
    Finished coverage = r.get("the cases exercise at least 100% of the policy items");
    assertEquals(TestExecutionResult.Status.SUCCESSFUL, coverage.result().getStatus(), "4 items, all exercised");
    write("policy.yaml", POLICY + """
          pypi:
            endpoints:
              - host: pypi.org
                port: 443
            binaries:
              - path: /usr/bin/pip
        """);
    Finished below = run(files).get("the cases exercise at least 100% of the policy items");
    assertEquals(TestExecutionResult.Status.FAILED, below.result().getStatus());
    String message = below.result().getThrowable().orElseThrow().getMessage();
    assertTrue(message.startsWith("coverage 57.14% (4 of 7 items) is below the minimum 100%; not exercised:\n  "),
        message);
    assertTrue(message.contains("policy.yaml:12:3: entry /network_policies/pypi"), message);
  }

  @Test
  void aFileThatDoesNotLoadIsOneFailingTestWithItsProblems() throws IOException {
    write("policy.yaml", POLICY);
    Path tests = write("bad.test.yaml", "policy: policy.yaml\ncases:\n  - name: a\n    expect: allow\n");
    Map<String, Finished> r = run(PolicyTestFiles.of(tests));
    Finished load = r.get("load the policy test files");
    assertEquals(TestExecutionResult.Status.FAILED, load.result().getStatus());
    String message = load.result().getThrowable().orElseThrow().getMessage();
    assertTrue(message.contains(tests + ":3:5: error missing_field a case needs 'request'"), message);
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, PolicyTestFiles::of);
    assertThrows(IllegalArgumentException.class, () -> PolicyTestFiles.of(dir).minCoverage(101));
    assertThrows(IllegalArgumentException.class, () -> PolicyTestFiles.of(dir).files(), "an empty directory");
  }
}
