package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

  /** gh reads a repo (allowed), deletes it (denied at L7), pip installs (allowed), curl is refused example.org. */
  static final String LOG = """
      [1755770400.000] [sandbox] [OCSF ] [ocsf] NET:OPEN [INFO] ALLOWED /usr/bin/gh(10) -> api.github.com:443 [policy:github engine:opa]
      [1755770400.100] [sandbox] [OCSF ] [ocsf] HTTP:GET [INFO] ALLOWED GET http://api.github.com:443/repos/o/r [policy:github engine:l7]
      [1755770400.200] [sandbox] [OCSF ] [ocsf] HTTP:DELETE [MED] DENIED DELETE http://api.github.com:443/repos/o/r [policy:github engine:l7] [reason:L7_REQUEST deny DELETE api.github.com:443/repos/o/r reason=DELETE /repos/o/r not permitted by policy]
      [1755770400.300] [sandbox] [OCSF ] [ocsf] NET:OPEN [INFO] ALLOWED /usr/bin/pip(11) -> pypi.org:443 [policy:pypi engine:opa]
      [1755770400.400] [sandbox] [OCSF ] [ocsf] NET:OPEN [MED] DENIED /usr/bin/curl(12) -> example.org:443 [policy:- engine:opa] [reason:endpoint example.org:443 is not allowed by any policy]
      [1755770400.500] [sandbox] [INFO ] [openshell_sandbox] unrelated
      not a log line
      """;

  @Test
  void unchangedPolicyReplaysCleanly(@TempDir Path dir) {
    CliRun.write(dir, "policy.yaml", CliRun.POLICY);
    CliRun.write(dir, "sandbox.log", LOG);
    CliRun r = CliRun.run(dir, "replay", "--policy", "policy.yaml", "--fail-on", "any", "sandbox.log");
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertTrue(r.out().contains("decisions                 5"), r.out());
    assertTrue(r.out().contains("unchanged                 5"), r.out());
    assertTrue(r.out().contains("sandbox.log:7: not a line of any known log format"), r.out());
  }

  @Test
  void narrowerCandidateFailsOnAllowToDenyAndNamesTheGroup(@TempDir Path dir) {
    CliRun.write(dir, "narrow.yaml", CliRun.POLICY.replace("""
              pypi:
                endpoints:
                  - host: pypi.org
                    port: 443
                binaries:
                  - path: /usr/bin/pip
            """, ""));
    CliRun.write(dir, "sandbox.log", LOG);
    CliRun r = CliRun.run(dir, "replay", "--policy", "narrow.yaml", "--fail-on", "allow-to-deny", "sandbox.log");
    assertEquals(ExitCode.FAILED, r.status(), r.toString());
    assertTrue(r.out().contains("allow -> deny             1"), r.out());
    assertTrue(r.out().contains("pypi  pypi.org:443  /usr/bin/pip  (1 event)"), r.out());
    assertTrue(r.out().contains("sandbox.log:4  connect  allow (pypi) -> deny: endpoint pypi.org:443"), r.out());
    // The same change does not trip --fail-on deny-to-allow.
    CliRun other = CliRun.run(dir, "replay", "--policy", "narrow.yaml", "--fail-on", "deny-to-allow", "sandbox.log");
    assertEquals(ExitCode.OK, other.status(), other.toString());
  }

  @Test
  void jsonAgainstABaselineFromStandardInput(@TempDir Path dir) {
    CliRun.write(dir, "before.yaml", CliRun.POLICY);
    CliRun.write(dir, "after.yaml", CliRun.POLICY.replace("              path: /repos/**\n",
        "              path: /repos/**\n          - allow:\n              method: DELETE\n              path: /repos/*/*\n"));
    CliRun r = CliRun.run(dir, Map.of(), LOG, "replay", "--policy", "after.yaml", "--baseline", "before.yaml",
        "--json", "-");
    assertEquals(ExitCode.OK, r.status(), r.toString());
    assertTrue(r.out().contains("\"reference\" : \"baseline\""), r.out());
    assertTrue(r.out().contains("\"deny_to_allow\" : 1"), r.out());
    assertTrue(r.out().contains("\"malformed_lines\" : 1"), r.out());
    assertTrue(r.out().contains("\"file\" : \"-\""), r.out());
  }

  @Test
  void usageIoAndInvalidPolicyErrors(@TempDir Path dir) {
    CliRun.write(dir, "policy.yaml", CliRun.POLICY);
    assertEquals(ExitCode.USAGE, CliRun.run(dir, "replay", "sandbox.log").status());
    assertEquals(ExitCode.USAGE, CliRun.run(dir, "replay", "--policy", "policy.yaml").status());
    assertEquals(ExitCode.USAGE,
        CliRun.run(dir, "replay", "--policy", "policy.yaml", "--fail-on", "sometimes", "x.log").status());
    CliRun missing = CliRun.run(dir, "replay", "--policy", "policy.yaml", "missing.log");
    assertEquals(ExitCode.USAGE, missing.status());
    assertTrue(missing.err().contains("cannot read missing.log: no such file"), missing.err());
    CliRun.write(dir, "bad.yaml", "version: 1\nnetwork_policies:\n  x: {endpoints: [{host: a, port: 99999}]}\n");
    CliRun.write(dir, "sandbox.log", LOG);
    CliRun bad = CliRun.run(dir, "replay", "--policy", "bad.yaml", "sandbox.log");
    assertEquals(ExitCode.FAILED, bad.status(), bad.toString());
    assertTrue(bad.err().contains("bad.yaml:"), bad.err());
  }
}
