package dev.sandboxpolicy.schema;

import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.model.net.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of NemoClaw's own JSON Schemas ({@link ValidationProfile#NEMOCLAW}), written for this library from what
 * those schemas accept and refuse (their text is not shipped): {@code sandbox-policy.schema.json} for policies,
 * {@code policy-preset.schema.json} for presets (both share one {@code $defs} for entries), {@code
 * blueprint.schema.json} for blueprints. They are checked on the plain document tree, as a JSON Schema would be, and
 * every message starts with {@value #PREFIX}.
 *
 * <p>Codes: the generic structure codes ({@code unknown_key}, {@code missing_field}, {@code missing_version},
 * {@code wrong_type}, {@code value_not_allowed}, {@code pattern_mismatch}, {@code size_invalid},
 * {@code integer_out_of_range}, {@code schema_violation}) for plain shape, and five codes for NemoClaw's own rules:
 * {@code nemoclaw_binaries_required}, {@code nemoclaw_rule_shape}, {@code nemoclaw_rules_required},
 * {@code nemoclaw_body_limit}, {@code nemoclaw_network_policies_required}.
 */
final class NemoClawProfile {

  /** How every message of this profile starts. */
  static final String PREFIX = "NemoClaw schema: ";

  /** {@code json_rpc.max_body_bytes} and {@code mcp.max_body_bytes}: at most 1 MiB (NemoClaw's option schemas). */
  static final long MAX_BODY_BYTES = 1_048_576L;

  static final Set<String> POLICY_KEYS =
      Set.of("version", "filesystem_policy", "landlock", "process", "network_policies");
  static final Set<String> PRESET_KEYS = Set.of("preset", "network_policies");
  static final Set<String> PRESET_HEADER_KEYS = Set.of("name", "description");
  static final Set<String> PROTOCOLS = Set.of("rest", "websocket", "json-rpc", "mcp");
  static final Set<String> ENFORCEMENTS = Set.of("enforce", "audit");
  static final Set<String> TLS_MODES = Set.of("terminate", "passthrough", "skip");
  static final Set<String> LANDLOCK_COMPATIBILITY = Set.of("strict", "best_effort");
  static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  static final Set<String> WEBSOCKET_METHODS = Set.of("GET", "WEBSOCKET_TEXT", "*");
  static final Set<String> L7_MATCHER_KEYS = Set.of("method", "path", "tool", "params");
  static final Set<String> MCP_MATCHER_KEYS = Set.of("method", "tool", "params");
  static final Set<String> MCP_OPTION_KEYS = Set.of("max_body_bytes", "strict_tool_names", "allow_all_known_mcp_methods");
  static final Set<String> BLUEPRINT_KEYS = Set.of("version", "min_openshell_version", "max_openshell_version",
      "min_openclaw_version", "digest", "profiles", "description", "components");
  static final Set<String> BLUEPRINT_VERSIONS =
      Set.of("version", "min_openshell_version", "max_openshell_version", "min_openclaw_version");
  static final Set<String> COMPONENT_KEYS = Set.of("sandbox", "inference", "router", "policy");
  static final Set<String> SANDBOX_KEYS = Set.of("image", "name", "forward_ports", "resource_profiles");
  static final Set<String> INFERENCE_PROFILE_KEYS = Set.of("provider_type", "provider_name", "endpoint", "model",
      "credential_env", "credential_default", "timeout_secs", "dynamic_endpoint");
  static final Set<String> ROUTER_KEYS = Set.of("enabled", "port", "pool_config_path");
  static final Set<String> BLUEPRINT_POLICY_KEYS = Set.of("base", "additions");
  static final Set<String> ADDITION_KEYS = Set.of("name", "endpoints");
  static final Set<String> ADDITION_ENDPOINT_KEYS =
      Set.of("host", "port", "protocol", "enforcement", "tls", "access", "rules");

  private final SourceMap map;
  private final List<Problem> out = new ArrayList<>();

  private NemoClawProfile(SourceMap map) {
    this.map = map;
  }

  /** The profile's problems for a document tree ({@code null} when the text was not readable: no problems). */
  static List<Problem> check(DocumentKind kind, Object tree, SourceMap map) {
    NemoClawProfile p = new NemoClawProfile(map);
    if (tree instanceof Map<?, ?> root) {
      switch (kind) {
        case POLICY -> p.policy(root);
        case PRESET -> p.preset(root);
        case BLUEPRINT -> p.blueprint(root);
      }
    }
    return p.out;
  }

  /**
   * {@code base} plus the profile's problems at pointers where {@code base} has no problem of the same severity, so
   * a fault both layers see is reported once (by the language's own rules).
   */
  static List<Problem> merge(List<Problem> base, List<Problem> profile) {
    Set<String> seen = new HashSet<>();
    for (Problem p : base) {
      seen.add(p.severity() + " " + p.pointer());
    }
    List<Problem> all = new ArrayList<>(base);
    for (Problem p : profile) {
      if (seen.add(p.severity() + " " + p.pointer())) {
        all.add(p);
      }
    }
    return all;
  }

  // ---- sandbox policy and preset -------------------------------------------------------------------------------

  private void policy(Map<?, ?> root) {
    closed(root, "", POLICY_KEYS);
    if (!root.containsKey("version")) {
      error(ProblemCode.MISSING_VERSION, "", "a sandbox policy requires 'version'");
    } else if (!isInteger(root.get("version")) || asLong(root.get("version")) < 1) {
      error(ProblemCode.WRONG_TYPE, "/version", "'version' must be an integer of at least 1");
    }
    if (root.get("filesystem_policy") instanceof Map<?, ?> fs) {
      type(fs, "/filesystem_policy", "include_workdir", Kind.BOOLEAN);
      stringList(fs, "/filesystem_policy", "read_only");
      stringList(fs, "/filesystem_policy", "read_write");
    } else if (root.containsKey("filesystem_policy")) {
      error(ProblemCode.WRONG_TYPE, "/filesystem_policy", "'filesystem_policy' must be a mapping");
    }
    if (root.get("landlock") instanceof Map<?, ?> ll) {
      oneOf(ll, "/landlock", "compatibility", LANDLOCK_COMPATIBILITY);
    } else if (root.containsKey("landlock")) {
      error(ProblemCode.WRONG_TYPE, "/landlock", "'landlock' must be a mapping");
    }
    if (root.get("process") instanceof Map<?, ?> pr) {
      type(pr, "/process", "run_as_user", Kind.STRING);
      type(pr, "/process", "run_as_group", Kind.STRING);
    } else if (root.containsKey("process")) {
      error(ProblemCode.WRONG_TYPE, "/process", "'process' must be a mapping");
    }
    networkPolicies(root, "a sandbox policy");
  }

  private void preset(Map<?, ?> root) {
    closed(root, "", PRESET_KEYS);
    if (root.get("preset") instanceof Map<?, ?> header) {
      closed(header, "/preset", PRESET_HEADER_KEYS);
      for (String k : List.of("name", "description")) {
        Object v = header.get(k);
        if (!(v instanceof String s) || s.isEmpty()) {
          error(v == null ? ProblemCode.MISSING_FIELD : ProblemCode.SIZE_INVALID,
              v == null ? "/preset" : "/preset/" + k, "'preset." + k + "' must be a non-empty string");
        }
      }
    } else {
      error(ProblemCode.MISSING_FIELD, root.containsKey("preset") ? "/preset" : "",
          "a preset requires a 'preset' mapping with 'name' and 'description'");
    }
    networkPolicies(root, "a preset");
  }

  private void networkPolicies(Map<?, ?> root, String what) {
    Object np = root.get("network_policies");
    if (!(np instanceof Map<?, ?> entries) || entries.isEmpty()) {
      error(ProblemCode.NEMOCLAW_NETWORK_POLICIES_REQUIRED, np == null ? "" : "/network_policies",
          what + " requires 'network_policies' with at least one entry");
      return;
    }
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      entry(e.getValue(), JsonPointer.key("/network_policies", String.valueOf(e.getKey())));
    }
  }

  private void entry(Object node, String at) {
    if (!(node instanceof Map<?, ?> entry)) {
      error(ProblemCode.WRONG_TYPE, at, "a network_policies entry must be a mapping");
      return;
    }
    if (!entry.containsKey("name")) {
      error(ProblemCode.MISSING_FIELD, at, "an entry requires 'name'");
    } else {
      type(entry, at, "name", Kind.STRING);
    }
    Object endpoints = entry.get("endpoints");
    if (!(endpoints instanceof List<?> eps) || eps.isEmpty()) {
      error(endpoints == null ? ProblemCode.MISSING_FIELD : ProblemCode.SIZE_INVALID,
          endpoints == null ? at : at + "/endpoints", "an entry requires at least one endpoint");
    } else {
      for (int i = 0; i < eps.size(); i++) {
        endpoint(eps.get(i), JsonPointer.index(at + "/endpoints", i));
      }
    }
    Object binaries = entry.get("binaries");
    if (!(binaries instanceof List<?> bins) || bins.isEmpty()) {
      error(ProblemCode.NEMOCLAW_BINARIES_REQUIRED, binaries == null ? at : at + "/binaries",
          "an entry must scope its binaries explicitly (at least one {path: /...})");
    } else {
      for (int i = 0; i < bins.size(); i++) {
        String bAt = JsonPointer.index(at + "/binaries", i);
        if (!(bins.get(i) instanceof Map<?, ?> b)) {
          error(ProblemCode.WRONG_TYPE, bAt, "a binary must be {path: /...}");
          continue;
        }
        closed(b, bAt, Set.of("path"));
        if (!(b.get("path") instanceof String path) || !path.startsWith("/")) {
          error(b.containsKey("path") ? ProblemCode.PATTERN_MISMATCH : ProblemCode.MISSING_FIELD,
              b.containsKey("path") ? bAt + "/path" : bAt, "a binary path must be absolute (start with '/')");
        }
      }
    }
  }

  private void endpoint(Object node, String at) {
    if (!(node instanceof Map<?, ?> ep)) {
      error(ProblemCode.WRONG_TYPE, at, "an endpoint must be a mapping");
      return;
    }
    if (!(ep.get("host") instanceof String)) {
      error(ep.containsKey("host") ? ProblemCode.WRONG_TYPE : ProblemCode.MISSING_FIELD,
          ep.containsKey("host") ? at + "/host" : at, "an endpoint requires a string 'host'");
    }
    port(ep, at);
    if (ep.containsKey("path") && !(ep.get("path") instanceof String p && p.startsWith("/"))) {
      error(ProblemCode.PATTERN_MISMATCH, at + "/path", "'path' must start with '/'");
    }
    oneOf(ep, at, "protocol", PROTOCOLS);
    oneOf(ep, at, "enforcement", ENFORCEMENTS);
    oneOf(ep, at, "tls", TLS_MODES);
    oneOf(ep, at, "access", Set.of("full"));
    type(ep, at, "websocket_credential_rewrite", Kind.BOOLEAN);
    type(ep, at, "request_body_credential_rewrite", Kind.BOOLEAN);
    if (ep.containsKey("allowed_ips")) {
      nonEmptyStrings(ep.get("allowed_ips"), at + "/allowed_ips", "'allowed_ips'");
    }
    String protocol = ep.get("protocol") instanceof String s ? s : "";
    boolean mcp = protocol.equals("mcp");
    if (ep.containsKey("json_rpc")) {
      options(ep.get("json_rpc"), at + "/json_rpc", Set.of("max_body_bytes"));
    }
    if (ep.containsKey("mcp")) {
      options(ep.get("mcp"), at + "/mcp", MCP_OPTION_KEYS);
      if (!mcp && ep.get("mcp") instanceof Map<?, ?> m
          && (m.containsKey("strict_tool_names") || m.containsKey("allow_all_known_mcp_methods"))) {
        error(ProblemCode.NEMOCLAW_RULE_SHAPE, at + "/mcp",
            "mcp.strict_tool_names and mcp.allow_all_known_mcp_methods need protocol: mcp");
      }
    }
    List<?> rules = list(ep, at, "rules");
    List<?> denies = list(ep, at, "deny_rules");
    switch (protocol) {
      case "", "rest" -> httpRules(ep, at, rules, denies, HTTP_METHODS_AND_ANY, "REST");
      case "websocket" -> httpRules(ep, at, rules, denies, WEBSOCKET_METHODS, "WebSocket");
      case "json-rpc" -> jsonRpcRules(ep, at, rules, denies);
      case "mcp" -> mcpRules(ep, at, rules, denies);
      default -> { } // an unknown protocol is reported by oneOf
    }
  }

  private static final Set<String> HTTP_METHODS_AND_ANY = union(HTTP_METHODS, Set.of("*"));

  /** Conditional rules 1 and 2: {@code rules} or {@code access}; every rule exactly {@code {method, path}}. */
  private void httpRules(Map<?, ?> ep, String at, List<?> rules, List<?> denies, Set<String> methods, String kind) {
    if (!ep.containsKey("rules") && !ep.containsKey("access")) {
      error(ProblemCode.NEMOCLAW_RULES_REQUIRED, at, "a " + kind + " endpoint requires 'rules' or 'access'");
    }
    for (int i = 0; i < rules.size(); i++) {
      String rAt = JsonPointer.index(at + "/rules", i);
      Map<?, ?> allow = allow(rules.get(i), rAt);
      if (allow != null) {
        methodAndPath(allow, rAt + "/allow", methods, kind);
      }
    }
    for (int i = 0; i < denies.size(); i++) {
      String dAt = JsonPointer.index(at + "/deny_rules", i);
      if (denies.get(i) instanceof Map<?, ?> d) {
        methodAndPath(d, dAt, methods, kind);
      } else {
        shape(dAt, "a deny rule must be {method, path}");
      }
    }
  }

  private void methodAndPath(Map<?, ?> m, String at, Set<String> methods, String kind) {
    for (Object k : m.keySet()) {
      if (!k.equals("method") && !k.equals("path")) {
        shape(JsonPointer.key(at, String.valueOf(k)), "a " + kind + " rule has only 'method' and 'path', not '" + k
            + "'");
      }
    }
    if (!(m.get("method") instanceof String method) || !methods.contains(method)) {
      shape(m.containsKey("method") ? at + "/method" : at, "a " + kind + " rule's method must be one of "
          + String.join(", ", sorted(methods)));
    }
    if (!(m.get("path") instanceof String path) || !path.startsWith("/")) {
      shape(m.containsKey("path") ? at + "/path" : at, "a " + kind + " rule requires a 'path' starting with '/'");
    }
  }

  /** Conditional rule 3: {@code rules} required, {@code access} forbidden, every matcher exactly {@code {method}}. */
  private void jsonRpcRules(Map<?, ?> ep, String at, List<?> rules, List<?> denies) {
    if (!ep.containsKey("rules")) {
      error(ProblemCode.NEMOCLAW_RULES_REQUIRED, at, "a json-rpc endpoint requires 'rules'");
    }
    if (ep.containsKey("access")) {
      shape(at + "/access", "a json-rpc endpoint may not use 'access'");
    }
    for (int i = 0; i < rules.size(); i++) {
      String rAt = JsonPointer.index(at + "/rules", i);
      Map<?, ?> allow = allow(rules.get(i), rAt);
      if (allow != null) {
        rpcMethod(allow, rAt + "/allow");
      }
    }
    for (int i = 0; i < denies.size(); i++) {
      String dAt = JsonPointer.index(at + "/deny_rules", i);
      if (denies.get(i) instanceof Map<?, ?> d) {
        rpcMethod(d, dAt);
      } else {
        shape(dAt, "a json-rpc deny rule must be {method}");
      }
    }
  }

  private void rpcMethod(Map<?, ?> m, String at) {
    for (Object k : m.keySet()) {
      if (!k.equals("method")) {
        shape(JsonPointer.key(at, String.valueOf(k)), "a json-rpc rule has only 'method', not '" + k + "'");
      }
    }
    Object method = m.get("method");
    if (!(method instanceof String s) || s.isEmpty() || (!s.equals("*") && hasGlob(s))) {
      shape(m.containsKey("method") ? at + "/method" : at,
          "a json-rpc method is '*' or an exact name without * ? [ ] { }");
    }
  }

  /** Conditional rules 4, 5, 6 and 8 for {@code protocol: mcp}. */
  private void mcpRules(Map<?, ?> ep, String at, List<?> rules, List<?> denies) {
    Map<?, ?> options = ep.get("mcp") instanceof Map<?, ?> m ? m : Map.of();
    boolean allowAll = Boolean.TRUE.equals(options.get("allow_all_known_mcp_methods"));
    boolean exactTools = Boolean.FALSE.equals(options.get("strict_tool_names"));
    if (ep.containsKey("access")) {
      shape(at + "/access", "an mcp endpoint may not use 'access'");
    }
    if (!ep.containsKey("rules") && !allowAll) {
      error(ProblemCode.NEMOCLAW_RULES_REQUIRED, at,
          "an mcp endpoint requires 'rules' or mcp.allow_all_known_mcp_methods: true");
    }
    List<Map<?, ?>> allows = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String rAt = JsonPointer.index(at + "/rules", i);
      Map<?, ?> allow = allow(rules.get(i), rAt);
      if (allow != null) {
        mcpMatcher(allow, rAt + "/allow", allowAll, exactTools);
        allows.add(allow);
      }
    }
    List<Map<?, ?>> denyMatchers = new ArrayList<>();
    for (int i = 0; i < denies.size(); i++) {
      String dAt = JsonPointer.index(at + "/deny_rules", i);
      if (denies.get(i) instanceof Map<?, ?> d) {
        mcpMatcher(d, dAt, allowAll, exactTools);
        denyMatchers.add(d);
      } else {
        shape(dAt, "an mcp deny rule must be a matcher mapping");
      }
    }
    if (allows.stream().anyMatch(NemoClawProfile::selectsTool)) {
      for (int i = 0; i < allows.size(); i++) {
        if (isBroadToolsCall(allows.get(i))) {
          shape(JsonPointer.index(at + "/rules", i) + "/allow", "a rule allowing every tool call cannot sit beside"
              + " rules that select tools");
        }
      }
      for (int i = 0; i < denyMatchers.size(); i++) {
        if (isBroadToolsCall(denyMatchers.get(i))) {
          shape(JsonPointer.index(at + "/deny_rules", i), "a deny rule for every tool call cannot sit beside rules"
              + " that select tools");
        }
      }
    }
  }

  private void mcpMatcher(Map<?, ?> m, String at, boolean allowAll, boolean exactTools) {
    for (Object k : m.keySet()) {
      if (!MCP_MATCHER_KEYS.contains(String.valueOf(k))) {
        shape(JsonPointer.key(at, String.valueOf(k)), "an mcp rule has only 'method', 'tool' and 'params', not '"
            + k + "'");
      }
    }
    boolean tool = m.containsKey("tool");
    boolean params = m.containsKey("params");
    if (m.containsKey("method")) {
      Object method = m.get("method");
      boolean ok = method instanceof String s && !s.isEmpty() && (!hasGlob(s) || s.startsWith("tools/"));
      if (!ok) {
        shape(at + "/method", "an mcp method is exact, or a glob under 'tools/'");
      } else if ((tool || params) && !method.equals("tools/call")) {
        shape(at + "/method", "an mcp rule that selects a tool may only use method tools/call");
      }
    } else if (!allowAll) {
      shape(at, "an mcp rule requires 'method' unless mcp.allow_all_known_mcp_methods is true");
    }
    if (tool && params) {
      shape(at, "an mcp rule selects a tool with 'tool' or 'params', not both");
    }
    if (tool) {
      matcher(m.get("tool"), at + "/tool", exactTools);
    }
    if (params) {
      if (!(m.get("params") instanceof Map<?, ?> p) || !p.containsKey("name") || p.size() != 1) {
        shape(at + "/params", "mcp 'params' must be exactly {name: matcher}");
      } else {
        matcher(p.get("name"), at + "/params/name", exactTools);
      }
    }
  }

  /** A matcher: a non-empty string, or {@code {any: [non-empty strings]}}; exact ones without glob characters. */
  private void matcher(Object node, String at, boolean exact) {
    if (node instanceof String s) {
      if (s.isEmpty() || (exact && hasGlob(s))) {
        shape(at, exact ? "a tool matcher must be an exact name (strict_tool_names is false)"
            : "a matcher must be a non-empty string");
      }
      return;
    }
    if (node instanceof Map<?, ?> m && m.size() == 1 && m.get("any") instanceof List<?> any && !any.isEmpty()) {
      for (int i = 0; i < any.size(); i++) {
        if (!(any.get(i) instanceof String s) || s.isEmpty() || (exact && hasGlob(s))) {
          shape(JsonPointer.index(at + "/any", i), exact ? "a tool matcher must be an exact name"
              : "a matcher must be a non-empty string");
        }
      }
      return;
    }
    shape(at, "a matcher is a non-empty string or {any: [strings]}");
  }

  private static boolean selectsTool(Map<?, ?> allow) {
    return allow.containsKey("tool") || allow.containsKey("params");
  }

  private static boolean isBroadToolsCall(Map<?, ?> m) {
    if (selectsTool(m) || !(m.get("method") instanceof String s)) {
      return false;
    }
    return s.equals("tools/call") || (s.startsWith("tools/") && hasGlob(s));
  }

  /** A rule item {@code {allow: matcher}} (no other keys); the matcher, or {@code null} when the shape is wrong. */
  private Map<?, ?> allow(Object rule, String at) {
    if (!(rule instanceof Map<?, ?> r) || !(r.get("allow") instanceof Map<?, ?> allow)) {
      shape(at, "a rule must be {allow: {...}}");
      return null;
    }
    for (Object k : r.keySet()) {
      if (!k.equals("allow")) {
        shape(JsonPointer.key(at, String.valueOf(k)), "a rule has only 'allow', not '" + k + "'");
      }
    }
    for (Object k : allow.keySet()) {
      if (!L7_MATCHER_KEYS.contains(String.valueOf(k))) {
        shape(JsonPointer.key(at + "/allow", String.valueOf(k)),
            "an allow matcher has only method, path, tool and params, not '" + k + "'");
        return null;
      }
    }
    return allow;
  }

  private void options(Object node, String at, Set<String> keys) {
    if (!(node instanceof Map<?, ?> o)) {
      error(ProblemCode.WRONG_TYPE, at, "must be a mapping");
      return;
    }
    closed(o, at, keys);
    if (o.containsKey("max_body_bytes")) {
      Object v = o.get("max_body_bytes");
      if (!isInteger(v) || asLong(v) < 1 || asLong(v) > MAX_BODY_BYTES) {
        error(ProblemCode.NEMOCLAW_BODY_LIMIT, at + "/max_body_bytes",
            "max_body_bytes must be an integer from 1 to " + MAX_BODY_BYTES);
      }
    }
    type(o, at, "strict_tool_names", Kind.BOOLEAN);
    type(o, at, "allow_all_known_mcp_methods", Kind.BOOLEAN);
  }

  private List<?> list(Map<?, ?> ep, String at, String key) {
    if (!ep.containsKey(key)) {
      return List.of();
    }
    if (!(ep.get(key) instanceof List<?> l)) {
      error(ProblemCode.WRONG_TYPE, at + "/" + key, "'" + key + "' must be a list");
      return List.of();
    }
    if (l.isEmpty()) {
      error(ProblemCode.SIZE_INVALID, at + "/" + key, "'" + key + "' must have at least one item");
    }
    return l;
  }

  // ---- blueprint ------------------------------------------------------------------------------------------------

  private void blueprint(Map<?, ?> root) {
    closed(root, "", BLUEPRINT_KEYS);
    require(root, "", List.of("version", "profiles", "components"));
    for (String k : BLUEPRINT_VERSIONS) {
      if (root.containsKey(k) && !(root.get(k) instanceof String s && isSemver(s))) {
        error(ProblemCode.PATTERN_MISMATCH, "/" + k, "'" + k + "' must be a version like 1.2.3");
      }
    }
    type(root, "", "digest", Kind.STRING);
    type(root, "", "description", Kind.STRING);
    if (root.containsKey("profiles")) {
      Object profiles = root.get("profiles");
      if (!(profiles instanceof List<?> l) || l.isEmpty() || !l.stream().allMatch(v -> v instanceof String)) {
        error(ProblemCode.SIZE_INVALID, "/profiles", "'profiles' must be a non-empty list of strings");
      } else if (new HashSet<>(l).size() != l.size()) {
        error(ProblemCode.SCHEMA_VIOLATION, "/profiles", "'profiles' must not repeat a name");
      }
    }
    if (!(root.get("components") instanceof Map<?, ?> c)) {
      if (root.containsKey("components")) {
        error(ProblemCode.WRONG_TYPE, "/components", "'components' must be a mapping");
      }
      return;
    }
    closed(c, "/components", COMPONENT_KEYS);
    require(c, "/components", List.of("sandbox", "inference"));
    if (c.get("sandbox") instanceof Map<?, ?> s) {
      sandbox(s, "/components/sandbox");
    }
    if (c.get("inference") instanceof Map<?, ?> i) {
      inference(i, "/components/inference");
    }
    if (c.get("router") instanceof Map<?, ?> r) {
      closed(r, "/components/router", ROUTER_KEYS);
      type(r, "/components/router", "enabled", Kind.BOOLEAN);
      type(r, "/components/router", "pool_config_path", Kind.STRING);
      if (r.containsKey("port")) {
        port(r, "/components/router");
      }
    }
    if (c.get("policy") instanceof Map<?, ?> p) {
      blueprintPolicy(p, "/components/policy");
    }
    for (String k : List.of("sandbox", "inference", "router", "policy")) {
      if (c.containsKey(k) && !(c.get(k) instanceof Map)) {
        error(ProblemCode.WRONG_TYPE, "/components/" + k, "'components." + k + "' must be a mapping");
      }
    }
  }

  private void sandbox(Map<?, ?> s, String at) {
    closed(s, at, SANDBOX_KEYS);
    require(s, at, List.of("image", "name"));
    type(s, at, "image", Kind.STRING);
    type(s, at, "name", Kind.STRING);
    if (s.containsKey("forward_ports")) {
      if (!(s.get("forward_ports") instanceof List<?> ports)) {
        error(ProblemCode.WRONG_TYPE, at + "/forward_ports", "'forward_ports' must be a list of ports");
      } else {
        for (int i = 0; i < ports.size(); i++) {
          Object v = ports.get(i);
          if (!isPort(v)) {
            error(ProblemCode.INTEGER_OUT_OF_RANGE, JsonPointer.index(at + "/forward_ports", i),
                "a forwarded port is an integer from " + Port.MIN_VALUE + " to " + Port.MAX_VALUE);
          }
        }
      }
    }
    if (s.get("resource_profiles") instanceof Map<?, ?> profiles) {
      for (Map.Entry<?, ?> e : profiles.entrySet()) {
        String pAt = JsonPointer.key(at + "/resource_profiles", String.valueOf(e.getKey()));
        if (!(e.getValue() instanceof Map<?, ?> rp)) {
          error(ProblemCode.WRONG_TYPE, pAt, "a resource profile must be {cpu, memory}");
          continue;
        }
        closed(rp, pAt, Set.of("cpu", "memory"));
        require(rp, pAt, List.of("cpu", "memory"));
        for (String k : List.of("cpu", "memory")) {
          if (rp.containsKey(k) && !(rp.get(k) instanceof String q && isQuantity(q))) {
            error(ProblemCode.PATTERN_MISMATCH, pAt + "/" + k, "'" + k + "' must be a quantity like 4, 8Gi or 25%");
          }
        }
      }
    } else if (s.containsKey("resource_profiles")) {
      error(ProblemCode.WRONG_TYPE, at + "/resource_profiles", "'resource_profiles' must be a mapping");
    }
  }

  private void inference(Map<?, ?> i, String at) {
    closed(i, at, Set.of("profiles"));
    if (!(i.get("profiles") instanceof Map<?, ?> profiles) || profiles.isEmpty()) {
      error(i.containsKey("profiles") ? ProblemCode.SIZE_INVALID : ProblemCode.MISSING_FIELD,
          i.containsKey("profiles") ? at + "/profiles" : at, "'inference.profiles' needs at least one profile");
      return;
    }
    for (Map.Entry<?, ?> e : profiles.entrySet()) {
      String pAt = JsonPointer.key(at + "/profiles", String.valueOf(e.getKey()));
      if (!(e.getValue() instanceof Map<?, ?> p)) {
        error(ProblemCode.WRONG_TYPE, pAt, "an inference profile must be a mapping");
        continue;
      }
      closed(p, pAt, INFERENCE_PROFILE_KEYS);
      require(p, pAt, List.of("provider_type", "endpoint"));
      for (String k : List.of("provider_type", "provider_name", "endpoint", "model", "credential_env",
          "credential_default")) {
        type(p, pAt, k, Kind.STRING);
      }
      type(p, pAt, "dynamic_endpoint", Kind.BOOLEAN);
      if (p.containsKey("timeout_secs") && (!isInteger(p.get("timeout_secs")) || asLong(p.get("timeout_secs")) < 1)) {
        error(ProblemCode.INTEGER_OUT_OF_RANGE, pAt + "/timeout_secs", "'timeout_secs' must be an integer of at least 1");
      }
    }
  }

  private void blueprintPolicy(Map<?, ?> p, String at) {
    closed(p, at, BLUEPRINT_POLICY_KEYS);
    require(p, at, List.of("base"));
    type(p, at, "base", Kind.STRING);
    if (!p.containsKey("additions")) {
      return;
    }
    if (!(p.get("additions") instanceof Map<?, ?> additions)) {
      error(ProblemCode.WRONG_TYPE, at + "/additions", "'additions' must be a mapping");
      return;
    }
    for (Map.Entry<?, ?> e : additions.entrySet()) {
      String aAt = JsonPointer.key(at + "/additions", String.valueOf(e.getKey()));
      if (!(e.getValue() instanceof Map<?, ?> a)) {
        error(ProblemCode.WRONG_TYPE, aAt, "an addition must be {name, endpoints}");
        continue;
      }
      closed(a, aAt, ADDITION_KEYS);
      require(a, aAt, List.of("name", "endpoints"));
      type(a, aAt, "name", Kind.STRING);
      if (a.get("endpoints") instanceof List<?> eps && !eps.isEmpty()) {
        for (int i = 0; i < eps.size(); i++) {
          additionEndpoint(eps.get(i), JsonPointer.index(aAt + "/endpoints", i));
        }
      } else if (a.containsKey("endpoints")) {
        error(ProblemCode.SIZE_INVALID, aAt + "/endpoints", "an addition requires at least one endpoint");
      }
    }
  }

  /** A blueprint addition's endpoint: closed, REST only, rules exactly {allow: {method, path}} with HTTP verbs. */
  private void additionEndpoint(Object node, String at) {
    if (!(node instanceof Map<?, ?> ep)) {
      error(ProblemCode.WRONG_TYPE, at, "an endpoint must be a mapping");
      return;
    }
    closed(ep, at, ADDITION_ENDPOINT_KEYS);
    require(ep, at, List.of("host", "port"));
    type(ep, at, "host", Kind.STRING);
    port(ep, at);
    oneOf(ep, at, "protocol", Set.of("rest"));
    oneOf(ep, at, "enforcement", ENFORCEMENTS);
    oneOf(ep, at, "tls", TLS_MODES);
    oneOf(ep, at, "access", Set.of("full"));
    List<?> rules = list(ep, at, "rules");
    if ("rest".equals(ep.get("protocol")) && !ep.containsKey("rules")) {
      error(ProblemCode.NEMOCLAW_RULES_REQUIRED, at, "a blueprint addition with protocol: rest requires 'rules'");
    }
    for (int i = 0; i < rules.size(); i++) {
      String rAt = JsonPointer.index(at + "/rules", i);
      if (!(rules.get(i) instanceof Map<?, ?> r) || !(r.get("allow") instanceof Map<?, ?> allow) || r.size() != 1) {
        shape(rAt, "a blueprint rule must be exactly {allow: {method, path}}");
        continue;
      }
      methodAndPath(allow, rAt + "/allow", HTTP_METHODS, "blueprint");
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private enum Kind { STRING, BOOLEAN }

  private void closed(Map<?, ?> m, String at, Set<String> allowed) {
    for (Object k : m.keySet()) {
      if (!allowed.contains(String.valueOf(k))) {
        error(ProblemCode.UNKNOWN_KEY, JsonPointer.key(at, String.valueOf(k)), "unknown key '" + k + "' in "
            + (at.isEmpty() ? "the document" : at));
      }
    }
  }

  private void require(Map<?, ?> m, String at, List<String> keys) {
    for (String k : keys) {
      if (!m.containsKey(k)) {
        error(ProblemCode.MISSING_FIELD, at, "'" + k + "' is required" + (at.isEmpty() ? "" : " in " + at));
      }
    }
  }

  private void type(Map<?, ?> m, String at, String key, Kind kind) {
    if (!m.containsKey(key)) {
      return;
    }
    Object v = m.get(key);
    boolean ok = kind == Kind.STRING ? v instanceof String : v instanceof Boolean;
    if (!ok) {
      error(ProblemCode.WRONG_TYPE, JsonPointer.key(at, key), "'" + key + "' must be a "
          + (kind == Kind.STRING ? "string" : "boolean"));
    }
  }

  private void oneOf(Map<?, ?> m, String at, String key, Set<String> values) {
    if (m.containsKey(key) && !(m.get(key) instanceof String s && values.contains(s))) {
      error(ProblemCode.VALUE_NOT_ALLOWED, JsonPointer.key(at, key), "'" + key + "' must be one of "
          + String.join(", ", sorted(values)));
    }
  }

  private void port(Map<?, ?> m, String at) {
    if (!m.containsKey("port")) {
      error(ProblemCode.MISSING_FIELD, at, "an endpoint requires 'port' (NemoClaw does not accept 'ports' alone)");
      return;
    }
    Object v = m.get("port");
    if (!isInteger(v)) {
      error(ProblemCode.WRONG_TYPE, at + "/port", "'port' must be an integer");
    } else if (!isPort(v)) {
      error(ProblemCode.INTEGER_OUT_OF_RANGE, at + "/port",
          "'port' must be from " + Port.MIN_VALUE + " to " + Port.MAX_VALUE);
    }
  }

  private void stringList(Map<?, ?> m, String at, String key) {
    if (m.containsKey(key) && !(m.get(key) instanceof List<?> l && l.stream().allMatch(v -> v instanceof String))) {
      error(ProblemCode.WRONG_TYPE, JsonPointer.key(at, key), "'" + key + "' must be a list of strings");
    }
  }

  private void nonEmptyStrings(Object node, String at, String what) {
    if (!(node instanceof List<?> l) || l.isEmpty()
        || !l.stream().allMatch(v -> v instanceof String s && !s.isEmpty())) {
      error(ProblemCode.SIZE_INVALID, at, what + " must be a non-empty list of non-empty strings");
    }
  }

  private void shape(String at, String message) {
    error(ProblemCode.NEMOCLAW_RULE_SHAPE, at, message);
  }

  private void error(ProblemCode code, String at, String message) {
    out.add(Problem.error(code, map.nearest(at), PREFIX + message));
  }

  static boolean hasGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[]{}".indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** An integer that {@link Port#isValid(int)} accepts. */
  private static boolean isPort(Object v) {
    if (!isInteger(v)) {
      return false;
    }
    long l = asLong(v);
    return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE && Port.isValid((int) l);
  }

  private static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof BigInteger;
  }

  private static long asLong(Object v) {
    if (v instanceof BigInteger b) {
      return b.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return ((Number) v).longValue();
  }

  /** {@code ^[0-9]+\.[0-9]+\.[0-9]+$}. */
  static boolean isSemver(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** {@code ^([1-9]\d?%|100%|\d+(\.\d+)?[mKMGTPE]?i?)$}: a percentage 1-100 or a Kubernetes-style quantity. */
  static boolean isQuantity(String s) {
    if (s.endsWith("%")) {
      String n = s.substring(0, s.length() - 1);
      if (n.equals("100")) {
        return true;
      }
      return !n.isEmpty() && n.length() <= 2 && n.charAt(0) >= '1' && n.charAt(0) <= '9'
          && n.chars().allMatch(c -> c >= '0' && c <= '9');
    }
    int i = 0;
    int n = s.length();
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
      digits++;
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      int frac = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        frac++;
      }
      if (frac == 0) {
        return false;
      }
    }
    if (i < n && "mKMGTPE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (i < n && s.charAt(i) == 'i') {
      i++;
    }
    return i == n;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
