package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code mcp.versions} (upstream #3027, #3199): a non-empty list of exact revisions from {@link McpVersion}, without
 * duplicates; not both the nested {@code mcp.versions} and the flattened {@code mcp_versions}.
 * {@code mcp.versions} on an endpoint that is not {@code protocol: mcp} is reported by {@link EndpointRules}
 * ({@code mcp_options_wrong_protocol}, or {@code tcp_l7_fields} on {@code protocol: tcp}).
 */
final class McpVersionRules {

  /** The flattened spelling upstream's runtime data uses; authoring both it and {@code mcp.versions} is ambiguous. */
  static final String FLATTENED_KEY = "mcp_versions";

  /**
   * At most this many bad entries of one list are reported one by one, then one summary: a list is at most three
   * revisions long, and a hostile list of 100,000 entries must not produce 100,000 problems.
   */
  static final int MAX_REPORTED_ENTRIES = 8;

  private static final String SUPPORTED = supported();

  private McpVersionRules() {}

  static void check(EndpointSite site, ProblemSink sink) {
    Endpoint e = site.endpoint();
    if (e.unknownFields().containsKey(FLATTENED_KEY) && e.mcp().flatMap(McpOptions::versions).isPresent()) {
      sink.errorAtKey(ProblemCode.MCP_VERSIONS_AMBIGUOUS, site.at(FLATTENED_KEY), "both mcp.versions and the"
          + " flattened mcp_versions are written; keep only mcp.versions");
    }
    e.mcp().flatMap(McpOptions::versions).ifPresent(versions -> checkList(versions, site.at("mcp") + "/versions",
        sink));
  }

  private static void checkList(List<String> versions, String at, ProblemSink sink) {
    if (versions.isEmpty()) {
      sink.error(ProblemCode.MCP_VERSIONS_EMPTY, at, "mcp.versions is empty, so the endpoint would admit no MCP"
          + " revision; omit it to use the pinned default " + McpVersion.DEFAULT.wireName()
          + ", or list exact revisions (" + SUPPORTED + ")");
      return;
    }
    Set<McpVersion> seen = new HashSet<>();
    int reported = 0;
    int unreported = 0;
    for (int i = 0; i < versions.size(); i++) {
      String written = versions.get(i);
      String entryAt = JsonPointer.index(at, i);
      McpVersion version = McpVersion.fromWireName(written).orElse(null);
      ProblemCode code = null;
      String message = null;
      if (version == null) {
        code = ProblemCode.MCP_VERSION_UNKNOWN;
        message = unknownMessage(written);
      } else if (!seen.add(version)) {
        code = ProblemCode.MCP_VERSION_DUPLICATE;
        message = "mcp.versions lists " + written + " more than once; list each revision once";
      }
      if (code == null) {
        continue;
      }
      if (reported < MAX_REPORTED_ENTRIES) {
        sink.error(code, entryAt, message);
        reported++;
      } else {
        unreported++;
      }
    }
    if (unreported > 0) {
      sink.error(ProblemCode.MCP_VERSION_UNKNOWN, at, "mcp.versions has " + unreported
          + " more entries that are unknown or repeated (only the first " + MAX_REPORTED_ENTRIES
          + " are reported one by one); it may list only " + SUPPORTED);
    }
  }

  private static String unknownMessage(String written) {
    String shown = Problem.quote(written);
    String trimmed = written.strip();
    if (!trimmed.equals(written) && McpVersion.fromWireName(trimmed).isPresent()) {
      return "mcp.versions entry " + shown + " has surrounding whitespace; write exactly " + trimmed;
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.equals("latest") || lower.equals("draft")) {
      return "mcp.versions entry " + shown + " is not a revision: upstream pins exact revisions so that a new"
          + " MCP release never widens a policy; list exact revisions (" + SUPPORTED + ")";
    }
    return "mcp.versions entry " + shown + " is not a supported MCP protocol revision (" + SUPPORTED + ")";
  }

  private static String supported() {
    StringJoiner joiner = new StringJoiner(", ");
    for (McpVersion v : McpVersion.values()) {
      joiner.add(v.wireName());
    }
    return joiner.toString();
  }
}
