package dev.sandboxpolicy.io;

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
import dev.sandboxpolicy.model.Middleware;
import dev.sandboxpolicy.model.MiddlewareSelector;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.ProcessPolicy;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.Tier;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.TierPreset;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.net.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a {@link Node} tree to the model, collecting every problem (wrong types, unknown keys, missing required
 * keys, integers out of range) instead of stopping at the first.
 */
final class Binder {

  /** Upper bound of a protobuf {@code uint32} ({@code version}, body limits). */
  static final long U32_MAX = 4_294_967_295L;
  /** A port field holds 0 (unset) up to {@link Port#MAX_VALUE}; the value rules then require 1 or more. */
  private static final String PORT_RANGE = "0.." + Port.MAX_VALUE;

  private final ReadMode mode;
  private final List<Problem> problems;

  Binder(ReadMode mode, List<Problem> problems) {
    this.mode = mode;
    this.problems = problems;
  }

  // ---------------------------------------------------------------- problems and scalars

  void error(ProblemCode code, SourceLocation at, String message) {
    problems.add(Problem.error(code, at, message));
  }

  void unknownKey(SourceLocation at, String what, String key) {
    String message = "unknown key '" + key + "' in " + what;
    if (mode == ReadMode.STRICT) {
      problems.add(Problem.error(ProblemCode.UNKNOWN_KEY, at, message));
    } else {
      problems.add(Problem.warning(ProblemCode.UNKNOWN_KEY, at, message + " (kept)"));
    }
  }

  void wrongType(Node n, String pointer, String expected) {
    error(ProblemCode.WRONG_TYPE, at(n, pointer), "expected " + expected + ", got " + article(n.kind()));
  }

  private static String article(String kind) {
    return (kind.startsWith("i") ? "an " : "a ") + kind;
  }

  static SourceLocation at(Node n, String pointer) {
    return new SourceLocation(pointer, n.line, n.column);
  }

  /** A string value; numbers and booleans are an error in a strict read and coerced (with a warning) otherwise. */
  String string(Node n, String pointer) {
    if (n instanceof Node.ScalarNode s) {
      if (s.type == Node.ScalarType.STRING) {
        return s.text;
      }
      if (s.type == Node.ScalarType.NULL) {
        return null;
      }
      if (mode == ReadMode.LENIENT) {
        problems.add(
            Problem.warning(
                ProblemCode.COERCED_SCALAR, at(n, pointer), "expected a string, got " + article(s.kind()) + "; read as '" + s.text + "'"));
        return s.text;
      }
    }
    wrongType(n, pointer, "a string");
    return null;
  }

  Optional<Long> integer(Node n, String pointer, long min, long max, String range) {
    if (!(n instanceof Node.ScalarNode s) || s.type != Node.ScalarType.INTEGER) {
      wrongType(n, pointer, "an integer " + range);
      return Optional.empty();
    }
    long v;
    try {
      v = parseInteger(s.text).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      error(ProblemCode.INTEGER_OUT_OF_RANGE, at(n, pointer), "integer " + abbreviate(s.text) + " is out of range " + range);
      return Optional.empty();
    }
    if (v < min || v > max) {
      error(ProblemCode.INTEGER_OUT_OF_RANGE, at(n, pointer), "integer " + v + " is out of range " + range);
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The plain Java value of a node: String, Long, BigInteger, Double, Boolean, null, List or Map. */
  static Object raw(Node n) {
    if (n instanceof Node.MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Node.Entry e : m.entries.values()) {
        out.put(e.key(), raw(e.value()));
      }
      return java.util.Collections.unmodifiableMap(out);
    }
    if (n instanceof Node.ListNode l) {
      List<Object> out = new ArrayList<>(l.items.size());
      for (Node item : l.items) {
        out.add(raw(item));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    Node.ScalarNode s = (Node.ScalarNode) n;
    return switch (s.type) {
      case STRING -> s.text;
      case BOOLEAN -> Boolean.valueOf(s.text);
      case NULL -> null;
      case INTEGER -> integerValue(s.text);
      case FLOAT -> parseDouble(s.text);
    };
  }

  /** The value of an integer scalar's text ({@code BigInteger} accepts a leading {@code +}). */
  private static BigInteger parseInteger(String text) {
    return new BigInteger(text);
  }

  /** An integer scalar as a {@code Long} when it fits, else as a {@code BigInteger}. */
  private static Object integerValue(String text) {
    try {
      BigInteger v = parseInteger(text);
      return v.bitLength() < Long.SIZE ? (Object) v.longValue() : v;
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static Object parseDouble(String text) {
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private ObjectFields fields(Node n, String pointer, String what) {
    if (n instanceof Node.MapNode m) {
      return new ObjectFields(this, m, pointer, what);
    }
    wrongType(n, pointer, "a mapping (" + what + ")");
    return null;
  }

  // ---------------------------------------------------------------- documents

  Policy policy(Node root) {
    ObjectFields f = fields(root, "", "the policy");
    if (f == null) {
      return null;
    }
    Policy.Builder b = Policy.builder().location(f.location());
    Optional<Long> version = f.optInteger("version", 0, U32_MAX, "0..4294967295");
    version.ifPresent(b::version);
    if (mode == ReadMode.STRICT && !f.has("version")) {
      error(ProblemCode.MISSING_VERSION, f.location(), "a policy requires 'version' (use version: 1)");
    }
    Node.MapNode fs = f.mapping("filesystem_policy");
    if (fs != null) {
      b.filesystemPolicy(filesystem(fs, f.child("filesystem_policy")));
    }
    Node.MapNode ll = f.mapping("landlock");
    if (ll != null) {
      ObjectFields lf = new ObjectFields(this, ll, f.child("landlock"), "landlock");
      b.landlock(Landlock.builder().location(lf.location()).compatibility(lf.string("compatibility")).unknownFields(lf.unknown()).build());
    }
    Node.MapNode pr = f.mapping("process");
    if (pr != null) {
      ObjectFields pf = new ObjectFields(this, pr, f.child("process"), "process");
      b.process(
          ProcessPolicy.builder()
              .location(pf.location())
              .runAsUser(pf.optString("run_as_user"))
              .runAsGroup(pf.optString("run_as_group"))
              .unknownFields(pf.unknown())
              .build());
    }
    b.networkPolicies(networkPolicies(f, "network_policies", true));
    Node.MapNode mw = f.mapping("network_middlewares");
    if (mw != null) {
      for (Node.Entry e : mw.entries.values()) {
        Middleware m = middleware(e.value(), JsonPointer.key(f.child("network_middlewares"), e.key()));
        if (m != null) {
          b.putNetworkMiddlewares(e.key(), m);
        }
      }
    }
    b.unknownFields(f.unknown());
    return b.build();
  }

  Preset preset(Node root) {
    ObjectFields f = fields(root, "", "the preset");
    if (f == null) {
      return null;
    }
    Preset.Builder b = Preset.builder().location(f.location());
    Node.MapNode header = f.mapping("preset");
    if (header != null) {
      ObjectFields hf = new ObjectFields(this, header, f.child("preset"), "the preset header");
      b.name(hf.requiredString("name")).description(hf.string("description"));
      for (Map.Entry<String, Object> e : hf.unknown().entrySet()) {
        b.putUnknownFields("preset." + e.getKey(), e.getValue());
      }
    } else if (mode == ReadMode.STRICT) {
      error(ProblemCode.MISSING_FIELD, f.location(), "a preset requires a 'preset' header with 'name' and 'description'");
    }
    b.networkPolicies(networkPolicies(f, "network_policies", true));
    b.putAllUnknownFields(f.unknown());
    return b.build();
  }

  TierCatalog tiers(Node root) {
    ObjectFields f = fields(root, "", "the tiers document");
    if (f == null) {
      return null;
    }
    TierCatalog.Builder b = TierCatalog.builder().location(f.location());
    Node.ListNode list = f.list("tiers");
    if (list == null && !f.has("tiers")) {
      error(ProblemCode.MISSING_FIELD, f.location(), "the tiers document requires 'tiers'");
    }
    if (list != null) {
      for (int i = 0; i < list.items.size(); i++) {
        String p = JsonPointer.index(f.child("tiers"), i);
        ObjectFields tf = fields(list.items.get(i), p, "a tier");
        if (tf == null) {
          continue;
        }
        Tier.Builder tb =
            Tier.builder()
                .location(tf.location())
                .name(tf.requiredString("name"))
                .label(tf.requiredString("label"))
                .description(tf.requiredString("description"));
        Node.ListNode presets = tf.list("presets");
        if (presets == null && !tf.has("presets")) {
          error(ProblemCode.MISSING_FIELD, tf.location(), "a tier requires 'presets'");
        }
        if (presets != null) {
          for (int j = 0; j < presets.items.size(); j++) {
            ObjectFields pf = fields(presets.items.get(j), JsonPointer.index(tf.child("presets"), j), "a tier preset");
            if (pf != null) {
              tb.addPresets(
                  TierPreset.builder()
                      .location(pf.location())
                      .name(pf.requiredString("name"))
                      .access(pf.requiredString("access"))
                      .unknownFields(pf.unknown())
                      .build());
            }
          }
        }
        tb.unknownFields(tf.unknown());
        b.addTiers(tb.build());
      }
    }
    b.unknownFields(f.unknown());
    return b.build();
  }

  Blueprint blueprint(Node root) {
    ObjectFields f = fields(root, "", "the blueprint");
    if (f == null) {
      return null;
    }
    Blueprint.Builder b =
        Blueprint.builder()
            .location(f.location())
            .version(f.string("version"))
            .minOpenshellVersion(f.string("min_openshell_version"))
            .maxOpenshellVersion(f.string("max_openshell_version"))
            .minOpenclawVersion(f.string("min_openclaw_version"))
            .digest(f.string("digest"))
            .description(f.string("description"))
            .profiles(f.stringList("profiles"));
    Node.MapNode components = f.mapping("components");
    if (components != null) {
      String cp = f.child("components");
      for (Node.Entry e : components.entries.values()) {
        if (e.key().equals("policy")) {
          ObjectFields pf = fields(e.value(), cp + "/policy", "components.policy");
          if (pf != null) {
            BlueprintPolicy.Builder pb = BlueprintPolicy.builder().location(pf.location()).base(pf.string("base"));
            pb.additions(networkPolicies(pf, "additions", false));
            pb.unknownFields(pf.unknown());
            b.policy(pb.build());
          }
        } else {
          b.putComponents(e.key(), raw(e.value()));
        }
      }
    }
    b.unknownFields(f.unknown());
    return b.build();
  }

  // ---------------------------------------------------------------- sections

  private FilesystemPolicy filesystem(Node.MapNode fs, String pointer) {
    ObjectFields f = new ObjectFields(this, fs, pointer, "filesystem_policy");
    return FilesystemPolicy.builder()
        .location(f.location())
        .includeWorkdir(f.bool("include_workdir"))
        .readOnly(f.stringList("read_only"))
        .readWrite(f.stringList("read_write"))
        .unknownFields(f.unknown())
        .build();
  }

  private Map<String, NetworkPolicy> networkPolicies(ObjectFields parent, String key, boolean withBinaries) {
    Map<String, NetworkPolicy> out = new LinkedHashMap<>();
    Node.MapNode m = parent.mapping(key);
    if (m == null) {
      return out;
    }
    for (Node.Entry e : m.entries.values()) {
      NetworkPolicy np = networkPolicy(e.value(), JsonPointer.key(parent.child(key), e.key()), withBinaries);
      if (np != null) {
        out.put(e.key(), np);
      }
    }
    return out;
  }

  private NetworkPolicy networkPolicy(Node n, String pointer, boolean withBinaries) {
    ObjectFields f = fields(n, pointer, "a network policy entry");
    if (f == null) {
      return null;
    }
    NetworkPolicy.Builder b = NetworkPolicy.builder().location(f.location()).name(f.string("name"));
    Node.ListNode eps = f.list("endpoints");
    if (eps != null) {
      for (int i = 0; i < eps.items.size(); i++) {
        Endpoint ep = endpoint(eps.items.get(i), JsonPointer.index(f.child("endpoints"), i));
        if (ep != null) {
          b.addEndpoints(ep);
        }
      }
    }
    if (withBinaries) {
      Node.ListNode bins = f.list("binaries");
      if (bins != null) {
        for (int i = 0; i < bins.items.size(); i++) {
          ObjectFields bf = fields(bins.items.get(i), JsonPointer.index(f.child("binaries"), i), "a binary");
          if (bf != null) {
            b.addBinaries(
                Binary.builder()
                    .location(bf.location())
                    .path(bf.string("path"))
                    .harness(bf.optBool("harness"))
                    .unknownFields(bf.unknown())
                    .build());
          }
        }
      }
    }
    b.unknownFields(f.unknown());
    return b.build();
  }

  private Endpoint endpoint(Node n, String pointer) {
    ObjectFields f = fields(n, pointer, "an endpoint");
    if (f == null) {
      return null;
    }
    Endpoint.Builder b =
        Endpoint.builder()
            .location(f.location())
            .host(f.string("host"))
            .port((int) (long) f.optInteger("port", 0, Port.MAX_VALUE, PORT_RANGE).orElse(0L));
    Node.ListNode ports = f.list("ports");
    if (ports != null) {
      for (int i = 0; i < ports.items.size(); i++) {
        integer(ports.items.get(i), JsonPointer.index(f.child("ports"), i), 0, Port.MAX_VALUE, PORT_RANGE)
            .ifPresent(p -> b.addPorts((int) (long) p));
      }
    }
    b.path(f.string("path"))
        .protocol(f.string("protocol"))
        .tls(f.string("tls"))
        .enforcement(f.string("enforcement"))
        .access(f.string("access"));
    Node.ListNode rules = f.list("rules");
    if (rules != null) {
      List<AllowRule> list = new ArrayList<>();
      for (int i = 0; i < rules.items.size(); i++) {
        String rp = JsonPointer.index(f.child("rules"), i);
        ObjectFields rf = fields(rules.items.get(i), rp, "an allow rule");
        if (rf == null) {
          continue;
        }
        AllowRule.Builder ab = AllowRule.builder().location(rf.location());
        Node allow = rf.node("allow");
        if (allow != null) {
          RuleBody body = ruleBody(allow, rf.child("allow"));
          if (body != null) {
            ab.allow(body);
          }
        }
        ab.unknownFields(rf.unknown());
        list.add(ab.build());
      }
      b.rules(list);
    }
    Node.ListNode deny = f.list("deny_rules");
    if (deny != null) {
      List<RuleBody> list = new ArrayList<>();
      for (int i = 0; i < deny.items.size(); i++) {
        RuleBody body = ruleBody(deny.items.get(i), JsonPointer.index(f.child("deny_rules"), i));
        if (body != null) {
          list.add(body);
        }
      }
      b.denyRules(list);
    }
    b.allowedIps(f.stringList("allowed_ips"))
        .allowEncodedSlash(f.bool("allow_encoded_slash"))
        .websocketCredentialRewrite(f.bool("websocket_credential_rewrite"))
        .requestBodyCredentialRewrite(f.bool("request_body_credential_rewrite"))
        .allowUninspectedCredentials(f.bool("allow_uninspected_credentials"))
        .persistedQueries(f.string("persisted_queries"));
    Node.MapNode registry = f.mapping("graphql_persisted_queries");
    if (registry != null) {
      for (Node.Entry e : registry.entries.values()) {
        String qp = JsonPointer.key(f.child("graphql_persisted_queries"), e.key());
        ObjectFields qf = fields(e.value(), qp, "a persisted query");
        if (qf != null) {
          b.putGraphqlPersistedQueries(
              e.key(),
              PersistedQuery.builder()
                  .location(qf.location())
                  .operationType(qf.string("operation_type"))
                  .operationName(qf.string("operation_name"))
                  .fields(qf.stringList("fields"))
                  .unknownFields(qf.unknown())
                  .build());
        }
      }
    }
    b.graphqlMaxBodyBytes(f.optInteger("graphql_max_body_bytes", 0, U32_MAX, "0..4294967295"))
        .credentialSigning(f.string("credential_signing"))
        .signingService(f.string("signing_service"))
        .signingRegion(f.string("signing_region"));
    Node.MapNode cb = f.mapping("credential_binding");
    if (cb != null) {
      ObjectFields cf = new ObjectFields(this, cb, f.child("credential_binding"), "credential_binding");
      b.credentialBinding(
          CredentialBinding.builder().location(cf.location()).provider(cf.string("provider")).unknownFields(cf.unknown()).build());
    }
    Node.MapNode jr = f.mapping("json_rpc");
    if (jr != null) {
      ObjectFields jf = new ObjectFields(this, jr, f.child("json_rpc"), "json_rpc");
      b.jsonRpc(
          JsonRpcOptions.builder()
              .location(jf.location())
              .maxBodyBytes(jf.optInteger("max_body_bytes", 0, U32_MAX, "0..4294967295"))
              .unknownFields(jf.unknown())
              .build());
    }
    Node.MapNode mcp = f.mapping("mcp");
    if (mcp != null) {
      ObjectFields mf = new ObjectFields(this, mcp, f.child("mcp"), "mcp");
      b.mcp(
          McpOptions.builder()
              .location(mf.location())
              .maxBodyBytes(mf.optInteger("max_body_bytes", 0, U32_MAX, "0..4294967295"))
              .strictToolNames(mf.optBool("strict_tool_names"))
              .allowAllKnownMcpMethods(mf.optBool("allow_all_known_mcp_methods"))
              .unknownFields(mf.unknown())
              .build());
    }
    b.unknownFields(f.unknown());
    return b.build();
  }

  private RuleBody ruleBody(Node n, String pointer) {
    ObjectFields f = fields(n, pointer, "a rule");
    if (f == null) {
      return null;
    }
    RuleBody.Builder b =
        RuleBody.builder()
            .location(f.location())
            .method(f.string("method"))
            .path(f.string("path"))
            .command(f.string("command"));
    Node.MapNode query = f.mapping("query");
    if (query != null) {
      for (Node.Entry e : query.entries.values()) {
        ValueMatcher m = matcher(e.value(), JsonPointer.key(f.child("query"), e.key()));
        if (m != null) {
          b.putQuery(e.key(), m);
        }
      }
    }
    b.operationType(f.string("operation_type"))
        .operationName(f.string("operation_name"))
        .fields(f.stringList("fields"));
    Node tool = f.node("tool");
    if (tool != null) {
      ValueMatcher m = matcher(tool, f.child("tool"));
      if (m != null) {
        b.tool(m);
      }
    }
    Node.MapNode params = f.mapping("params");
    if (params != null) {
      flattenParams(params, f.child("params"), "", b, 0);
    }
    b.unknownFields(f.unknown());
    return b.build();
  }

  private void flattenParams(Node.MapNode params, String pointer, String prefix, RuleBody.Builder b, int depth) {
    for (Node.Entry e : params.entries.values()) {
      String p = JsonPointer.key(pointer, e.key());
      String key = prefix.isEmpty() ? e.key() : prefix + "." + e.key();
      if (e.value() instanceof Node.MapNode m && !isMatcherObject(m)) {
        flattenParams(m, p, key, b, depth + 1);
      } else {
        ValueMatcher vm = matcher(e.value(), p);
        if (vm != null) {
          b.putParams(key, vm);
        }
      }
    }
  }

  private static boolean isMatcherObject(Node.MapNode m) {
    return m.entries.containsKey("any") || m.entries.containsKey("glob");
  }

  private ValueMatcher matcher(Node n, String pointer) {
    if (n instanceof Node.ScalarNode) {
      String s = string(n, pointer);
      return s == null ? null : ValueMatcher.glob(s).withLocation(at(n, pointer));
    }
    if (!(n instanceof Node.MapNode m)) {
      wrongType(n, pointer, "a glob string or {any: [...]}");
      return null;
    }
    ObjectFields f = new ObjectFields(this, m, pointer, "a matcher");
    Optional<String> glob = Optional.empty();
    if (mode == ReadMode.LENIENT || f.has("glob")) {
      Node g = f.node("glob");
      if (g != null && mode == ReadMode.STRICT) {
        error(ProblemCode.UNKNOWN_KEY, at(g, f.child("glob")), "the object form {glob: ...} is not accepted by a strict read; write the glob as a plain string");
      } else if (g != null) {
        glob = Optional.ofNullable(string(g, f.child("glob")));
      }
    }
    List<String> any = f.stringList("any");
    for (String key : m.entries.keySet()) {
      if (!key.equals("any") && !key.equals("glob")) {
        Node.Entry e = m.entries.get(key);
        error(ProblemCode.UNKNOWN_KEY, new SourceLocation(f.child(key), e.keyLine(), e.keyColumn()), "unknown key '" + key + "' in a matcher (only 'any' is allowed)");
      }
    }
    if (glob.isEmpty() && !f.has("any")) {
      return null;
    }
    return ValueMatcher.object(glob, any).withLocation(f.location());
  }

  private Middleware middleware(Node n, String pointer) {
    ObjectFields f = fields(n, pointer, "a network middleware");
    if (f == null) {
      return null;
    }
    Middleware.Builder b =
        Middleware.builder()
            .location(f.location())
            .name(f.string("name"))
            .middleware(f.string("middleware"));
    f.optInteger("order", Integer.MIN_VALUE, Integer.MAX_VALUE, "of a 32-bit signed integer").ifPresent(o -> b.order((int) (long) o));
    Node.MapNode config = f.mapping("config");
    if (config != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> raw = (Map<String, Object>) raw(config);
      b.config(raw);
    }
    b.onError(f.string("on_error"));
    Node.MapNode sel = f.mapping("endpoints");
    if (sel != null) {
      ObjectFields sf = new ObjectFields(this, sel, f.child("endpoints"), "a middleware selector");
      b.endpoints(
          MiddlewareSelector.builder()
              .location(sf.location())
              .include(sf.stringList("include"))
              .exclude(sf.stringList("exclude"))
              .unknownFields(sf.unknown())
              .build());
    }
    b.unknownFields(f.unknown());
    return b.build();
  }
}
