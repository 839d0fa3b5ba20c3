package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.Access;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import dev.sandboxpolicy.model.net.CidrRange;
import dev.sandboxpolicy.model.net.Port;
import dev.sandboxpolicy.model.net.SpecialPurposeRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Per-endpoint rules that do not depend on the request rules: host, ports, path selector, TLS, enforcement,
 * access value, body limits, credentials, {@code allowed_ips} and the fields {@code protocol: tcp} forbids
 * (spec §2.2, §2.4, §2.5, §3.9).
 */
final class EndpointRules {

  /**
   * What a {@code json_rpc} block may hold, for messages: upstream parses it into a closed struct and rejects any
   * other option, so an option that looks like a knob (such as {@code on_parse_error}) never silently does nothing.
   */
  static final String JSON_RPC_OPTIONS_HINT = "json_rpc takes only max_body_bytes, and OpenShell rejects any other"
      + " option instead of ignoring it";
  /** Spec §2.2: the accepted {@code credential_signing} values. */
  static final Set<String> SIGNING_MODES = Set.of("sigv4", "sigv4:body", "sigv4:no_body");
  /** Spec §2.4: the HTTPS port that makes {@code tls: skip} with an L7 protocol suspicious. */
  static final int HTTPS_PORT = 443;
  /** Spec §3.9: a CIDR shorter than this only logs a warning upstream. */
  static final int BROAD_CIDR_PREFIX = 16;

  /**
   * Spec §2.5, §3.9: the always-blocked ranges ({@link SpecialPurposeRanges#ALWAYS_BLOCKED}) and the IPv4-mapped
   * IPv6 forms of its IPv4 ranges, which {@code allowed_ips} may not overlap. Built on first use (a holder class):
   * most policies have no {@code allowed_ips}, and a short {@code policyctl} run should not parse these ranges.
   */
  private static final class Reserved {
    static final List<CidrRange> RANGES;

    static {
      List<CidrRange> ranges = new ArrayList<>(SpecialPurposeRanges.ALWAYS_BLOCKED);
      ranges.add(CidrRange.parse("::ffff:127.0.0.0/104"));
      ranges.add(CidrRange.parse("::ffff:169.254.0.0/112"));
      ranges.add(CidrRange.parse("::ffff:0.0.0.0/128"));
      RANGES = List.copyOf(ranges);
    }
  }

  private EndpointRules() {}

  /** Whether {@code proto} (trimmed, lower-cased) names an inspected protocol (spec §1.6: every one but tcp). */
  static boolean isInspected(String proto) {
    return Protocol.fromWireName(proto).filter(Protocol::isInspected).isPresent();
  }

  static void check(EndpointSite site, boolean strict, ProblemSink sink) {
    checkHost(site, sink);
    checkPorts(site, strict, sink);
    checkOptions(site, sink);
    checkCredentials(site, sink);
    checkAllowedIps(site, sink);
    McpVersionRules.check(site, sink);
    if (Protocol.TCP.is(site.protocol())) {
      checkTcpFields(site, sink);
    }
  }

  private static void checkHost(EndpointSite site, ProblemSink sink) {
    Endpoint e = site.endpoint();
    String host = e.host();
    String proto = site.protocol();
    String at = site.at("host");
    if (host.isBlank()) {
      String where = host.isEmpty() ? site.pointer() : at;
      if (Protocol.TCP.is(proto)) {
        sink.error(ProblemCode.TCP_HOST_REQUIRED, where, "protocol tcp requires a DNS hostname; hostless allowed_ips"
            + " endpoints are supported only by the forward proxy");
      } else if (e.allowedIps().isEmpty()) {
        sink.error(ProblemCode.HOST_MISSING, where,
            "endpoint host must not be empty unless allowed_ips constrains a non-TCP proxy endpoint");
      } else if (Protocol.MCP.is(proto)) {
        sink.error(ProblemCode.MCP_ENDPOINT_UNBOUNDED, where,
            "protocol mcp endpoint needs a host: protocol alone is not a wildcard endpoint");
      }
      return;
    }
    ProblemCode wildcard = HostPatterns.wildcardProblem(host);
    if (wildcard == ProblemCode.HOST_WILDCARD_ALL) {
      sink.error(wildcard, at, "host wildcard '" + host + "' matches all hosts");
    } else if (wildcard == ProblemCode.HOST_WILDCARD_TLD) {
      sink.error(wildcard, at, "TLD wildcard '" + host
          + "' is not allowed; use subdomain wildcards like '*.example.com' instead");
    } else if (wildcard == ProblemCode.HOST_WILDCARD_SHAPE) {
      sink.error(wildcard, at, "invalid host wildcard '" + host + "'; middle DNS label wildcards must be the"
          + " entire label '*' and recursive '**' is only allowed as the entire first label");
    }
    if (Protocol.TCP.is(proto)) {
      if (HostPatterns.isIpLiteral(host.trim())) {
        sink.error(ProblemCode.TCP_HOST_IP_LITERAL, at, "protocol tcp endpoint '" + host
            + "' must use a DNS hostname, not an IP literal; use a hostless forward-proxy endpoint with"
            + " allowed_ips for IP destinations");
      } else {
        String why = HostPatterns.dnsSelectorProblem(host);
        if (why != null) {
          sink.error(ProblemCode.TCP_HOST_INVALID, at, "protocol tcp endpoint host '" + host + "' is not a valid DNS"
              + " selector: it " + why);
        }
      }
      if (host.indexOf('*') >= 0 && wildcard == null) {
        sink.warning(ProblemCode.TCP_WILDCARD_DNS_EXFILTRATION, at, "wildcard host '" + host + "' on protocol tcp"
            + " resolves any matching name through policy DNS; a process can leak data in subdomain labels."
            + " Prefer exact host names");
      }
    }
  }

  private static void checkPorts(EndpointSite site, boolean strict, ProblemSink sink) {
    Endpoint e = site.endpoint();
    if (e.ports().isEmpty() && e.port() == 0) {
      sink.error(ProblemCode.PORT_MISSING, site.pointer(), "endpoint '" + e.host() + "' must declare at least one port");
      return;
    }
    if (e.ports().isEmpty()) {
      checkPortValue(e.port(), site.at("port"), e.host(), sink);
    } else {
      for (int i = 0; i < e.ports().size(); i++) {
        checkPortValue(e.ports().get(i), JsonPointer.index(site.at("ports"), i), e.host(), sink);
      }
      if (e.port() > 0) {
        if (strict) {
          sink.warning(ProblemCode.PORT_AND_PORTS, site.at("port"), "port " + e.port()
              + " is ignored because ports is set; upstream's lenient loader rejects both together");
        } else {
          sink.error(ProblemCode.PORT_AND_PORTS, site.at("port"), "port and ports are mutually exclusive");
        }
      }
    }
  }

  private static void checkPortValue(int port, String at, String host, ProblemSink sink) {
    if (!Port.isValid(port)) {
      sink.error(ProblemCode.PORT_INVALID, at, "endpoint '" + host + "' has invalid port " + port + "; expected "
          + Port.MIN_VALUE + "..=" + Port.MAX_VALUE);
    }
  }

  private static void checkOptions(EndpointSite site, ProblemSink sink) {
    Endpoint e = site.endpoint();
    String proto = site.protocol();
    boolean tcp = Protocol.TCP.is(proto);
    if (!e.path().isEmpty()) {
      if (!e.path().startsWith("/") && !e.path().equals("**")) {
        sink.error(ProblemCode.ENDPOINT_PATH_INVALID, site.at("path"), "path must start with '/' or be '**', got '"
            + e.path() + "'");
      }
      warnGlob(e.path(), GlobDelimiters.SLASH, site.at("path"), sink);
    }
    String tls = e.tls().trim().toLowerCase(Locale.ROOT);
    if (tls.equals("terminate") || tls.equals("passthrough")) {
      sink.warning(ProblemCode.TLS_DEPRECATED, site.at("tls"), "tls: " + e.tls()
          + " is deprecated and has no effect; TLS is detected automatically (use tls: skip to disable it)");
    } else if (!tls.isEmpty() && !tls.equals("skip")) {
      sink.warning(ProblemCode.TLS_UNKNOWN, site.at("tls"), "tls: '" + e.tls()
          + "' is not a known value; upstream silently treats it as automatic TLS detection");
    } else if (tls.equals("skip") && isInspected(proto) && e.effectivePorts().contains(HTTPS_PORT)) {
      sink.warning(ProblemCode.TLS_SKIP_WITH_L7, site.at("tls"), "tls: skip with protocol " + proto
          + " on port 443: encrypted traffic cannot be inspected, so the L7 rules will not see requests");
    }
    String enforcement = e.enforcement();
    if (!enforcement.isEmpty() && Enforcement.fromWireName(enforcement).isEmpty()) {
      sink.warning(ProblemCode.ENFORCEMENT_UNKNOWN, site.at("enforcement"), "enforcement '" + enforcement
          + "' is neither enforce nor audit; upstream silently audits (violations are logged, not blocked)");
    }
    if (!e.access().isEmpty() && Access.fromWireName(e.access()).isEmpty() && !tcp) {
      sink.warning(ProblemCode.ACCESS_UNKNOWN, site.at("access"), "unknown access preset '" + e.access()
          + "' (expected read-only, read-write or full); it expands to no rules, so the endpoint allows nothing");
    }
    if (!e.persistedQueries().isEmpty() && !e.persistedQueries().equals("deny")
        && !e.persistedQueries().equals("allow_registered")) {
      sink.error(ProblemCode.PERSISTED_QUERIES_INVALID, site.at("persisted_queries"),
          "persisted_queries must be 'deny' or 'allow_registered', got '" + e.persistedQueries() + "'");
    }
    if (e.graphqlMaxBodyBytes().isPresent() && e.graphqlMaxBodyBytes().get() <= 0) {
      sink.error(ProblemCode.BODY_LIMIT_INVALID, site.at("graphql_max_body_bytes"),
          "graphql_max_body_bytes must be a positive integer");
    }
    if (e.jsonRpc().flatMap(j -> j.maxBodyBytes()).filter(v -> v <= 0).isPresent()) {
      sink.error(ProblemCode.BODY_LIMIT_INVALID, site.at("json_rpc") + "/max_body_bytes",
          "json_rpc.max_body_bytes must be a positive integer");
    }
    e.jsonRpc().ifPresent(j -> j.unknownFields().keySet().forEach(option -> sink.errorAtKey(
        ProblemCode.JSON_RPC_OPTION_UNKNOWN, JsonPointer.key(site.at("json_rpc"), option), "unknown json_rpc option "
            + Problem.quote(option) + "; " + JSON_RPC_OPTIONS_HINT)));
    if (e.mcp().flatMap(McpOptions::maxBodyBytes).filter(v -> v <= 0).isPresent()) {
      sink.error(ProblemCode.BODY_LIMIT_INVALID, site.at("mcp") + "/max_body_bytes",
          "mcp.max_body_bytes must be a positive integer");
    }
    if (Protocol.SQL.is(proto) && e.isEnforced()) {
      sink.error(ProblemCode.SQL_ENFORCE, site.at("enforcement"),
          "protocol sql supports only enforcement: audit (the SQL inspector is not implemented)");
    }
    if (!Protocol.MCP.is(proto) && !tcp && e.mcp().isPresent()) {
      McpOptions mcp = e.mcp().get();
      if (mcp.strictToolNames().isPresent() || mcp.allowAllKnownMcpMethods().isPresent()) {
        sink.error(ProblemCode.MCP_OPTIONS_WRONG_PROTOCOL, site.at("mcp"), "mcp.strict_tool_names and"
            + " mcp.allow_all_known_mcp_methods are only valid with protocol: mcp");
      }
      if (mcp.versions().isPresent()) {
        sink.error(ProblemCode.MCP_OPTIONS_WRONG_PROTOCOL, site.at("mcp") + "/versions", "mcp.versions is only"
            + " valid with protocol: mcp" + (proto.isEmpty() ? "" : ", not " + proto)
            + "; remove it, or set protocol: mcp to inspect MCP traffic");
      }
    }
    if (!tcp) {
      warnIgnoredFields(site, sink);
    }
  }

  private static void warnIgnoredFields(EndpointSite site, ProblemSink sink) {
    Endpoint e = site.endpoint();
    String proto = site.protocol();
    boolean graphqlCapable = Protocol.GRAPHQL.is(proto) || Protocol.WEBSOCKET.is(proto);
    if (!graphqlCapable) {
      if (!e.persistedQueries().isEmpty()) {
        ignored(site, "persisted_queries", sink);
      }
      if (!e.graphqlPersistedQueries().isEmpty()) {
        ignored(site, "graphql_persisted_queries", sink);
      }
      if (e.graphqlMaxBodyBytes().isPresent()) {
        ignored(site, "graphql_max_body_bytes", sink);
      }
    }
    boolean rpc = Protocol.JSON_RPC.is(proto) || Protocol.MCP.is(proto);
    if (!rpc && e.jsonRpc().flatMap(j -> j.maxBodyBytes()).isPresent()) {
      ignored(site, "json_rpc", sink);
    }
    if (!rpc && e.mcp().flatMap(McpOptions::maxBodyBytes).isPresent()) {
      sink.warning(ProblemCode.FIELD_IGNORED_FOR_PROTOCOL, site.at("mcp") + "/max_body_bytes",
          "mcp.max_body_bytes has no effect with protocol '" + proto + "'");
    }
    if (e.websocketCredentialRewrite() && !Protocol.REST.is(proto) && !Protocol.WEBSOCKET.is(proto)) {
      ignored(site, "websocket_credential_rewrite", sink);
    }
    if (e.requestBodyCredentialRewrite() && !Protocol.REST.is(proto)) {
      ignored(site, "request_body_credential_rewrite", sink);
    }
  }

  private static void ignored(EndpointSite site, String field, ProblemSink sink) {
    sink.warning(ProblemCode.FIELD_IGNORED_FOR_PROTOCOL, site.at(field), field + " has no effect with protocol '"
        + site.protocol() + "'");
  }

  private static void checkCredentials(EndpointSite site, ProblemSink sink) {
    Endpoint e = site.endpoint();
    String signing = e.credentialSigning();
    if (signing.isEmpty()) {
      return;
    }
    if (!SIGNING_MODES.contains(signing)) {
      sink.error(ProblemCode.CREDENTIAL_SIGNING_UNKNOWN, site.at("credential_signing"), "unknown credential_signing '"
          + signing + "' (expected sigv4, sigv4:body or sigv4:no_body)");
    }
    if (e.signingService().isBlank()) {
      sink.error(ProblemCode.CREDENTIAL_SIGNING_SERVICE_MISSING, site.at("credential_signing"),
          "credential_signing requires signing_service");
    }
    if (e.requestBodyCredentialRewrite()) {
      sink.error(ProblemCode.CREDENTIAL_SIGNING_WITH_BODY_REWRITE, site.at("request_body_credential_rewrite"),
          "credential_signing and request_body_credential_rewrite are mutually exclusive");
    }
  }

  private static void checkAllowedIps(EndpointSite site, ProblemSink sink) {
    List<String> ips = site.endpoint().allowedIps();
    for (int i = 0; i < ips.size(); i++) {
      String text = ips.get(i);
      String at = JsonPointer.index(site.at("allowed_ips"), i);
      CidrRange cidr = CidrRange.tryParse(text.trim()).orElse(null);
      if (cidr == null) {
        sink.error(ProblemCode.ALLOWED_IPS_INVALID, at, "allowed_ips entry '" + text
            + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8)");
        continue;
      }
      for (CidrRange reserved : Reserved.RANGES) {
        if (cidr.overlaps(reserved)) {
          sink.error(ProblemCode.ALLOWED_IPS_RESERVED, at, "allowed_ips entry '" + text
              + "' overlaps loopback, link-local or unspecified addresses, which are always blocked");
          break;
        }
      }
      if (cidr.prefixLength() < BROAD_CIDR_PREFIX) {
        sink.warning(ProblemCode.ALLOWED_IPS_BROAD, at, "allowed_ips entry '" + text + "' is broader than /"
            + BROAD_CIDR_PREFIX);
      }
    }
  }

  private static void checkTcpFields(EndpointSite site, ProblemSink sink) {
    Endpoint e = site.endpoint();
    List<String> fields = new ArrayList<>();
    if (!e.enforcement().isEmpty()) {
      fields.add("enforcement");
    }
    if (!e.path().isEmpty()) {
      fields.add("path");
    }
    if (e.allowEncodedSlash()) {
      fields.add("allow_encoded_slash");
    }
    if (e.websocketCredentialRewrite()) {
      fields.add("websocket_credential_rewrite");
    }
    if (e.requestBodyCredentialRewrite()) {
      fields.add("request_body_credential_rewrite");
    }
    if (!e.persistedQueries().isEmpty()) {
      fields.add("persisted_queries");
    }
    if (!e.graphqlPersistedQueries().isEmpty()) {
      fields.add("graphql_persisted_queries");
    }
    if (e.graphqlMaxBodyBytes().isPresent()) {
      fields.add("graphql_max_body_bytes");
    }
    if (e.jsonRpc().flatMap(j -> j.maxBodyBytes()).isPresent()
        || e.mcp().flatMap(McpOptions::maxBodyBytes).isPresent()) {
      fields.add("json_rpc_max_body_bytes");
    }
    if (e.mcp().flatMap(McpOptions::strictToolNames).isPresent()) {
      fields.add("mcp.strict_tool_names");
    }
    if (e.mcp().flatMap(McpOptions::allowAllKnownMcpMethods).isPresent()) {
      fields.add("mcp.allow_all_known_mcp_methods");
    }
    if (e.mcp().flatMap(McpOptions::versions).isPresent()) {
      fields.add("mcp.versions");
    }
    if (!e.credentialSigning().isEmpty()) {
      fields.add("credential_signing");
    }
    if (!e.signingService().isEmpty()) {
      fields.add("signing_service");
    }
    if (!e.signingRegion().isEmpty()) {
      fields.add("signing_region");
    }
    if (e.credentialBinding().isPresent()) {
      fields.add("credential_binding");
    }
    if (!fields.isEmpty()) {
      String first = fields.get(0);
      int dot = first.indexOf('.');
      String field = first.startsWith("json_rpc_") ? (e.jsonRpc().isPresent() ? "json_rpc" : "mcp")
          : dot > 0 ? first.substring(0, dot) : first;
      sink.error(ProblemCode.TCP_L7_FIELDS, site.at(field), "protocol tcp does not support L7 fields: "
          + String.join(", ", fields) + "; remove them or use an inspected protocol");
    }
  }

  /**
   * Warns (upstream only warns at load time) when {@code glob} does not compile with the call site's
   * {@code delimiters}; the same pattern fails closed on every request it is evaluated against (spec §3.2).
   */
  static void warnGlob(String glob, GlobDelimiters delimiters, String at, ProblemSink sink) {
    GlobPattern.check(glob, delimiters).ifPresent(error -> sink.warning(ProblemCode.GLOB_INVALID, at, "glob '" + glob
        + "' does not compile (" + error.code() + " at offset " + error.offset() + ": " + error.message()
        + "); it is accepted at load time but every request it is evaluated against fails closed"));
  }
}
