package dev.sandboxpolicy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replay counts checked against answers computed by hand, event by event (see the comments). */
class ReplayTest {

  private static ReplaySummary replay(Replay replay, String fixture) {
    Logs.Read read = Logs.read(fixture);
    ReplaySummary s = replay.newSummary();
    read.events().forEach(e -> s.add(replay.replay(e)));
    s.addReadStats(read.stats());
    return s;
  }

  @Test
  void catalogueAgainstTheLoggingPolicy() {
    ReplaySummary s = replay(Replay.against(Policies.compile(Policies.LOGGED)), "shorthand-catalogue.log");
    // 21 events: lines 1-10 and 19 unchanged; line 18 (redis, no entry any more) allow -> deny;
    // lines 11, 12, 21, 22 have no binary; 13, 15, 16, 17, 20 are not policy decisions.
    assertEquals(21, s.decisions());
    assertEquals(11, s.unchanged());
    assertEquals(1, s.allowToDeny());
    assertEquals(0, s.denyToAllow());
    assertEquals(9, s.undecidable());
    assertEquals(Map.of(UndecidableReason.NO_BINARY, 4L, UndecidableReason.NOT_A_POLICY_DECISION, 5L),
        s.undecidableByReason());
    assertEquals(3, s.transitions(TrafficVerdict.ALLOW, TrafficVerdict.ALLOW));
    assertEquals(8, s.transitions(TrafficVerdict.DENY, TrafficVerdict.DENY));
    assertEquals(1, s.transitions(TrafficVerdict.ALLOW, TrafficVerdict.DENY));
    assertEquals(6, s.readStats().skippedLines());
    ChangeGroup g = s.changes().get(0);
    assertEquals(Change.ALLOW_TO_DENY, g.change());
    assertEquals("redis", g.policy()); // the logged allowing key
    assertEquals("redis.internal", g.host());
    assertEquals("/usr/bin/redis-cli", g.binary());
    assertEquals(18, g.samples().get(0).line());
  }

  @Test
  void catalogueAgainstAWiderCandidate() {
    ReplaySummary s = replay(Replay.against(Policies.compile(Policies.WIDENED)), "shorthand-catalogue.log");
    // Line 2 (curl -> example.org:443) and line 10 (DELETE /repos/NVIDIA/OpenShell) become allowed; line 18
    // (redis) is allowed again, so unchanged.
    assertEquals(10, s.unchanged());
    assertEquals(0, s.allowToDeny());
    assertEquals(2, s.denyToAllow());
    assertEquals(9, s.undecidable());
    List<ChangeGroup> groups = s.changes();
    assertEquals(2, groups.size());
    assertEquals(List.of(10L, 2L), groups.stream().map(g -> g.samples().get(0).line()).sorted((a, b) -> -Long.compare(a, b)).toList());
    ChangeGroup delete = groups.stream().filter(g -> g.policy().equals("github_api")).findFirst().orElseThrow();
    assertEquals(Optional.of("DELETE"), delete.samples().get(0).method());
    assertEquals("/usr/bin/curl", delete.binary()); // correlated from line 1's CONNECT
  }

  @Test
  void baselineReplacesTheLoggedDecisionAsReference() {
    Replay replay = Replay.against(Policies.compile(Policies.WIDENED)).withBaseline(Policies.compile(Policies.LOGGED));
    ReplaySummary s = replay(replay, "shorthand-catalogue.log");
    // The baseline denies line 18 (redis) too, so it is deny -> allow like lines 2 and 10.
    assertEquals(ReplaySummary.REFERENCE_BASELINE, s.reference());
    assertEquals(9, s.unchanged());
    assertEquals(3, s.denyToAllow());
    assertEquals(9, s.undecidable());
  }

  @Test
  void ssrfRefusalsAreReRunWithTheLoggedAddress() {
    CompiledPolicy candidate = Policies.compile("""
        version: 1
        network_policies:
          corp:
            name: corp
            endpoints:
              - host: internal.corp
                port: 8080
            binaries:
              - path: /usr/bin/curl
          metadata:
            name: metadata
            endpoints:
              - host: 169.254.169.254
                port: 80
            binaries:
              - path: /usr/bin/curl
        """);
    Logs.Read read = Logs.read("shorthand-catalogue.log");
    Replay replay = Replay.against(candidate);
    // Row 6: internal.corp resolves to 10.1.2.3; an exactly declared host may reach private space -> allowed.
    ReplayResult forward = replay.replay(read.atLine(7));
    assertEquals(Change.DENY_TO_ALLOW, forward.change());
    // Row 3: 169.254.169.254 is always blocked whatever the policy says.
    ReplayResult metadata = replay.replay(read.atLine(4));
    assertEquals(Change.UNCHANGED, metadata.change());
    assertEquals(TrafficVerdict.DENY, metadata.candidate().verdict());
  }

  @Test
  void ancestorsThatAreNotLoggedMakeABinaryDenialUndecidable() {
    CompiledPolicy ghOnly = Policies.compile(Policies.LOGGED.replace("      - path: /usr/bin/curl\n      - path: /usr/bin/gh\n", "      - path: /usr/bin/gh\n"));
    Logs.Read shorthand = Logs.read("shorthand-catalogue.log");
    ReplayResult r = Replay.against(ghOnly).replay(shorthand.atLine(1)); // curl, ancestors not in shorthand
    assertEquals(Change.UNDECIDABLE, r.change());
    assertEquals(Optional.of(UndecidableReason.ANCESTORS_NOT_LOGGED), r.candidate().undecidableReason());
    // The JSON Lines form lists the ancestors, so the same question is decided there.
    Logs.Read jsonl = Logs.read("ocsf.jsonl");
    ReplayResult gh = Replay.against(ghOnly).replay(jsonl.atLine(4));
    assertEquals(Change.UNCHANGED, gh.change());
  }

  @Test
  void auditPassesButEnforcementDenies() throws IOException {
    String line = "{\"host\":\"api.example.com\",\"port\":443,\"binary\":\"/usr/bin/curl\",\"method\":\"POST\","
        + "\"path\":\"/v1/items\",\"decision\":\"audit\"}\n";
    String items = """
        version: 1
        network_policies:
          items:
            name: items
            endpoints:
              - host: api.example.com
                port: 443
                protocol: rest
                enforcement: MODE
                rules:
                  - allow: {method: GET, path: "/v1/**"}
            binaries:
              - path: /usr/bin/curl
        """;
    LogEvent e;
    try (LogReader r = LogReader.of(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "inline")) {
      e = r.next();
    }
    ReplayResult audit = Replay.against(Policies.compile(items.replace("MODE", "audit"))).replay(e);
    assertEquals(TrafficVerdict.AUDIT, audit.candidate().verdict());
    assertEquals(Change.UNCHANGED, audit.change());
    ReplayResult enforce = Replay.against(Policies.compile(items.replace("MODE", "enforce"))).replay(e);
    assertEquals(TrafficVerdict.DENY, enforce.candidate().verdict());
    assertEquals(Change.ALLOW_TO_DENY, enforce.change());
    ReplaySummary s = Replay.against(Policies.compile(items.replace("MODE", "enforce"))).newSummary().add(enforce);
    assertEquals(1, s.transitions(TrafficVerdict.AUDIT, TrafficVerdict.DENY));
  }

  @Test
  void requestLinesWithoutADecisionNeedABaseline() {
    Logs.Read read = Logs.read("requests.jsonl");
    LogEvent noDecision = read.atLine(3);
    ReplayResult logged = Replay.against(Policies.compile(Policies.LOGGED)).replay(noDecision);
    assertEquals(Optional.of(UndecidableReason.NO_LOGGED_DECISION), logged.reference().undecidableReason());
    ReplayResult baseline = Replay.against(Policies.compile(Policies.LOGGED))
        .withBaseline(Policies.compile(Policies.LOGGED)).replay(noDecision);
    assertEquals(Change.UNCHANGED, baseline.change());
  }

  @Test
  void resolvedAddressesOfARequestLineAreCheckedAsCheckChecksThem() {
    Logs.Read read = Logs.read("requests.jsonl");
    Replay replay = Replay.against(Policies.compile(Policies.LOGGED));
    // Line 6: gh -> api.github.com:443 is allowed by github_api, but the host resolved to 169.254.169.254, a
    // link-local (metadata) address, always blocked: the destination check refuses it, as check --requests does.
    ReplayResult resolved = replay.replay(read.atLine(6));
    assertEquals(TrafficVerdict.DENY, resolved.candidate().verdict());
    assertTrue(resolved.candidate().reason().contains("169.254.169.254"), resolved.candidate().reason());
    assertEquals(Change.ALLOW_TO_DENY, resolved.change());
    // The same connection without resolved addresses (line 3's shape, for gh): allowed, destination not checked.
    ReplayResult named = replay.replay(read.atLine(1));
    assertEquals(TrafficVerdict.ALLOW, named.candidate().verdict());
  }

  @Test
  void bodyReadingEndpointWithoutALoggedBodyIsUndecidable() {
    CompiledPolicy gql = Policies.compile("""
        version: 1
        network_policies:
          github_api:
            name: github_api
            endpoints:
              - host: api.github.com
                port: 443
                protocol: graphql
                enforcement: enforce
                rules:
                  - allow: {operation_type: query}
            binaries:
              - path: /usr/bin/curl
        """);
    Logs.Read read = Logs.read("shorthand-catalogue.log");
    ReplayResult r = Replay.against(gql).replay(read.atLine(9)); // a REST line, no body recorded
    assertEquals(Optional.of(UndecidableReason.BODY_NOT_LOGGED), r.candidate().undecidableReason());
  }

  @Test
  void summariesMergeAssociativelyAndCommutatively() {
    Replay replay = Replay.against(Policies.compile(Policies.WIDENED));
    String[] fixtures = {"shorthand-catalogue.log", "openshell-logs.log", "ocsf.jsonl", "supervisor.log", "malformed.log"};
    List<ReplaySummary> parts = new ArrayList<>();
    ReplaySummary whole = replay.newSummary();
    for (String f : fixtures) {
      ReplaySummary part = replay(replay, f);
      parts.add(part);
      Logs.Read read = Logs.read(f);
      read.events().forEach(e -> whole.add(replay.replay(e)));
      whole.addReadStats(read.stats());
    }
    ReplaySummary left = replay.newSummary();
    parts.forEach(left::merge);
    ReplaySummary right = replay.newSummary();
    for (int i = parts.size() - 1; i >= 0; i--) {
      right.merge(parts.get(i));
    }
    ReplaySummary grouped = replay.newSummary().merge(replay.newSummary().merge(parts.get(0)).merge(parts.get(1)))
        .merge(replay.newSummary().merge(parts.get(2)).merge(parts.get(3)).merge(parts.get(4)));
    assertEquals(whole.toJson(false), left.toJson(false));
    assertEquals(left.toJson(false), right.toJson(false));
    assertEquals(left.toJson(false), grouped.toJson(false));
    assertNotEquals(0, left.denyToAllow());
  }

  @Test
  void jsonCarriesTheFieldsTheIssueNames() {
    ReplaySummary s = replay(Replay.against(Policies.compile(Policies.LOGGED)), "malformed.log");
    String json = s.toJson(false);
    for (String field : List.of("\"decisions\":", "\"unchanged\":", "\"allow_to_deny\":", "\"deny_to_allow\":",
        "\"undecidable\":", "\"skipped_lines\":", "\"malformed_lines\":10", "\"changes\":")) {
      assertTrue(json.contains(field), field + " in " + json);
    }
    assertTrue(json.contains("\"line\":2"), json);
    assertFalse(json.contains("\"line\":1,"), json);
  }
}
