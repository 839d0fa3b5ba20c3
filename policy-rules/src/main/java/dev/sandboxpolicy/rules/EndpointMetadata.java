package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.CredentialBinding;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.JsonRpcOptions;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The metadata that two overlapping endpoints must agree on (spec §2.6), normalised: connection fields always,
 * request-pipeline fields only when both endpoints contribute config.
 */
final class EndpointMetadata {

  /** Spec §1.6: the default GraphQL and JSON-RPC body limit, used when the field is absent or 0. */
  static final long DEFAULT_BODY_LIMIT = 65_536L;

  final EndpointSite site;
  final List<String> connectionNames = new ArrayList<>();
  final List<String> connectionValues = new ArrayList<>();
  final List<String> requestNames = new ArrayList<>();
  final List<String> requestValues = new ArrayList<>();
  final boolean contributesConfig;
  final String signature;
  final int specificity;

  EndpointMetadata(EndpointSite site) {
    this.site = site;
    Endpoint e = site.endpoint();
    String proto = site.protocol();
    boolean tcp = Protocol.TCP.is(proto);
    String tls = e.tls().trim().toLowerCase(Locale.ROOT).equals("skip") ? "skip" : "auto";
    TreeSet<String> ips = new TreeSet<>();
    for (String ip : e.allowedIps()) {
      ips.add(ip.trim().toLowerCase(Locale.ROOT));
    }
    connection("explicit_tcp", String.valueOf(tcp));
    connection("tls", tls);
    connection("allowed_ips", ips.toString());
    contributesConfig = (!proto.isEmpty() && !tcp) || !ips.isEmpty() || !e.tls().isEmpty()
        || e.credentialBinding().isPresent();
    if (contributesConfig) {
      request("protocol", tcp ? "" : proto);
      request("enforcement", Enforcement.of(e.enforcement()).wireName());
      request("allow_encoded_slash", String.valueOf(e.allowEncodedSlash()));
      request("websocket_credential_rewrite", String.valueOf(e.websocketCredentialRewrite()));
      request("request_body_credential_rewrite", String.valueOf(e.requestBodyCredentialRewrite()));
      if (Protocol.WEBSOCKET.is(proto)) {
        request("websocket_graphql", String.valueOf(hasGraphqlPolicy(e)));
      }
      request("credential_signing", e.credentialSigning());
      request("signing_service", e.signingService());
      request("signing_region", e.signingRegion());
      request("credential_binding", e.credentialBinding().map(CredentialBinding::provider).orElse(""));
      if (Protocol.GRAPHQL.is(proto)) {
        request("graphql_max_body_bytes", String.valueOf(limit(e.graphqlMaxBodyBytes().orElse(0L))));
      }
      if (Protocol.JSON_RPC.is(proto) || Protocol.MCP.is(proto)) {
        long body = e.mcp().flatMap(McpOptions::maxBodyBytes)
            .or(() -> e.jsonRpc().flatMap(JsonRpcOptions::maxBodyBytes)).orElse(0L);
        request("json_rpc_max_body_bytes", String.valueOf(limit(body)));
      }
      if (Protocol.MCP.is(proto)) {
        request("mcp.strict_tool_names",
            String.valueOf(e.mcp().flatMap(McpOptions::strictToolNames).orElse(true)));
      }
    }
    signature = String.join("\u0001", connectionValues) + "\u0002" + String.join("\u0001", requestValues);
    specificity = RouteSelectorPattern.specificity(e.path());
  }

  private static long limit(long value) {
    return value == 0 ? DEFAULT_BODY_LIMIT : value;
  }

  private static boolean hasGraphqlPolicy(Endpoint e) {
    if (!e.graphqlPersistedQueries().isEmpty()
        || (!e.persistedQueries().isEmpty() && !e.persistedQueries().equals("deny"))) {
      return true;
    }
    return e.allowRules().stream().anyMatch(r -> r.allow().map(b -> !b.operationType().isEmpty()
            || !b.operationName().isEmpty() || !b.fields().isEmpty()).orElse(false))
        || e.denyRuleBodies().stream().anyMatch(b -> !b.operationType().isEmpty()
            || !b.operationName().isEmpty() || !b.fields().isEmpty());
  }

  private void connection(String name, String value) {
    connectionNames.add(name);
    connectionValues.add(value);
  }

  private void request(String name, String value) {
    requestNames.add(name);
    requestValues.add(value);
  }

  boolean sameConnection(EndpointMetadata other) {
    return connectionValues.equals(other.connectionValues);
  }

  /**
   * The conflicting fields as {@code field=left vs right}, or an empty list. Request fields are compared only
   * when both contribute config, their path selectors overlap and their specificity is equal.
   */
  List<String> conflicts(EndpointMetadata other, PathSelectorOverlap paths) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < connectionNames.size(); i++) {
      if (!connectionValues.get(i).equals(other.connectionValues.get(i))) {
        out.add(connectionNames.get(i) + "=" + connectionValues.get(i) + " vs " + other.connectionValues.get(i));
      }
    }
    if (contributesConfig && other.contributesConfig && specificity == other.specificity
        && paths.overlap(site.endpoint().path(), other.site.endpoint().path(),
            site.endpoint().allowEncodedSlash() || other.site.endpoint().allowEncodedSlash())) {
      for (int i = 0; i < requestNames.size(); i++) {
        String name = requestNames.get(i);
        int j = other.requestNames.indexOf(name);
        if (j >= 0 && !requestValues.get(i).equals(other.requestValues.get(j))) {
          out.add(name + "=" + requestValues.get(i) + " vs " + other.requestValues.get(j));
        }
      }
    }
    return out;
  }

  /** {@code host:ports[path]} for messages. */
  String describe() {
    Endpoint e = site.endpoint();
    StringBuilder sb = new StringBuilder(e.host()).append(':');
    List<Integer> ports = e.effectivePorts();
    sb.append(ports.size() == 1 ? ports.get(0).toString() : ports.toString());
    if (!e.path().isEmpty()) {
      sb.append('[').append(e.path()).append(']');
    }
    return sb.toString();
  }
}
