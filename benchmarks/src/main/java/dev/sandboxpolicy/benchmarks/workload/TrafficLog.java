package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;

/**
 * A synthetic OpenShell decision log for the traffic benchmarks, drawn with a fixed seed: bare shorthand lines as
 * the gateway receives them, in the proportions of a busy sandbox — CONNECTs allowed and denied (endpoint and
 * binary denials), in-tunnel requests allowed and denied by L7 rules, plain-HTTP forwards, SSRF refusals, and
 * lines that record no decision (CONFIG, PROC). Each sandbox's tunnels are opened before their requests, so the
 * reader's tunnel correlation does real work.
 */
public final class TrafficLog {

  /** The policy the log's allowed lines were made under. */
  public static final String POLICY = """
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
          binaries:
            - path: /usr/bin/gh
            - path: /usr/bin/git
        pypi:
          name: pypi
          endpoints:
            - host: pypi.org
              port: 443
              protocol: rest
              enforcement: enforce
              access: read-only
            - host: files.pythonhosted.org
              port: 443
          binaries:
            - path: /usr/bin/pip
        inference:
          name: inference
          endpoints:
            - host: api.anthropic.com
              port: 443
              protocol: rest
              enforcement: enforce
              access: read-write
          binaries:
            - path: /usr/local/bin/claude
        mirror:
          name: mirror
          endpoints:
            - host: "*.example-mirror.org"
              port: 80
          binaries:
            - path: /usr/bin/curl
      """;

  private static final String[] DENIED_HOSTS = {
    "registry.npmjs.org", "example.org", "api.stripe.com", "objects.githubusercontent.com", "crates.io"
  };
  private static final String[] DENIED_BINARIES = {"/usr/bin/node", "/usr/bin/curl", "/usr/bin/python3.11"};

  private TrafficLog() {}

  /** The policy, read. */
  public static Policy policy() {
    try {
      return PolicyReader.of(ReadMode.STRICT).readPolicy(POLICY).orElseThrow();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code lines} lines of mixed traffic.
   *
   * @param out where to write
   * @param lines how many lines
   * @param seed the random seed
   * @throws IOException if writing fails
   */
  public static void write(Writer out, long lines, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long written = 0;
    while (written < lines) {
      int pid = 1000 + random.nextInt(30000);
      int roll = random.nextInt(100);
      String line;
      if (roll < 20) {
        line = "NET:OPEN [INFO] ALLOWED /usr/bin/gh(" + pid + ") -> api.github.com:443 [policy:github engine:opa]";
      } else if (roll < 50) {
        line = "HTTP:GET [INFO] ALLOWED GET http://api.github.com:443/repos/acme/repo" + random.nextInt(500)
            + "/issues/" + random.nextInt(10000) + " [policy:github engine:l7]";
      } else if (roll < 58) {
        int issue = random.nextInt(10000);
        line = "HTTP:POST [MED] DENIED POST http://api.github.com:443/repos/acme/repo/issues/" + issue
            + "/comments [policy:github engine:l7] [reason:L7_REQUEST deny POST api.github.com:443/repos/acme/repo/"
            + "issues/" + issue + "/comments reason=POST /repos/acme/repo/issues/" + issue
            + "/comments not permitted by policy]";
      } else if (roll < 68) {
        line = "NET:OPEN [INFO] ALLOWED /usr/bin/pip(" + pid + ") -> pypi.org:443 [policy:pypi engine:opa]";
      } else if (roll < 76) {
        String host = DENIED_HOSTS[random.nextInt(DENIED_HOSTS.length)];
        String bin = DENIED_BINARIES[random.nextInt(DENIED_BINARIES.length)];
        line = "NET:OPEN [MED] DENIED " + bin + "(" + pid + ") -> " + host + ":443 [policy:- engine:opa] [reason:endpoint "
            + host + ":443 is not allowed by any policy]";
      } else if (roll < 80) {
        line = "NET:OPEN [MED] DENIED /usr/bin/curl(" + pid + ") -> api.github.com:443 [policy:- engine:opa]"
            + " [reason:binary '/usr/bin/curl' not allowed in policy 'github' (ancestors: [/bin/bash], cmdline: [])."
            + " SYMLINK HINT: the binary path is the kernel-resolved target...]";
      } else if (roll < 86) {
        line = "HTTP:GET [INFO] ALLOWED /usr/bin/curl(" + pid + ") -> GET http://cdn" + random.nextInt(4)
            + ".example-mirror.org/pool/main/p" + random.nextInt(1000) + ".deb [policy:mirror engine:opa]";
      } else if (roll < 88) {
        line = "NET:OPEN [MED] DENIED /usr/bin/curl(" + pid + ") -> 169.254.169.254:80 [policy:- engine:ssrf]"
            + " [reason:169.254.169.254 resolves to always-blocked address 169.254.169.254, connection rejected]";
      } else if (roll < 94) {
        line = "NET:OPEN [INFO] ALLOWED /usr/local/bin/claude(" + pid + ") -> api.anthropic.com:443"
            + " [policy:inference engine:opa]";
      } else if (roll < 97) {
        line = "PROC:LAUNCH [INFO] /usr/bin/gh(" + pid + ") [cmd:gh issue list]";
      } else {
        line = "CONFIG:LOADED [INFO] Policy reloaded successfully [policy_hash:9f2c] [hash:9f2c]";
      }
      out.write(line);
      out.write('\n');
      written++;
    }
  }

  /**
   * Writes {@code lines} denial lines only (the advise workload): CONNECT denials over many destinations and
   * binaries, and L7 denials with ID-like paths.
   *
   * @param out where to write
   * @param lines how many lines
   * @param seed the random seed
   * @throws IOException if writing fails
   */
  public static void writeDenials(Writer out, long lines, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    out.write("NET:OPEN [INFO] ALLOWED /usr/bin/gh(1) -> api.github.com:443 [policy:github engine:opa]\n");
    for (long i = 1; i < lines; i++) {
      int pid = 1000 + random.nextInt(30000);
      if (random.nextBoolean()) {
        String host = "svc" + random.nextInt(200) + ".example.com";
        String bin = DENIED_BINARIES[random.nextInt(DENIED_BINARIES.length)];
        out.write("NET:OPEN [MED] DENIED " + bin + "(" + pid + ") -> " + host + ":443 [policy:- engine:opa]"
            + " [reason:endpoint " + host + ":443 is not allowed by any policy]\n");
      } else {
        int issue = random.nextInt(100000);
        out.write("HTTP:POST [MED] DENIED POST http://api.github.com:443/repos/acme/repo" + random.nextInt(50)
            + "/issues/" + issue + " [policy:github engine:l7] [reason:L7_REQUEST deny POST ...]\n");
      }
    }
  }
}
