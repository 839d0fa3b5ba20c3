package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.merge.MergeResult;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code merge} (policy-add) and {@code remove} (policy-remove): {@code {policy, presets}} to
 * {@code {yaml, document}}. All or nothing. A live policy that does not load is {@code invalid_policy} (with
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
    MergeResult result;
    try {
      result = merge ? PresetMerger.mergeText(policy, presets) : PresetMerger.removeText(policy, presets);
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
}
