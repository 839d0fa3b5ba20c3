package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Enforcement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Network (L4) decisions: spec §3.3, §3.4 and §6 rules 9–13. */
class NetworkDecisionTest {
  private static final String GH = """
      network_policies:
        zeta:
          name: aaa-display-name
          endpoints:
            - host: api.github.com
              port: 443
          binaries:
            - path: /usr/bin/gh
        github:
          name: zzz-display-name
          endpoints:
            - host: API.GitHub.com
              ports: [443, 8443]
              protocol: rest
              enforcement: enforce
              access: read-only
          binaries:
            - path: /usr/bin/gh
            - path: /usr/local/bin/*
      """;

  private static Decision net(CompiledPolicy p, String host, int port, String exe, String... ancestors) {
    return p.decideNetwork(NetworkRequest.of(host, port, exe).withAncestors(List.of(ancestors)));
  }

  @Test
  void matchedPolicyIsTheSmallestMapKeyNotTheName() {
    CompiledPolicy p = TestPolicies.compile(GH);
    Decision d = net(p, "api.github.com", 443, "/usr/bin/gh");
    assertEquals(Verdict.ALLOW, d.verdict());
    // "github" < "zeta" although zeta's name sorts first and zeta is written first.
    assertEquals(Optional.of("github"), d.matchedPolicy());
    assertEquals("/network_policies/github/endpoints/0", d.rulePointer());
    assertEquals(Optional.of(Enforcement.ENFORCE), d.enforcement());
  }

  @Test
  void exactHostsCompareLowerCasedAndNothingElse() {
    CompiledPolicy p = TestPolicies.compile(GH);
    assertTrue(net(p, "API.GITHUB.COM", 443, "/usr/bin/gh").isAllowed());
    // One trailing dot is removed before comparing (upstream-changes item 4, TrailingDotTest); two are not one.
    assertTrue(net(p, "api.github.com.", 443, "/usr/bin/gh").isAllowed());
    assertEquals(
        "endpoint api.github.com..:443 is not allowed by any policy",
        net(p, "api.github.com..", 443, "/usr/bin/gh").reason());
    // Port must be one of the endpoint's ports.
    assertTrue(net(p, "api.github.com", 8443, "/usr/bin/gh").isAllowed());
    assertFalse(net(p, "api.github.com", 80, "/usr/bin/gh").isAllowed());
  }

  @Test
  void ipLiteralsAreNotNormalized() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          local:
            endpoints: [{host: "fd00::1", port: 8080}, {host: "::1", port: 8080}]
            binaries: [{path: /bin/app}]
        """);
    assertTrue(net(p, "fd00::1", 8080, "/bin/app").isAllowed());
    assertFalse(net(p, "fd00:0::1", 8080, "/bin/app").isAllowed());
    // A loopback literal matches its endpoint but the destination check (spec 3.9) always refuses loopback.
    Decision loopback = net(p, "::1", 8080, "/bin/app");
    assertFalse(loopback.isAllowed());
    assertTrue(loopback.reason().contains("always_blocked"), loopback.reason());
  }

  @Test
  void endpointAndBinaryMustBeInTheSameEntry() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          a:
            endpoints: [{host: a.example.com, port: 443}]
            binaries: [{path: /bin/curl}]
          b:
            endpoints: [{host: b.example.com, port: 443}]
            binaries: [{path: /bin/wget}]
        """);
    assertTrue(net(p, "a.example.com", 443, "/bin/curl").isAllowed());
    Decision d = net(p, "a.example.com", 443, "/bin/wget");
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.reason().startsWith("binary '/bin/wget' not allowed in policy 'a' (ancestors: [], cmdline: [])"),
        d.reason());
  }

  @Test
  void binaryMessageListsEveryEntryInKeyOrderWithAncestorsAndCmdline() {
    CompiledPolicy p = TestPolicies.compile(GH);
    Decision d = p.decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/python3")
        .withAncestors(List.of("/bin/bash", "/sbin/init"))
        .withCmdlinePaths(List.of("/usr/bin/gh", "/tmp/x")));
    String[] parts = d.reason().split("; ");
    assertEquals(2, parts.length, d.reason());
    assertTrue(parts[0].startsWith("binary '/usr/bin/python3' not allowed in policy 'github' "
        + "(ancestors: [/bin/bash -> /sbin/init], cmdline: [/usr/bin/gh, /tmp/x]). SYMLINK HINT: "), parts[0]);
    assertTrue(parts[1].startsWith("binary '/usr/bin/python3' not allowed in policy 'zeta' "), parts[1]);
    assertTrue(d.reason().contains("readlink -f"));
  }

  @Test
  void binariesMatchAncestorsButNeverCmdlinePaths() {
    CompiledPolicy p = TestPolicies.compile(GH);
    assertTrue(net(p, "api.github.com", 443, "/usr/bin/python3", "/usr/bin/gh").isAllowed());
    assertTrue(net(p, "api.github.com", 443, "/usr/bin/python3", "/bin/sh", "/usr/local/bin/node").isAllowed());
    Decision cmdline = p.decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/python3")
        .withCmdlinePaths(List.of("/usr/bin/gh")));
    assertFalse(cmdline.isAllowed());
    // The glob /usr/local/bin/* does not cross '/'.
    assertFalse(net(p, "api.github.com", 443, "/usr/local/bin/sub/tool").isAllowed());
  }

  @Test
  void binaryPatternsWithoutStarAreLiteral() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          q:
            endpoints: [{host: x.com, port: 443}]
            binaries: [{path: "/usr/bin/python?"}, {path: "/opt/[ab]/*"}]
        """);
    assertFalse(net(p, "x.com", 443, "/usr/bin/python3").isAllowed());
    assertTrue(net(p, "x.com", 443, "/usr/bin/python?").isAllowed());
    assertTrue(net(p, "x.com", 443, "/opt/a/tool").isAllowed());
    assertFalse(net(p, "x.com", 443, "/opt/c/tool").isAllowed());
  }

  @Test
  void wildcardHosts() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          one:
            endpoints: [{host: "*.example.com", port: 443}]
            binaries: [{path: /bin/c}]
          many:
            endpoints: [{host: "**.deep.org", port: 443}]
            binaries: [{path: /bin/c}]
          intra:
            endpoints: [{host: "*-ai.models.net", port: 443}, {host: "*.s3.*.amazonaws.com", port: 443}]
            binaries: [{path: /bin/c}]
        """);
    assertTrue(net(p, "API.example.com", 443, "/bin/c").isAllowed());
    assertFalse(net(p, "example.com", 443, "/bin/c").isAllowed()); // never the apex
    assertFalse(net(p, "a.b.example.com", 443, "/bin/c").isAllowed()); // exactly one label
    assertTrue(net(p, "a.b.deep.org", 443, "/bin/c").isAllowed());
    assertFalse(net(p, "deep.org", 443, "/bin/c").isAllowed()); // ** needs >= 1 label
    assertTrue(net(p, "gen-ai.models.net", 443, "/bin/c").isAllowed());
    assertFalse(net(p, "x.gen-ai.models.net", 443, "/bin/c").isAllowed());
    assertTrue(net(p, "bucket.s3.eu-west-1.amazonaws.com", 443, "/bin/c").isAllowed());
    assertEquals(Optional.of("many"), net(p, "x.deep.org", 443, "/bin/c").matchedPolicy());
  }

  @Test
  void hostlessAllowedIpsEndpointMatchesAnyHostOnItsPorts() {
    CompiledPolicy p = TestPolicies.runtime("""
        network_policies:
          internal:
            endpoints: [{port: 5432, allowed_ips: ["10.0.0.0/8"]}]
            binaries: [{path: /bin/psql}]
          nohost:
            endpoints: [{port: 6000}]
            binaries: [{path: /bin/psql}]
        """);
    assertTrue(net(p, "db.anything.internal", 5432, "/bin/psql").isAllowed());
    assertFalse(net(p, "db.anything.internal", 5433, "/bin/psql").isAllowed());
    // host empty without allowed_ips never matches.
    assertEquals(
        "endpoint db:6000 is not allowed by any policy", net(p, "db", 6000, "/bin/psql").reason());
  }

  @Test
  void emptyPolicyDeniesWithTheUpstreamText() {
    CompiledPolicy p = TestPolicies.compile("network_policies: {}\n");
    assertEquals("network connections not allowed by policy", net(p, "a.com", 443, "/bin/a").reason());
  }

  @Test
  void endpointWithoutPortNeverMatches() {
    CompiledPolicy p = TestPolicies.runtime("""
        network_policies:
          a:
            endpoints: [{host: a.com}]
            binaries: [{path: /bin/a}]
        """);
    assertFalse(net(p, "a.com", 443, "/bin/a").isAllowed());
    assertFalse(net(p, "a.com", 0, "/bin/a").isAllowed());
  }

  @Test
  void emptyBinariesMatchNothingUnlessIdentityIsOff() {
    String yaml = """
        network_policies:
          a:
            endpoints: [{host: a.com, port: 443}]
        """;
    assertFalse(net(TestPolicies.runtime(yaml), "a.com", 443, "/bin/x").isAllowed());
    CompiledPolicy relaxed = TestPolicies.compile(yaml,
        MatcherOptions.fromEnvironmentValue("endpoint-only").withValidation(false));
    assertTrue(net(relaxed, "a.com", 443, "/bin/x").isAllowed());
    assertTrue(net(TestPolicies.compile(GH, MatcherOptions.defaults().withBinaryIdentity(false)),
        "api.github.com", 443, "/anything").isAllowed());
  }

  @Test
  void nulInHostIsAnEvaluationErrorWhenAWildcardIsEvaluated() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          a:
            endpoints: [{host: "*.a.com", port: 443}]
            binaries: [{path: /bin/a}]
        """);
    Decision d = net(p, "x\0.a.com", 443, "/bin/a");
    assertEquals(Verdict.ERROR, d.verdict());
    assertFalse(d.isAllowed());
    assertTrue(d.reason().startsWith("evaluation error"), d.reason());
  }

  @Test
  void invalidGlobIsAWarningAtLoadAndAnErrorWhenEvaluated() {
    CompiledPolicy p = TestPolicies.compile("""
        network_policies:
          a:
            endpoints: [{host: "b.com", port: 443}]
            binaries: [{path: "/bin/[ab*"}]
        """);
    dev.sandboxpolicy.model.Problem w = p.warnings().stream()
        .filter(x -> x.code().equals("glob_invalid")).findFirst().orElseThrow();
    assertEquals("/network_policies/a/binaries/0/path", w.pointer());
    assertTrue(w.message().contains("glob_unclosed_class"), w.message());
    assertEquals(Verdict.ERROR, net(p, "b.com", 443, "/bin/a").verdict());
    // Not evaluated when no endpoint of that entry matches.
    assertEquals(Verdict.DENY, net(p, "c.com", 443, "/bin/a").verdict());
  }

  @Test
  void allowDecisionsAreSharedConstants() {
    CompiledPolicy p = TestPolicies.compile(GH);
    NetworkRequest r = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");
    assertSame(p.decideNetwork(r), p.decideNetwork(r));
  }

  @Test
  void invalidPortsFailCompilationWithAProblem() {
    PolicyCompileException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyCompileException.class,
        () -> CompiledPolicy.compile(dev.sandboxpolicy.model.Policy.builder()
            .putNetworkPolicies("a", dev.sandboxpolicy.model.NetworkPolicy.builder()
                .addEndpoints(dev.sandboxpolicy.model.Endpoint.builder().host("a.com").port(70000).build())
                .build())
            .build()));
    dev.sandboxpolicy.model.Problem port = e.problems().stream()
        .filter(x -> x.code().equals("port_invalid")).findFirst().orElseThrow();
    assertEquals("/network_policies/a/endpoints/0/port", port.pointer());
    assertEquals(1, e.problems().stream().filter(x -> x.code().equals("port_invalid")).count(), "reported once");
  }

  @Test
  void portsOutOfRangeFailCompilationEvenWithValidationOffAndWhenThePortsListWins() {
    dev.sandboxpolicy.model.Endpoint ignoredPort = dev.sandboxpolicy.model.Endpoint.builder()
        .host("a.com").port(70000).addPorts(443).build();
    dev.sandboxpolicy.model.Policy policy = dev.sandboxpolicy.model.Policy.builder()
        .putNetworkPolicies("a", dev.sandboxpolicy.model.NetworkPolicy.builder().addEndpoints(ignoredPort).build())
        .build();
    for (boolean strict : new boolean[] {true, false}) {
      PolicyCompileException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyCompileException.class,
          () -> CompiledPolicy.compile(policy, MatcherOptions.defaults().withValidation(strict)));
      List<dev.sandboxpolicy.model.Problem> ports = e.problems().stream()
          .filter(x -> x.code().equals("port_invalid")).toList();
      assertEquals(1, ports.size(), "strict=" + strict + ": " + e.problems());
      assertEquals("/network_policies/a/endpoints/0/port", ports.get(0).pointer());
      assertTrue(ports.get(0).isError());
    }
  }
}
