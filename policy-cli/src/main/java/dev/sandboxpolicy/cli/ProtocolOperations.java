package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.PolicyHolder;
import dev.sandboxpolicy.model.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** The operations of the stdio protocol (WIRE-PROTOCOL.md), by name, and helpers they share. */
final class ProtocolOperations {

  private ProtocolOperations() {}

  /** Every operation except {@code hello}, which the server answers itself. */
  static Map<String, Operation> all() {
    return all(null);
  }

  /** Every operation except {@code hello}; {@code decide} without {@code policy} decides on {@code watched}. */
  static Map<String, Operation> all(PolicyHolder watched) {
    Map<String, Operation> ops = new LinkedHashMap<>();
    ops.put("validate", new ValidateOperation());
    ops.put("decide", new DecideOperation(DecideOperation.CACHE_BUDGET_BYTES, watched));
    ops.put("canonicalize", new CanonicalizeOperation());
    ops.put("merge", new PresetLayerOperation(true));
    ops.put("remove", new PresetLayerOperation(false));
    ops.put("check_preset_name", new CheckPresetNameOperation());
    ops.put("classify_address", new ClassifyAddressOperation());
    ops.put("redact_host", ExplainOperations::redactHost);
    ops.put("explain", ExplainOperations::explain);
    ops.put("classify_failure", ExplainOperations::classifyFailure);
    ops.put("prove", AnalysisOperations::prove);
    ops.put("compare", AnalysisOperations::compare);
    ops.put("lint", AnalysisOperations::lint);
    return ops;
  }

  /**
   * The request's {@code mode}: {@code strict} (the default: the fail-closed reading of current OpenShell) or
   * {@code lenient} (the legacy tolerant reading, for files written before OpenShell #3334).
   */
  static ReadMode mode(RequestFields request) throws ProtocolError {
    return request.choice("mode", Set.of("strict", "lenient"), "strict").equals("lenient")
        ? ReadMode.LEGACY_TOLERANT
        : ReadMode.STRICT;
  }

  /** The {@code invalid_policy} error, carrying every problem in the shared shape. */
  static ProtocolError invalidPolicy(String message, List<Problem> problems) {
    ObjectNode details = Json.object();
    details.set("problems", Json.problems(problems));
    return new ProtocolError(
        ProtocolError.INVALID_POLICY, message + " (" + ProblemText.counts(problems) + ")", details);
  }
}
