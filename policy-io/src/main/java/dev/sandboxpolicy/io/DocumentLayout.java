package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.io.Field.SchemaType;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.BlueprintPolicy;
import dev.sandboxpolicy.model.CredentialBinding;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.JsonRpcOptions;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.McpVersion;
import dev.sandboxpolicy.model.Middleware;
import dev.sandboxpolicy.model.MiddlewareSelector;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.PolicyNode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.ProcessPolicy;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.Tier;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.TierPreset;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.net.Port;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of every key of every document the library reads and writes: for each closed mapping (a
 * {@link MappingShape}) its keys in the order of the language reference, each with its JSON-Schema type and its
 * kind, which says how it is read into the model and written back. {@link Binder} reads through it,
 * {@link DocumentTree} and {@link DocumentStream} write through it, and a test checks the shipped JSON Schemas
 * against it.
 *
 * <p>The table is data: {@link LayoutCode}, generated from it by {@code LayoutCodeTest} and committed, makes and
 * fills the builders and writes the values with direct calls of the model's getters and the builders' setters,
 * which are named as the key in camelCase. A new key is one {@link Field} here, its accessor and builder method in
 * the model, and a regeneration ({@code -Dlayout.writeCode=true}); {@code LayoutCodeTest} fails until then. A new
 * shape is a constant here, named as its {@link MappingShape#name()}.
 *
 * <p>Most keys use one of the plain field kinds at the bottom of this class (a string that is omitted when empty,
 * a flag written only when true, an optional integer, a list or map of a nested shape). The few keys with their
 * own rules say so where they are declared, with their own reader and writer: {@code port}/{@code ports} (the
 * canonical form writes one port as {@code port}), matchers and MCP {@code params}, middleware {@code config}
 * (open user data), the policy's {@code version} (required by a strict read), the preset header and blueprint
 * {@code components}.
 */
final class DocumentLayout {

  /** Upper bound of a protobuf {@code uint32} ({@code version}, body limits). */
  static final long U32_MAX = 4_294_967_295L;

  static final String U32_RANGE = "0..4294967295";
  /** A port field holds 0 (unset) up to {@link Port#MAX_VALUE}; the value rules then require 1 or more. */
  private static final String PORT_RANGE = "0.." + Port.MAX_VALUE;
  private static final SchemaType U32 = SchemaType.integer(0, U32_MAX);
  private static final SchemaType PORT = SchemaType.integer(0, Port.MAX_VALUE);
  private static final SchemaType I32 = SchemaType.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
  private static final SchemaType STRINGS = SchemaType.arrayOf(SchemaType.STRING);
  /** Whether a nested mapping of the wrong type is named in the message ({@code expected a mapping (a rule)}). */
  private static final boolean NAMED = true;
  private static final boolean PLAIN = false;
  /** Whether an empty list or map is written ({@code endpoints: []}) or left out. */
  private static final boolean ALWAYS = true;
  private static final boolean UNLESS_EMPTY = false;
  /** {@code mcp.versions} when not written: exactly {@link McpVersion#DEFAULT}. */
  private static final List<String> DEFAULT_MCP_VERSIONS = List.of(McpVersion.DEFAULT.wireName());

  private DocumentLayout() {}

  // ---------------------------------------------------------------- network policy entries

  static final MappingShape<PersistedQuery, PersistedQuery.Builder> PERSISTED_QUERY =
      MappingShape.<PersistedQuery, PersistedQuery.Builder>of("PERSISTED_QUERY", "a persisted query", PersistedQuery.class)
          .with(string("operation_type"))
          .with(string("operation_name"))
          .with(stringList("fields"));

  static final MappingShape<RuleBody, RuleBody.Builder> RULE_BODY =
      MappingShape.<RuleBody, RuleBody.Builder>of("RULE_BODY", "a rule", RuleBody.class)
          .with(string("method"))
          .with(string("path"))
          .with(string("command"))
          // query: an open map of parameter names, each a matcher
          .with(new Field<>("query", SchemaType.mapOf(SchemaType.MATCHER),
              (f, key, b) -> matcherMap(f, key).forEach(b::putQuery),
              (tree, r, key, out) -> {
                if (!r.query().isEmpty()) {
                  Map<String, Object> q = tree.newMap();
                  for (Map.Entry<String, ValueMatcher> e : r.query().entrySet()) {
                    q.put(e.getKey(), tree.matcher(e.getValue()));
                  }
                  out.put(key, q);
                }
              }))
          .with(string("operation_type"))
          .with(string("operation_name"))
          .with(stringList("fields"))
          .with(new Field<>("tool", SchemaType.MATCHER,
              (f, key, b) -> {
                Node tool = f.node(key);
                if (tool != null) {
                  ValueMatcher m = f.binder().matcher(tool, f.child(key), "tool");
                  if (m != null) {
                    b.tool(m);
                  }
                }
              },
              (tree, r, key, out) -> {
                if (r.tool().isPresent()) {
                  out.put(key, tree.matcher(r.tool().get()));
                }
              }))
          // params: MCP parameters, nested maps read flattened to dotted keys and written nested again
          .with(new Field<>("params", SchemaType.PARAMS,
              (f, key, b) -> {
                Node.MapNode params = f.mapping(key);
                if (params != null) {
                  b.putAllParams(f.binder().flattenParams(params, f.child(key)));
                }
              },
              (tree, r, key, out) -> {
                if (!r.params().isEmpty()) {
                  out.put(key, tree.nestParams(r.params()));
                }
              }));

  static final MappingShape<AllowRule, AllowRule.Builder> ALLOW_RULE =
      MappingShape.<AllowRule, AllowRule.Builder>of("ALLOW_RULE", "an allow rule", AllowRule.class)
          .with(section("allow", RULE_BODY, NAMED));

  static final MappingShape<CredentialBinding, CredentialBinding.Builder> CREDENTIAL_BINDING =
      MappingShape.<CredentialBinding, CredentialBinding.Builder>of("CREDENTIAL_BINDING", "credential_binding", CredentialBinding.class)
          .with(string("provider"));

  static final MappingShape<JsonRpcOptions, JsonRpcOptions.Builder> JSON_RPC =
      MappingShape.<JsonRpcOptions, JsonRpcOptions.Builder>of("JSON_RPC", "json_rpc", JsonRpcOptions.class)
          .with(u32("max_body_bytes"))
          // closed in every mode: an unknown option (on_parse_error, ...) is never kept and silently ignored
          .unknownKeysAreErrors(ProblemCode.JSON_RPC_OPTION_UNKNOWN);

  static final MappingShape<McpOptions, McpOptions.Builder> MCP =
      MappingShape.<McpOptions, McpOptions.Builder>of("MCP", "mcp", McpOptions.class)
          // versions: presence kept (absent = the pinned default, [] = an error); the canonical form sorts the
          // list and omits it when it is exactly the default, so both spellings of the default hash the same
          .with(new Field<>("versions", STRINGS,
              (f, key, b) -> {
                Node.ListNode list = f.list(key);
                if (list != null) {
                  b.versions(f.binder().strings(list, f.child(key)));
                }
              },
              (tree, mcp, key, out) -> mcp.versions().ifPresent(written -> {
                if (!tree.canonical()) {
                  out.put(key, written);
                  return;
                }
                List<String> sorted = new ArrayList<>(written);
                Collections.sort(sorted);
                if (!sorted.equals(DEFAULT_MCP_VERSIONS)) {
                  out.put(key, sorted);
                }
              })))
          .with(u32("max_body_bytes"))
          .with(optFlag("strict_tool_names"))
          .with(optFlag("allow_all_known_mcp_methods"));

  static final MappingShape<Endpoint, Endpoint.Builder> ENDPOINT =
      MappingShape.<Endpoint, Endpoint.Builder>of("ENDPOINT", "an endpoint", Endpoint.class)
          .with(string("host"))
          // port and ports: the canonical form writes the effective ports, one port as `port`
          .with(new Field<>("port", PORT,
              (f, key, b) -> b.port((int) (long) f.optInteger(key, 0, Port.MAX_VALUE, PORT_RANGE).orElse(0L)),
              (tree, e, key, out) -> {
                if (tree.canonical()) {
                  List<Integer> ports = e.effectivePorts();
                  if (ports.size() == 1) {
                    out.put(key, ports.get(0));
                  }
                } else if (e.port() != 0) {
                  out.put(key, e.port());
                }
              }))
          .with(new Field<>("ports", SchemaType.arrayOf(PORT),
              (f, key, b) -> {
                Node.ListNode ports = f.list(key);
                if (ports != null) {
                  for (int i = 0; i < ports.items.size(); i++) {
                    f.binder().integer(ports.items.get(i), JsonPointer.index(f.child(key), i), 0, Port.MAX_VALUE, PORT_RANGE)
                        .ifPresent(p -> b.addPorts((int) (long) p));
                  }
                }
              },
              (tree, e, key, out) -> {
                if (!tree.canonical()) {
                  DocumentTree.putList(out, key, e.ports());
                } else if (e.effectivePorts().size() != 1) {
                  DocumentTree.putList(out, key, e.effectivePorts());
                }
              }))
          .with(string("path"))
          .with(string("protocol"))
          .with(string("tls"))
          .with(string("enforcement"))
          .with(string("access"))
          .with(optList("rules", ALLOW_RULE))
          .with(optList("deny_rules", RULE_BODY))
          .with(stringList("allowed_ips"))
          .with(flag("allow_encoded_slash"))
          .with(flag("websocket_credential_rewrite"))
          .with(flag("request_body_credential_rewrite"))
          .with(flag("allow_uninspected_credentials"))
          .with(string("persisted_queries"))
          .with(map("graphql_persisted_queries", PERSISTED_QUERY, UNLESS_EMPTY))
          .with(u32("graphql_max_body_bytes"))
          .with(string("credential_signing"))
          .with(string("signing_service"))
          .with(string("signing_region"))
          .with(section("credential_binding", CREDENTIAL_BINDING, PLAIN))
          .with(section("json_rpc", JSON_RPC, PLAIN))
          // mcp: the canonical form leaves out a block that says nothing on an MCP endpoint ({} = the defaults)
          .with(DocumentLayout.<Endpoint, Endpoint.Builder>section("mcp", MCP, PLAIN).writtenBy(
              (tree, e, key, out) -> {
                if (e.mcp().isPresent()) {
                  Map<String, Object> written = MCP.write(tree, e.mcp().get());
                  if (!(tree.canonical() && written.isEmpty() && Protocol.MCP.is(e.protocol()))) {
                    out.put(key, written);
                  }
                }
              }))
          .hint("mcp_versions", "MCP revisions are written under the endpoint's mcp block: mcp: {versions: [...]}");

  static final MappingShape<Binary, Binary.Builder> BINARY =
      MappingShape.<Binary, Binary.Builder>of("BINARY", "a binary", Binary.class)
          .with(Field.plain("path", SchemaType.STRING, Field.Plain.STRING_ALWAYS))
          .with(optFlag("harness"));

  /** A {@code network_policies} entry of a policy or a preset. */
  static final MappingShape<NetworkPolicy, NetworkPolicy.Builder> NETWORK_POLICY = networkPolicy("NETWORK_POLICY", true);

  /** A blueprint's {@code components.policy.additions} entry: no {@code binaries} (NemoClaw adds none). */
  static final MappingShape<NetworkPolicy, NetworkPolicy.Builder> ADDITION = networkPolicy("ADDITION", false);

  private static MappingShape<NetworkPolicy, NetworkPolicy.Builder> networkPolicy(String name, boolean withBinaries) {
    MappingShape<NetworkPolicy, NetworkPolicy.Builder> shape =
        MappingShape.<NetworkPolicy, NetworkPolicy.Builder>of(name, "a network policy entry", NetworkPolicy.class)
            .with(string("name"))
            .with(list("endpoints", ENDPOINT, ALWAYS));
    return withBinaries
        ? shape.with(list("binaries", BINARY, UNLESS_EMPTY))
        : shape;
  }

  // ---------------------------------------------------------------- middlewares

  static final MappingShape<MiddlewareSelector, MiddlewareSelector.Builder> MIDDLEWARE_SELECTOR =
      MappingShape.<MiddlewareSelector, MiddlewareSelector.Builder>of("MIDDLEWARE_SELECTOR", "a middleware selector", MiddlewareSelector.class)
          .with(new Field<>("include", STRINGS, (f, key, b) -> b.include(f.stringList(key)),
              (tree, s, key, out) -> out.put(key, s.include())))
          .with(stringList("exclude"));

  static final MappingShape<Middleware, Middleware.Builder> MIDDLEWARE =
      MappingShape.<Middleware, Middleware.Builder>of("MIDDLEWARE", "a network middleware", Middleware.class)
          .with(string("name"))
          .with(string("middleware"))
          .with(new Field<>("order", I32,
              (f, key, b) -> f.optInteger(key, Integer.MIN_VALUE, Integer.MAX_VALUE, "of a 32-bit signed integer")
                  .ifPresent(o -> b.order((int) (long) o)),
              (tree, m, key, out) -> DocumentTree.putOptional(out, key, m.order())))
          // config: open user data, kept as written
          .with(new Field<>("config", SchemaType.OPEN_OBJECT,
              (f, key, b) -> {
                Node.MapNode config = f.mapping(key);
                if (config != null) {
                  @SuppressWarnings("unchecked")
                  Map<String, Object> raw = (Map<String, Object>) Binder.raw(config);
                  b.config(raw);
                }
              },
              (tree, m, key, out) -> {
                if (!m.config().isEmpty()) {
                  out.put(key, tree.canonical() ? DocumentTree.sortDeep(m.config()) : m.config());
                }
              }))
          .with(string("on_error"))
          .with(section("endpoints", MIDDLEWARE_SELECTOR, PLAIN));

  // ---------------------------------------------------------------- policy

  static final MappingShape<FilesystemPolicy, FilesystemPolicy.Builder> FILESYSTEM_POLICY =
      MappingShape.<FilesystemPolicy, FilesystemPolicy.Builder>of("FILESYSTEM_POLICY", "filesystem_policy", FilesystemPolicy.class)
          .with(flag("include_workdir"))
          .with(stringList("read_only"))
          .with(stringList("read_write"));

  static final MappingShape<Landlock, Landlock.Builder> LANDLOCK =
      MappingShape.<Landlock, Landlock.Builder>of("LANDLOCK", "landlock", Landlock.class)
          .with(string("compatibility"));

  static final MappingShape<ProcessPolicy, ProcessPolicy.Builder> PROCESS =
      MappingShape.<ProcessPolicy, ProcessPolicy.Builder>of("PROCESS", "process", ProcessPolicy.class)
          .with(optString("run_as_user"))
          .with(optString("run_as_group"));

  static final MappingShape<Policy, Policy.Builder> POLICY =
      MappingShape.<Policy, Policy.Builder>of("POLICY", "the policy", Policy.class)
          // version: required by a strict read; upstream never checks the value
          .with(new Field<>("version", U32,
              (f, key, b) -> {
                f.optInteger(key, 0, U32_MAX, U32_RANGE).ifPresent(b::version);
                if (f.binder().mode() == ReadMode.STRICT && !f.has(key)) {
                  f.binder().error(ProblemCode.MISSING_VERSION, f.location(), "a policy requires 'version' (use version: 1)");
                }
              },
              (tree, p, key, out) -> DocumentTree.putOptional(out, key, p.version())))
          // filesystem_policy: absent means include_workdir: true and {} means false (#3334), so an explicit null,
          // which used to read as absent, is refused by a strict read rather than guessed
          .with(DocumentLayout.<Policy, Policy.Builder>section(
                  "filesystem_policy", FILESYSTEM_POLICY, PLAIN)
              .checkedFirst((f, key, b) -> {
                if (f.binder().mode() == ReadMode.STRICT && f.isNull(key)) {
                  f.binder().error(ProblemCode.WRONG_TYPE, f.valueLocation(key), "filesystem_policy is null, which no longer"
                      + " reads as absent: remove the key to keep the working directory (include_workdir: true),"
                      + " or write filesystem_policy: {} for none");
                }
              }))
          .with(section("landlock", LANDLOCK, PLAIN))
          .with(section("process", PROCESS, PLAIN))
          .with(map("network_policies", NETWORK_POLICY, ALWAYS))
          .with(map("network_middlewares", MIDDLEWARE, UNLESS_EMPTY));

  // ---------------------------------------------------------------- preset

  /** The keys of the {@code preset:} header, read into the preset itself. */
  static final MappingShape<Preset, Preset.Builder> PRESET_HEADER =
      MappingShape.<Preset, Preset.Builder>of("PRESET_HEADER", "the preset header", Preset.class)
          .unknownFieldsSetBy("putAllUnknownFields")
          .with(Field.plain("name", SchemaType.STRING, Field.Plain.REQUIRED_STRING))
          .with(Field.plain("description", SchemaType.STRING, Field.Plain.STRING_ALWAYS));

  /** Unknown keys of the preset header are kept in the preset's unknown fields under this prefix. */
  static final String HEADER_PREFIX = "preset.";

  static final MappingShape<Preset, Preset.Builder> PRESET =
      MappingShape.<Preset, Preset.Builder>of("PRESET", "the preset", Preset.class)
          .unknownFieldsSetBy("putAllUnknownFields")
          .with(new Field<>("preset", SchemaType.object(PRESET_HEADER),
              (f, key, b) -> {
                Node.MapNode header = f.mapping(key);
                if (header != null) {
                  ObjectFields hf = f.nested(header, key, PRESET_HEADER.what());
                  PRESET_HEADER.readFields(hf, b);
                  hf.unknown().forEach((name, value) -> b.putUnknownFields(HEADER_PREFIX + name, value));
                } else if (f.binder().mode() == ReadMode.STRICT) {
                  f.binder().error(ProblemCode.MISSING_FIELD, f.location(),
                      "a preset requires a 'preset' header with 'name' and 'description'");
                }
              },
              (tree, p, key, out) -> {
                Map<String, Object> header = tree.newMap();
                PRESET_HEADER.writeFields(tree, p, header);
                for (Map.Entry<String, Object> e : p.unknownFields().entrySet()) {
                  if (e.getKey().startsWith(HEADER_PREFIX)) {
                    header.putIfAbsent(e.getKey().substring(HEADER_PREFIX.length()), e.getValue());
                  }
                }
                out.put(key, header);
              }))
          .with(map("network_policies", NETWORK_POLICY, ALWAYS))
          .writingUnknown(p -> {
            Map<String, Object> rest = new LinkedHashMap<>();
            p.unknownFields().forEach((k, v) -> {
              if (!k.startsWith(HEADER_PREFIX)) {
                rest.put(k, v);
              }
            });
            return rest;
          });

  // ---------------------------------------------------------------- tiers

  static final MappingShape<TierPreset, TierPreset.Builder> TIER_PRESET =
      MappingShape.<TierPreset, TierPreset.Builder>of("TIER_PRESET", "a tier preset", TierPreset.class)
          .with(requiredString("name"))
          .with(requiredString("access"));

  static final MappingShape<Tier, Tier.Builder> TIER =
      MappingShape.<Tier, Tier.Builder>of("TIER", "a tier", Tier.class)
          .with(requiredString("name"))
          .with(requiredString("label"))
          .with(requiredString("description"))
          .with(requiredList("presets", TIER_PRESET));

  static final MappingShape<TierCatalog, TierCatalog.Builder> TIER_CATALOG =
      MappingShape.<TierCatalog, TierCatalog.Builder>of("TIER_CATALOG", "the tiers document", TierCatalog.class)
          .with(requiredList("tiers", TIER));

  // ---------------------------------------------------------------- blueprint

  static final MappingShape<BlueprintPolicy, BlueprintPolicy.Builder> BLUEPRINT_POLICY =
      MappingShape.<BlueprintPolicy, BlueprintPolicy.Builder>of("BLUEPRINT_POLICY", "components.policy", BlueprintPolicy.class)
          .with(string("base"))
          .with(map("additions", ADDITION, UNLESS_EMPTY));

  static final MappingShape<Blueprint, Blueprint.Builder> BLUEPRINT =
      MappingShape.<Blueprint, Blueprint.Builder>of("BLUEPRINT", "the blueprint", Blueprint.class)
          .with(string("version"))
          .with(string("min_openshell_version"))
          .with(string("max_openshell_version"))
          .with(string("min_openclaw_version"))
          .with(string("digest"))
          .with(string("description"))
          .with(stringList("profiles"))
          // components: open, except components.policy, which is the modelled policy base and additions
          .with(new Field<>("components", SchemaType.OPEN_OBJECT,
              (f, key, b) -> {
                Node.MapNode components = f.mapping(key);
                if (components != null) {
                  for (Node.Entry e : components.entries.values()) {
                    if (e.key().equals("policy")) {
                      BlueprintPolicy policy =
                          f.binder().bind(BLUEPRINT_POLICY, e.value(), f.child(key) + "/policy");
                      if (policy != null) {
                        b.policy(policy);
                      }
                    } else {
                      b.putComponents(e.key(), Binder.raw(e.value()));
                    }
                  }
                }
              },
              (tree, bp, key, out) -> {
                Map<String, Object> components = tree.newMap();
                tree.putUnknown(components, bp.components());
                bp.policy().ifPresent(policy -> components.put("policy", BLUEPRINT_POLICY.write(tree, policy)));
                if (!components.isEmpty()) {
                  out.put(key, components);
                }
              }));

  // ---------------------------------------------------------------- field kinds
  //
  // A field of these kinds holds no code: the model's getter and the builder's setter are named as the key in
  // camelCase, and LayoutCode, generated from this table, calls them.

  /** A string, {@code ""} when absent, omitted when empty. */
  private static <T, B> Field<T, B> string(String key) {
    return Field.plain(key, SchemaType.STRING, Field.Plain.STRING);
  }

  /** A required string ({@code missing_field} when absent), always written. */
  private static <T, B> Field<T, B> requiredString(String key) {
    return Field.plain(key, SchemaType.STRING, Field.Plain.REQUIRED_STRING);
  }

  /** A string whose absence is kept ({@code Optional}), written when present. */
  private static <T, B> Field<T, B> optString(String key) {
    return Field.plain(key, SchemaType.STRING, Field.Plain.OPTIONAL_STRING);
  }

  /** A boolean, {@code false} when absent, written only when {@code true}. */
  private static <T, B> Field<T, B> flag(String key) {
    return Field.plain(key, SchemaType.BOOLEAN, Field.Plain.FLAG);
  }

  /** A boolean whose absence is kept ({@code Optional}), written when present. */
  private static <T, B> Field<T, B> optFlag(String key) {
    return Field.plain(key, SchemaType.BOOLEAN, Field.Plain.OPTIONAL_FLAG);
  }

  /** An unsigned 32-bit integer (a protobuf {@code uint32}), written when present. */
  private static <T, B> Field<T, B> u32(String key) {
    return Field.plain(key, U32, Field.Plain.U32);
  }

  /** A list of strings, empty when absent, omitted when empty. */
  private static <T, B> Field<T, B> stringList(String key) {
    return Field.plain(key, STRINGS, Field.Plain.STRING_LIST);
  }

  /**
   * A nested mapping, written when present. {@code named}: a value that is not a mapping is reported as
   * {@code expected a mapping (WHAT)} rather than {@code expected a mapping}.
   */
  private static <T, B> Field<T, B> section(String key, MappingShape<?, ?> shape, boolean named) {
    return Field.nested(key, SchemaType.object(shape), named ? Field.Nesting.NAMED_SECTION : Field.Nesting.SECTION,
        shape);
  }

  /** A sequence of nested mappings; items that are not mappings are reported and dropped. */
  private static <T, B> Field<T, B> list(String key, MappingShape<?, ?> shape, boolean writeEmpty) {
    return Field.nested(key, SchemaType.arrayOf(SchemaType.object(shape)),
        writeEmpty ? Field.Nesting.LIST_ALWAYS : Field.Nesting.LIST, shape);
  }

  /** A sequence of nested mappings that is required ({@code missing_field} when absent) and always written. */
  private static <T, B> Field<T, B> requiredList(String key, MappingShape<?, ?> shape) {
    return Field.nested(key, SchemaType.arrayOf(SchemaType.object(shape)), Field.Nesting.REQUIRED_LIST, shape);
  }

  /**
   * A sequence of nested mappings whose presence is kept: {@code rules: []} is not the same as no {@code rules}
   * (the first is an error). Written when present, even empty.
   */
  private static <T, B> Field<T, B> optList(String key, MappingShape<?, ?> shape) {
    return Field.nested(key, SchemaType.arrayOf(SchemaType.object(shape)), Field.Nesting.OPTIONAL_LIST, shape);
  }

  /** A mapping of names (an open set of keys) to nested mappings, in document order. */
  private static <T, B> Field<T, B> map(String key, MappingShape<?, ?> shape, boolean writeEmpty) {
    return Field.nested(key, SchemaType.mapOf(SchemaType.object(shape)),
        writeEmpty ? Field.Nesting.MAP_ALWAYS : Field.Nesting.MAP, shape);
  }

  /** The matchers of an open map of names ({@code query}), in document order. */
  private static Map<String, ValueMatcher> matcherMap(ObjectFields f, String key) {
    Map<String, ValueMatcher> out = new LinkedHashMap<>();
    Node.MapNode m = f.mapping(key);
    if (m != null) {
      for (Node.Entry e : m.entries.values()) {
        ValueMatcher matcher = f.binder().matcher(e.value(), JsonPointer.key(f.child(key), e.key()),
            "query value " + Problem.quote(e.key()));
        if (matcher != null) {
          out.put(e.key(), matcher);
        }
      }
    }
    return out;
  }
}
