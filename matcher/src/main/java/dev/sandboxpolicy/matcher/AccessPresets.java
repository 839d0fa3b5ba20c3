package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.RuleBody;
import java.util.ArrayList;
import java.util.List;

/**
 * Expansion of the endpoint {@code access} preset into allow rules (spec §1.8), keyed by the endpoint's protocol
 * string; a missing protocol expands like {@code rest}. An unknown preset yields no rules (the endpoint then allows
 * nothing; upstream only warns).
 */
final class AccessPresets {
  static final String READ_ONLY = "read-only";
  static final String READ_WRITE = "read-write";
  static final String FULL = "full";

  private AccessPresets() {}

  static List<RuleBody> expand(String access, String protocol) {
    List<RuleBody> out = new ArrayList<>();
    switch (protocol) {
      case "graphql" -> {
        switch (access) {
          case READ_ONLY -> out.add(op("query"));
          case READ_WRITE -> {
            out.add(op("query"));
            out.add(op("mutation"));
          }
          case FULL -> out.add(op("*"));
          default -> {}
        }
      }
      case "websocket" -> {
        switch (access) {
          case READ_ONLY -> out.add(rest("GET"));
          case READ_WRITE -> {
            out.add(rest("GET"));
            out.add(rest("WEBSOCKET_TEXT"));
          }
          case FULL -> out.add(rest("*"));
          default -> {}
        }
      }
      default -> {
        switch (access) {
          case READ_ONLY -> {
            for (String m : new String[] {"GET", "HEAD", "OPTIONS"}) {
              out.add(rest(m));
            }
          }
          case READ_WRITE -> {
            for (String m : new String[] {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"}) {
              out.add(rest(m));
            }
          }
          case FULL -> out.add(rest("*"));
          default -> {}
        }
      }
    }
    return out;
  }

  private static RuleBody rest(String method) {
    return RuleBody.builder().method(method).path("**").build();
  }

  private static RuleBody op(String type) {
    return RuleBody.builder().operationType(type).build();
  }
}
