package dev.sandboxpolicy.matcher;

/**
 * How upstream answers a request it refuses, as an HTTP status: {@link #BAD_REQUEST} when the request is malformed
 * for the policy check, {@link #FORBIDDEN} when the policy refuses it. A proxy that blocks a request ({@link
 * Decision#blocks()}) answers with {@link #httpStatus()}; a caller tells the two apart with this enum, never by
 * reading the reason.
 *
 * <pre>{@code
 * Decision d = compiled.decideRequest(request);
 * if (d.blocks()) {
 *   int status = d.refusalStatus().map(RefusalStatus::httpStatus).orElse(403);
 *   // 400 for an MCP-Protocol-Version header that is empty, repeated or not a known revision;
 *   // 403 for a known revision outside the endpoint's mcp.versions, and for every other denial
 * }
 * }</pre>
 */
public enum RefusalStatus {
  /**
   * 403 Forbidden: the policy refuses the request. Every denial and evaluation error except the {@link
   * #BAD_REQUEST} ones, including an MCP request whose protocol revision is known but not in the endpoint's {@code
   * mcp.versions} (upstream-changes-2026-09 item 1).
   */
  FORBIDDEN(403),
  /**
   * 400 Bad Request: the request cannot be checked as sent. Today only an MCP request whose {@code
   * MCP-Protocol-Version} header is repeated, empty, or not a known revision (upstream-changes-2026-09 item 1,
   * OpenShell #3241).
   */
  BAD_REQUEST(400);

  private final int httpStatus;

  RefusalStatus(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /**
   * Returns the HTTP status code upstream answers.
   *
   * @return 403 or 400
   */
  public int httpStatus() {
    return httpStatus;
  }
}
