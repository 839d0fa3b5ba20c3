package dev.sandboxpolicy.testkit;

import java.util.List;
import java.util.random.RandomGenerator;

/** The word pools generators draw names from; kept in one place so generated documents look realistic. */
final class Vocabulary {

  static final List<String> WORDS =
      List.of(
          "api", "alpha", "beta", "cloud", "data", "edge", "files", "git", "hub", "image", "jobs", "keys",
          "logs", "media", "news", "ops", "pay", "queue", "repo", "search", "store", "team", "users", "vault",
          "web", "xray", "yard", "zone");

  static final List<String> TLDS = List.of("com", "org", "net", "io", "dev", "ai");

  static final List<String> SUBDOMAINS = List.of("api", "www", "cdn", "uploads", "auth", "v2", "eu", "us-east-1");

  static final List<String> PATH_WORDS =
      List.of("api", "v1", "v2", "users", "repos", "items", "issues", "files", "search", "models", "chat",
          "completions", "releases", "download", "upload", "status", "health", "orgs", "teams", "objects");

  static final List<String> QUERY_KEYS = List.of("page", "per_page", "tag", "q", "format", "version", "ref", "lang");

  static final List<String> QUERY_VALUES = List.of("1", "2", "10", "v1", "v1.2", "json", "main", "en", "latest", "a b");

  static final List<String> BINARIES =
      List.of("/usr/bin/curl", "/usr/bin/git", "/usr/bin/python3", "/usr/local/bin/node", "/usr/bin/wget",
          "/usr/local/bin/claude", "/usr/bin/ssh", "/opt/tools/bin/agent", "/usr/bin/pip3", "/usr/local/bin/npm");

  static final List<String> BINARY_GLOBS = List.of("/usr/bin/*", "/usr/local/bin/*", "/opt/*/bin/*", "/usr/bin/python3*");

  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  static final List<String> PORTS_COMMON = List.of("443", "80", "8080", "8443", "22", "5432", "9000", "3000");

  private Vocabulary() {}

  static <T> T pick(RandomGenerator random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  static boolean chance(RandomGenerator random, double probability) {
    return probability > 0 && random.nextDouble() < probability;
  }
}
