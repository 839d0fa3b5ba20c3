package dev.sandboxpolicy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.merge.CustomPresetLoader;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdvisorTest {

  static final String CURRENT = """
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
          binaries:
            - path: /usr/bin/gh
        pypi:
          name: pypi
          endpoints:
            - host: pypi.org
              port: 443
          binaries:
            - path: /usr/bin/pip
      """;

  private static Advice advise(String policy, String log, String name) throws AdviceException {
    Advisor advisor = Advisor.forPolicy(Policies.compile(policy));
    Logs.read(log).events().forEach(advisor::add);
    return advisor.advise(name);
  }

  @Test
  void proposesNarrowEntriesLikeTheMapperAndProvesThem() throws Exception {
    Advice advice = advise(CURRENT, "advise.log", "agent-extras");
    Map<String, Proposal> byKey =
        advice.proposals().stream().collect(Collectors.toMap(Proposal::key, p -> p));
    assertEquals(List.of("allow_example_org_443", "allow_example_org_80", "github", "github_2"),
        advice.proposals().stream().map(Proposal::key).toList());

    NetworkPolicy l4 = byKey.get("allow_example_org_443").entry();
    Endpoint plain = l4.endpoints().get(0);
    assertEquals("example.org", plain.host());
    assertEquals(443, plain.port());
    assertEquals("", plain.protocol()); // L4: no request was logged
    assertTrue(plain.allowedIps().isEmpty());
    assertEquals(List.of("/usr/bin/curl"), l4.binaries().stream().map(Binary::path).toList());
    assertEquals(2, byKey.get("allow_example_org_443").denials()); // lines 5 and 13

    Endpoint forward = byKey.get("allow_example_org_80").entry().endpoints().get(0);
    assertEquals("rest", forward.protocol());
    assertEquals("enforce", forward.enforcement());
    assertEquals("GET /index.html", rule(forward, 0));

    // curl was refused api.github.com, where gh already has the github contract: key and contract reused.
    Proposal curl = byKey.get("github");
    assertEquals(Optional.of("github"), curl.reusedKey());
    assertEquals(List.of("/usr/bin/curl"), curl.entry().binaries().stream().map(Binary::path).toList());
    assertEquals("GET /repos/**", rule(curl.entry().endpoints().get(0), 0));
    // gh's POST was refused by the rules: the generalised rule (ID-like last segment only), for gh only.
    Proposal gh = byKey.get("github_2");
    assertEquals(List.of("/usr/bin/gh"), gh.entry().binaries().stream().map(Binary::path).toList());
    assertEquals("POST /repos/o/r/issues/*", rule(gh.entry().endpoints().get(0), 0));
    assertEquals(1, gh.entry().endpoints().get(0).allowRules().size());

    Map<SkipReason, Long> skipped = advice.skipped().stream()
        .collect(Collectors.groupingBy(SkippedDenial::reason, Collectors.summingLong(SkippedDenial::count)));
    assertEquals(Map.of(SkipReason.SSRF, 1L, SkipReason.ALWAYS_BLOCKED, 1L, SkipReason.PRIVATE_HOST, 1L,
        SkipReason.NOT_A_POLICY_DECISION, 1L, SkipReason.NO_BINARY, 1L, SkipReason.ALREADY_ALLOWED, 1L), skipped);

    AdviceProof proof = advice.proof();
    assertTrue(proof.holds(), proof + " " + proof.targetsStillDenied() + " " + proof.brokenSamples());
    assertEquals(5, proof.targets()); // lines 3, 4, 5, 6, 13
    assertEquals(5, proof.targetsAllowed());
    assertEquals(2, proof.loggedAllows()); // lines 1 and 2
    assertEquals(0, proof.loggedAllowsBroken());

    // The YAML is a valid custom preset and never carries allowed_ips.
    assertEquals("agent-extras", CustomPresetLoader.check(advice.presetYaml(), Path.of("x.yaml")).name());
    assertTrue(!advice.presetYaml().contains("allowed_ips"), advice.presetYaml());
    // The semantic difference: only wider, one region per proposed grant, nothing narrowed.
    assertEquals("wider", advice.widening().relation(), advice.widening().toString());
    assertEquals(List.of(), advice.widening().narrowed());
    assertTrue(advice.widening().widened().stream().anyMatch(w -> w.contains("example.org:443")
        && w.contains("/usr/bin/curl")), advice.widening().toString());
    assertTrue(advice.widening().widened().stream().anyMatch(w -> w.contains("POST /repos/o/r/issues/*")),
        advice.widening().toString());
    assertTrue(advice.toJson(false).contains("\"holds\":true"), advice.toJson(false));
  }

  @Test
  void mergedPolicyAllowsTheTargetsAndNothingElseThatWasLogged() throws Exception {
    Advice advice = advise(CURRENT, "advise.log", "agent-extras");
    CompiledPolicy merged = CompiledPolicy.compile(advice.mergedPolicy());
    ReplaySummary s = Replay.against(merged).withBaseline(Policies.compile(CURRENT)).newSummary();
    Replay replay = Replay.against(merged).withBaseline(Policies.compile(CURRENT));
    Logs.read("advise.log").events().forEach(e -> s.add(replay.replay(e)));
    assertEquals(0, s.allowToDeny());
    assertEquals(5, s.denyToAllow()); // exactly the five targets
  }

  @Test
  void nothingToProposeGivesNoPresetButStillAProof() throws Exception {
    Advisor advisor = Advisor.forPolicy(Policies.compile(CURRENT));
    Logs.read("advise.log").events().stream()
        .filter(e -> e.loggedDecision() != TrafficVerdict.DENY).forEach(advisor::add);
    Advice none = advisor.advise("agent-extras");
    assertEquals(Optional.empty(), none.preset());
    assertEquals("", none.presetYaml());
    assertTrue(none.proof().holds());
    assertEquals(2, none.proof().loggedAllows());
  }

  @Test
  void presetNamesAreChecked() {
    AdviceException invalid = assertThrows(AdviceException.class, () -> advise(CURRENT, "advise.log", "Bad_Name"));
    assertEquals("preset_name_invalid", invalid.code());
    AdviceException builtin = assertThrows(AdviceException.class, () -> advise(CURRENT, "advise.log", "github"));
    assertEquals("preset_name_builtin_collision", builtin.code());
  }

  @Test
  void pathGeneralisationFollowsTheMapper() {
    assertEquals("/posts/*", PathGeneralizer.generalize("/posts/42"));
    assertEquals("/posts/7", PathGeneralizer.generalize("/posts/7"));
    assertEquals("/u/*", PathGeneralizer.generalize("/u/550e8400-e29b-41d4-a716-446655440000"));
    assertEquals("/h/*", PathGeneralizer.generalize("/h/abc123def456abcd"));
    assertEquals("/v1/models/abc123", PathGeneralizer.generalize("/v1/models/abc123"));
    assertEquals("/a/42/", PathGeneralizer.generalize("/a/42/"));
    assertEquals("/42/b", PathGeneralizer.generalize("/42/b"));
    assertEquals("/x/*", PathGeneralizer.generalize("/x/123?page=2"));
    assertEquals("/*", PathGeneralizer.generalize("/42"));
    assertEquals("v1", PathGeneralizer.generalize("v1"));
  }

  @Test
  void mapperNamesAndAlwaysBlockedDestinations() {
    assertEquals("allow_api_github_com_443", Advisor.allowKey("api.github.com", 443));
    assertEquals("allow_2001db81_443", Advisor.allowKey("2001:db8::1", 443));
    assertTrue(Advisor.alwaysBlocked("127.0.0.1"));
    assertTrue(Advisor.alwaysBlocked("::ffff:127.0.0.1"));
    assertTrue(Advisor.alwaysBlocked("LOCALHOST."));
    assertTrue(Advisor.alwaysBlocked("metadata.google.internal"));
    assertTrue(Advisor.alwaysBlocked("169.254.169.254"));
    assertTrue(!Advisor.alwaysBlocked("10.0.0.1")); // private, not always blocked (the mapper proposes it)
    assertTrue(!Advisor.alwaysBlocked("example.org"));
  }

  private static String rule(Endpoint e, int i) {
    return e.allowRules().get(i).allow().map(b -> b.method() + " " + b.path()).orElseThrow();
  }
}
