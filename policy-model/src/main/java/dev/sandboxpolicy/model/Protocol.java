package dev.sandboxpolicy.model;

import java.util.Optional;

/**
 * The values of an endpoint's {@code protocol} field (spec §1.6), each with its spelling in a document.
 *
 * <p>The model keeps the field as written ({@link Endpoint#protocol()} is a {@code String}), because the value
 * rules must report an unknown protocol and the writer must round-trip it; code that reads the field goes through
 * this enum instead of string literals.
 *
 * <pre>{@code
 * Protocol.fromWireName("json-rpc");        // Optional[JSON_RPC]
 * Protocol.fromWireName("JSON-RPC");        // Optional.empty(): the spelling is exact
 * Protocol.MCP.is(endpoint.protocol());     // true for "mcp"
 * Protocol.TCP.isInspected();               // false: tcp is a plain byte stream
 * }</pre>
 *
 * <p>An absent field ({@code ""}) is no protocol at all: the endpoint is a plain L4 endpoint.
 */
public enum Protocol implements WireNamed {
  /** {@code tcp}: a DNS-checked byte stream; no L7 inspection. */
  TCP("tcp"),
  /** {@code rest}: HTTP requests by method, path and query. */
  REST("rest"),
  /** {@code websocket}: the HTTP upgrade and its text frames (optionally GraphQL over WebSocket). */
  WEBSOCKET("websocket"),
  /** {@code graphql}: GraphQL operations over HTTP. */
  GRAPHQL("graphql"),
  /** {@code sql}: SQL statements (audit only upstream). */
  SQL("sql"),
  /** {@code json-rpc}: JSON-RPC 2.0 calls by method and params. */
  JSON_RPC("json-rpc"),
  /** {@code mcp}: the Model Context Protocol (JSON-RPC with tools). */
  MCP("mcp");

  private final String wireName;

  Protocol(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling in a document, for example {@code json-rpc}. */
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * The protocol spelled exactly {@code written}.
   *
   * @param written the field as written, may be {@code null}
   * @return the protocol, or empty for an absent ({@code ""}) or unknown value
   */
  public static Optional<Protocol> fromWireName(String written) {
    return WireNamed.fromWireName(Protocol.class, written);
  }

  /** Whether {@code written} is exactly this protocol's spelling. */
  public boolean is(String written) {
    return wireName.equals(written);
  }

  /** Whether the proxy inspects this protocol's requests (every protocol but {@link #TCP}; spec §1.6). */
  public boolean isInspected() {
    return this != TCP;
  }

  /** Whether requests are JSON-RPC calls: {@link #JSON_RPC} and {@link #MCP}. */
  public boolean isJsonRpcFamily() {
    return this == JSON_RPC || this == MCP;
  }
}
