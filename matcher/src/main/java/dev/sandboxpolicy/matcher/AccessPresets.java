package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Access;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import java.util.ArrayList;
import java.util.List;

/**
 * Expansion of the endpoint {@code access} preset into allow rules (spec §1.8), by the endpoint's protocol; an
 * absent or unknown protocol expands like {@code rest}. An unknown preset yields no rules (the endpoint then allows
 * nothing; upstream only warns).
 */
final class AccessPresets {
  /** Spec §1.8: what {@code read-only} and {@code read-write} allow over REST (and any non-GraphQL protocol). */
  private static final String[] REST_READ = {"GET", "HEAD", "OPTIONS"};
  private static final String[] REST_READ_WRITE = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"};

  private AccessPresets() {}

  /**
   * The allow rules {@code access} stands for.
   *
   * @param access the field as written
   * @param protocol the endpoint's protocol, {@code null} when absent or unknown
   */
  static List<RuleBody> expand(String access, Protocol protocol) {
    List<RuleBody> out = new ArrayList<>();
    Access preset = Access.fromWireName(access).orElse(null);
    if (preset == null) {
      return out;
    }
    if (protocol == Protocol.GRAPHQL) {
      switch (preset) {
        case READ_ONLY -> out.add(op("query"));
        case READ_WRITE -> {
          out.add(op("query"));
          out.add(op("mutation"));
        }
        case FULL -> out.add(op("*"));
      }
    } else if (protocol == Protocol.WEBSOCKET) {
      switch (preset) {
        case READ_ONLY -> out.add(rest("GET"));
        case READ_WRITE -> {
          out.add(rest("GET"));
          out.add(rest("WEBSOCKET_TEXT"));
        }
        case FULL -> out.add(rest("*"));
      }
    } else {
      switch (preset) {
        case READ_ONLY -> {
          for (String m : REST_READ) {
            out.add(rest(m));
          }
        }
        case READ_WRITE -> {
          for (String m : REST_READ_WRITE) {
            out.add(rest(m));
          }
        }
        case FULL -> out.add(rest("*"));
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
