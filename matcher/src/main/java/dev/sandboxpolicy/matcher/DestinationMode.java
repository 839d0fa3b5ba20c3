package dev.sandboxpolicy.matcher;

/** Which SSRF rule decided a destination check (spec §3.9, in precedence order). */
public enum DestinationMode {
  /** The connection was not allowed by the network decision; no address may be used. */
  NOT_ALLOWED,
  /** The host is the driver's host-gateway alias and a trusted gateway IP is known: it must resolve to that IP. */
  HOST_GATEWAY,
  /** The first endpoint config has {@code allowed_ips}: every address must be inside the list. */
  ALLOWED_IPS,
  /** The requested host is an IP literal: it is its own allowlist. */
  IP_LITERAL,
  /** The host is declared exactly by an allowing endpoint: private ranges are allowed. */
  DECLARED_HOST,
  /** Otherwise: public addresses only. */
  PUBLIC_ONLY
}
