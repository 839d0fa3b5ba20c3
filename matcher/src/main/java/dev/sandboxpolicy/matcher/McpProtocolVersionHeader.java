package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.McpVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code MCP-Protocol-Version} header of one request, classified once when the {@link L7Request} is built so
 * that the decision only reads it (upstream-changes-2026-09 item 1, OpenShell #3241): absent, one known revision,
 * or one of the three malformed forms upstream answers with 400 Bad Request (repeated, empty, not a known
 * revision). Surrounding HTTP whitespace (space and tab only, as upstream) is not part of the value.
 */
final class McpProtocolVersionHeader {
  /** The header's name, as the MCP Streamable HTTP transport spells it. */
  static final String NAME = "MCP-Protocol-Version";

  /**
   * How many characters of a malformed value a reason repeats before it is cut with {@code ...}: enough for any
   * revision and a typo, not enough to turn a hostile header into a huge log line.
   */
  static final int MAX_ECHOED_CHARS = 64;

  static final int ABSENT = 0;
  static final int KNOWN = 1;
  static final int REPEATED = 2;
  static final int EMPTY = 3;
  static final int UNKNOWN = 4;

  static final McpProtocolVersionHeader NONE = new McpProtocolVersionHeader(List.of(), ABSENT, null);

  private final List<String> values;
  final int state;
  /** The revision for {@link #KNOWN}, else null. */
  final McpVersion version;

  private McpProtocolVersionHeader(List<String> values, int state, McpVersion version) {
    this.values = values;
    this.state = state;
    this.version = version;
  }

  /** Classifies every occurrence of the header in the request, in order ({@code []} when it is absent). */
  static McpProtocolVersionHeader of(List<String> occurrences) {
    List<String> values = List.copyOf(occurrences);
    if (values.isEmpty()) {
      return NONE;
    }
    if (values.size() > 1) {
      return new McpProtocolVersionHeader(values, REPEATED, null);
    }
    String value = trimHttpWhitespace(values.get(0));
    if (value.isEmpty()) {
      return new McpProtocolVersionHeader(values, EMPTY, null);
    }
    Optional<McpVersion> known = McpVersion.fromWireName(value);
    return known.isPresent()
        ? new McpProtocolVersionHeader(values, KNOWN, known.get())
        : new McpProtocolVersionHeader(values, UNKNOWN, null);
  }

  /** {@code value} without leading and trailing spaces and tabs (RFC 9110 OWS); nothing else is whitespace here. */
  static String trimHttpWhitespace(String value) {
    int from = 0;
    int to = value.length();
    while (from < to && isOws(value.charAt(from))) {
      from++;
    }
    while (to > from && isOws(value.charAt(to - 1))) {
      to--;
    }
    return value.substring(from, to);
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /** Every occurrence as the caller gave it. */
  List<String> values() {
    return values;
  }

  /** Why a malformed header is refused (for {@link #REPEATED}, {@link #EMPTY} and {@link #UNKNOWN}). */
  String malformedReason() {
    return switch (state) {
      case REPEATED -> NAME + " header appears " + values.size()
          + " times; an MCP request carries at most one (upstream answers 400 Bad Request)";
      case EMPTY -> NAME + " header is empty (upstream answers 400 Bad Request)";
      default -> NAME + " header '" + echo(values.get(0)) + "' is not a known MCP protocol revision (known: "
          + knownRevisions() + "; upstream answers 400 Bad Request)";
    };
  }

  /** The revision this request speaks: the header's, or the MCP fallback when it has none. */
  McpVersion speaks() {
    return state == KNOWN ? version : McpVersion.WITHOUT_HEADER;
  }

  /** Names where {@link #speaks()} came from, for reasons. */
  String source() {
    return state == KNOWN ? "the " + NAME + " header" : "assumed: the request has no " + NAME + " header";
  }

  private static String knownRevisions() {
    StringBuilder sb = new StringBuilder();
    for (McpVersion v : McpVersion.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(v.wireName());
    }
    return sb.toString();
  }

  /** At most {@link #MAX_ECHOED_CHARS} characters of {@code value}, control characters written as {@code \\uXXXX}. */
  private static String echo(String value) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(value.length(), MAX_ECHOED_CHARS);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return value.length() > MAX_ECHOED_CHARS ? sb.append("...").toString() : sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof McpProtocolVersionHeader h && values.equals(h.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  @Override
  public String toString() {
    return values.isEmpty() ? "" : NAME + "=" + values;
  }
}
