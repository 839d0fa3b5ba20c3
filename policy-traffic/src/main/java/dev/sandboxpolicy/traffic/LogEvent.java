package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.model.net.IpAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One decision read from a log line: where it was read, what was asked (binary, host, port and for L7 the method
 * and path) and what the sandbox logged (decision, engine, policy key, reason). Immutable.
 *
 * <pre>{@code
 * try (LogReader reader = LogReader.open(Path.of("openshell.2026-08-21.log"))) {
 *   for (LogEvent e = reader.next(); e != null; e = reader.next()) {
 *     if (e.loggedDecision() == TrafficVerdict.DENY) {
 *       System.out.println(e.source() + ":" + e.line() + " " + e.describe());
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Fields a format does not carry are empty, never guessed. In particular an in-tunnel L7 line has no binary: a
 * {@link LogReader} fills it from the tunnel's logged CONNECT when exactly one binary opened that tunnel (then
 * {@link #binaryCorrelated()} is true), and leaves it empty otherwise.
 */
public final class LogEvent {
  private final String source;
  private final long line;
  private final LogFormat format;
  private final EventKind kind;
  private final long timeMillis;
  private final String sandbox;
  private final String binary;
  private final boolean binaryCorrelated;
  private final long pid;
  private final List<String> ancestors;
  private final List<String> cmdlinePaths;
  private final List<IpAddress> resolvedAddresses;
  private final String host;
  private final int port;
  private final Layer layer;
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final GraphqlRequest graphql;
  private final JsonRpcRequest jsonRpc;
  private final List<String> mcpProtocolVersionHeaders;
  private final TrafficVerdict loggedDecision;
  private final String engine;
  private final String policy;
  private final String reason;

  private LogEvent(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source");
    this.line = b.line;
    this.format = Objects.requireNonNull(b.format, "format");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.timeMillis = b.timeMillis;
    this.sandbox = b.sandbox;
    this.binary = b.binary;
    this.binaryCorrelated = b.binaryCorrelated;
    this.pid = b.pid;
    this.ancestors = b.ancestors == null ? null : List.copyOf(b.ancestors);
    this.cmdlinePaths = b.cmdlinePaths == null ? List.of() : List.copyOf(b.cmdlinePaths);
    this.resolvedAddresses = b.resolvedAddresses == null ? List.of() : List.copyOf(b.resolvedAddresses);
    this.host = Objects.requireNonNull(b.host, "host");
    this.port = b.port;
    this.layer = b.method == null ? Layer.L4 : Layer.L7;
    this.method = b.method;
    this.path = b.method == null ? null : (b.path == null || b.path.isEmpty() ? "/" : b.path);
    this.query = b.query == null ? Map.of() : Map.copyOf(b.query);
    this.graphql = b.graphql;
    this.jsonRpc = b.jsonRpc;
    this.mcpProtocolVersionHeaders =
        b.mcpProtocolVersionHeaders == null ? List.of() : List.copyOf(b.mcpProtocolVersionHeaders);
    this.loggedDecision = Objects.requireNonNull(b.loggedDecision, "loggedDecision");
    this.engine = b.engine == null ? "" : b.engine;
    this.policy = b.policy == null || b.policy.isEmpty() || b.policy.equals("-") ? null : b.policy;
    this.reason = b.reason == null ? "" : b.reason;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this event's fields (package-private: the reader fills in a correlated binary). */
  Builder toBuilder() {
    Builder b = new Builder();
    b.source = source;
    b.line = line;
    b.format = format;
    b.kind = kind;
    b.timeMillis = timeMillis;
    b.sandbox = sandbox;
    b.binary = binary;
    b.binaryCorrelated = binaryCorrelated;
    b.pid = pid;
    b.ancestors = ancestors;
    b.cmdlinePaths = cmdlinePaths;
    b.resolvedAddresses = resolvedAddresses;
    b.host = host;
    b.port = port;
    b.method = method;
    b.path = path;
    b.query = query;
    b.graphql = graphql;
    b.jsonRpc = jsonRpc;
    b.mcpProtocolVersionHeaders = mcpProtocolVersionHeaders;
    b.loggedDecision = loggedDecision;
    b.engine = engine;
    b.policy = policy;
    b.reason = reason;
    return b;
  }

  /**
   * Returns the name of the input the line came from (a file name, or {@code -} for standard input).
   *
   * @return the source name
   */
  public String source() {
    return source;
  }

  /**
   * Returns the 1-based line number within {@link #source()}.
   *
   * @return the line number
   */
  public long line() {
    return line;
  }

  /**
   * Returns the format the line was written in.
   *
   * @return the format
   */
  public LogFormat format() {
    return format;
  }

  /**
   * Returns the situation of the logs spec's catalogue (§1.3) this line records.
   *
   * @return the kind
   */
  public EventKind kind() {
    return kind;
  }

  /**
   * Returns when the decision was logged, when the line says.
   *
   * @return the time, or empty (bare shorthand has none)
   */
  public Optional<Instant> time() {
    return timeMillis == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(timeMillis));
  }

  /**
   * Returns the sandbox the line names (the OCSF {@code container.uid}), when it names one.
   *
   * @return the sandbox id, or empty
   */
  public Optional<String> sandbox() {
    return Optional.ofNullable(sandbox);
  }

  /**
   * Returns the executable that connected (the kernel-resolved path), when the line names it or it was correlated.
   *
   * @return the binary, or empty
   */
  public Optional<String> binary() {
    return Optional.ofNullable(binary);
  }

  /**
   * Tells whether {@link #binary()} was not on the line itself but taken from the tunnel's logged CONNECT.
   *
   * @return true for a correlated binary
   */
  public boolean binaryCorrelated() {
    return binaryCorrelated;
  }

  /**
   * Returns the process id, when the line names it.
   *
   * @return the pid, or empty
   */
  public OptionalLong pid() {
    return pid < 0 ? OptionalLong.empty() : OptionalLong.of(pid);
  }

  /**
   * Returns the binary's ancestors (parent first), when the line records them: the OCSF {@code parent_process}
   * chain, or the {@code ancestors: [...]} of a binary denial's reason. Empty when the line does not say (which is
   * not the same as an empty list: no ancestors).
   *
   * @return the ancestors, or empty when unknown
   */
  public Optional<List<String>> ancestors() {
    return Optional.ofNullable(ancestors);
  }

  /**
   * Returns the absolute paths seen on the command line, when the line records them (only request JSON Lines'
   * {@code cmdline_paths} do). They only ever appear in a denial's reason; they never grant access.
   *
   * @return an immutable list, empty when not logged
   */
  public List<String> cmdlinePaths() {
    return cmdlinePaths;
  }

  /**
   * Returns the addresses the host resolved to, when the line records them (only request JSON Lines'
   * {@code resolved_ips} do); a replay then runs the SSRF and {@code allowed_ips} destination checks over them, as
   * {@code policyctl check} does.
   *
   * @return an immutable list, empty when not logged
   */
  public List<IpAddress> resolvedAddresses() {
    return resolvedAddresses;
  }

  /**
   * Returns the destination host as the proxy saw it (a name or an IP address).
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * Returns the destination port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns whether this is a connection (L4) or a request (L7) decision.
   *
   * @return the layer
   */
  public Layer layer() {
    return layer;
  }

  /**
   * Returns the request method of an L7 event.
   *
   * @return the method, or empty for L4
   */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /**
   * Returns the canonical request path of an L7 event (logs never carry the query; see {@link #query()}).
   *
   * @return the path, or empty for L4
   */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /**
   * Returns the query parameters; only request JSON Lines carry them.
   *
   * @return an immutable map, empty when not logged
   */
  public Map<String, List<String>> query() {
    return query;
  }

  /**
   * Returns the GraphQL operations of the request, when the line records them.
   *
   * @return the body view, or empty
   */
  public Optional<GraphqlRequest> graphql() {
    return Optional.ofNullable(graphql);
  }

  /**
   * Returns the JSON-RPC calls of the request, when the line records them.
   *
   * @return the body view, or empty
   */
  public Optional<JsonRpcRequest> jsonRpc() {
    return Optional.ofNullable(jsonRpc);
  }

  /**
   * Returns every {@code MCP-Protocol-Version} header of the request, in order, when the line records them (only
   * request JSON Lines' {@code mcp_protocol_version} does).
   *
   * @return an immutable list, empty when not logged
   */
  public List<String> mcpProtocolVersionHeaders() {
    return mcpProtocolVersionHeaders;
  }

  /**
   * Returns the decision the sandbox logged.
   *
   * @return the logged decision
   */
  public TrafficVerdict loggedDecision() {
    return loggedDecision;
  }

  /**
   * Returns the engine that decided ({@code opa}, {@code ssrf}, {@code l7}, {@code l7-graphql}, {@code nftables},
   * ...), {@code ""} when the line names none.
   *
   * @return the engine
   */
  public String engine() {
    return engine;
  }

  /**
   * Returns the network-policy key that the logged decision names ({@code [policy:KEY ...]}); empty for
   * {@code -} or none.
   *
   * @return the key, or empty
   */
  public Optional<String> policy() {
    return Optional.ofNullable(policy);
  }

  /**
   * Returns the logged reason (the deny reason, or the message), {@code ""} when there is none.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns a one-line description: {@code host:port binary [METHOD path]}.
   *
   * @return the description
   */
  public String describe() {
    String who = binary == null ? "(no binary)" : binary;
    String what = host + ":" + port + " " + who;
    return method == null ? what : what + " " + method + " " + path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEvent e
        && source.equals(e.source)
        && line == e.line
        && format == e.format
        && kind == e.kind
        && timeMillis == e.timeMillis
        && Objects.equals(sandbox, e.sandbox)
        && Objects.equals(binary, e.binary)
        && binaryCorrelated == e.binaryCorrelated
        && pid == e.pid
        && Objects.equals(ancestors, e.ancestors)
        && cmdlinePaths.equals(e.cmdlinePaths)
        && resolvedAddresses.equals(e.resolvedAddresses)
        && host.equals(e.host)
        && port == e.port
        && Objects.equals(method, e.method)
        && Objects.equals(path, e.path)
        && query.equals(e.query)
        && Objects.equals(graphql, e.graphql)
        && Objects.equals(jsonRpc, e.jsonRpc)
        && mcpProtocolVersionHeaders.equals(e.mcpProtocolVersionHeaders)
        && loggedDecision == e.loggedDecision
        && engine.equals(e.engine)
        && Objects.equals(policy, e.policy)
        && reason.equals(e.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, line, host, port, binary, method, path, loggedDecision);
  }

  @Override
  public String toString() {
    return "LogEvent[" + source + ":" + line + " " + kind.wireName() + " " + loggedDecision.wireName() + " "
        + describe() + (policy == null ? "" : " policy=" + policy) + (engine.isEmpty() ? "" : " engine=" + engine)
        + "]";
  }

  /** Collects the fields of one event while a line is parsed. */
  static final class Builder {
    String source = "-";
    long line;
    LogFormat format;
    EventKind kind;
    long timeMillis = Long.MIN_VALUE;
    String sandbox;
    String binary;
    boolean binaryCorrelated;
    long pid = -1;
    List<String> ancestors;
    List<String> cmdlinePaths;
    List<IpAddress> resolvedAddresses;
    String host;
    int port;
    String method;
    String path;
    Map<String, List<String>> query;
    GraphqlRequest graphql;
    JsonRpcRequest jsonRpc;
    List<String> mcpProtocolVersionHeaders;
    TrafficVerdict loggedDecision;
    String engine;
    String policy;
    String reason;

    LogEvent build() {
      return new LogEvent(this);
    }
  }
}
