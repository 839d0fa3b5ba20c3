package dev.sandboxpolicy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageAnalysisTest {

  static final String POLICY = """
      version: 1
      network_policies:
        github:
          name: github
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: GET, path: "/repos/**"}
                - allow: {method: POST, path: "/repos/*/*/issues"}
            - host: "*.githubusercontent.com"
              port: 443
          binaries:
            - path: /usr/bin/gh
            - path: /usr/bin/git
        old_mirror:
          name: old_mirror
          endpoints:
            - host: mirror.example.com
              port: 443
          binaries:
            - path: /usr/bin/curl
        tools:
          name: tools
          endpoints:
            - host: api.tools.com
              port: 443
          binaries:
            - path: "/usr/local/bin/*"
      """;

  static final String LOG = """
      {"host":"api.github.com","port":443,"binary":"/usr/bin/gh","method":"GET","path":"/repos/o/r","decision":"allow"}
      {"host":"api.github.com","port":443,"binary":"/usr/bin/gh","method":"GET","path":"/repos/o/r","decision":"allow"}
      {"host":"raw.githubusercontent.com","port":443,"binary":"/usr/bin/gh","decision":"allow"}
      {"host":"api.tools.com","port":443,"binary":"/usr/local/bin/tool-a","decision":"allow"}
      {"host":"example.org","port":443,"binary":"/usr/bin/curl","decision":"deny"}
      """;

  @Test
  void findsUnusedPartsAndWideGlobsAndProvesTheNarrowing() throws IOException {
    UsageAnalysis usage = UsageAnalysis.forPolicy(Policies.compile(POLICY));
    try (LogReader r = LogReader.of(new ByteArrayInputStream(LOG.getBytes(StandardCharsets.UTF_8)), "log")) {
      for (LogEvent e = r.next(); e != null; e = r.next()) {
        usage.add(e);
      }
    }
    UsageReport report = usage.report();
    assertEquals(5, report.decisions());
    assertEquals(4, report.allowed());
    assertEquals(List.of("old_mirror"), report.unusedEntries());
    assertEquals(List.of(), report.unusedEndpoints());
    assertEquals(List.of("/network_policies/github/endpoints/0/rules/1 POST /repos/*/*/issues"), report.unusedRules());
    assertEquals(List.of("github: /usr/bin/git"), report.unusedBinaries());
    assertEquals(List.of(
            "/network_policies/github/endpoints/0/rules/0: path /repos/** was used only as /repos/o/r",
            "/network_policies/github/endpoints/1: host *.githubusercontent.com was used only as raw.githubusercontent.com",
            "/network_policies/tools/binaries/0: binary /usr/local/bin/* was used only as /usr/local/bin/tool-a"),
        report.narrowings().stream().map(Object::toString).toList());
    assertTrue(report.proofHolds(), report.toJson(true));
    assertEquals(4, report.proofAllows());
    assertEquals(0, report.proofBroken());
    assertTrue(!report.narrowedPolicy().networkPolicies().containsKey("old_mirror"));
    assertEquals("raw.githubusercontent.com",
        report.narrowedPolicy().networkPolicies().get("github").endpoints().get(1).host());
  }
}
