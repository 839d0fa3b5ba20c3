package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.internal.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks a model and runs every semantic rule, collecting into one {@link ProblemSink}. */
final class SemanticChecks {

  private final boolean strict;
  private final ProblemSink sink;
  private final NodeLocator nodes;

  SemanticChecks(boolean strict, ProblemSink sink, NodeLocator nodes) {
    this.strict = strict;
    this.sink = sink;
    this.nodes = nodes;
  }

  void policy(Policy policy) {
    nodes.remember("", policy);
    policy.filesystemPolicy().ifPresent(fs -> {
      nodes.remember("/filesystem_policy", fs);
      FilesystemRules.check(fs, sink);
    });
    policy.landlock().ifPresent(l -> {
      nodes.remember("/landlock", l);
      FilesystemRules.checkLandlock(l, policy.effectiveFilesystemPolicy(), sink);
    });
    policy.process().ifPresent(p -> {
      nodes.remember("/process", p);
      ProcessRules.check(p, sink);
    });
    List<EndpointSite> sites = entries(policy.networkPolicies(), "/network_policies", strict, true);
    AmbiguityCheck.check(sites, sink);
    policy.networkMiddlewares().forEach((k, m) -> nodes.remember(JsonPointer.key("/network_middlewares", k), m));
    MiddlewareRules.check(policy.networkMiddlewares(), sites, sink);
  }

  void preset(Preset preset, boolean custom) {
    nodes.remember("", preset);
    List<EndpointSite> sites = entries(preset.networkPolicies(), "/network_policies", false, true);
    PresetRules.check(preset, custom, sink);
    AmbiguityCheck.check(sites, sink);
  }

  void blueprint(Blueprint blueprint) {
    nodes.remember("", blueprint);
    blueprint.policy().ifPresent(p -> {
      String base = "/components/policy";
      nodes.remember(base, p);
      List<EndpointSite> sites = entries(p.additions(), base + "/additions", false, false);
      AmbiguityCheck.check(sites, sink);
    });
  }

  /**
   * Checks every entry of a {@code network_policies}-shaped map and returns its endpoints for the cross-entry
   * checks. {@code reservedKeys}: report {@code _provider_} keys (the gateway's check);
   * {@code expectBinaries}: warn about entries without binaries (blueprint additions have none by design).
   */
  private List<EndpointSite> entries(Map<String, NetworkPolicy> map, String base, boolean reservedKeys,
      boolean expectBinaries) {
    List<EndpointSite> sites = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> entry : map.entrySet()) {
      String key = entry.getKey();
      NetworkPolicy rule = entry.getValue();
      String at = JsonPointer.key(base, key);
      nodes.remember(at, rule);
      if (reservedKeys && Names.isProviderKey(key)) {
        sink.errorAtKey(ProblemCode.RESERVED_KEY, at, "network_policies key '" + key
            + "' starts with '" + Names.PROVIDER_PREFIX + "', which is reserved for provider composition");
      }
      if (expectBinaries && rule.binaries().isEmpty()) {
        sink.warningAtKey(ProblemCode.BINARIES_EMPTY, at, "entry '" + key
            + "' lists no binaries, so no process can use its endpoints (binary identity is enforced by default)");
      }
      for (int i = 0; i < rule.binaries().size(); i++) {
        Binary b = rule.binaries().get(i);
        String bAt = JsonPointer.index(at + "/binaries", i);
        nodes.remember(bAt, b);
        if (b.path().isEmpty()) {
          sink.error(ProblemCode.BINARY_PATH_EMPTY, bAt + "/path", "binary " + i + " of entry '" + key
              + "' has no path; an empty path would match a process whose executable is unknown (this library "
              + "fails closed here, upstream accepts it)");
        } else if (b.path().indexOf('*') >= 0) {
          EndpointRules.warnGlob(b.path(), GlobDelimiters.SLASH, bAt + "/path", sink);
        }
      }
      String display = rule.name().isEmpty() ? key : rule.name();
      for (int i = 0; i < rule.endpoints().size(); i++) {
        Endpoint e = rule.endpoints().get(i);
        String eAt = JsonPointer.index(at + "/endpoints", i);
        rememberEndpoint(eAt, e);
        EndpointSite site = new EndpointSite(key, display, i, eAt, e);
        EndpointRules.check(site, strict, sink);
        L7Rules.check(site, strict, sink);
        sites.add(site);
      }
    }
    return sites;
  }

  private void rememberEndpoint(String at, Endpoint e) {
    nodes.remember(at, e);
    List<AllowRule> rules = e.allowRules();
    for (int i = 0; i < rules.size(); i++) {
      String rAt = JsonPointer.index(at + "/rules", i);
      nodes.remember(rAt, rules.get(i));
      int index = i;
      rules.get(i).allow().ifPresent(b -> nodes.remember(JsonPointer.index(at + "/rules", index) + "/allow", b));
    }
    for (int i = 0; i < e.denyRuleBodies().size(); i++) {
      nodes.remember(JsonPointer.index(at + "/deny_rules", i), e.denyRuleBodies().get(i));
    }
    e.mcp().ifPresent(m -> nodes.remember(at + "/mcp", m));
    e.jsonRpc().ifPresent(j -> nodes.remember(at + "/json_rpc", j));
  }
}
