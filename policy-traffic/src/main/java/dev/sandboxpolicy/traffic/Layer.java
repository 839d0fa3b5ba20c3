package dev.sandboxpolicy.traffic;

/** Which decision a log event records (logs spec §1.5). */
public enum Layer {
  /** A connection decision: may this binary reach host:port ({@code NET} lines, class 4001). */
  L4,
  /** A request decision on a connection: method and path ({@code HTTP} lines, class 4002). */
  L7
}
