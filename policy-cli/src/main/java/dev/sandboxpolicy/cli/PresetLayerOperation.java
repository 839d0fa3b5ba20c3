package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.merge.MergeResult;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.merge.TrustedPrivateHosts;
import dev.sandboxpolicy.model.net.HostResolver;
import dev.sandboxpolicy.model.net.IpAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code merge} (policy-add) and {@code remove} (policy-remove): {@code {policy, presets,
 * trusted_private_hosts?, resolved?}} to {@code {yaml, document}}. All or nothing. Preset texts are custom presets:
 * every custom-preset check applies before anything is computed. A live policy that does not load is {@code invalid_policy} (with
 * its problems); a preset the preset layer refuses keeps the preset layer's code (e.g.
 * {@code preset_entries_invalid}, {@code preset_unreadable}).
 */
final class PresetLayerOperation implements Operation {

  private static final String LIVE_POLICY_CODE_PREFIX = "live_policy_";

  private final boolean merge;

  PresetLayerOperation(boolean merge) {
    this.merge = merge;
  }

  @Override
  public void apply(RequestFields request, ObjectNode response) throws ProtocolError {
    String policy = request.requireString("policy");
    List<String> presets = request.strings("presets");
    if (request.node("presets").isEmpty()) {
      throw ProtocolError.badRequest("'presets' is required (an array of preset documents)");
    }
    TrustedPrivateHosts trust = trust(request);
    MergeResult result;
    try {
      result = merge ? PresetMerger.mergeText(policy, presets, trust) : PresetMerger.removeText(policy, presets, trust);
    } catch (PresetLayerException e) {
      if (e.code().startsWith(LIVE_POLICY_CODE_PREFIX)) {
        throw ProtocolOperations.invalidPolicy(e.getMessage() + " [" + e.code() + "]", e.problems());
      }
      ObjectNode details = Json.object();
      e.presetName().ifPresent(n -> details.put("preset", n));
      details.set("problems", Json.problems(e.problems()));
      throw new ProtocolError(e.code(), e.getMessage(), details);
    }
    response.put("yaml", PolicyWriter.toYaml(result.policy()));
    response.set("document", Json.tree(PolicyWriter.toTree(result.policy())));
  }

  /**
   * {@code trusted_private_hosts} (exact hosts) with {@code resolved} ({@code {host: [address, ...]}}): the caller
   * resolves, the server never asks DNS; a trusted name missing from {@code resolved} fails its preflight.
   */
  private static TrustedPrivateHosts trust(RequestFields request) throws ProtocolError {
    if (request.node("trusted_private_hosts").isEmpty()) {
      if (request.node("resolved").isPresent()) {
        throw ProtocolError.badRequest("'resolved' answers only for 'trusted_private_hosts'");
      }
      return null;
    }
    List<String> hosts = request.strings("trusted_private_hosts");
    Map<String, List<IpAddress>> answers = new HashMap<>();
    JsonNode resolved = request.node("resolved").orElse(null);
    if (resolved != null) {
      if (!resolved.isObject()) {
        throw ProtocolError.badRequest("'resolved' must be an object of host to address lists");
      }
      for (Map.Entry<String, JsonNode> e : resolved.properties()) {
        if (!e.getValue().isArray()) {
          throw ProtocolError.badRequest("'resolved." + e.getKey() + "' must be a list of addresses");
        }
        List<IpAddress> list = new ArrayList<>();
        for (JsonNode a : e.getValue()) {
          list.add(IpAddress.tryParseLiteral(a.isString() ? a.stringValue() : "").orElseThrow(
              () -> ProtocolError.badRequest("'resolved." + e.getKey() + "' holds something that is not an address")));
        }
        answers.put(e.getKey().toLowerCase(Locale.ROOT), List.copyOf(list));
      }
    }
    HostResolver resolver = name -> {
      List<IpAddress> a = answers.get(name);
      if (a == null) {
        throw new IOException("not in the request's 'resolved'");
      }
      return a;
    };
    try {
      return TrustedPrivateHosts.of(hosts, resolver);
    } catch (PresetLayerException e) {
      throw new ProtocolError(e.code(), e.getMessage());
    }
  }
}
