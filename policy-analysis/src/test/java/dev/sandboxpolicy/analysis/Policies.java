package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;

/** Test policies from YAML text. */
final class Policies {
  private Policies() {}

  static Policy yaml(String text) {
    try {
      return PolicyReader.of(ReadMode.STRICT).readPolicy(text).orElseThrow();
    } catch (Exception e) {
      throw new IllegalArgumentException(e.getMessage() + "\n" + text, e);
    }
  }

  /** A policy of network entries only: {@code entries} is the YAML under {@code network_policies:}, indented 2. */
  static Policy network(String entries) {
    return yaml("version: 1\nnetwork_policies:\n" + entries);
  }

  static String entry(String key, String binaries, String... endpoints) {
    StringBuilder sb = new StringBuilder("  " + key + ":\n    endpoints:\n");
    for (String e : endpoints) {
      sb.append("      - ").append(e.replace("\n", "\n        ")).append('\n');
    }
    sb.append("    binaries:\n");
    for (String b : binaries.split(",")) {
      sb.append("      - path: ").append(b.trim()).append('\n');
    }
    return sb.toString();
  }
}
