package dev.sandboxpolicy.traffic;

import java.util.Objects;

/**
 * Logged denials advice proposes nothing for, by destination, binary and reason: how many, and the first one
 * (source and line).
 */
public final class SkippedDenial {
  private final String host;
  private final int port;
  private final String binary;
  private final SkipReason reason;
  private final long count;
  private final String source;
  private final long line;

  SkippedDenial(String host, int port, String binary, SkipReason reason, long count, String source, long line) {
    this.host = host;
    this.port = port;
    this.binary = binary;
    this.reason = reason;
    this.count = count;
    this.source = source;
    this.line = line;
  }

  SkippedDenial plus(long more) {
    return new SkippedDenial(host, port, binary, reason, count + more, source, line);
  }

  /** @return the destination host */
  public String host() {
    return host;
  }

  /** @return the destination port */
  public int port() {
    return port;
  }

  /** @return the binary, {@code -} when the log names none */
  public String binary() {
    return binary;
  }

  /** @return why nothing is proposed */
  public SkipReason reason() {
    return reason;
  }

  /** @return how many logged denials */
  public long count() {
    return count;
  }

  /** @return the input of the first such denial */
  public String source() {
    return source;
  }

  /** @return the line of the first such denial */
  public long line() {
    return line;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SkippedDenial s && host.equals(s.host) && port == s.port && binary.equals(s.binary)
        && reason == s.reason && count == s.count && source.equals(s.source) && line == s.line;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, binary, reason, count);
  }

  @Override
  public String toString() {
    return host + ":" + port + " " + binary + " " + reason.wireName() + " x" + count + " (" + source + ":" + line + ")";
  }
}
