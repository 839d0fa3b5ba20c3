package dev.sandboxpolicy.schema;

/**
 * Small YAML builders for tests. {@link #endpoint} puts the endpoint's first field on line 5 and each further field
 * on the next line, so a field's line is {@code 5 + its index}.
 */
final class Docs {
  private Docs() {}

  /** A policy with one entry {@code a} holding one endpoint made of {@code fields} (one YAML line each). */
  static String endpoint(String... fields) {
    StringBuilder sb = new StringBuilder("version: 1\nnetwork_policies:\n  a:\n    endpoints:\n");
    for (int i = 0; i < fields.length; i++) {
      sb.append(i == 0 ? "      - " : "        ").append(fields[i]).append('\n');
    }
    sb.append("    binaries:\n      - path: /usr/bin/curl\n");
    return sb.toString();
  }

  /** A policy with a {@code filesystem_policy} whose body lines are {@code lines} (indented by two). */
  static String section(String section, String... lines) {
    StringBuilder sb = new StringBuilder("version: 1\n").append(section).append(":\n");
    for (String line : lines) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.toString();
  }

  /** A custom preset named {@code name} with one entry {@code p} holding one endpoint of {@code fields}. */
  static String preset(String name, String... fields) {
    StringBuilder sb = new StringBuilder("preset:\n  name: " + name + "\n  description: test\n"
        + "network_policies:\n  p:\n    name: p\n    endpoints:\n");
    for (int i = 0; i < fields.length; i++) {
      sb.append(i == 0 ? "      - " : "        ").append(fields[i]).append('\n');
    }
    sb.append("    binaries:\n      - path: /usr/bin/curl\n");
    return sb.toString();
  }
}
