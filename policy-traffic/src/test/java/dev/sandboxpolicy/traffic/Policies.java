package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.model.Policy;

/** Test helpers: policies written inline. */
final class Policies {
  private Policies() {}

  static Policy read(String yaml) {
    try {
      return PolicyReader.of(ReadMode.STRICT).readPolicy(yaml).orElseThrow();
    } catch (Exception e) {
      throw new IllegalStateException("test policy does not read: " + e.getMessage(), e);
    }
  }

  static CompiledPolicy compile(String yaml) {
    try {
      return CompiledPolicy.compile(read(yaml));
    } catch (Exception e) {
      throw new IllegalStateException("test policy does not compile: " + e.getMessage(), e);
    }
  }

  /** The policy the catalogue's allowed lines were logged under (roughly). */
  static final String LOGGED = """
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
            - path: /usr/bin/curl
            - path: /usr/bin/gh
        pypi:
          name: pypi
          endpoints:
            - host: pypi.org
              port: 80
          binaries:
            - path: /usr/bin/curl
      """;

  /** {@link #LOGGED} plus DELETE on repos, example.org:443 for curl and redis for redis-cli. */
  static final String WIDENED = LOGGED.replace(
          "          - allow: {method: GET, path: \"/repos/**\"}\n",
          "          - allow: {method: GET, path: \"/repos/**\"}\n"
              + "          - allow: {method: DELETE, path: \"/repos/*/*\"}\n")
      + """
        example:
          name: example
          endpoints:
            - host: example.org
              port: 443
          binaries:
            - path: /usr/bin/curl
        redis:
          name: redis
          endpoints:
            - host: redis.internal
              port: 6379
          binaries:
            - path: /usr/bin/redis-cli
      """;
}
