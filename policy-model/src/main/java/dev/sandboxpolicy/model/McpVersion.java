package dev.sandboxpolicy.model;

import java.util.Optional;

/**
 * An MCP protocol revision an endpoint may admit ({@code mcp.versions}). The set is closed: only the stable
 * revisions upstream OpenShell accepts (#3027), compared exactly, so {@code draft}, {@code latest}, a padded
 * {@code " 2025-11-25"} or an unknown date are not revisions.
 *
 * <pre>{@code
 * McpVersion.fromWireName("2025-06-18");   // Optional[V2025_06_18]
 * McpVersion.fromWireName("latest");       // Optional.empty()
 * McpVersion.DEFAULT.wireName();           // "2025-11-25"
 * }</pre>
 *
 * <p>Constants are declared in revision order, so {@link #compareTo} orders revisions by date.
 */
public enum McpVersion implements WireNamed {
  /** MCP 2025-03-26. */
  V2025_03_26("2025-03-26"),
  /** MCP 2025-06-18. */
  V2025_06_18("2025-06-18"),
  /** MCP 2025-11-25. */
  V2025_11_25("2025-11-25");

  /**
   * The revisions an MCP endpoint admits when {@code mcp.versions} is not written: exactly 2025-11-25. Upstream
   * pins it (#3027) so that a newer revision added to the set never widens a stored policy.
   */
  public static final McpVersion DEFAULT = V2025_11_25;

  /**
   * The revision an MCP request without an {@code MCP-Protocol-Version} header is taken to speak (MCP 2025-06-18,
   * Streamable HTTP transport: "the server SHOULD assume protocol version 2025-03-26").
   */
  public static final McpVersion WITHOUT_HEADER = V2025_03_26;

  private final String wireName;

  McpVersion(String wireName) {
    this.wireName = wireName;
  }

  /** The revision as written in a policy and in the {@code MCP-Protocol-Version} header, e.g. {@code 2025-11-25}. */
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * The revision spelled exactly {@code written}, or empty for anything else (no trimming, no case folding).
   *
   * @param written a policy entry or header value; {@code null} is not a revision
   */
  public static Optional<McpVersion> fromWireName(String written) {
    return WireNamed.fromWireName(McpVersion.class, written);
  }
}
