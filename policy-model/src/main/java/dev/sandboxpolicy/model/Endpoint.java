package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An endpoint of a network policy entry: a host (or host pattern) and ports, and optionally the L7 protocol and
 * the rules requests must satisfy.
 *
 * <p>Strings are {@code ""} when absent, booleans {@code false}, exactly like the upstream protobuf, so that
 * "absent" and "empty" read the same. {@link #rules()} and {@link #denyRules()} are {@code Optional} because an
 * explicitly empty list ({@code rules: []}) is an error while an absent one is not.
 *
 * <p><b>Warning:</b> {@code enforcement} defaults to audit: only the exact string {@code enforce} blocks.
 */
@Value.Immutable
@ModelStyle
public abstract class Endpoint implements PolicyNode {

  Endpoint() {}

  /** The exact host, IP literal or host wildcard pattern, or {@code ""} (hostless, with {@code allowed_ips}). */
  @Value.Default
  public String host() {
    return "";
  }

  /** The single port, or {@code 0} when unset. */
  @Value.Default
  public int port() {
    return 0;
  }

  /** The ports list; when non-empty it wins over {@link #port()}. */
  public abstract List<Integer> ports();

  /** The endpoint path selector, or {@code ""}. */
  @Value.Default
  public String path() {
    return "";
  }

  /** {@code ""}, {@code tcp}, {@code rest}, {@code websocket}, {@code graphql}, {@code sql}, {@code json-rpc} or {@code mcp}, as written. */
  @Value.Default
  public String protocol() {
    return "";
  }

  /** {@code ""} (auto), {@code skip}, or the deprecated {@code terminate}/{@code passthrough}, as written. */
  @Value.Default
  public String tls() {
    return "";
  }

  /** {@code enforce} or anything else (audit), as written. */
  @Value.Default
  public String enforcement() {
    return "";
  }

  /** The access preset ({@code read-only}, {@code read-write}, {@code full}) as written, or {@code ""}. */
  @Value.Default
  public String access() {
    return "";
  }

  /** The allow rules, when the key is written (an empty list is an error). */
  public abstract Optional<List<AllowRule>> rules();

  /** The deny rules, when the key is written (an empty list is an error). */
  public abstract Optional<List<RuleBody>> denyRules();

  /** The SSRF allowlist: IP addresses and CIDR ranges, as written. */
  public abstract List<String> allowedIps();

  /** Whether {@code %2F} is kept in paths instead of rejected. */
  @Value.Default
  public boolean allowEncodedSlash() {
    return false;
  }

  /** Whether credentials are rewritten in WebSocket frames. */
  @Value.Default
  public boolean websocketCredentialRewrite() {
    return false;
  }

  /** Whether credentials are rewritten in request bodies. */
  @Value.Default
  public boolean requestBodyCredentialRewrite() {
    return false;
  }

  /** Opt-in to L4 or {@code tls: skip} for provider-credentialed endpoints. */
  @Value.Default
  public boolean allowUninspectedCredentials() {
    return false;
  }

  /** {@code deny}, {@code allow_registered}, or {@code ""} (deny). */
  @Value.Default
  public String persistedQueries() {
    return "";
  }

  /** The trusted GraphQL persisted-query registry, by hash or id. */
  public abstract Map<String, PersistedQuery> graphqlPersistedQueries();

  /** The GraphQL body limit, when written (upstream default 65536). */
  public abstract Optional<Long> graphqlMaxBodyBytes();

  /** {@code sigv4}, {@code sigv4:body}, {@code sigv4:no_body}, or {@code ""}. */
  @Value.Default
  public String credentialSigning() {
    return "";
  }

  /** The signing service, or {@code ""}. */
  @Value.Default
  public String signingService() {
    return "";
  }

  /** The signing region, or {@code ""}. */
  @Value.Default
  public String signingRegion() {
    return "";
  }

  /** The credential binding, when written. */
  public abstract Optional<CredentialBinding> credentialBinding();

  /** The {@code json_rpc} options, when written. */
  public abstract Optional<JsonRpcOptions> jsonRpc();

  /** The {@code mcp} options, when written. */
  public abstract Optional<McpOptions> mcp();

  /**
   * The ports this endpoint listens on, as upstream evaluates them: {@link #ports()} when non-empty, else
   * {@link #port()} when it is not {@code 0}, else none (such an endpoint never matches).
   */
  public final List<Integer> effectivePorts() {
    if (!ports().isEmpty()) {
      return ports();
    }
    return port() == 0 ? List.of() : List.of(port());
  }

  /**
   * The MCP revisions this endpoint admits ({@link McpOptions#effectiveVersions()}), or
   * {@code [}{@link McpVersion#DEFAULT}{@code ]} when it has no {@code mcp} block. Meaningful for
   * {@code protocol: mcp} only; on any other endpoint {@code mcp} options are a validation error.
   */
  public final List<McpVersion> effectiveMcpVersions() {
    return mcp().map(McpOptions::effectiveVersions).orElse(List.of(McpVersion.DEFAULT));
  }

  /** The allow rules, or an empty list when the key is absent. */
  public final List<AllowRule> allowRules() {
    return rules().orElse(List.of());
  }

  /** The deny rules, or an empty list when the key is absent. */
  public final List<RuleBody> denyRuleBodies() {
    return denyRules().orElse(List.of());
  }

  /** Whether L7 violations are blocked: only the exact string {@code enforce}; everything else audits. */
  public final boolean isEnforced() {
    return Enforcement.of(enforcement()) == Enforcement.ENFORCE;
  }

  @Override
  @Value.Auxiliary
  @Value.Default
  public SourceLocation location() {
    return SourceLocation.NONE;
  }

  @Override
  @AllowNulls
  public abstract Map<String, Object> unknownFields();

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with the values of {@code from}. */
  public static Builder builder(Endpoint from) {
    return new Builder().from(from);
  }

  /** Builds {@link Endpoint} values. */
  public static final class Builder extends ImmutableEndpoint.Builder {
    Builder() {}
  }
}
