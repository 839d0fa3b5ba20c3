package dev.sandboxpolicy.analysis;

import static dev.sandboxpolicy.analysis.Policies.entry;
import static dev.sandboxpolicy.analysis.Policies.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import org.junit.jupiter.api.Test;

class ProveTest {
  private static final String REST_GET = "host: api.example.com\nport: 443\nprotocol: rest\nenforcement: enforce\n"
      + "rules:\n  - allow: {method: GET, path: /repos/**}";

  @Test
  void aPolicyIsWithinItself() throws Exception {
    Policy p = network(entry("gh", "/usr/bin/gh", REST_GET));
    assertEquals(Containment.Result.WITHIN_BOUNDARY, PolicyAnalysis.prove(p, p).result());
  }

  @Test
  void anExtraHostExceedsWithAConnectionCounterexample() throws Exception {
    Policy boundary = network(entry("gh", "/usr/bin/gh", REST_GET));
    Policy candidate = network(entry("gh", "/usr/bin/gh", REST_GET, "host: evil.example.com\nport: 443"));
    Containment c = PolicyAnalysis.prove(boundary, candidate);
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, c.result(), c.toString());
    Witness.Network w = (Witness.Network) c.counterexample().get();
    assertEquals("evil.example.com", w.connection().host());
    assertEquals(443, w.connection().port());
    assertEquals("/usr/bin/gh", w.connection().binary());
    assertTrue(w.request().isEmpty());
  }

  @Test
  void aWiderPathExceedsWithARequestCounterexample() throws Exception {
    Policy boundary = network(entry("gh", "/usr/bin/gh", REST_GET));
    Policy candidate = network(entry("gh", "/usr/bin/gh", REST_GET.replace("/repos/**", "/**")));
    Containment c = PolicyAnalysis.prove(boundary, candidate);
    assertEquals(Containment.Result.EXCEEDS_BOUNDARY, c.result(), c.toString());
    Witness.Network w = (Witness.Network) c.counterexample().get();
    assertTrue(w.request().isPresent());
    assertTrue(!w.request().get().path().startsWith("/repos/"), w.describe());
  }

  @Test
  void aNarrowerCandidateIsWithin() throws Exception {
    Policy boundary = network(entry("gh", "/usr/bin/gh", REST_GET.replace("/repos/**", "/**")));
    Policy candidate = network(entry("gh", "/usr/bin/gh", REST_GET));
    Containment c = PolicyAnalysis.prove(boundary, candidate);
    assertEquals(Containment.Result.WITHIN_BOUNDARY, c.result(), c.toString());
  }
}
