package dev.sandboxpolicy.model;

/**
 * Every problem code the library reports, in one place: the reader's, the JSON Schema's, the value rules', and the
 * preset layer's refusals. The {@link #wireName()} strings are stable API: tools match on them, and each one is listed
 * in {@code docs/validation-codes.md} (a test checks that the two agree).
 *
 * <p>A {@link Problem} is built from a constant here ({@link Problem#error(ProblemCode, SourceLocation, String)}),
 * never from a string literal.
 */
public enum ProblemCode implements WireNamed {
  // reading text: syntax, encoding and the reader's limits (ReadLimits)
  YAML_SYNTAX("yaml_syntax"),
  JSON_SYNTAX("json_syntax"),
  EMPTY_DOCUMENT("empty_document"),
  MULTIPLE_DOCUMENTS("multiple_documents"),
  DUPLICATE_KEY("duplicate_key"),
  UNKNOWN_ALIAS("unknown_alias"),
  UNSUPPORTED_TAG("unsupported_tag"),
  NESTING_TOO_DEEP("nesting_too_deep"),
  TOO_MANY_NODES("too_many_nodes"),
  COLLECTION_TOO_LARGE("collection_too_large"),
  SCALAR_TOO_LONG("scalar_too_long"),
  LINE_TOO_LONG("line_too_long"),
  DOCUMENT_TOO_LARGE("document_too_large"),
  INVALID_ENCODING("invalid_encoding"),
  IO_ERROR("io_error"),
  COERCED_SCALAR("coerced_scalar"),

  // structure and types: the reader's binding and the JSON Schema report these once between them
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
  LANDLOCK_HARD_REQUIREMENT_WITHOUT_PATHS("landlock_hard_requirement_without_paths"),
  PROCESS_IDENTITY_INVALID("process_identity_invalid"),

  // network_policies keys and entries
  RESERVED_KEY("reserved_key"),
  BINARIES_EMPTY("binaries_empty"),
  BINARY_PATH_EMPTY("binary_path_empty"),

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
  MCP_VERSIONS_EMPTY("mcp_versions_empty"),
  MCP_VERSION_UNKNOWN("mcp_version_unknown"),
  MCP_VERSION_DUPLICATE("mcp_version_duplicate"),
  MCP_VERSIONS_AMBIGUOUS("mcp_versions_ambiguous"),
  JSON_RPC_OPTION_UNKNOWN("json_rpc_option_unknown"),
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
  MATCHER_VALUE_INVALID("matcher_value_invalid"),
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
  MIDDLEWARE_BUILTIN_UNKNOWN("middleware_builtin_unknown"),
  MIDDLEWARE_CONFIG_INVALID("middleware_config_invalid"),
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
  PRESET_NAME_BUILTIN_COLLISION("preset_name_builtin_collision"),
  PRESET_ALLOWED_IPS("preset_allowed_ips"),
  PRESET_HOST_DANGEROUS("preset_host_dangerous"),
  PRESET_HOST_PRIVATE("preset_host_private"),

  // NemoClaw's own JSON Schemas, applied with the nemoclaw profile on top of the language's rules
  NEMOCLAW_BINARIES_REQUIRED("nemoclaw_binaries_required"),
  NEMOCLAW_RULE_SHAPE("nemoclaw_rule_shape"),
  NEMOCLAW_RULES_REQUIRED("nemoclaw_rules_required"),
  NEMOCLAW_BODY_LIMIT("nemoclaw_body_limit"),
  NEMOCLAW_NETWORK_POLICIES_REQUIRED("nemoclaw_network_policies_required"),

  // the preset layer's refusals (PresetLayerError in policy-merge; docs/presets-and-merging.md)
  LIVE_POLICY_EMPTY("live_policy_empty"),
  LIVE_POLICY_NOT_YAML("live_policy_not_yaml"),
  LIVE_POLICY_NOT_MAPPING("live_policy_not_mapping"),
  LIVE_POLICY_BAD_VERSION("live_policy_bad_version"),
  LIVE_POLICY_BAD_NETWORK_POLICIES("live_policy_bad_network_policies"),
  LIVE_POLICY_NOT_A_POLICY("live_policy_not_a_policy"),
  LIVE_POLICY_BAD_SECTION("live_policy_bad_section"),
  PRESET_UNREADABLE("preset_unreadable"),
  PRESET_NO_NETWORK_POLICIES("preset_no_network_policies"),
  PRESET_ENTRIES_INVALID("preset_entries_invalid"),
  PRESET_UNKNOWN("preset_unknown"),
  PRESET_NOT_APPLIED("preset_not_applied"),
  PRESET_NOT_REMOVABLE("preset_not_removable"),
  PRESET_FILE_EXTENSION("preset_file_extension"),
  PRESET_FILE_SYMLINK("preset_file_symlink"),
  PRESET_FILE_NOT_FOUND("preset_file_not_found"),
  PRESET_FILE_UNREADABLE("preset_file_unreadable"),
  PRESET_FILE_TOO_LARGE("preset_file_too_large"),
  PRESET_DIRECTORY_NOT_FOUND("preset_directory_not_found"),
  PRESET_DIRECTORY_EMPTY("preset_directory_empty"),
  TRUSTED_HOST_INVALID("trusted_host_invalid"),
  TRUSTED_HOST_DUPLICATE("trusted_host_duplicate"),
  TRUSTED_HOST_UNMATCHED("trusted_host_unmatched"),
  TRUSTED_HOST_PREFLIGHT_FAILED("trusted_host_preflight_failed"),
  TRUSTED_HOST_NOT_PRIVATE("trusted_host_not_private"),
  BASELINE_KEY_UNKNOWN("baseline_key_unknown"),
  BASELINE_KEY_PROTECTED("baseline_key_protected"),
  BASELINE_KEY_OWNED_BY_PRESET("baseline_key_owned_by_preset"),
  BASELINE_ENTRY_CHANGED("baseline_entry_changed"),
  SANDBOX_NAME_INVALID("sandbox_name_invalid"),
  TIER_UNKNOWN("tier_unknown"),
  STATIC_SECTION_CHANGED("static_section_changed"),
  GLOBAL_POLICY_ACTIVE("global_policy_active"),
  BLUEPRINT_ADDITIONS_INVALID("blueprint_additions_invalid"),
  STACK_UNREADABLE("stack_unreadable"),
  MCP_VERSIONS_INCOMPATIBLE("mcp_versions_incompatible"),

  // policy test files (policyctl test; docs/testing-policies.md)
  REQUEST_INVALID("request_invalid"),
  TEST_FAILED("test_failed"),
  NOT_EXERCISED("not_exercised"),
  COVERAGE_BELOW_MINIMUM("coverage_below_minimum");

  private final String wireName;

  ProblemCode(String wireName) {
    this.wireName = wireName;
  }

  /** The stable snake_case code as reports and tools spell it, for example {@code port_invalid}. */
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * Whether this code says the text could not be read as one document at all: its syntax (YAML or JSON), its
   * encoding, an empty or multi-document stream, a duplicate key, an alias or tag the reader refuses, or one of the
   * reader's limits ({@code ReadLimits}: size, line length, depth, nodes, collection size, scalar length). Such a
   * text has no tree to check further. A caller that sorts read failures (the preset layer's
   * {@code live_policy_not_yaml} and {@code preset_unreadable}) asks this instead of keeping its own list:
   *
   * <pre>{@code
   * boolean notYaml = WireNamed.fromWireName(ProblemCode.class, problem.code())
   *     .map(ProblemCode::isUnreadableText).orElse(false);
   * }</pre>
   *
   * @return true for the reader's syntax, encoding and limit codes; false for every code about a document that was
   *     read (its keys, types and values), and for {@code io_error} (the file, not the text) and
   *     {@code coerced_scalar} (a warning about a value that was read)
   */
  public boolean isUnreadableText() {
    switch (this) {
      case YAML_SYNTAX:
      case JSON_SYNTAX:
      case EMPTY_DOCUMENT:
      case MULTIPLE_DOCUMENTS:
      case DUPLICATE_KEY:
      case UNKNOWN_ALIAS:
      case UNSUPPORTED_TAG:
      case NESTING_TOO_DEEP:
      case TOO_MANY_NODES:
      case COLLECTION_TOO_LARGE:
      case SCALAR_TOO_LONG:
      case LINE_TOO_LONG:
      case DOCUMENT_TOO_LARGE:
      case INVALID_ENCODING:
        return true;
      default:
        return false;
    }
  }
}
