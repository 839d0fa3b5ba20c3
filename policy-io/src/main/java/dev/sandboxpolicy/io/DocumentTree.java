package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.Middleware;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.Tier;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.TierPreset;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns model values into plain ordered trees ({@code Map}, {@code List}, scalars) in the document layout:
 * snake_case keys in the order of the language reference, defaults omitted, unknown keys last. In canonical
 * mode every map is sorted by key, a single port is written as {@code port}, and a {@code {glob: x}} matcher
 * is written as the plain string {@code x}.
 */
final class DocumentTree {

  private final boolean canonical;

  DocumentTree(boolean canonical) {
    this.canonical = canonical;
  }

  private Map<String, Object> newMap() {
    return canonical ? new TreeMap<>() : new LinkedHashMap<>();
  }

  private static void putString(Map<String, Object> m, String key, String value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }

  private static void putTrue(Map<String, Object> m, String key, boolean value) {
    if (value) {
      m.put(key, Boolean.TRUE);
    }
  }

  private static <T> void putOptional(Map<String, Object> m, String key, Optional<T> value) {
    value.ifPresent(v -> m.put(key, v));
  }

  private static void putList(Map<String, Object> m, String key, List<?> value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }

  private void putUnknown(Map<String, Object> m, Map<String, Object> unknown) {
    for (Map.Entry<String, Object> e : unknown.entrySet()) {
      m.putIfAbsent(e.getKey(), canonical ? sortDeep(e.getValue()) : e.getValue());
    }
  }

  @SuppressWarnings("unchecked")
  private static Object sortDeep(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, x) -> out.put((String) k, sortDeep(x)));
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object x : list) {
        out.add(sortDeep(x));
      }
      return out;
    }
    return v;
  }

  Map<String, Object> policy(Policy p) {
    Map<String, Object> m = newMap();
    putOptional(m, "version", p.version());
    p.filesystemPolicy().ifPresent(fs -> m.put("filesystem_policy", filesystem(fs)));
    p.landlock().ifPresent(l -> {
      Map<String, Object> lm = newMap();
      putString(lm, "compatibility", l.compatibility());
      putUnknown(lm, l.unknownFields());
      m.put("landlock", lm);
    });
    p.process().ifPresent(pr -> {
      Map<String, Object> pm = newMap();
      putOptional(pm, "run_as_user", pr.runAsUser());
      putOptional(pm, "run_as_group", pr.runAsGroup());
      putUnknown(pm, pr.unknownFields());
      m.put("process", pm);
    });
    m.put("network_policies", networkPolicies(p.networkPolicies()));
    if (!p.networkMiddlewares().isEmpty()) {
      Map<String, Object> mw = newMap();
      p.networkMiddlewares().forEach((k, v) -> mw.put(k, middleware(v)));
      m.put("network_middlewares", mw);
    }
    putUnknown(m, p.unknownFields());
    return m;
  }

  Map<String, Object> preset(Preset p) {
    Map<String, Object> m = newMap();
    Map<String, Object> header = newMap();
    header.put("name", p.name());
    header.put("description", p.description());
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : p.unknownFields().entrySet()) {
      if (e.getKey().startsWith("preset.")) {
        header.putIfAbsent(e.getKey().substring("preset.".length()), e.getValue());
      } else {
        rest.put(e.getKey(), e.getValue());
      }
    }
    m.put("preset", header);
    m.put("network_policies", networkPolicies(p.networkPolicies()));
    putUnknown(m, rest);
    return m;
  }

  Map<String, Object> tiers(TierCatalog c) {
    Map<String, Object> m = newMap();
    List<Object> tiers = new ArrayList<>();
    for (Tier t : c.tiers()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("name", t.name());
      tm.put("label", t.label());
      tm.put("description", t.description());
      List<Object> presets = new ArrayList<>();
      for (TierPreset tp : t.presets()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("name", tp.name());
        pm.put("access", tp.access());
        putUnknown(pm, tp.unknownFields());
        presets.add(pm);
      }
      tm.put("presets", presets);
      putUnknown(tm, t.unknownFields());
      tiers.add(tm);
    }
    m.put("tiers", tiers);
    putUnknown(m, c.unknownFields());
    return m;
  }

  Map<String, Object> blueprint(Blueprint b) {
    Map<String, Object> m = newMap();
    putString(m, "version", b.version());
    putString(m, "min_openshell_version", b.minOpenshellVersion());
    putString(m, "max_openshell_version", b.maxOpenshellVersion());
    putString(m, "min_openclaw_version", b.minOpenclawVersion());
    putString(m, "digest", b.digest());
    putList(m, "profiles", b.profiles());
    putString(m, "description", b.description());
    Map<String, Object> components = newMap();
    putUnknown(components, b.components());
    b.policy().ifPresent(pol -> {
      Map<String, Object> pm = newMap();
      putString(pm, "base", pol.base());
      if (!pol.additions().isEmpty()) {
        pm.put("additions", networkPolicies(pol.additions()));
      }
      putUnknown(pm, pol.unknownFields());
      components.put("policy", pm);
    });
    if (!components.isEmpty()) {
      m.put("components", components);
    }
    putUnknown(m, b.unknownFields());
    return m;
  }

  private Map<String, Object> filesystem(FilesystemPolicy fs) {
    Map<String, Object> m = newMap();
    putTrue(m, "include_workdir", fs.includeWorkdir());
    putList(m, "read_only", fs.readOnly());
    putList(m, "read_write", fs.readWrite());
    putUnknown(m, fs.unknownFields());
    return m;
  }

  Map<String, Object> networkPolicies(Map<String, NetworkPolicy> policies) {
    Map<String, Object> m = newMap();
    policies.forEach((k, v) -> m.put(k, networkPolicy(v)));
    return m;
  }

  Map<String, Object> networkPolicy(NetworkPolicy np) {
    Map<String, Object> m = newMap();
    putString(m, "name", np.name());
    List<Object> eps = new ArrayList<>();
    for (Endpoint e : np.endpoints()) {
      eps.add(endpoint(e));
    }
    m.put("endpoints", eps);
    List<Object> bins = new ArrayList<>();
    for (Binary b : np.binaries()) {
      Map<String, Object> bm = newMap();
      bm.put("path", b.path());
      putOptional(bm, "harness", b.harness());
      putUnknown(bm, b.unknownFields());
      bins.add(bm);
    }
    putList(m, "binaries", bins);
    putUnknown(m, np.unknownFields());
    return m;
  }

  private Map<String, Object> endpoint(Endpoint e) {
    Map<String, Object> m = newMap();
    putString(m, "host", e.host());
    if (canonical) {
      List<Integer> ports = e.effectivePorts();
      if (ports.size() == 1) {
        m.put("port", ports.get(0));
      } else {
        putList(m, "ports", ports);
      }
    } else {
      if (e.port() != 0) {
        m.put("port", e.port());
      }
      putList(m, "ports", e.ports());
    }
    putString(m, "path", e.path());
    putString(m, "protocol", e.protocol());
    putString(m, "tls", e.tls());
    putString(m, "enforcement", e.enforcement());
    putString(m, "access", e.access());
    e.rules().ifPresent(rules -> {
      List<Object> list = new ArrayList<>();
      for (AllowRule r : rules) {
        Map<String, Object> rm = newMap();
        r.allow().ifPresent(body -> rm.put("allow", ruleBody(body)));
        putUnknown(rm, r.unknownFields());
        list.add(rm);
      }
      m.put("rules", list);
    });
    e.denyRules().ifPresent(rules -> {
      List<Object> list = new ArrayList<>();
      for (RuleBody r : rules) {
        list.add(ruleBody(r));
      }
      m.put("deny_rules", list);
    });
    putList(m, "allowed_ips", e.allowedIps());
    putTrue(m, "allow_encoded_slash", e.allowEncodedSlash());
    putTrue(m, "websocket_credential_rewrite", e.websocketCredentialRewrite());
    putTrue(m, "request_body_credential_rewrite", e.requestBodyCredentialRewrite());
    putTrue(m, "allow_uninspected_credentials", e.allowUninspectedCredentials());
    putString(m, "persisted_queries", e.persistedQueries());
    if (!e.graphqlPersistedQueries().isEmpty()) {
      Map<String, Object> reg = newMap();
      e.graphqlPersistedQueries().forEach((k, q) -> reg.put(k, persistedQuery(q)));
      m.put("graphql_persisted_queries", reg);
    }
    putOptional(m, "graphql_max_body_bytes", e.graphqlMaxBodyBytes());
    putString(m, "credential_signing", e.credentialSigning());
    putString(m, "signing_service", e.signingService());
    putString(m, "signing_region", e.signingRegion());
    e.credentialBinding().ifPresent(cb -> {
      Map<String, Object> cm = newMap();
      putString(cm, "provider", cb.provider());
      putUnknown(cm, cb.unknownFields());
      m.put("credential_binding", cm);
    });
    e.jsonRpc().ifPresent(j -> {
      Map<String, Object> jm = newMap();
      putOptional(jm, "max_body_bytes", j.maxBodyBytes());
      putUnknown(jm, j.unknownFields());
      m.put("json_rpc", jm);
    });
    e.mcp().ifPresent(mcp -> {
      Map<String, Object> mm = newMap();
      putOptional(mm, "max_body_bytes", mcp.maxBodyBytes());
      putOptional(mm, "strict_tool_names", mcp.strictToolNames());
      putOptional(mm, "allow_all_known_mcp_methods", mcp.allowAllKnownMcpMethods());
      putUnknown(mm, mcp.unknownFields());
      m.put("mcp", mm);
    });
    putUnknown(m, e.unknownFields());
    return m;
  }

  private Map<String, Object> persistedQuery(PersistedQuery q) {
    Map<String, Object> m = newMap();
    putString(m, "operation_type", q.operationType());
    putString(m, "operation_name", q.operationName());
    putList(m, "fields", q.fields());
    putUnknown(m, q.unknownFields());
    return m;
  }

  private Map<String, Object> ruleBody(RuleBody r) {
    Map<String, Object> m = newMap();
    putString(m, "method", r.method());
    putString(m, "path", r.path());
    putString(m, "command", r.command());
    if (!r.query().isEmpty()) {
      Map<String, Object> q = newMap();
      r.query().forEach((k, v) -> q.put(k, matcher(v)));
      m.put("query", q);
    }
    putString(m, "operation_type", r.operationType());
    putString(m, "operation_name", r.operationName());
    putList(m, "fields", r.fields());
    r.tool().ifPresent(t -> m.put("tool", matcher(t)));
    if (!r.params().isEmpty()) {
      m.put("params", nestParams(r.params()));
    }
    putUnknown(m, r.unknownFields());
    return m;
  }

  /** Re-nests dotted MCP parameter keys ({@code a.b}) into nested maps, as upstream serialization does. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> nestParams(Map<String, ValueMatcher> params) {
    Map<String, Object> root = newMap();
    for (Map.Entry<String, ValueMatcher> e : params.entrySet()) {
      String[] parts = e.getKey().split("\\.", -1);
      Map<String, Object> cur = root;
      for (int i = 0; i < parts.length - 1; i++) {
        Object next = cur.get(parts[i]);
        if (!(next instanceof Map)) {
          next = newMap();
          cur.put(parts[i], next);
        }
        cur = (Map<String, Object>) next;
      }
      cur.put(parts[parts.length - 1], matcher(e.getValue()));
    }
    return root;
  }

  private Object matcher(ValueMatcher v) {
    if (!v.objectForm() || (canonical && v.any().isEmpty() && v.glob().isPresent())) {
      return v.glob().orElse("");
    }
    Map<String, Object> m = newMap();
    v.glob().ifPresent(g -> m.put("glob", g));
    if (!v.any().isEmpty() || v.glob().isEmpty()) {
      m.put("any", v.any());
    }
    return m;
  }

  private Map<String, Object> middleware(Middleware mw) {
    Map<String, Object> m = newMap();
    putString(m, "name", mw.name());
    putString(m, "middleware", mw.middleware());
    putOptional(m, "order", mw.order());
    if (!mw.config().isEmpty()) {
      m.put("config", canonical ? sortDeep(mw.config()) : mw.config());
    }
    putString(m, "on_error", mw.onError());
    mw.endpoints().ifPresent(sel -> {
      Map<String, Object> sm = newMap();
      sm.put("include", sel.include());
      putList(sm, "exclude", sel.exclude());
      putUnknown(sm, sel.unknownFields());
      m.put("endpoints", sm);
    });
    putUnknown(m, mw.unknownFields());
    return m;
  }
}
