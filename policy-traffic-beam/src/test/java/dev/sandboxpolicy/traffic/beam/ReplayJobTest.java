package dev.sandboxpolicy.traffic.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.traffic.Replay;
import dev.sandboxpolicy.traffic.ReplaySummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet replay on Beam's DirectRunner: the same summary as the library's replay of the same files. */
class ReplayJobTest {

  private static final String LOGGED = """
      version: 1
      network_policies:
        github_api:
          name: github_api
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: GET, path: "/repos/**"}
          binaries:
            - path: /usr/bin/gh
      """;

  /** The candidate also allows DELETE on repos and reaches example.org. */
  private static final String CANDIDATE = LOGGED.replace(
      "          - allow: {method: GET, path: \"/repos/**\"}\n",
      "          - allow: {method: GET, path: \"/repos/**\"}\n          - allow: {method: DELETE, path: \"/repos/*/*\"}\n")
      + """
        example:
          name: example
          endpoints:
            - host: example.org
              port: 443
          binaries:
            - path: /usr/bin/curl
      """;

  @Test
  void fleetReplayOnTheDirectRunnerEqualsTheLibraryReplay(@TempDir Path dir) throws Exception {
    // Sandbox A (plain shorthand): gh opens the tunnel, GET passes, DELETE is denied; curl is refused example.org.
    Path a = dir.resolve("sandbox-a.log");
    Files.writeString(a, """
        NET:OPEN [INFO] ALLOWED /usr/bin/gh(10) -> api.github.com:443 [policy:github_api engine:opa]
        HTTP:GET [INFO] ALLOWED GET http://api.github.com:443/repos/o/r [policy:github_api engine:l7]
        HTTP:DELETE [MED] DENIED DELETE http://api.github.com:443/repos/o/r [policy:github_api engine:l7] [reason:L7_REQUEST deny DELETE api.github.com:443/repos/o/r reason=DELETE /repos/o/r not permitted by policy]
        NET:OPEN [MED] DENIED /usr/bin/curl(11) -> example.org:443 [policy:- engine:opa] [reason:endpoint example.org:443 is not allowed by any policy]
        CONFIG:LOADED [INFO] Policy reloaded successfully [policy_hash:1] [hash:1]
        garbage line
        """);
    // Sandbox B (gzip, openshell logs form): curl refused twice more; a tracing line.
    Path b = dir.resolve("sandbox-b.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(b))) {
      out.write("""
          [1755770400.000] [sandbox] [OCSF ] [ocsf] NET:OPEN [MED] DENIED /usr/bin/curl(20) -> example.org:443 [policy:- engine:opa] [reason:endpoint example.org:443 is not allowed by any policy]
          [1755770400.100] [sandbox] [INFO ] [openshell_sandbox] hello
          [1755770400.200] [sandbox] [OCSF ] [ocsf] NET:OPEN [MED] DENIED /usr/bin/curl(21) -> example.org:443 [policy:- engine:opa] [reason:endpoint example.org:443 is not allowed by any policy]
          """.getBytes(StandardCharsets.UTF_8));
    }
    Path candidate = dir.resolve("candidate.yaml");
    Files.writeString(candidate, CANDIDATE);
    Path output = dir.resolve("summary.json");

    ReplayJobOptions options = PipelineOptionsFactory.fromArgs(
        "--logs=" + dir.resolve("*.log") + "," + dir.resolve("*.log.gz"),
        "--candidate=" + candidate,
        "--output=" + output).withValidation().as(ReplayJobOptions.class);
    PipelineResult.State state = ReplayJob.build(options).run().waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, state);

    String json = Files.readString(output);
    // By hand: 6 decisions (4 in A, 2 in B); GET unchanged; DELETE and the three curl refusals deny -> allow.
    assertTrue(json.contains("\"decisions\" : 6"), json);
    assertTrue(json.contains("\"unchanged\" : 2"), json); // the CONNECT and the GET
    assertTrue(json.contains("\"deny_to_allow\" : 4"), json);
    assertTrue(json.contains("\"malformed_lines\" : 1"), json);
    assertTrue(json.contains("\"skipped_lines\" : 2"), json);

    Replay library = Replay.against(CompiledPolicy.compile(
        PolicyReader.of(ReadMode.STRICT).readPolicy(CANDIDATE).orElseThrow()));
    ReplaySummary expected = library.replayFiles(List.of(a, b));
    // Beam names a local file by its absolute path, as the library's reader does: the JSON is identical.
    assertEquals(expected.toJson(true), json.strip() + "\n");
  }

  @Test
  void invalidCandidateStopsTheJobWithItsProblems(@TempDir Path dir) throws IOException {
    Path candidate = dir.resolve("bad.yaml");
    Files.writeString(candidate, "version: 1\nnetwork_policies: [nope]\n");
    Files.writeString(dir.resolve("x.log"), "NET:OPEN [INFO] ALLOWED /usr/bin/gh(1) -> a.example:443 [policy:a engine:opa]\n");
    ReplayJobOptions options = PipelineOptionsFactory.fromArgs(
        "--logs=" + dir.resolve("*.log"), "--candidate=" + candidate, "--output=" + dir.resolve("out.json"))
        .as(ReplayJobOptions.class);
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> ReplayJob.build(options).run().waitUntilFinish());
    assertTrue(String.valueOf(e.getMessage()).contains("candidate policy is not valid"), e.toString());
  }
}
