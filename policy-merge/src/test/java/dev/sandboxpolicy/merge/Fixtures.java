package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared test inputs: a NemoClaw-style baseline written for these tests, and access to ../shared. */
final class Fixtures {

  private Fixtures() {}

  /**
   * A baseline in the shape of NemoClaw's OpenClaw sandbox policy (static sections, inference, gateway
   * dial-back, agent endpoints), written for these tests.
   */
  static final String BASELINE = """
      version: 1
      filesystem_policy:
        include_workdir: true
        read_only: [/usr, /lib, /proc, /etc]
        read_write: [/tmp, /sandbox/.agent]
      landlock:
        compatibility: best_effort
      process:
        run_as_user: sandbox
        run_as_group: sandbox
      network_policies:
        nvidia:
          name: nvidia
          endpoints:
            - host: integrate.api.nvidia.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: POST, path: /v1/chat/completions}
                - allow: {method: GET, path: /v1/models}
          binaries:
            - path: /usr/local/bin/openclaw
        managed_inference:
          name: managed_inference
          endpoints:
            - host: inference.local
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: POST, path: "/**"}
          binaries:
            - path: /usr/local/bin/openclaw
            - path: /usr/bin/node
        gateway_dialback:
          name: gateway_dialback
          endpoints:
            - host: 10.200.0.2
              port: 18789
              access: full
              tls: skip
              allowed_ips: [10.200.0.2]
          binaries:
            - path: /usr/local/bin/openclaw
        pypi:
          name: pypi
          endpoints:
            - host: pypi.org
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: GET, path: "/simple/**"}
          binaries:
            - path: /usr/bin/pip3
      """;

  static Policy policy(String yaml) {
    ReadResult<Policy> r = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(yaml);
    assertFalse(r.hasErrors(), () -> "test policy does not read: " + r.problems());
    return r.value().orElseThrow();
  }

  static Preset preset(String yaml) {
    ReadResult<Preset> r = PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPreset(yaml);
    assertFalse(r.hasErrors(), () -> "test preset does not read: " + r.problems());
    return r.value().orElseThrow();
  }

  /** A one-entry preset {@code name} with key {@code key} allowing {@code host}:443 for {@code binary}. */
  static String presetYaml(String name, String key, String host) {
    return """
        preset:
          name: %s
          description: test preset %s
        network_policies:
          %s:
            name: %s
            endpoints:
              - host: '%s'
                port: 443
                access: full
            binaries:
              - path: /usr/bin/curl
        """.formatted(name, name, key, key, host);
  }

  static Preset preset(String name, String key, String host) {
    return preset(presetYaml(name, key, host));
  }

  /** The ../shared folder, or a skipped test when it is absent. */
  static Path shared() {
    String dir = System.getProperty("sandboxpolicy.shared");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "../shared is not available");
    return Path.of(dir);
  }

  static Path upstream(String relative) {
    Path p = shared().resolve("upstream/nemoclaw").resolve(relative);
    assumeTrue(Files.exists(p), () -> p + " is not available");
    return p;
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String codes(Iterable<Problem> problems) {
    StringBuilder sb = new StringBuilder();
    problems.forEach(p -> sb.append(p).append('\n'));
    return sb.toString();
  }
}
