package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.io.PolicyReadException;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A NemoClaw-style catalog written for these tests (not copied from upstream). */
final class ExplainFixtures {

  static final Instant GENERATED = Instant.parse("2026-06-07T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(GENERATED, ZoneOffset.UTC);

  static final String SLACK =
      """
      preset:
        name: slack
        description: "Slack workspace messaging"
      network_policies:
        slack:
          name: slack
          endpoints:
            - host: slack.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: { method: POST, path: "/api/chat.postMessage" }
            - host: api.slack.com
              port: 443
            - host: "*.slack.com"
              port: 443
            - host: wss-primary.slack.com
              port: 443
              websocket_credential_rewrite: true
          binaries:
            - { path: /usr/local/bin/node }
      """;

  static final String NPM =
      """
      preset:
        name: npm
        description: "npm and Yarn registry access"
      network_policies:
        npm_yarn:
          name: npm_yarn
          endpoints:
            - host: registry.npmjs.org
              port: 443
              access: full
            - { host: registry.yarnpkg.com, port: 443, access: full }
          binaries:
            - { path: /usr/bin/npm }
      """;

  static final String PYPI =
      """
      preset:
        name: pypi
        description: "Python package index"
      network_policies:
        pypi:
          name: pypi
          endpoints:
            - { host: pypi.org, port: 443 }
            - { host: files.pythonhosted.org, port: 443 }
          binaries:
            - { path: /usr/bin/pip }
      """;

  static final String GITHUB =
      """
      preset:
        name: github
        description: "GitHub web and API"
      network_policies:
        github:
          name: github
          endpoints:
            - { host: github.com, port: 443 }
          binaries:
            - { path: /usr/bin/git }
        github_api:
          name: github_api
          endpoints:
            - { host: api.github.com, port: 443 }
          binaries:
            - { path: /usr/bin/gh }
      """;

  static final String LOCAL_INFERENCE =
      """
      preset:
        name: local-inference
        description: "Local inference via the host gateway"
      network_policies:
        local_inference:
          name: local_inference
          endpoints:
            - host: host.openshell.internal
              port: 11434
              allowed_ips: [10.0.0.0/8]
            - host: host.openshell.internal
              port: 11435
            - host: 10.0.0.5
              port: 8000
          binaries:
            - { path: /usr/bin/curl }
      """;

  static final String BRAVE =
      """
      preset:
        name: brave
      network_policies:
        brave:
          name: brave
          endpoints:
            - { host: api.search.brave.com, port: 443 }
          binaries:
            - { path: /usr/bin/curl }
      """;

  static final String MY_API =
      """
      preset:
        name: my-api
        description: "Team API"
      network_policies:
        my_api:
          name: my_api
          endpoints:
            - { host: api.example.com, port: 443 }
            - { host: "https://user@Api.Example.com:8443/v1", port: 8443 }
            - { host: db.corp, port: 5432 }
          binaries:
            - { path: /usr/bin/python3 }
      """;

  static final String TIERS =
      """
      tiers:
        - name: restricted
          label: Restricted
          description: Base sandbox only.
          presets: []
        - name: balanced
          label: Balanced
          description: Dev tooling and search.
          presets:
            - { name: npm, access: read-write }
            - { name: pypi, access: read-write }
      """;

  private ExplainFixtures() {}

  static Preset preset(String yaml) {
    try {
      return PolicyReader.of(ReadMode.STRICT).readPreset(yaml).orElseThrow();
    } catch (PolicyReadException e) {
      throw new IllegalStateException("fixture does not parse: " + e.getMessage(), e);
    }
  }

  static TierCatalog tiers() {
    try {
      return PolicyReader.of(ReadMode.STRICT).readTiers(TIERS).orElseThrow();
    } catch (PolicyReadException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Preset> builtIns() {
    return List.of(preset(SLACK), preset(NPM), preset(PYPI), preset(GITHUB), preset(LOCAL_INFERENCE), preset(BRAVE));
  }

  static List<Preset> custom() {
    return List.of(preset(MY_API));
  }

  /** Applied npm, slack, local-inference (+ custom my-api); gateway holds npm, github (both keys) and my-api. */
  static PolicyExplainer.Builder scenario(GatewaySnapshot gateway) {
    return PolicyExplainer.builder()
        .sandboxName("alpha")
        .tier("balanced", tiers())
        .builtInPresets(builtIns())
        .applied(List.of("npm", "slack", "local-inference", "my-api"))
        .customPresets(custom())
        .gateway(gateway)
        .clock(CLOCK);
  }

  static GatewaySnapshot liveKeys() {
    return GatewaySnapshot.ofPolicyKeys(List.of("npm_yarn", "github", "github_api", "my_api", "unrelated"));
  }

}
