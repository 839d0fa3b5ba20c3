package dev.sandboxpolicy.explain;

import static dev.sandboxpolicy.explain.ExplainFixtures.liveKeys;
import static dev.sandboxpolicy.explain.ExplainFixtures.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The §7 rules in order, on the fixture scenario: npm and my-api verified, github gateway-only, slack and
 * local-inference registry-only, pypi and brave known-unapplied.
 */
class FailureClassifierTest {

  private static final PolicyContext LIVE = scenario(liveKeys()).build().explain();
  private static final PolicyContext OFFLINE = scenario(GatewaySnapshot.unavailable()).build().explain();

  private static AccessError error(String code, String status) {
    return AccessError.of(
        code == null || code.isEmpty() ? null : code,
        status == null || status.isEmpty() ? null : Integer.valueOf(status),
        null);
  }

  @ParameterizedTest(name = "[{index}] {0} code={1} status={2} -> rule {3}")
  @CsvSource({
    // host, code, status, rule, kind, confidence, preset
    "registry.npmjs.org, '', 401, 2, missing-approval, high, npm",
    "api.github.com, '', 401, 2, missing-approval, high, github",
    "api.slack.com, '', 401, 2, missing-approval, low, slack",
    "registry.npmjs.org, ECONNREFUSED, 401, 2, missing-approval, high, npm",
    "registry.npmjs.org, '', 403, 3, missing-approval, low, npm",
    "api.slack.com, ETIMEDOUT, 403, 3, missing-approval, low, slack",
    "registry.npmjs.org, ECONNREFUSED, '', 4, unknown, high, npm",
    "github.com, ENOTFOUND, '', 4, unknown, high, github",
    "api.slack.com, EAI_AGAIN, '', 5, blocked-by-policy, low, slack",
    "files.slack.com, EHOSTUNREACH, '', 5, blocked-by-policy, low, slack",
    "registry.npmjs.org, '', 500, 6, unknown, high, npm",
    "registry.npmjs.org, EPIPE, '', 6, unknown, high, npm",
    "registry.npmjs.org, econnrefused, '', 6, unknown, high, npm",
    "slack.com, '', 502, 6, unknown, low, slack",
    "https://user@Registry.NPMJS.org:443/pkg, '', 404, 6, unknown, high, npm",
    "pypi.org, '', 403, 7, blocked-by-policy, high, pypi",
    "files.pythonhosted.org, '', '', 7, blocked-by-policy, high, pypi",
    "api.search.brave.com, '', 401, 7, blocked-by-policy, high, brave",
    "evil.example, '', 403, 8, blocked-by-policy, high, ''",
    "evil.example, ENETUNREACH, '', 8, blocked-by-policy, high, ''",
    "evilslack.com, '', 403, 8, blocked-by-policy, high, ''",
    "host.openshell.internal, '', 403, 8, blocked-by-policy, high, ''",
    "*.slack.com, '', 403, 8, blocked-by-policy, high, ''",
    "evil.example, '', 401, 9, missing-approval, low, ''",
    "evil.example, '', 500, 10, unknown, high, ''",
    "evil.example, EPIPE, '', 10, unknown, high, ''",
    "evil.example, '', '', 10, unknown, high, ''",
  })
  void rulesInOrder(
      String host, String code, String status, int rule, String kind, String confidence, String preset) {
    FailureClassification c = FailureClassifier.classify(AccessFailure.of(host, error(code, status)), LIVE);
    assertEquals(rule, c.rule(), c.reason());
    assertEquals(kind, c.kind().wireName());
    assertEquals(confidence, c.confidence().wireName());
    assertEquals(preset == null ? "" : preset, c.matchedPreset().orElse(""));
  }

  @Test
  void ruleOneWinsBeforeTheContextIsBuilt() {
    AtomicInteger builds = new AtomicInteger();
    AccessFailure failure =
        new AccessFailure(
            "registry.npmjs.org",
            443,
            Optional.of(AccessError.httpStatus(401)),
            Optional.of(CapabilityStatus.unsupported("messaging not enabled for this agent")));
    FailureClassification c =
        FailureClassifier.classify(
            failure,
            () -> {
              builds.incrementAndGet();
              return LIVE;
            });
    assertEquals(0, builds.get());
    assertEquals(FailureKind.UNSUPPORTED, c.kind());
    assertEquals(Confidence.HIGH, c.confidence());
    assertTrue(c.matchedPreset().isEmpty());
    assertEquals(
        "Host 'registry.npmjs.org' is unreachable because the capability is unsupported:"
            + " messaging not enabled for this agent.",
        c.reason());
    FailureClassification noReason =
        FailureClassifier.classify(
            new AccessFailure("x.example", 0, Optional.empty(), Optional.of(CapabilityStatus.unsupported(null))),
            LIVE);
    assertTrue(noReason.reason().endsWith(": capability is not offered for this sandbox."));
    FailureClassification supported =
        FailureClassifier.classify(
            new AccessFailure(
                "registry.npmjs.org", 0, Optional.empty(), Optional.of(CapabilityStatus.supportedCapability())),
            LIVE);
    assertEquals(6, supported.rule());
  }

  @Test
  void unverifiedVerdictsCarryTheRightNote() {
    FailureClassification drift =
        FailureClassifier.classify(AccessFailure.of("api.slack.com", AccessError.httpStatus(401)), LIVE);
    assertTrue(drift.reason().endsWith(FailureClassifier.DRIFT_NOTE), drift.reason());
    assertEquals(
        "Confirm the API token and scopes first, then run `nemoclaw alpha policy-list` to verify the gateway is"
            + " enforcing 'slack'.",
        drift.nextStep());
    FailureClassification offline =
        FailureClassifier.classify(AccessFailure.of("registry.npmjs.org", AccessError.httpStatus(401)), OFFLINE);
    assertEquals(Confidence.LOW, offline.confidence(), "npm is not verified when the gateway is unreachable");
    assertTrue(offline.reason().endsWith(FailureClassifier.UNREACHABLE_NOTE), offline.reason());
    FailureClassification verified =
        FailureClassifier.classify(AccessFailure.of("registry.npmjs.org", AccessError.httpStatus(401)), LIVE);
    assertEquals(
        "Host 'registry.npmjs.org' is allowed by preset 'npm' but the request returned 401; credentials are missing"
            + " or invalid.",
        verified.reason());
    assertEquals(
        "Confirm the API token and scopes for this integration; the network path is open.", verified.nextStep());
  }

  @Test
  void verifiedVersusUnverifiedNetworkBlock() {
    FailureClassification offline =
        FailureClassifier.classify(
            AccessFailure.of("registry.npmjs.org", AccessError.networkCode("ECONNREFUSED")), OFFLINE);
    assertEquals(5, offline.rule(), "the same failure is a possible policy block when unverified");
    assertEquals(
        "Run `nemoclaw alpha policy-list` to confirm the gateway is enforcing 'npm'; if drift is confirmed,"
            + " re-apply the preset via `nemoclaw alpha policy-add npm`.",
        offline.nextStep());
    FailureClassification live =
        FailureClassifier.classify(
            AccessFailure.of("registry.npmjs.org", AccessError.networkCode("ECONNREFUSED")), LIVE);
    assertEquals(4, live.rule());
    assertTrue(live.reason().contains("network-block code (ECONNREFUSED)"));
  }

  @Test
  void the403AmbiguityIsAlwaysLowConfidence() {
    FailureClassification c =
        FailureClassifier.classify(AccessFailure.of("api.github.com", AccessError.httpStatus(403)), LIVE);
    assertEquals(Confidence.LOW, c.confidence(), "even though github is confirmed on the gateway");
    assertTrue(c.reason().contains("403, which is ambiguous"));
    assertFalse(c.reason().contains("advisory"), "gateway-only counts as verified: no note");
    assertTrue(c.nextStep().contains("`openshell policy get`"));
  }

  @Test
  void messagesForUnmatchedHosts() {
    FailureClassification unapplied =
        FailureClassifier.classify(AccessFailure.of("pypi.org", null), LIVE);
    assertEquals("Host 'pypi.org' is declared by preset 'pypi' but that preset is not applied to sandbox 'alpha'.",
        unapplied.reason());
    assertEquals("Run `nemoclaw alpha policy-add pypi` to allow this host.", unapplied.nextStep());
    FailureClassification http =
        FailureClassifier.classify(AccessFailure.of("evil.example", AccessError.httpStatus(403)), LIVE);
    assertEquals(
        "Host 'evil.example' is not declared by any preset known to NemoClaw and the request was refused (HTTP 403).",
        http.reason());
    assertEquals(
        "Add a custom preset that allows this host or change the sandbox tier; see"
            + " docs/network-policy/customize-network-policy.mdx.",
        http.nextStep());
    FailureClassification code =
        FailureClassifier.classify(AccessFailure.of("evil.example", AccessError.networkCode("ETIMEDOUT")), LIVE);
    assertTrue(code.reason().endsWith("refused (ETIMEDOUT)."), code.reason());
    FailureClassification other =
        FailureClassifier.classify(AccessFailure.of("evil.example", AccessError.httpStatus(500)), LIVE);
    assertEquals("Inspect the upstream error and consult docs/network-policy/customize-network-policy.mdx.",
        other.nextStep());
  }
}
