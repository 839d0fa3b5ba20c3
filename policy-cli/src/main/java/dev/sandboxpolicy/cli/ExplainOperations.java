package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.explain.AccessError;
import dev.sandboxpolicy.explain.AccessFailure;
import dev.sandboxpolicy.explain.CapabilityStatus;
import dev.sandboxpolicy.explain.ExplainJson;
import dev.sandboxpolicy.explain.FailureClassification;
import dev.sandboxpolicy.explain.FailureClassifier;
import dev.sandboxpolicy.explain.HostRedaction;
import dev.sandboxpolicy.merge.PresetDocument;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.model.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's policy-explain operations: {@code explain} (the PolicyContext), {@code classify_failure} (the
 * access-failure classifier) and {@code redact_host} (whether explain hides a host).
 */
final class ExplainOperations {

  private ExplainOperations() {}

  /** {@code explain}: {@code {sandbox, tier, applied, custom, gateway_presets}} to {@code {context}}. */
  static void explain(RequestFields request, ObjectNode response) throws ProtocolError {
    ExplainInputs inputs = inputs(request, request.string("sandbox").orElse(ExplainInputs.DEFAULT_SANDBOX));
    response.set("context", Json.tree(ExplainJson.toTree(inputs.context())));
  }

  /** {@code redact_host}: {@code {host}} to {@code {redacted}}. */
  static void redactHost(RequestFields request, ObjectNode response) throws ProtocolError {
    response.put("redacted", HostRedaction.isRedacted(request.requireString("host")));
  }

  /**
   * {@code classify_failure}: {@code {applied, gateway_presets, host, error, capability}} to
   * {@code {kind, confidence, matched_preset, reason, next_step}}.
   */
  static void classifyFailure(RequestFields request, ObjectNode response) throws ProtocolError {
    ExplainInputs inputs = inputs(request, ExplainInputs.DEFAULT_SANDBOX);
    Optional<AccessError> error = Optional.empty();
    Optional<RequestFields> e = request.object("error");
    if (e.isPresent()) {
      Optional<Long> status = e.get().integer("status", 0, 999);
      error =
          Optional.of(
              AccessError.of(
                  e.get().string("code").orElse(null),
                  status.map(Long::intValue).orElse(null),
                  e.get().string("message").orElse(null)));
    }
    Optional<CapabilityStatus> capability = Optional.empty();
    Optional<RequestFields> c = request.object("capability");
    if (c.isPresent()) {
      Optional<JsonNode> supported = c.get().node("supported");
      if (supported.isEmpty() || !supported.get().isBoolean()) {
        throw ProtocolError.badRequest("'capability.supported' is required (true or false)");
      }
      capability =
          Optional.of(
              supported.get().booleanValue()
                  ? CapabilityStatus.supportedCapability()
                  : CapabilityStatus.unsupported(c.get().string("reason").orElse(null)));
    }
    AccessFailure failure = new AccessFailure(request.string("host").orElse(""), 0, error, capability);
    FailureClassification result = FailureClassifier.classify(failure, inputs::context);
    response.put("kind", result.kind().wireName());
    response.put("confidence", result.confidence().wireName());
    response.put("matched_preset", result.matchedPreset().orElse(null));
    response.put("reason", result.reason());
    response.put("next_step", result.nextStep());
  }

  private static ExplainInputs inputs(RequestFields request, String sandbox) throws ProtocolError {
    if (!ExplainInputs.validSandbox(sandbox)) {
      throw ProtocolError.badRequest(
          "'sandbox' must be 1-63 lowercase letters, digits and inner hyphens, not '" + sandbox + "'");
    }
    List<Preset> custom = new ArrayList<>();
    List<String> texts = request.strings("custom");
    for (int i = 0; i < texts.size(); i++) {
      try {
        custom.add(PresetDocument.readUnchecked(texts.get(i)).preset());
      } catch (PresetLayerException ex) {
        ObjectNode details = Json.object();
        details.put("preset", "#" + (i + 1));
        details.set("problems", Json.problems(ex.problems()));
        throw new ProtocolError(ex.code(), "custom preset #" + (i + 1) + ": " + ex.getMessage(), details);
      }
    }
    return new ExplainInputs(
        sandbox,
        request.string("tier"),
        request.strings("applied"),
        custom,
        request.optionalStrings("gateway_presets"));
  }
}
