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
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one table of every key of every document the library reads and writes: for each closed mapping (a
 * {@link MappingShape}) its keys in the order of the language reference, each with its JSON-Schema type, how it is
 * read into the model and how it is written back. {@link Binder} reads through it, {@link DocumentTree} and
 * {@link DocumentStream} write through it, and a test checks the shipped JSON Schemas against it, so a new key is
 * one {@link Field} here and an accessor in the model.
 *
 * <p>Most keys use one of the plain field kinds at the bottom of this class (a string that is omitted when empty,
 * a flag written only when true, an optional integer, a list or map of a nested shape). The few keys with their
 * own rules say so where they are declared: {@code port}/{@code ports} (the canonical form writes one port as
 * {@code port}), matchers and MCP {@code params}, middleware {@code config} (open user data), the policy's
 * {@code version} (required by a strict read), the preset header and blueprint {@code components}.
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
      MappingShape.<PersistedQuery, PersistedQuery.Builder>of("a persisted query", PersistedQuery::builder,
              PersistedQuery.Builder::location, PersistedQuery.Builder::unknownFields, PersistedQuery.Builder::build)
          .with(string("operation_type", PersistedQuery::operationType, PersistedQuery.Builder::operationType))
          .with(string("operation_name", PersistedQuery::operationName, PersistedQuery.Builder::operationName))
          .with(stringList("fields", PersistedQuery::fields, PersistedQuery.Builder::fields));

  static final MappingShape<RuleBody, RuleBody.Builder> RULE_BODY =
      MappingShape.<RuleBody, RuleBody.Builder>of("a rule", RuleBody::builder, RuleBody.Builder::location,
              RuleBody.Builder::unknownFields, RuleBody.Builder::build)
          .with(string("method", RuleBody::method, RuleBody.Builder::method))
          .with(string("path", RuleBody::path, RuleBody.Builder::path))
          .with(string("command", RuleBody::command, RuleBody.Builder::command))
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
          .with(string("operation_type", RuleBody::operationType, RuleBody.Builder::operationType))
          .with(string("operation_name", RuleBody::operationName, RuleBody.Builder::operationName))
          .with(stringList("fields", RuleBody::fields, RuleBody.Builder::fields))
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
      MappingShape.<AllowRule, AllowRule.Builder>of("an allow rule", AllowRule::builder, AllowRule.Builder::location,
              AllowRule.Builder::unknownFields, AllowRule.Builder::build)
          .with(section("allow", RULE_BODY, NAMED, AllowRule::allow, AllowRule.Builder::allow));

  static final MappingShape<CredentialBinding, CredentialBinding.Builder> CREDENTIAL_BINDING =
      MappingShape.<CredentialBinding, CredentialBinding.Builder>of("credential_binding", CredentialBinding::builder,
              CredentialBinding.Builder::location, CredentialBinding.Builder::unknownFields,
              CredentialBinding.Builder::build)
          .with(string("provider", CredentialBinding::provider, CredentialBinding.Builder::provider));

  static final MappingShape<JsonRpcOptions, JsonRpcOptions.Builder> JSON_RPC =
      MappingShape.<JsonRpcOptions, JsonRpcOptions.Builder>of("json_rpc", JsonRpcOptions::builder,
              JsonRpcOptions.Builder::location, JsonRpcOptions.Builder::unknownFields, JsonRpcOptions.Builder::build)
          .with(u32("max_body_bytes", JsonRpcOptions::maxBodyBytes, JsonRpcOptions.Builder::maxBodyBytes))
          // closed in every mode: an unknown option (on_parse_error, ...) is never kept and silently ignored
          .unknownKeysAreErrors(ProblemCode.JSON_RPC_OPTION_UNKNOWN);

  static final MappingShape<McpOptions, McpOptions.Builder> MCP =
      MappingShape.<McpOptions, McpOptions.Builder>of("mcp", McpOptions::builder, McpOptions.Builder::location,
              McpOptions.Builder::unknownFields, McpOptions.Builder::build)
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
          .with(u32("max_body_bytes", McpOptions::maxBodyBytes, McpOptions.Builder::maxBodyBytes))
          .with(optFlag("strict_tool_names", McpOptions::strictToolNames, McpOptions.Builder::strictToolNames))
          .with(optFlag("allow_all_known_mcp_methods", McpOptions::allowAllKnownMcpMethods,
              McpOptions.Builder::allowAllKnownMcpMethods));

  static final MappingShape<Endpoint, Endpoint.Builder> ENDPOINT =
      MappingShape.<Endpoint, Endpoint.Builder>of("an endpoint", Endpoint::builder, Endpoint.Builder::location,
              Endpoint.Builder::unknownFields, Endpoint.Builder::build)
          .with(string("host", Endpoint::host, Endpoint.Builder::host))
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
          .with(string("path", Endpoint::path, Endpoint.Builder::path))
          .with(string("protocol", Endpoint::protocol, Endpoint.Builder::protocol))
          .with(string("tls", Endpoint::tls, Endpoint.Builder::tls))
          .with(string("enforcement", Endpoint::enforcement, Endpoint.Builder::enforcement))
          .with(string("access", Endpoint::access, Endpoint.Builder::access))
          .with(optList("rules", ALLOW_RULE, Endpoint::rules, Endpoint.Builder::rules))
          .with(optList("deny_rules", RULE_BODY, Endpoint::denyRules, Endpoint.Builder::denyRules))
          .with(stringList("allowed_ips", Endpoint::allowedIps, Endpoint.Builder::allowedIps))
          .with(flag("allow_encoded_slash", Endpoint::allowEncodedSlash, Endpoint.Builder::allowEncodedSlash))
          .with(flag("websocket_credential_rewrite", Endpoint::websocketCredentialRewrite,
              Endpoint.Builder::websocketCredentialRewrite))
          .with(flag("request_body_credential_rewrite", Endpoint::requestBodyCredentialRewrite,
              Endpoint.Builder::requestBodyCredentialRewrite))
          .with(flag("allow_uninspected_credentials", Endpoint::allowUninspectedCredentials,
              Endpoint.Builder::allowUninspectedCredentials))
          .with(string("persisted_queries", Endpoint::persistedQueries, Endpoint.Builder::persistedQueries))
          .with(map("graphql_persisted_queries", PERSISTED_QUERY, UNLESS_EMPTY, Endpoint::graphqlPersistedQueries,
              Endpoint.Builder::graphqlPersistedQueries))
          .with(u32("graphql_max_body_bytes", Endpoint::graphqlMaxBodyBytes, Endpoint.Builder::graphqlMaxBodyBytes))
          .with(string("credential_signing", Endpoint::credentialSigning, Endpoint.Builder::credentialSigning))
          .with(string("signing_service", Endpoint::signingService, Endpoint.Builder::signingService))
          .with(string("signing_region", Endpoint::signingRegion, Endpoint.Builder::signingRegion))
          .with(section("credential_binding", CREDENTIAL_BINDING, PLAIN, Endpoint::credentialBinding,
              Endpoint.Builder::credentialBinding))
          .with(section("json_rpc", JSON_RPC, PLAIN, Endpoint::jsonRpc, Endpoint.Builder::jsonRpc))
          // mcp: the canonical form leaves out a block that says nothing on an MCP endpoint ({} = the defaults)
          .with(DocumentLayout.<Endpoint, Endpoint.Builder, McpOptions, McpOptions.Builder>section("mcp", MCP, PLAIN,
              Endpoint::mcp, Endpoint.Builder::mcp).writtenBy(
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
      MappingShape.<Binary, Binary.Builder>of("a binary", Binary::builder, Binary.Builder::location,
              Binary.Builder::unknownFields, Binary.Builder::build)
          .with(Field.plain("path", SchemaType.STRING, Field.Plain.STRING_ALWAYS, Binary::path, Binary.Builder::path))
          .with(optFlag("harness", Binary::harness, Binary.Builder::harness));

  /** A {@code network_policies} entry of a policy or a preset. */
  static final MappingShape<NetworkPolicy, NetworkPolicy.Builder> NETWORK_POLICY = networkPolicy(true);

  /** A blueprint's {@code components.policy.additions} entry: no {@code binaries} (NemoClaw adds none). */
  static final MappingShape<NetworkPolicy, NetworkPolicy.Builder> ADDITION = networkPolicy(false);

  private static MappingShape<NetworkPolicy, NetworkPolicy.Builder> networkPolicy(boolean withBinaries) {
    MappingShape<NetworkPolicy, NetworkPolicy.Builder> shape =
        MappingShape.<NetworkPolicy, NetworkPolicy.Builder>of("a network policy entry", NetworkPolicy::builder,
                NetworkPolicy.Builder::location, NetworkPolicy.Builder::unknownFields, NetworkPolicy.Builder::build)
            .with(string("name", NetworkPolicy::name, NetworkPolicy.Builder::name))
            .with(list("endpoints", ENDPOINT, ALWAYS, NetworkPolicy::endpoints, NetworkPolicy.Builder::endpoints));
    return withBinaries
        ? shape.with(list("binaries", BINARY, UNLESS_EMPTY, NetworkPolicy::binaries, NetworkPolicy.Builder::binaries))
        : shape;
  }

  // ---------------------------------------------------------------- middlewares

  static final MappingShape<MiddlewareSelector, MiddlewareSelector.Builder> MIDDLEWARE_SELECTOR =
      MappingShape.<MiddlewareSelector, MiddlewareSelector.Builder>of("a middleware selector",
              MiddlewareSelector::builder, MiddlewareSelector.Builder::location,
              MiddlewareSelector.Builder::unknownFields, MiddlewareSelector.Builder::build)
          .with(new Field<>("include", STRINGS, (f, key, b) -> b.include(f.stringList(key)),
              (tree, s, key, out) -> out.put(key, s.include())))
          .with(stringList("exclude", MiddlewareSelector::exclude, MiddlewareSelector.Builder::exclude));

  static final MappingShape<Middleware, Middleware.Builder> MIDDLEWARE =
      MappingShape.<Middleware, Middleware.Builder>of("a network middleware", Middleware::builder,
              Middleware.Builder::location, Middleware.Builder::unknownFields, Middleware.Builder::build)
          .with(string("name", Middleware::name, Middleware.Builder::name))
          .with(string("middleware", Middleware::middleware, Middleware.Builder::middleware))
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
          .with(string("on_error", Middleware::onError, Middleware.Builder::onError))
          .with(section("endpoints", MIDDLEWARE_SELECTOR, PLAIN, Middleware::endpoints, Middleware.Builder::endpoints));

  // ---------------------------------------------------------------- policy

  static final MappingShape<FilesystemPolicy, FilesystemPolicy.Builder> FILESYSTEM_POLICY =
      MappingShape.<FilesystemPolicy, FilesystemPolicy.Builder>of("filesystem_policy", FilesystemPolicy::builder,
              FilesystemPolicy.Builder::location, FilesystemPolicy.Builder::unknownFields,
              FilesystemPolicy.Builder::build)
          .with(flag("include_workdir", FilesystemPolicy::includeWorkdir, FilesystemPolicy.Builder::includeWorkdir))
          .with(stringList("read_only", FilesystemPolicy::readOnly, FilesystemPolicy.Builder::readOnly))
          .with(stringList("read_write", FilesystemPolicy::readWrite, FilesystemPolicy.Builder::readWrite));

  static final MappingShape<Landlock, Landlock.Builder> LANDLOCK =
      MappingShape.<Landlock, Landlock.Builder>of("landlock", Landlock::builder, Landlock.Builder::location,
              Landlock.Builder::unknownFields, Landlock.Builder::build)
          .with(string("compatibility", Landlock::compatibility, Landlock.Builder::compatibility));

  static final MappingShape<ProcessPolicy, ProcessPolicy.Builder> PROCESS =
      MappingShape.<ProcessPolicy, ProcessPolicy.Builder>of("process", ProcessPolicy::builder,
              ProcessPolicy.Builder::location, ProcessPolicy.Builder::unknownFields, ProcessPolicy.Builder::build)
          .with(optString("run_as_user", ProcessPolicy::runAsUser, ProcessPolicy.Builder::runAsUser))
          .with(optString("run_as_group", ProcessPolicy::runAsGroup, ProcessPolicy.Builder::runAsGroup));

  static final MappingShape<Policy, Policy.Builder> POLICY =
      MappingShape.<Policy, Policy.Builder>of("the policy", Policy::builder, Policy.Builder::location,
              Policy.Builder::unknownFields, Policy.Builder::build)
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
          .with(DocumentLayout.<Policy, Policy.Builder, FilesystemPolicy, FilesystemPolicy.Builder>section(
                  "filesystem_policy", FILESYSTEM_POLICY, PLAIN, Policy::filesystemPolicy,
                  Policy.Builder::filesystemPolicy)
              .checkedFirst((f, key, b) -> {
                if (f.binder().mode() == ReadMode.STRICT && f.isNull(key)) {
                  f.binder().error(ProblemCode.WRONG_TYPE, f.valueLocation(key), "filesystem_policy is null, which no longer"
                      + " reads as absent: remove the key to keep the working directory (include_workdir: true),"
                      + " or write filesystem_policy: {} for none");
                }
              }))
          .with(section("landlock", LANDLOCK, PLAIN, Policy::landlock, Policy.Builder::landlock))
          .with(section("process", PROCESS, PLAIN, Policy::process, Policy.Builder::process))
          .with(map("network_policies", NETWORK_POLICY, ALWAYS, Policy::networkPolicies,
              Policy.Builder::networkPolicies))
          .with(map("network_middlewares", MIDDLEWARE, UNLESS_EMPTY, Policy::networkMiddlewares,
              Policy.Builder::networkMiddlewares));

  // ---------------------------------------------------------------- preset

  /** The keys of the {@code preset:} header, read into the preset itself. */
  static final MappingShape<Preset, Preset.Builder> PRESET_HEADER =
      MappingShape.<Preset, Preset.Builder>of("the preset header", Preset::builder, Preset.Builder::location,
              Preset.Builder::putAllUnknownFields, Preset.Builder::build)
          .with(Field.plain("name", SchemaType.STRING, Field.Plain.REQUIRED_STRING, Preset::name, Preset.Builder::name))
          .with(Field.plain("description", SchemaType.STRING, Field.Plain.STRING_ALWAYS, Preset::description,
              Preset.Builder::description));

  /** Unknown keys of the preset header are kept in the preset's unknown fields under this prefix. */
  static final String HEADER_PREFIX = "preset.";

  static final MappingShape<Preset, Preset.Builder> PRESET =
      MappingShape.<Preset, Preset.Builder>of("the preset", Preset::builder, Preset.Builder::location,
              Preset.Builder::putAllUnknownFields, Preset.Builder::build)
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
          .with(map("network_policies", NETWORK_POLICY, ALWAYS, Preset::networkPolicies,
              Preset.Builder::networkPolicies))
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
      MappingShape.<TierPreset, TierPreset.Builder>of("a tier preset", TierPreset::builder,
              TierPreset.Builder::location, TierPreset.Builder::unknownFields, TierPreset.Builder::build)
          .with(requiredString("name", TierPreset::name, TierPreset.Builder::name))
          .with(requiredString("access", TierPreset::access, TierPreset.Builder::access));

  static final MappingShape<Tier, Tier.Builder> TIER =
      MappingShape.<Tier, Tier.Builder>of("a tier", Tier::builder, Tier.Builder::location,
              Tier.Builder::unknownFields, Tier.Builder::build)
          .with(requiredString("name", Tier::name, Tier.Builder::name))
          .with(requiredString("label", Tier::label, Tier.Builder::label))
          .with(requiredString("description", Tier::description, Tier.Builder::description))
          .with(requiredList("presets", TIER_PRESET, Tier::presets, Tier.Builder::presets));

  static final MappingShape<TierCatalog, TierCatalog.Builder> TIER_CATALOG =
      MappingShape.<TierCatalog, TierCatalog.Builder>of("the tiers document", TierCatalog::builder,
              TierCatalog.Builder::location, TierCatalog.Builder::unknownFields, TierCatalog.Builder::build)
          .with(requiredList("tiers", TIER, TierCatalog::tiers, TierCatalog.Builder::tiers));

  // ---------------------------------------------------------------- blueprint

  static final MappingShape<BlueprintPolicy, BlueprintPolicy.Builder> BLUEPRINT_POLICY =
      MappingShape.<BlueprintPolicy, BlueprintPolicy.Builder>of("components.policy", BlueprintPolicy::builder,
              BlueprintPolicy.Builder::location, BlueprintPolicy.Builder::unknownFields, BlueprintPolicy.Builder::build)
          .with(string("base", BlueprintPolicy::base, BlueprintPolicy.Builder::base))
          .with(map("additions", ADDITION, UNLESS_EMPTY, BlueprintPolicy::additions,
              BlueprintPolicy.Builder::additions));

  static final MappingShape<Blueprint, Blueprint.Builder> BLUEPRINT =
      MappingShape.<Blueprint, Blueprint.Builder>of("the blueprint", Blueprint::builder, Blueprint.Builder::location,
              Blueprint.Builder::unknownFields, Blueprint.Builder::build)
          .with(string("version", Blueprint::version, Blueprint.Builder::version))
          .with(string("min_openshell_version", Blueprint::minOpenshellVersion, Blueprint.Builder::minOpenshellVersion))
          .with(string("max_openshell_version", Blueprint::maxOpenshellVersion, Blueprint.Builder::maxOpenshellVersion))
          .with(string("min_openclaw_version", Blueprint::minOpenclawVersion, Blueprint.Builder::minOpenclawVersion))
          .with(string("digest", Blueprint::digest, Blueprint.Builder::digest))
          .with(string("description", Blueprint::description, Blueprint.Builder::description))
          .with(stringList("profiles", Blueprint::profiles, Blueprint.Builder::profiles))
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

  /** A string, {@code ""} when absent, omitted when empty. */
  private static <T, B> Field<T, B> string(String key, Function<T, String> get, BiConsumer<B, String> set) {
    return Field.plain(key, SchemaType.STRING, Field.Plain.STRING, get, set);
  }

  /** A required string ({@code missing_field} when absent), always written. */
  private static <T, B> Field<T, B> requiredString(String key, Function<T, String> get, BiConsumer<B, String> set) {
    return Field.plain(key, SchemaType.STRING, Field.Plain.REQUIRED_STRING, get, set);
  }

  /** A string whose absence is kept ({@code Optional}), written when present. */
  private static <T, B> Field<T, B> optString(String key, Function<T, Optional<String>> get,
      BiConsumer<B, Optional<String>> set) {
    return Field.plain(key, SchemaType.STRING, Field.Plain.OPTIONAL_STRING, get, set);
  }

  /** A boolean, {@code false} when absent, written only when {@code true}. */
  private static <T, B> Field<T, B> flag(String key, Function<T, Boolean> get, BiConsumer<B, Boolean> set) {
    return Field.plain(key, SchemaType.BOOLEAN, Field.Plain.FLAG, get, set);
  }

  /** A boolean whose absence is kept ({@code Optional}), written when present. */
  private static <T, B> Field<T, B> optFlag(String key, Function<T, Optional<Boolean>> get,
      BiConsumer<B, Optional<Boolean>> set) {
    return Field.plain(key, SchemaType.BOOLEAN, Field.Plain.OPTIONAL_FLAG, get, set);
  }

  /** An unsigned 32-bit integer (a protobuf {@code uint32}), written when present. */
  private static <T, B> Field<T, B> u32(String key, Function<T, Optional<Long>> get,
      BiConsumer<B, Optional<Long>> set) {
    return Field.plain(key, U32, Field.Plain.U32, get, set);
  }

  /** A list of strings, empty when absent, omitted when empty. */
  private static <T, B> Field<T, B> stringList(String key, Function<T, List<String>> get,
      BiConsumer<B, List<String>> set) {
    return Field.plain(key, STRINGS, Field.Plain.STRING_LIST, get, set);
  }

  /**
   * A nested mapping, written when present. {@code named}: a value that is not a mapping is reported as
   * {@code expected a mapping (WHAT)} rather than {@code expected a mapping}.
   */
  private static <T, B, X extends PolicyNode, XB> Field<T, B> section(String key, MappingShape<X, XB> shape,
      boolean named, Function<T, Optional<X>> get, BiConsumer<B, X> set) {
    return Field.nested(key, SchemaType.object(shape),
        (f, k, b) -> {
          X value = null;
          if (named) {
            Node n = f.node(k);
            value = n == null ? null : f.binder().bind(shape, n, f.child(k));
          } else {
            Node.MapNode m = f.mapping(k);
            value = m == null ? null : shape.bind(f.nested(m, k, shape.what()));
          }
          if (value != null) {
            set.accept(b, value);
          }
        },
        Field.Nesting.SECTION, shape, get);
  }

  /** A sequence of nested mappings; items that are not mappings are reported and dropped. */
  private static <T, B, X extends PolicyNode, XB> Field<T, B> list(String key, MappingShape<X, XB> shape,
      boolean writeEmpty, Function<T, List<X>> get, BiConsumer<B, List<X>> set) {
    return Field.nested(key, SchemaType.arrayOf(SchemaType.object(shape)),
        (f, k, b) -> {
          List<X> items = items(f, k, shape);
          if (items != null) {
            set.accept(b, items);
          }
        },
        writeEmpty ? Field.Nesting.LIST_ALWAYS : Field.Nesting.LIST, shape, get);
  }

  /** A sequence of nested mappings that is required ({@code missing_field} when absent) and always written. */
  private static <T, B, X extends PolicyNode, XB> Field<T, B> requiredList(String key, MappingShape<X, XB> shape,
      Function<T, List<X>> get, BiConsumer<B, List<X>> set) {
    return Field.nested(key, SchemaType.arrayOf(SchemaType.object(shape)),
        (f, k, b) -> {
          List<X> items = items(f, k, shape);
          if (items == null && !f.has(k)) {
            f.binder().error(ProblemCode.MISSING_FIELD, f.location(), f.what() + " requires '" + k + "'");
          }
          if (items != null) {
            set.accept(b, items);
          }
        },
        Field.Nesting.LIST_ALWAYS, shape, get);
  }

  /**
   * A sequence of nested mappings whose presence is kept: {@code rules: []} is not the same as no {@code rules}
   * (the first is an error). Written when present, even empty.
   */
  private static <T, B, X extends PolicyNode, XB> Field<T, B> optList(String key, MappingShape<X, XB> shape,
      Function<T, Optional<List<X>>> get, BiConsumer<B, List<X>> set) {
    return Field.nested(key, SchemaType.arrayOf(SchemaType.object(shape)),
        (f, k, b) -> {
          List<X> items = items(f, k, shape);
          if (items != null) {
            set.accept(b, items);
          }
        },
        Field.Nesting.OPTIONAL_LIST, shape, get);
  }

  /** A mapping of names (an open set of keys) to nested mappings, in document order. */
  private static <T, B, X extends PolicyNode, XB> Field<T, B> map(String key, MappingShape<X, XB> shape,
      boolean writeEmpty, Function<T, Map<String, X>> get, BiConsumer<B, Map<String, X>> set) {
    return Field.nested(key, SchemaType.mapOf(SchemaType.object(shape)),
        (f, k, b) -> {
          Node.MapNode m = f.mapping(k);
          if (m != null) {
            Map<String, X> values = new LinkedHashMap<>();
            for (Node.Entry e : m.entries.values()) {
              X value = f.binder().bind(shape, e.value(), JsonPointer.key(f.child(k), e.key()));
              if (value != null) {
                values.put(e.key(), value);
              }
            }
            set.accept(b, values);
          }
        },
        writeEmpty ? Field.Nesting.MAP_ALWAYS : Field.Nesting.MAP, shape, get);
  }

  /** The bound items of the sequence under {@code key}, or null when the key is absent or not a sequence. */
  private static <X extends PolicyNode, XB> List<X> items(ObjectFields f, String key, MappingShape<X, XB> shape) {
    Node.ListNode list = f.list(key);
    if (list == null) {
      return null;
    }
    List<X> items = new ArrayList<>(list.items.size());
    for (int i = 0; i < list.items.size(); i++) {
      X item = f.binder().bind(shape, list.items.get(i), JsonPointer.index(f.child(key), i));
      if (item != null) {
        items.add(item);
      }
    }
    return items;
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
