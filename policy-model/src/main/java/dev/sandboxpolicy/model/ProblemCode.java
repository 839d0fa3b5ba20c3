package dev.sandboxpolicy.model;

/**
 * Every problem code the value rules and the JSON-Schema check report. The {@link #wireName()} strings are stable API: tools match on them, and
 * each one is listed with an example in {@code docs/validation-codes.md}.
 */
public enum ProblemCode {
  // JSON Schema (structure and types); syntax and limits are the reader's codes
  UNKNOWN_KEY("unknown_key"),
  MISSING_FIELD("missing_field"),
  MISSING_VERSION("missing_version"),
  WRONG_TYPE("wrong_type"),
  INTEGER_OUT_OF_RANGE("integer_out_of_range"),
  VALUE_NOT_ALLOWED("value_not_allowed"),
  PATTERN_MISMATCH("pattern_mismatch"),
  SIZE_INVALID("size_invalid"),
  SCHEMA_VIOLATION("schema_violation"),

  // filesystem_policy, landlock, process (spec §1.2-1.4, §2.2)
  FILESYSTEM_TOO_MANY_PATHS("filesystem_too_many_paths"),
  FILESYSTEM_PATH_TOO_LONG("filesystem_path_too_long"),
  FILESYSTEM_PATH_RELATIVE("filesystem_path_relative"),
  FILESYSTEM_PATH_TRAVERSAL("filesystem_path_traversal"),
  FILESYSTEM_READ_WRITE_ROOT("filesystem_read_write_root"),
  FILESYSTEM_PATH_MISSING("filesystem_path_missing"),
  LANDLOCK_COMPATIBILITY_UNKNOWN("landlock_compatibility_unknown"),
  PROCESS_IDENTITY_INVALID("process_identity_invalid"),

  // network_policies keys and entries
  RESERVED_KEY("reserved_key"),
  BINARIES_EMPTY("binaries_empty"),

  // endpoint host and ports (spec §2.2, §2.4)
  HOST_MISSING("host_missing"),
  HOST_WILDCARD_ALL("host_wildcard_all"),
  HOST_WILDCARD_TLD("host_wildcard_tld"),
  HOST_WILDCARD_SHAPE("host_wildcard_shape"),
  TCP_HOST_REQUIRED("tcp_host_required"),
  TCP_HOST_IP_LITERAL("tcp_host_ip_literal"),
  TCP_HOST_INVALID("tcp_host_invalid"),
  TCP_WILDCARD_DNS_EXFILTRATION("tcp_wildcard_dns_exfiltration"),
  PORT_MISSING("port_missing"),
  PORT_INVALID("port_invalid"),
  PORT_AND_PORTS("port_and_ports"),

  // endpoint options
  ENDPOINT_PATH_INVALID("endpoint_path_invalid"),
  TLS_DEPRECATED("tls_deprecated"),
  TLS_UNKNOWN("tls_unknown"),
  TLS_SKIP_WITH_L7("tls_skip_with_l7"),
  ENFORCEMENT_UNKNOWN("enforcement_unknown"),
  ACCESS_UNKNOWN("access_unknown"),
  PERSISTED_QUERIES_INVALID("persisted_queries_invalid"),
  BODY_LIMIT_INVALID("body_limit_invalid"),
  SQL_ENFORCE("sql_enforce"),
  MCP_OPTIONS_WRONG_PROTOCOL("mcp_options_wrong_protocol"),
  MCP_ENDPOINT_UNBOUNDED("mcp_endpoint_unbounded"),
  FIELD_IGNORED_FOR_PROTOCOL("field_ignored_for_protocol"),

  // credentials (spec §2.2 signing)
  CREDENTIAL_SIGNING_UNKNOWN("credential_signing_unknown"),
  CREDENTIAL_SIGNING_SERVICE_MISSING("credential_signing_service_missing"),
  CREDENTIAL_SIGNING_WITH_BODY_REWRITE("credential_signing_with_body_rewrite"),

  // allowed_ips (spec §2.5, §3.9)
  ALLOWED_IPS_INVALID("allowed_ips_invalid"),
  ALLOWED_IPS_RESERVED("allowed_ips_reserved"),
  ALLOWED_IPS_BROAD("allowed_ips_broad"),

  // L7 shared rules (spec §2.3)
  PROTOCOL_UNKNOWN("protocol_unknown"),
  TCP_L7_RULES("tcp_l7_rules"),
  TCP_L7_FIELDS("tcp_l7_fields"),
  RULES_AND_ACCESS("rules_and_access"),
  ACCESS_NOT_SUPPORTED("access_not_supported"),
  RULES_REQUIRED("rules_required"),
  RULES_DENY_ALL("rules_deny_all"),
  RULES_EMPTY("rules_empty"),
  DENY_RULES_EMPTY("deny_rules_empty"),
  DENY_RULES_PROTOCOL_REQUIRED("deny_rules_protocol_required"),
  DENY_RULES_BASE_REQUIRED("deny_rules_base_required"),

  // rule bodies (spec §2.4)
  METHOD_UNKNOWN("method_unknown"),
  REST_RULE_WITHOUT_PATH("rest_rule_without_path"),
  GLOB_INVALID("glob_invalid"),
  QUERY_MATCHER_INVALID("query_matcher_invalid"),
  GRAPHQL_OPERATION_TYPE_INVALID("graphql_operation_type_invalid"),
  GRAPHQL_FIELDS_INVALID("graphql_fields_invalid"),
  WEBSOCKET_RULE_MIXED("websocket_rule_mixed"),
  WEBSOCKET_TEXT_WITH_GRAPHQL("websocket_text_with_graphql"),
  JSON_RPC_RULE_INVALID("json_rpc_rule_invalid"),
  MCP_METHOD_INVALID("mcp_method_invalid"),
  MCP_METHOD_REQUIRED("mcp_method_required"),
  MCP_TOOL_SELECTOR_INVALID("mcp_tool_selector_invalid"),
  MCP_TOOL_CALL_CONFLICT("mcp_tool_call_conflict"),
  TOOL_WRONG_PROTOCOL("tool_wrong_protocol"),

  // across entries (spec §2.6)
  ENDPOINT_AMBIGUOUS("endpoint_ambiguous"),

  // network_middlewares (spec §1.9, §2.2)
  MIDDLEWARE_KEY_EMPTY("middleware_key_empty"),
  MIDDLEWARE_NAME_EMPTY("middleware_name_empty"),
  MIDDLEWARE_ON_ERROR_INVALID("middleware_on_error_invalid"),
  MIDDLEWARE_SELECTOR_MISSING("middleware_selector_missing"),
  MIDDLEWARE_INCLUDE_EMPTY("middleware_include_empty"),
  MIDDLEWARE_TOO_MANY_PATTERNS("middleware_too_many_patterns"),
  MIDDLEWARE_HOST_PATTERN_INVALID("middleware_host_pattern_invalid"),
  MIDDLEWARE_TOO_MANY("middleware_too_many"),
  MIDDLEWARE_ORDER_DUPLICATE("middleware_order_duplicate"),
  MIDDLEWARE_TLS_SKIP_OVERLAP("middleware_tls_skip_overlap"),

  // rule hygiene (policy-analysis lint): warnings only
  REDUNDANT_RULE("redundant_rule"),
  REDUNDANT_ENTRY("redundant_entry"),
  UNREACHABLE_DENY_RULE("unreachable_deny_rule"),

  // presets (preset layer §1.5, §2.6, §3)
  PRESET_NAME_INVALID("preset_name_invalid"),
  PRESET_NAME_RESERVED("preset_name_reserved"),
  PRESET_NAME_BUILT_IN("preset_name_built_in"),
  PRESET_ALLOWED_IPS("preset_allowed_ips"),
  PRESET_HOST_DANGEROUS("preset_host_dangerous"),
  PRESET_HOST_PRIVATE("preset_host_private"),

  // NemoClaw's own JSON Schemas, applied with the nemoclaw profile on top of the language's rules
  NEMOCLAW_BINARIES_REQUIRED("nemoclaw_binaries_required"),
  NEMOCLAW_RULE_SHAPE("nemoclaw_rule_shape"),
  NEMOCLAW_RULES_REQUIRED("nemoclaw_rules_required"),
  NEMOCLAW_BODY_LIMIT("nemoclaw_body_limit"),
  NEMOCLAW_NETWORK_POLICIES_REQUIRED("nemoclaw_network_policies_required");

  private final String wireName;

  ProblemCode(String wireName) {
    this.wireName = wireName;
  }

  /** The stable snake_case code as reports and tools spell it, for example {@code port_invalid}. */
  public String wireName() {
    return wireName;
  }
}
