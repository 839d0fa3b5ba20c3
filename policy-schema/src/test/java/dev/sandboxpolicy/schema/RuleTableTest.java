package dev.sandboxpolicy.schema;

import static dev.sandboxpolicy.schema.Docs.endpoint;
import static dev.sandboxpolicy.schema.Docs.preset;
import static dev.sandboxpolicy.schema.Docs.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule: a minimal invalid document must produce the code at the pointer and line given, with the
 * given severity; its valid neighbour (one change away) must not produce that code at all.
 */
class RuleTableTest {

  record Case(String code, Severity severity, String pointer, int line, String invalid, String valid,
      DocumentKind kind, ReadMode mode, PresetOrigin origin) {
    @Override
    public String toString() {
      return code + " @" + pointer + (mode == ReadMode.LEGACY_TOLERANT ? " (lenient)" : "");
    }
  }

  private static final String E = "/network_policies/a/endpoints/0";
  private static final String R = E + "/rules/0/allow";

  private static Case err(String code, String pointer, int line, String invalid, String valid) {
    return new Case(code, Severity.ERROR, pointer, line, invalid, valid, DocumentKind.POLICY, ReadMode.STRICT,
        PresetOrigin.CUSTOM);
  }

  private static Case warn(String code, String pointer, int line, String invalid, String valid) {
    return new Case(code, Severity.WARNING, pointer, line, invalid, valid, DocumentKind.POLICY, ReadMode.STRICT,
        PresetOrigin.CUSTOM);
  }

  private static Case lenient(Case c) {
    return new Case(c.code, c.severity, c.pointer, c.line, c.invalid, c.valid, c.kind, ReadMode.LEGACY_TOLERANT, c.origin);
  }

  private static Case kind(Case c, DocumentKind kind) {
    return new Case(c.code, c.severity, c.pointer, c.line, c.invalid, c.valid, kind, c.mode, c.origin);
  }

  private static Case builtIn(Case c) {
    return new Case(c.code, c.severity, c.pointer, c.line, c.invalid, c.valid, c.kind, c.mode,
        PresetOrigin.BUILT_IN);
  }

  private static final String H = "host: api.example.com";
  private static final String P = "port: 443";

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    // ---- text and schema
    c.add(err("yaml_syntax", "", 1, "version: [1\n", "version: 1\n"));
    c.add(err("unknown_key", E + "/bogus", 7, endpoint(H, P, "bogus: 1"), endpoint(H, P)));
    c.add(lenient(warn("unknown_key", E + "/bogus", 7, endpoint(H, P, "bogus: 1"), endpoint(H, P))));
    c.add(err("missing_version", "", 1, "network_policies: {}\n", "version: 1\nnetwork_policies: {}\n"));
    c.add(kind(err("missing_field", "", 1, "network_policies: {p: {}}\n", Docs.preset("x", H, P)), DocumentKind.PRESET));
    c.add(err("wrong_type", E + "/port", 6, endpoint(H, "port: \"443\""), endpoint(H, P)));
    c.add(err("integer_out_of_range", E + "/port", 6, endpoint(H, "port: 70000"), endpoint(H, "port: 7000")));
    c.add(kind(err("value_not_allowed", "/components/policy/additions/x/endpoints/0/protocol", 0,
        blueprint("protocol: graphql\n            rules: [{allow: {method: GET, path: /}}]"),
        blueprint("protocol: rest\n            rules: [{allow: {method: GET, path: /}}]")), DocumentKind.BLUEPRINT));
    c.add(kind(err("pattern_mismatch", "/version", 1, blueprint("access: full").replace("0.1.0", "v0.1.0"),
        blueprint("access: full")), DocumentKind.BLUEPRINT));
    c.add(kind(err("size_invalid", "/network_policies", 4,
        "preset:\n  name: x\n  description: d\nnetwork_policies: {}\n", preset("x", H, P)), DocumentKind.PRESET));
    // ---- filesystem, landlock, process
    c.add(err("filesystem_path_relative", "/filesystem_policy/read_only/0", 4,
        section("filesystem_policy", "read_only:", "  - usr"), section("filesystem_policy", "read_only: [/usr]")));
    c.add(err("filesystem_path_traversal", "/filesystem_policy/read_only/0", 3,
        section("filesystem_policy", "read_only: [/usr/../etc]"),
        section("filesystem_policy", "read_only: [/usr/..etc]")));
    c.add(err("filesystem_read_write_root", "/filesystem_policy/read_write/0", 3,
        section("filesystem_policy", "read_write: [//]"), section("filesystem_policy", "read_only: [/]")));
    c.add(err("filesystem_path_too_long", "/filesystem_policy/read_only/0", 3,
        section("filesystem_policy", "read_only: [/" + "a".repeat(4096) + "]"),
        section("filesystem_policy", "read_only: [/" + "a".repeat(4095) + "]")));
    c.add(err("filesystem_too_many_paths", "/filesystem_policy", 3,
        section("filesystem_policy", "read_only: " + paths(257)),
        section("filesystem_policy", "read_only: " + paths(256))));
    c.add(err("landlock_compatibility_unknown", "/landlock/compatibility", 3,
        section("landlock", "compatibility: strict"), section("landlock", "compatibility: best_effort")));
    c.add(lenient(err("landlock_compatibility_unknown", "/landlock/compatibility", 3,
        section("landlock", "compatibility: Hard_Requirement"), section("landlock", "compatibility: \"\""))));
    c.add(err("landlock_hard_requirement_without_paths", "/landlock/compatibility", 4,
        "version: 1\nfilesystem_policy: {}\nlandlock:\n  compatibility: hard_requirement\n",
        "version: 1\nlandlock:\n  compatibility: hard_requirement\n"));
    c.add(err("landlock_hard_requirement_without_paths", "/landlock/compatibility", 6,
        "version: 1\nfilesystem_policy:\n  include_workdir: false\n  read_only: []\nlandlock:\n"
            + "  compatibility: hard_requirement\n",
        "version: 1\nfilesystem_policy:\n  include_workdir: false\n  read_only: [/usr]\nlandlock:\n"
            + "  compatibility: hard_requirement\n"));
    c.add(err("process_identity_invalid", "/process/run_as_user", 3, section("process", "run_as_user: root"),
        section("process", "run_as_user: sandbox")));
    c.add(err("process_identity_invalid", "/process/run_as_group", 3, section("process", "run_as_group: \"0\""),
        section("process", "run_as_group: \"+0010\"")));
    c.add(err("process_identity_invalid", "/process/run_as_user", 3,
        section("process", "run_as_user: \"4294967295\""), section("process", "run_as_user: \"4294967294\"")));
    // ---- entries
    c.add(err("reserved_key", "/network_policies/_provider_x", 3, endpoint(H, P).replace("  a:", "  _provider_x:"),
        endpoint(H, P).replace("  a:", "  provider_x:")));
    c.add(warn("binaries_empty", "/network_policies/a", 3,
        endpoint(H, P).replace("    binaries:\n      - path: /usr/bin/curl\n", ""), endpoint(H, P)));
    c.add(err("binary_path_empty", "/network_policies/a/binaries/0/path", 8,
        endpoint(H, P).replace("- path: /usr/bin/curl", "- path: \"\""), endpoint(H, P)));
    c.add(lenient(err("binary_path_empty", "/network_policies/a/binaries/0/path", 8,
        endpoint(H, P).replace("- path: /usr/bin/curl", "- path: \"\""), endpoint(H, P))));
    // ---- host and ports
    c.add(err("host_missing", E, 5, endpoint("host: \"\"", P), endpoint("host: \"\"", P,
        "allowed_ips: [10.1.0.0/16]")));
    c.add(err("host_wildcard_all", E + "/host", 5, endpoint("host: \"*\"", P), endpoint("host: \"*.example.com\"", P)));
    c.add(err("host_wildcard_tld", E + "/host", 5, endpoint("host: \"*.com\"", P),
        endpoint("host: \"*.example.com\"", P)));
    c.add(err("host_wildcard_shape", E + "/host", 5, endpoint("host: \"api.*-x.example.com\"", P),
        endpoint("host: \"api.*.example.com\"", P)));
    c.add(err("host_wildcard_shape", E + "/host", 5, endpoint("host: \"a**.example.com\"", P),
        endpoint("host: \"**.example.com\"", P)));
    c.add(err("tcp_host_required", E + "/host", 5, endpoint("host: \" \"", P, "protocol: tcp",
        "allowed_ips: [10.1.0.0/16]"), endpoint("host: db.example.com", P, "protocol: tcp")));
    c.add(err("tcp_host_ip_literal", E + "/host", 5, endpoint("host: 10.1.2.3", P, "protocol: tcp"),
        endpoint("host: db.example.com", P, "protocol: tcp")));
    c.add(err("tcp_host_invalid", E + "/host", 5, endpoint("host: db.example.com.", P, "protocol: tcp"),
        endpoint("host: db.example.com", P, "protocol: tcp")));
    c.add(warn("tcp_wildcard_dns_exfiltration", E + "/host", 5,
        endpoint("host: \"*.example.com\"", P, "protocol: tcp"), endpoint("host: \"*.example.com\"", P)));
    c.add(err("port_missing", E, 5, endpoint(H), endpoint(H, P)));
    c.add(err("port_invalid", E + "/ports/1", 6, endpoint(H, "ports: [443, 0]"), endpoint(H, "ports: [443, 8443]")));
    c.add(warn("port_and_ports", E + "/port", 6, endpoint(H, "port: 80", "ports: [443]"),
        endpoint(H, "ports: [443]")));
    c.add(lenient(err("port_and_ports", E + "/port", 6, endpoint(H, "port: 80", "ports: [443]"),
        endpoint(H, "ports: [80, 443]"))));
    // ---- endpoint options
    c.add(err("endpoint_path_invalid", E + "/path", 7, endpoint(H, P, "path: api/**"),
        endpoint(H, P, "path: /api/**")));
    c.add(warn("tls_deprecated", E + "/tls", 7, endpoint(H, P, "tls: terminate"), endpoint(H, P, "tls: skip")));
    c.add(warn("tls_unknown", E + "/tls", 7, endpoint(H, P, "tls: \"yes\""), endpoint(H, P)));
    c.add(warn("tls_skip_with_l7", E + "/tls", 9, endpoint(H, P, "protocol: rest", "access: full", "tls: skip"),
        endpoint(H, "port: 80", "protocol: rest", "access: full", "tls: skip")));
    c.add(warn("enforcement_unknown", E + "/enforcement", 9,
        endpoint(H, P, "protocol: rest", "access: full", "enforcement: enforced"),
        endpoint(H, P, "protocol: rest", "access: full", "enforcement: enforce")));
    c.add(warn("access_unknown", E + "/access", 8, endpoint(H, P, "protocol: rest", "access: allow"),
        endpoint(H, P, "protocol: rest", "access: full")));
    c.add(err("persisted_queries_invalid", E + "/persisted_queries", 9,
        endpoint(H, P, "protocol: graphql", "access: read-only", "persisted_queries: allow"),
        endpoint(H, P, "protocol: graphql", "access: read-only", "persisted_queries: allow_registered")));
    c.add(err("body_limit_invalid", E + "/graphql_max_body_bytes", 9,
        endpoint(H, P, "protocol: graphql", "access: read-only", "graphql_max_body_bytes: 0"),
        endpoint(H, P, "protocol: graphql", "access: read-only", "graphql_max_body_bytes: 1024")));
    c.add(err("sql_enforce", E + "/enforcement", 9,
        endpoint(H, "port: 5432", "protocol: sql", "access: full", "enforcement: enforce"),
        endpoint(H, "port: 5432", "protocol: sql", "access: full", "enforcement: audit")));
    c.add(err("mcp_options_wrong_protocol", E + "/mcp", 9,
        endpoint(H, P, "protocol: rest", "access: full", "mcp: {strict_tool_names: true}"),
        endpoint(H, P, "protocol: mcp", "rules: [{allow: {method: tools/list}}]", "mcp: {strict_tool_names: true}")));
    c.add(err("mcp_options_wrong_protocol", E + "/mcp/versions", 9,
        endpoint(H, P, "protocol: rest", "access: full", "mcp: {versions: [2025-11-25]}"),
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-11-25]}")));
    c.add(err("mcp_versions_empty", E + "/mcp/versions", 8,
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: []}"),
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true}")));
    c.add(err("mcp_version_unknown", E + "/mcp/versions/0", 8,
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [latest]}"),
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-11-25]}")));
    c.add(err("mcp_version_unknown", E + "/mcp/versions/1", 8,
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-03-26, \" 2025-11-25\"]}"),
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-03-26, \"2025-11-25\"]}")));
    c.add(err("mcp_version_duplicate", E + "/mcp/versions/1", 8,
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-06-18, 2025-06-18]}"),
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-06-18, 2025-11-25]}")));
    c.add(err("mcp_versions_ambiguous", E + "/mcp_versions", 9,
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-11-25]}",
            "mcp_versions: [2025-11-25]"),
        endpoint(H, P, "protocol: mcp", "mcp: {allow_all_known_mcp_methods: true, versions: [2025-11-25]}")));
    c.add(err("mcp_endpoint_unbounded", E, 5,
        endpoint("host: \"\"", P, "protocol: mcp", "allowed_ips: [10.1.0.0/16]", "mcp: {allow_all_known_mcp_methods: true}"),
        endpoint(H, P, "protocol: mcp", "allowed_ips: [10.1.0.0/16]", "mcp: {allow_all_known_mcp_methods: true}")));
    c.add(warn("field_ignored_for_protocol", E + "/graphql_max_body_bytes", 9,
        endpoint(H, P, "protocol: rest", "access: full", "graphql_max_body_bytes: 1024"),
        endpoint(H, P, "protocol: graphql", "access: full", "graphql_max_body_bytes: 1024")));
    // ---- credentials
    c.add(err("credential_signing_unknown", E + "/credential_signing", 9,
        endpoint(H, P, "protocol: rest", "access: full", "credential_signing: sigv5", "signing_service: s3"),
        endpoint(H, P, "protocol: rest", "access: full", "credential_signing: sigv4", "signing_service: s3")));
    c.add(err("credential_signing_service_missing", E + "/credential_signing", 9,
        endpoint(H, P, "protocol: rest", "access: full", "credential_signing: sigv4"),
        endpoint(H, P, "protocol: rest", "access: full", "credential_signing: sigv4", "signing_service: s3")));
    c.add(err("credential_signing_with_body_rewrite", E + "/request_body_credential_rewrite", 11,
        endpoint(H, P, "protocol: rest", "access: full", "credential_signing: sigv4", "signing_service: s3",
            "request_body_credential_rewrite: true"),
        endpoint(H, P, "protocol: rest", "access: full", "credential_signing: sigv4", "signing_service: s3",
            "request_body_credential_rewrite: false")));
    // ---- allowed_ips
    c.add(err("allowed_ips_invalid", E + "/allowed_ips/1", 0, endpoint(H, P, "allowed_ips: [10.1.0.0/16, 10.1.0.0/33]"),
        endpoint(H, P, "allowed_ips: [10.1.0.0/16, 10.2.0.0/16]")));
    c.add(err("allowed_ips_reserved", E + "/allowed_ips/0", 7, endpoint(H, P, "allowed_ips: [0.0.0.0/0]"),
        endpoint(H, P, "allowed_ips: [10.1.0.0/16]")));
    c.add(err("allowed_ips_reserved", E + "/allowed_ips/0", 7, endpoint(H, P, "allowed_ips: [\"fe80::1\"]"),
        endpoint(H, P, "allowed_ips: [\"fd00::/16\"]")));
    c.add(warn("allowed_ips_broad", E + "/allowed_ips/0", 7, endpoint(H, P, "allowed_ips: [10.0.0.0/8]"),
        endpoint(H, P, "allowed_ips: [10.0.0.0/16]")));
    // ---- shared L7 rules
    c.add(err("protocol_unknown", E + "/protocol", 7, endpoint(H, P, "protocol: http", "access: full"),
        endpoint(H, P, "protocol: REST", "access: full")));
    c.add(err("tcp_l7_rules", E + "/access", 8, endpoint(H, P, "protocol: tcp", "access: full"),
        endpoint(H, P, "protocol: tcp")));
    c.add(err("tcp_l7_fields", E + "/enforcement", 8, endpoint(H, P, "protocol: tcp", "enforcement: enforce"),
        endpoint(H, P, "protocol: tcp")));
    c.add(err("rules_and_access", E + "/access", 8,
        endpoint(H, P, "protocol: rest", "access: full", "rules: [{allow: {method: GET, path: /}}]"),
        endpoint(H, P, "protocol: rest", "rules: [{allow: {method: GET, path: /}}]")));
    c.add(err("access_not_supported", E + "/access", 8, endpoint(H, P, "protocol: json-rpc", "access: full"),
        endpoint(H, P, "protocol: json-rpc", "rules: [{allow: {method: \"*\"}}]")));
    c.add(err("rules_required", E, 5, endpoint(H, P, "protocol: rest"), endpoint(H, P, "protocol: rest",
        "access: read-only")));
    c.add(err("rules_required", E, 5, endpoint(H, P, "protocol: mcp"), endpoint(H, P, "protocol: mcp",
        "mcp: {allow_all_known_mcp_methods: true}")));
    c.add(err("rules_deny_all", E + "/rules", 8, endpoint(H, P, "protocol: rest", "rules: [{allow: {}}]"),
        endpoint(H, P, "protocol: rest", "rules: [{allow: {method: GET, path: /}}]")));
    c.add(err("rules_empty", E + "/rules", 8, endpoint(H, P, "protocol: rest", "rules: []"),
        endpoint(H, P, "protocol: rest", "access: full")));
    c.add(err("deny_rules_empty", E + "/deny_rules", 9, endpoint(H, P, "protocol: rest", "access: full",
        "deny_rules: []"), endpoint(H, P, "protocol: rest", "access: full")));
    c.add(err("deny_rules_protocol_required", E + "/deny_rules", 8,
        endpoint(H, P, "access: full", "deny_rules: [{method: DELETE, path: /**}]"),
        endpoint(H, P, "protocol: rest", "access: full", "deny_rules: [{method: DELETE, path: /**}]")));
    c.add(err("deny_rules_base_required", E + "/deny_rules", 8,
        endpoint(H, P, "protocol: rest", "deny_rules: [{method: DELETE, path: /**}]"),
        endpoint(H, P, "protocol: rest", "access: full", "deny_rules: [{method: DELETE, path: /**}]")));
    // ---- rule bodies
    c.add(warn("method_unknown", R + "/method", 0, endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: FETCH, path: /}}]"), endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: get, path: /}}]")));
    c.add(warn("rest_rule_without_path", R, 0, endpoint(H, P, "protocol: rest", "rules: [{allow: {method: GET}}]"),
        endpoint(H, P, "protocol: rest", "rules: [{allow: {method: GET, path: \"/**\"}}]")));
    c.add(warn("glob_invalid", R + "/path", 0, endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: \"/a/[b\"}}]"), endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: \"/a/[b]\"}}]")));
    c.add(warn("glob_invalid", R + "/query/tag/any/1", 0, endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: /, query: {tag: {any: [a, \"b{\"]}}}}]"), endpoint(H, P,
        "protocol: rest", "rules: [{allow: {method: GET, path: /, query: {tag: {any: [a, \"{b,c}\"]}}}}]")));
    c.add(lenient(err("query_matcher_invalid", R + "/query/tag", 0, endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: /, query: {tag: {glob: a, any: [b]}}}}]"), endpoint(H, P,
        "protocol: rest", "rules: [{allow: {method: GET, path: /, query: {tag: {glob: a}}}}]"))));
    c.add(err("graphql_operation_type_invalid", R + "/operation_type", 0, endpoint(H, P, "protocol: graphql",
        "rules: [{allow: {operation_type: \"*\"}}]"), endpoint(H, P, "protocol: graphql",
        "rules: [{allow: {operation_type: query}}]")));
    c.add(lenient(err("graphql_operation_type_invalid", R + "/operation_type", 0, endpoint(H, P,
        "protocol: graphql", "rules: [{allow: {operation_type: select}}]"), endpoint(H, P, "protocol: graphql",
        "rules: [{allow: {operation_type: \"*\"}}]"))));
    c.add(err("graphql_fields_invalid", R + "/fields/0", 0, endpoint(H, P, "protocol: graphql",
        "rules: [{allow: {operation_type: query, fields: [\"\"]}}]"), endpoint(H, P, "protocol: graphql",
        "rules: [{allow: {operation_type: query, fields: [user]}}]")));
    // §2.4 "fields must be a non-empty array": `fields: []` reads like an absent key, so only the text shows it.
    c.add(err("graphql_fields_invalid", R + "/fields", 8, endpoint(H, P, "protocol: graphql",
        "rules: [{allow: {operation_type: query, fields: []}}]"), endpoint(H, P, "protocol: graphql",
        "rules: [{allow: {operation_type: query}}]")));
    c.add(lenient(err("graphql_fields_invalid", E + "/deny_rules/0/fields", 11, endpoint(H, P, "protocol: graphql",
        "access: read-only", "deny_rules:\n          - operation_type: mutation\n            fields: []"),
        endpoint(H, P, "protocol: graphql", "access: read-only",
            "deny_rules:\n          - operation_type: mutation\n            fields: [deleteRepo]"))));
    c.add(err("graphql_fields_invalid", E + "/graphql_persisted_queries/h1/fields", 10, endpoint(H, P,
        "protocol: graphql", "access: read-only", "persisted_queries: allow_registered",
        "graphql_persisted_queries: {h1: {operation_type: query, fields: []}}"), endpoint(H, P,
        "protocol: graphql", "access: read-only", "persisted_queries: allow_registered",
        "graphql_persisted_queries: {h1: {operation_type: query, fields: [viewer]}}")));
    c.add(err("websocket_rule_mixed", R, 0, endpoint(H, P, "protocol: websocket",
        "rules: [{allow: {method: GET, path: /, operation_type: query}}]"), endpoint(H, P, "protocol: websocket",
        "rules: [{allow: {method: GET, path: /}}, {allow: {operation_type: query}}]")));
    c.add(err("websocket_text_with_graphql", E + "/rules/1/allow/method", 0, endpoint(H, P, "protocol: websocket",
        "rules: [{allow: {operation_type: query}}, {allow: {method: WEBSOCKET_TEXT, path: /}}]"), endpoint(H, P,
        "protocol: websocket", "rules: [{allow: {method: GET, path: /}}, {allow: {method: WEBSOCKET_TEXT, path: /}}]")));
    c.add(err("json_rpc_rule_invalid", R + "/method", 0, endpoint(H, P, "protocol: json-rpc",
        "rules: [{allow: {method: reports.*}}]"), endpoint(H, P, "protocol: json-rpc",
        "rules: [{allow: {method: reports.list}}]")));
    c.add(err("mcp_method_invalid", R + "/method", 0, endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: \"vendor/*\"}}]"), endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: \"tools/*\"}}]")));
    c.add(err("mcp_method_required", R, 0, endpoint(H, P, "protocol: mcp", "rules: [{allow: {tool: search}}]"),
        endpoint(H, P, "protocol: mcp", "rules: [{allow: {method: tools/call, tool: search}}]")));
    c.add(err("mcp_tool_selector_invalid", R + "/method", 0, endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/list, tool: search}}]"), endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, tool: search}}]")));
    c.add(err("mcp_tool_selector_invalid", R + "/params/query", 0, endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, params: {query: x}}}]"), endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, params: {name: x}}}]")));
    c.add(err("mcp_tool_call_conflict", E + "/rules/1/allow", 0, endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, tool: search}}, {allow: {method: \"*\"}}]"), endpoint(H, P,
        "protocol: mcp", "rules: [{allow: {method: tools/call, tool: search}}, {allow: {method: resources/list}}]")));
    c.add(err("tool_wrong_protocol", R + "/tool", 0, endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: /, tool: x}}]"), endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: /}}]")));
    // ---- ambiguity
    c.add(err("endpoint_ambiguous", "/network_policies/b/endpoints/0", 0,
        twoEntries("host: api.example.com", "tls: skip", "host: api.example.com", "protocol: rest\n        access: full"),
        twoEntries("host: api.example.com", "tls: skip", "host: web.example.com", "protocol: rest\n        access: full")));
    c.add(err("endpoint_ambiguous", "/network_policies/b/endpoints/0", 0,
        twoEntries("host: \"*.example.com\"", "protocol: rest\n        access: full\n        enforcement: enforce",
            "host: api.example.com", "protocol: rest\n        access: read-only"),
        twoEntries("host: \"*.example.com\"", "protocol: rest\n        access: full\n        enforcement: enforce",
            "host: api.example.com", "protocol: rest\n        access: read-only\n        enforcement: enforce")));
    // ---- middlewares
    c.add(err("middleware_name_empty", "/network_middlewares/m/middleware", 0, middleware("middleware: \"\""),
        middleware("middleware: guard")));
    c.add(err("middleware_on_error_invalid", "/network_middlewares/m/on_error", 0,
        middleware("middleware: guard\n    on_error: ignore"), middleware("middleware: guard\n    on_error: fail_open")));
    c.add(err("middleware_selector_missing", "/network_middlewares/m", 0,
        "version: 1\nnetwork_middlewares:\n  m:\n    middleware: guard\n", middleware("middleware: guard")));
    c.add(err("middleware_include_empty", "/network_middlewares/m/endpoints", 0,
        middleware("middleware: guard").replace("include: [httpbin.org]", "include: []"),
        middleware("middleware: guard")));
    c.add(err("middleware_host_pattern_invalid", "/network_middlewares/m/endpoints/include/0", 0,
        middleware("middleware: guard").replace("httpbin.org", "a..org"), middleware("middleware: guard")));
    c.add(err("middleware_order_duplicate", "/network_middlewares/n/order", 0,
        middleware("middleware: guard\n    order: 1") + "  n:\n    middleware: g2\n    order: 1\n"
            + "    endpoints: {include: [x.org]}\n",
        middleware("middleware: guard\n    order: 1") + "  n:\n    middleware: g2\n    order: 2\n"
            + "    endpoints: {include: [x.org]}\n"));
    c.add(err("middleware_tls_skip_overlap", "/network_middlewares/m/endpoints", 0,
        middleware("middleware: guard") + endpoint("host: httpbin.org", P, "tls: skip").replace("version: 1\n", ""),
        middleware("middleware: guard\n    on_error: fail_open")
            + endpoint("host: httpbin.org", P, "tls: skip").replace("version: 1\n", "")));
    c.add(err("middleware_key_empty", "/network_middlewares/", 0, middleware("middleware: guard").replace("  m:", "  \"\":"),
        middleware("middleware: guard")));
    c.add(err("middleware_too_many_patterns", "/network_middlewares/m/endpoints", 0,
        middleware("middleware: guard").replace("[httpbin.org]", hosts(33)),
        middleware("middleware: guard").replace("[httpbin.org]", hosts(32))));
    c.add(err("middleware_too_many", "/network_middlewares", 3, middlewares(11), middlewares(10)));
    c.add(err("matcher_value_invalid", R + "/params/name", 0, endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, params: {name: 5}}}]"), endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, params: {name: \"5\"}}}]")));
    // ---- matcher values that are neither a glob string nor a matcher object: never coerced, never dropped
    String deny = "deny_rules: [{method: POST, path: /merge, query: {force: %s}}]";
    c.add(err("matcher_value_invalid", E + "/deny_rules/0/query/force", 9,
        endpoint(H, P, "protocol: rest", "access: full", deny.formatted("123")),
        endpoint(H, P, "protocol: rest", "access: full", deny.formatted("\"123\""))));
    c.add(lenient(err("matcher_value_invalid", E + "/deny_rules/0/query/force", 9,
        endpoint(H, P, "protocol: rest", "access: full", deny.formatted("true")),
        endpoint(H, P, "protocol: rest", "access: full", deny.formatted("{any: [\"true\"]}")))));
    c.add(lenient(err("matcher_value_invalid", E + "/deny_rules/0/query/force", 9,
        endpoint(H, P, "protocol: rest", "access: full", deny.formatted("null")),
        endpoint(H, P, "protocol: rest", "access: full", deny.formatted("\"*\"")))));
    c.add(err("matcher_value_invalid", R + "/query/tag", 0, endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: /, query: {tag: [a, b]}}}]"), endpoint(H, P, "protocol: rest",
        "rules: [{allow: {method: GET, path: /, query: {tag: {any: [a, b]}}}}]")));
    c.add(err("matcher_value_invalid", R + "/tool", 0, endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, tool: 7}}]"), endpoint(H, P, "protocol: mcp",
        "rules: [{allow: {method: tools/call, tool: \"7\"}}]")));
    // ---- json_rpc options: closed in every mode
    c.add(err("json_rpc_option_unknown", E + "/json_rpc/on_parse_error", 9,
        endpoint(H, P, "protocol: json-rpc", "rules: [{allow: {method: ping}}]",
            "json_rpc: {max_body_bytes: 4096, on_parse_error: allow}"),
        endpoint(H, P, "protocol: json-rpc", "rules: [{allow: {method: ping}}]", "json_rpc: {max_body_bytes: 4096}")));
    c.add(lenient(err("json_rpc_option_unknown", E + "/json_rpc/on_parse_error", 9,
        endpoint(H, P, "protocol: json-rpc", "rules: [{allow: {method: ping}}]", "json_rpc: {on_parse_error: allow}"),
        endpoint(H, P, "protocol: json-rpc", "rules: [{allow: {method: ping}}]", "json_rpc: {}"))));
    // ---- built-in middlewares: only registered names, only the config each accepts
    c.add(err("middleware_builtin_unknown", "/network_middlewares/m/middleware", 4,
        middleware("middleware: openshell/secrets"), middleware("middleware: openshell/regex")));
    c.add(err("middleware_builtin_unknown", "/network_middlewares/m/middleware", 4,
        middleware("middleware: openshell/"), middleware("middleware: acme/secrets")));
    c.add(err("middleware_config_invalid", "/network_middlewares/m/config/mode", 5,
        middleware("middleware: openshell/regex\n    config: {mode: allow}"),
        middleware("middleware: openshell/regex\n    config: {mode: redact}")));
    c.add(err("middleware_config_invalid", "/network_middlewares/m/config/patterns", 5,
        middleware("middleware: openshell/regex\n    config: {patterns: [sk-.*]}"),
        middleware("middleware: external/regex\n    config: {patterns: [sk-.*]}")));
    c.add(err("middleware_config_invalid", "/network_middlewares/m/config/mode", 5,
        middleware("middleware: openshell/regex\n    config: {mode: 42}"),
        middleware("middleware: openshell/regex\n    config: {}")));
    // ---- presets
    c.add(kind(err("preset_name_invalid", "/preset/name", 2, preset("Has_Underscore", H, P), preset("has-dash", H, P)),
        DocumentKind.PRESET));
    c.add(kind(err("preset_name_reserved", "/preset/name", 2, preset("_provider_x", H, P), preset("provider-x", H, P)),
        DocumentKind.PRESET));
    c.add(kind(err("preset_name_builtin_collision", "/preset/name", 2, preset("npm", H, P), preset("my-npm", H, P)),
        DocumentKind.PRESET));
    c.add(kind(err("preset_allowed_ips", "/network_policies/p/endpoints/0/allowed_ips", 10,
        preset("mine", H, P, "allowed_ips: [10.1.0.0/16]"),
        preset("mine", "host: host.openshell.internal.", P, "allowed_ips: [10.1.0.0/16]")), DocumentKind.PRESET));
    c.add(builtIn(kind(err("preset_host_dangerous", "/network_policies/p/endpoints/0/host", 8,
        preset("mine", "host: 0.0.0.0", P), preset("mine", "host: \"*.example.com\"", P)), DocumentKind.PRESET)));
    c.add(kind(err("reserved_key", "/network_policies/_provider_p", 5,
        preset("mine", H, P).replace("  p:", "  _provider_p:"), preset("mine", H, P)), DocumentKind.PRESET));
    c.add(kind(err("reserved_key", "/network_policies/npm_yarn", 5,
        preset("mine", H, P).replace("  p:", "  npm_yarn:"), preset("mine", H, P).replace("  p:", "  npm_mirror:")),
        DocumentKind.PRESET));
    c.add(kind(err("preset_host_private", "/network_policies/p/endpoints/0/host", 8,
        preset("mine", "host: 169.254.169.254", P), preset("mine", "host: 169.254.169.254.nip.example", P)),
        DocumentKind.PRESET));
    c.add(kind(err("preset_host_private", "/network_policies/p/endpoints/0/host", 8,
        preset("mine", "host: \"*.internal\"", P), preset("mine", "host: host.openshell.internal", P)),
        DocumentKind.PRESET));
    return c.stream();
  }

  private static String paths(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append("/p").append(i);
    }
    return sb.append(']').toString();
  }

  private static String hosts(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append("h").append(i).append(".example.com");
    }
    return sb.append(']').toString();
  }

  private static String middlewares(int n) {
    StringBuilder sb = new StringBuilder("version: 1\nnetwork_middlewares:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  m").append(i).append(": {middleware: g, order: ").append(i)
          .append(", endpoints: {include: [x.org]}}\n");
    }
    return sb.toString();
  }

  private static String blueprint(String endpointFields) {
    return "version: 0.1.0\nprofiles: [default]\ncomponents:\n  sandbox: {image: img, name: box}\n"
        + "  inference:\n    profiles:\n      default: {provider_type: nvidia, endpoint: \"\"}\n"
        + "  policy:\n    base: base.yaml\n    additions:\n      x:\n        name: x\n        endpoints:\n"
        + "          - host: nim.local\n            port: 8000\n            " + endpointFields + "\n";
  }

  private static String twoEntries(String hostA, String restA, String hostB, String restB) {
    return "version: 1\nnetwork_policies:\n"
        + "  a:\n    endpoints:\n      - " + hostA + "\n        port: 443\n        " + restA + "\n"
        + "    binaries: [{path: /usr/bin/curl}]\n"
        + "  b:\n    endpoints:\n      - " + hostB + "\n        port: 443\n        " + restB + "\n"
        + "    binaries: [{path: /usr/bin/curl}]\n";
  }

  private static String middleware(String fields) {
    return "version: 1\nnetwork_middlewares:\n  m:\n    " + fields + "\n    endpoints: {include: [httpbin.org]}\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidDocumentReportsTheCodeAtTheLocation(Case c) {
    ValidationReport report = validator(c).validateText(c.kind, c.invalid, c.mode);
    List<Problem> hits = report.problems().stream().filter(p -> p.code().equals(c.code)).toList();
    if (hits.isEmpty()) {
      fail("expected " + c.code + " in:\n" + report + "\nfor document:\n" + c.invalid);
    }
    Problem hit = hits.stream().filter(p -> p.pointer().equals(c.pointer)).findFirst()
        .orElseThrow(() -> new AssertionError("expected " + c.code + " at " + c.pointer + ", got " + hits));
    assertEquals(c.severity, hit.severity(), hit.toString());
    if (c.line > 0) {
      assertEquals(c.line, hit.line(), "line of " + hit);
    } else {
      assertTrue(hit.line() > 0, "has a line: " + hit);
    }
    assertTrue(hit.column() > 0, "has a column: " + hit);
    assertEquals(c.severity == Severity.ERROR, report.hasErrors(), report.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validNeighbourDoesNotReportTheCode(Case c) {
    ValidationReport report = validator(c).validateText(c.kind, c.valid, c.mode);
    assertTrue(report.problems().stream().noneMatch(p -> p.code().equals(c.code)),
        "unexpected " + c.code + " in:\n" + report + "for document:\n" + c.valid);
    if (c.severity == Severity.ERROR) {
      assertTrue(report.isValid(), "neighbour must be valid:\n" + report + c.valid);
    }
  }

  private static PolicyValidator validator(Case c) {
    return PolicyValidator.strict().withPresetOrigin(c.origin);
  }
}
