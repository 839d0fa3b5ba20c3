package dev.sandboxpolicy.benchmarks.baseline;

import dev.sandboxpolicy.model.RuleBody;
import java.util.ArrayList;
import java.util.List;

/**
 * BASELINE ONLY. Expands an endpoint's {@code access} preset into allow-rule bodies (spec §1.8). A missing protocol
 * counts as {@code rest}; an unknown preset value expands to nothing (the endpoint then allows nothing).
 */
final class AccessPreset {
  private static final String ANY_PATH = "**";

  private AccessPreset() {}

  /**
   * Returns the allow rules the preset stands for.
   *
   * @param access {@code read-only}, {@code read-write}, {@code full}, or anything else (no rules)
   * @param protocol the endpoint's protocol as written
   * @return the rule bodies, in table order
   */
  static List<RuleBody> expand(String access, String protocol) {
    List<RuleBody> rules = new ArrayList<>();
    switch (protocol) {
      case "graphql":
        switch (access) {
          case "read-only" -> rules.add(operation("query"));
          case "read-write" -> {
            rules.add(operation("query"));
            rules.add(operation("mutation"));
          }
          case "full" -> rules.add(operation("*"));
          default -> { }
        }
        break;
      case "websocket":
        switch (access) {
          case "read-only" -> rules.add(request("GET"));
          case "read-write" -> {
            rules.add(request("GET"));
            rules.add(request("WEBSOCKET_TEXT"));
          }
          case "full" -> rules.add(request("*"));
          default -> { }
        }
        break;
      default:
        switch (access) {
          case "read-only" -> methods(rules, "GET", "HEAD", "OPTIONS");
          case "read-write" -> methods(rules, "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH");
          case "full" -> rules.add(request("*"));
          default -> { }
        }
    }
    return rules;
  }

  private static void methods(List<RuleBody> rules, String... methods) {
    for (String method : methods) {
      rules.add(request(method));
    }
  }

  private static RuleBody request(String method) {
    return RuleBody.builder().method(method).path(ANY_PATH).build();
  }

  private static RuleBody operation(String type) {
    return RuleBody.builder().operationType(type).build();
  }
}
