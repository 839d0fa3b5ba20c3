package dev.sandboxpolicy.analysis;

import static dev.sandboxpolicy.analysis.Policies.entry;
import static dev.sandboxpolicy.analysis.Policies.network;
import static dev.sandboxpolicy.analysis.Policies.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareTest {
  private static final String GH = "host: api.github.com\nport: 443";
  private static final String PYPI = "host: pypi.org\nport: 443";
  private static final String REST = "host: api.example.com\nport: 443\nprotocol: rest\nenforcement: enforce\n";

  @Test
  void reorderingRenamingAndSplittingEntriesIsEquivalent() throws Exception {
    Policy one = network(entry("tools", "/usr/bin/gh, /usr/bin/pip", GH, PYPI));
    Policy split = network(entry("z_pypi", "/usr/bin/gh, /usr/bin/pip", PYPI)
        + entry("a_github", "/usr/bin/pip, /usr/bin/gh", GH));
    Comparison c = PolicyAnalysis.compare(one, split);
    assertEquals(Comparison.Relation.EQUIVALENT, c.relation(), c.toString());
    assertEquals(List.of(), c.unsupported());
    assertEquals(Containment.Result.WITHIN_BOUNDARY, PolicyAnalysis.prove(one, split).result());
    assertEquals(Containment.Result.WITHIN_BOUNDARY, PolicyAnalysis.prove(split, one).result());
  }

  @Test
  void aRemovedEndpointIsANarrowedConnectionRegion() throws Exception {
    Policy before = network(entry("tools", "/usr/bin/gh", GH, PYPI));
    Policy after = network(entry("tools", "/usr/bin/gh", GH));
    Comparison c = PolicyAnalysis.compare(before, after);
    assertEquals(Comparison.Relation.NARROWER, c.relation());
    Region r = c.narrowed().get(0);
    assertEquals("connection", r.layer());
    assertEquals("connect pypi.org:443 by /usr/bin/gh", r.witness().describe());
    assertEquals(Origin.Outcome.ALLOWED, r.before().outcome());
    assertEquals("/network_policies/tools/endpoints/1", r.before().pointer());
    assertEquals(Origin.Outcome.DENIED, r.after().outcome());
    assertEquals(List.of(443), r.scope().ports());
    assertEquals("pypi.org", r.scope().host());
  }

  @Test
  void swappedMethodsAreIncomparableWithOneRegionEachWay() throws Exception {
    Policy before = network(entry("x", "/usr/bin/curl", REST + "rules:\n  - allow: {method: GET, path: /a}"));
    Policy after = network(entry("x", "/usr/bin/curl", REST + "rules:\n  - allow: {method: POST, path: /a}"));
    Comparison c = PolicyAnalysis.compare(before, after);
    assertEquals(Comparison.Relation.INCOMPARABLE, c.relation(), c.toString());
    assertEquals("POST", ((Witness.Network) c.widened().get(0).witness()).request().get().method());
    assertTrue(c.narrowed().stream().map(r -> ((Witness.Network) r.witness()).request().get().method()).toList()
        .contains("GET"), c.toString());
  }

  @Test
  void auditModeForwardsWhatTheRulesDeny() throws Exception {
    Policy enforced = network(entry("x", "/usr/bin/curl", REST + "rules:\n  - allow: {method: GET, path: /a}"));
    Policy audited = network(entry("x", "/usr/bin/curl",
        REST.replace("enforce\n", "audit\n") + "rules:\n  - allow: {method: GET, path: /a}"));
    Containment c = PolicyAnalysis.prove(enforced, audited);
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, c.result(), c.toString());
    assertEquals(Origin.Outcome.AUDITED, c.candidate().get().outcome());
    assertTrue(c.candidate().get().reason().startsWith(Outcomes.AUDIT_PREFIX), c.toString());
    assertEquals(Containment.Result.WITHIN_BOUNDARY, PolicyAnalysis.prove(audited, enforced).result());
  }

  @Test
  void anUninspectedConnectionRelaysEveryRequest() throws Exception {
    Policy rest = network(entry("x", "/usr/bin/curl", REST + "rules:\n  - allow: {method: GET, path: /a}"));
    Policy plain = network(entry("x", "/usr/bin/curl", "host: api.example.com\nport: 443"));
    Containment c = PolicyAnalysis.prove(rest, plain);
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, c.result(), c.toString());
    Witness.Network w = (Witness.Network) c.counterexample().get();
    assertTrue(w.request().isPresent(), "a request the rest endpoint refuses: " + w.describe());
    assertEquals(Origin.Outcome.NOT_INSPECTED, c.candidate().get().outcome());
    assertEquals(Containment.Result.WITHIN_BOUNDARY, PolicyAnalysis.prove(plain, rest).result());
  }

  @Test
  void anAncestorCanMakeADenyRuleApply() throws Exception {
    // the boundary denies POST to requests from anything started by bash; the candidate does not
    String guard = entry("guard", "/usr/bin/bash", REST + "access: read-write\ndeny_rules:\n"
        + "  - {method: POST, path: /**}");
    String unguarded = entry("guard", "/usr/bin/bash", REST + "access: read-write");
    String tool = entry("tool", "/usr/bin/curl", REST + "access: read-write");
    Policy boundary = network(tool + guard);
    Policy candidate = network(tool + unguarded);
    Containment c = PolicyAnalysis.prove(boundary, candidate);
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, c.result(), c.toString());
    Witness.Network w = (Witness.Network) c.counterexample().get();
    assertEquals("POST", w.request().get().method());
    assertTrue(w.connection().binary().equals("/usr/bin/bash")
        || w.connection().ancestors().contains("/usr/bin/bash"), w.describe());
  }

  @Test
  void staticSectionsFollowTheProver() throws Exception {
    Policy boundary = yaml("version: 1\nfilesystem_policy:\n  include_workdir: false\n  read_only: [/usr]\n"
        + "landlock:\n  compatibility: hard_requirement\n");
    Policy wider = yaml("version: 1\nfilesystem_policy:\n  include_workdir: false\n  read_only: [/usr]\n"
        + "  read_write: [/data]\n");
    Comparison c = PolicyAnalysis.compare(boundary, wider);
    assertEquals(Comparison.Relation.WIDER, c.relation(), c.toString());
    assertTrue(c.widened().stream().anyMatch(r -> r.witness().equals(new Witness.Filesystem("write", "/data"))),
        c.toString());
    assertTrue(c.widened().stream().anyMatch(r -> r.witness() instanceof Witness.Landlock), c.toString());
    Policy moved = yaml("version: 1\nfilesystem_policy:\n  include_workdir: false\n  read_only: [/opt]\n"
        + "landlock:\n  compatibility: hard_requirement\n");
    Containment unresolved = PolicyAnalysis.prove(boundary, moved);
    assertEquals(Containment.Result.UNSUPPORTED, unresolved.result(), unresolved.toString());
    assertTrue(unresolved.unsupported().get(0).startsWith("unresolved filesystem path: read /opt"),
        unresolved.toString());
    Policy user = yaml("version: 1\nfilesystem_policy:\n  include_workdir: false\n  read_only: [/usr]\n"
        + "landlock:\n  compatibility: hard_requirement\nprocess:\n  run_as_user: '1000'\n");
    Containment identity = PolicyAnalysis.prove(boundary, user);
    assertEquals(Containment.Result.UNSUPPORTED, identity.result());
    assertTrue(identity.unsupported().get(0).startsWith("process.run_as_user changes from '' (boundary) to '1000'"),
        identity.toString());
  }

  @Test
  void bodyProtocolsAreNamedOnlyWhereTheyMatter() throws Exception {
    String graphql = "host: api.example.com\nport: 443\nprotocol: graphql\nenforcement: enforce\n"
        + "rules:\n  - allow: {operation_type: query}";
    Policy boundary = network(entry("g", "/usr/bin/curl", graphql));
    Policy candidate = network(entry("g", "/usr/bin/curl", graphql) + entry("other", "/usr/bin/curl", PYPI));
    Containment c = PolicyAnalysis.prove(boundary, candidate);
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, c.result(), "a definitive counterexample is still found");
    // the same endpoint under another key decides every request alike, GraphQL bodies included: within
    assertEquals(Containment.Result.WITHIN_BOUNDARY,
        PolicyAnalysis.prove(boundary, network(entry("h", "/usr/bin/curl", graphql))).result());
    // a changed GraphQL rule cannot be decided on bodies: unsupported, naming the endpoint
    Containment changed = PolicyAnalysis.prove(boundary, network(entry("g", "/usr/bin/curl",
        graphql + "\n  - allow: {operation_type: mutation}")));
    assertEquals(Containment.Result.UNSUPPORTED, changed.result(), changed.toString());
    assertTrue(changed.unsupported().stream().anyMatch(u -> u.contains("protocol graphql at /network_policies/")),
        changed.toString());
  }

  @Test
  void middlewaresAreUnsupported() throws Exception {
    Policy plain = network(entry("x", "/usr/bin/curl", PYPI));
    Policy guarded = yaml("version: 1\nnetwork_middlewares:\n  guard:\n    middleware: acme/guard\n"
        + "    endpoints: {include: ['pypi.org']}\nnetwork_policies:\n" + entry("x", "/usr/bin/curl", PYPI));
    Containment c = PolicyAnalysis.prove(plain, guarded);
    assertEquals(Containment.Result.UNSUPPORTED, c.result(), c.toString());
    assertTrue(c.unsupported().get(0).contains("network_middlewares"), c.toString());
  }

  @Test
  void anExactHostUnderTheBoundarysWildcardChangesTheDestinationCheck() throws Exception {
    Policy wildcard = network(entry("x", "/usr/bin/curl", "host: '*.example.com'\nport: 443"));
    Policy exact = network(entry("x", "/usr/bin/curl", "host: api.example.com\nport: 443"));
    Containment c = PolicyAnalysis.prove(wildcard, exact);
    // an internal address passes the exact host's check and not the wildcard's: the counterexample carries it
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, c.result(), c.toString());
    Witness.Network w = (Witness.Network) c.counterexample().orElseThrow();
    assertEquals("api.example.com", w.connection().host());
    assertEquals(List.of(IpAddress.parse("10.0.0.1")), w.connection().resolvedAddresses(), c.toString());
    assertTrue(CompiledPolicy.compile(exact).decideNetwork(w.connection()).isAllowed(), c.toString());
    assertFalse(CompiledPolicy.compile(wildcard).decideNetwork(w.connection()).isAllowed(), c.toString());
    // the other way round the wildcard reaches hosts the exact boundary does not
    Containment back = PolicyAnalysis.prove(exact, wildcard);
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, back.result(), "the wildcard reaches other hosts: " + back);
  }

  @Test
  void stateExplosionIsRefusedAsUnsupportedNotExplored() throws Exception {
    // "an 'a' fourteen characters before the end": its deterministic automaton needs 2^15 states, beyond the bound
    String exploding = "/*a" + "?".repeat(14);
    Policy boundary = network(entry("x", "/usr/bin/curl", REST + "rules:\n  - allow: {method: GET, path: /a}"));
    Policy candidate = network(entry("x", "/usr/bin/curl",
        REST + "rules:\n  - allow: {method: GET, path: '" + exploding + "'}"));
    Comparison c = PolicyAnalysis.compare(boundary, candidate);
    assertTrue(c.unsupported().stream().anyMatch(u -> u.contains(exploding) && u.contains("automaton states")),
        c.toString());
    Containment k = PolicyAnalysis.prove(boundary, candidate);
    assertTrue(k.result() != Containment.Result.WITHIN_BOUNDARY, "never proven within: " + k);
  }

  @Test
  void anInvalidPolicyIsRefusedWithItsProblems() {
    Policy invalid = yaml("version: 1\nnetwork_policies:\n  x:\n    endpoints: [{host: '*', port: 443}]\n"
        + "    binaries: [{path: /usr/bin/curl}]\n");
    PolicyCompileException e = assertThrows(PolicyCompileException.class,
        () -> PolicyAnalysis.compare(invalid, invalid));
    assertTrue(e.problems().stream().anyMatch(p -> p.code().equals("host_wildcard_all")), e.getMessage());
  }

  @Test
  void resultTypesRefuseInconsistentParts() {
    assertThrows(IllegalArgumentException.class, () -> new Containment(Containment.Result.WITHIN_BOUNDARY,
        java.util.Optional.of(new Witness.Landlock("hard_requirement", "best_effort")), java.util.Optional.empty(),
        java.util.Optional.empty(), List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new Comparison(Comparison.Relation.WIDER, List.of(), List.of(), List.of()));
  }
}
