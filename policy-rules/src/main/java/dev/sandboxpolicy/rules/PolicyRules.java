package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The value rules of the OpenShell policy language and the NemoClaw preset layer, checked on a model: everything a
 * JSON Schema cannot express (glob syntax, host shapes, ambiguous endpoints, access/rules exclusivity, Landlock,
 * middleware, preset names, ...). This is what {@code CompiledPolicy.compile} runs before it compiles, so a proxy
 * that embeds only the matcher refuses exactly the policies a validator refuses; {@code PolicyValidator} in
 * {@code policy-schema} adds the JSON Schemas and text-level checks on top.
 *
 * <pre>{@code
 * ValidationReport report = PolicyRules.strict().validate(policy);
 * for (Problem p : report.problems()) {
 *   System.out.println(p.pointer() + ": " + p.severity().wireName() + " " + p.code() + " " + p.message());
 * }
 * }</pre>
 *
 * <p>{@link #strict()} adds the gateway-only checks ({@code _provider_} keys, GraphQL {@code operation_type: "*"});
 * {@link #lenient()} is the local-YAML path. Instances are immutable and thread-safe.
 */
public final class PolicyRules {

  private static final PolicyRules STRICT = new PolicyRules(true, PresetOrigin.CUSTOM);
  private static final PolicyRules LENIENT = new PolicyRules(false, PresetOrigin.CUSTOM);

  private final boolean strict;
  private final PresetOrigin presetOrigin;

  private PolicyRules(boolean strict, PresetOrigin presetOrigin) {
    this.strict = strict;
    this.presetOrigin = presetOrigin;
  }

  /** The gateway's rules: every rule, including the gateway-only ones. Presets are treated as custom. */
  public static PolicyRules strict() {
    return STRICT;
  }

  /** The local-YAML rules: the gateway-only checks are off. Presets are treated as custom. */
  public static PolicyRules lenient() {
    return LENIENT;
  }

  /** Whether the gateway-only checks run. */
  public boolean isStrict() {
    return strict;
  }

  /**
   * These rules with presets treated as coming from {@code origin}. {@link PresetOrigin#CUSTOM} (the default) adds
   * the custom-preset rules: no built-in name, no {@code allowed_ips}.
   */
  public PolicyRules withPresetOrigin(PresetOrigin origin) {
    return new PolicyRules(strict, Objects.requireNonNull(origin, "origin"));
  }

  /** Where presets are assumed to come from. */
  public PresetOrigin presetOrigin() {
    return presetOrigin;
  }

  /**
   * Checks a policy built in code or received from elsewhere. Lines and columns come from the nodes'
   * {@link dev.sandboxpolicy.model.PolicyNode#location() locations} when the model was read from text, else they
   * are {@code 0}.
   */
  public ValidationReport validate(Policy policy) {
    return validate(policy, SourceMap.empty());
  }

  /** Checks a policy, locating problems through {@code sourceMap} (the reader's) first. */
  public ValidationReport validate(Policy policy, SourceMap sourceMap) {
    Objects.requireNonNull(policy, "policy");
    return ValidationReport.of(run(sourceMap, c -> c.policy(policy)));
  }

  /** Checks a preset's value rules and the preset rules for this instance's {@link #presetOrigin()}. */
  public ValidationReport validatePreset(Preset preset) {
    return validatePreset(preset, SourceMap.empty());
  }

  /** {@link #validatePreset(Preset)}, locating problems through {@code sourceMap} first. */
  public ValidationReport validatePreset(Preset preset, SourceMap sourceMap) {
    Objects.requireNonNull(preset, "preset");
    return ValidationReport.of(run(sourceMap, c -> c.preset(preset, presetOrigin == PresetOrigin.CUSTOM)));
  }

  /** Checks the value rules of a blueprint's {@code components.policy.additions}. */
  public ValidationReport validateBlueprint(Blueprint blueprint) {
    return validateBlueprint(blueprint, SourceMap.empty());
  }

  /** {@link #validateBlueprint(Blueprint)}, locating problems through {@code sourceMap} first. */
  public ValidationReport validateBlueprint(Blueprint blueprint, SourceMap sourceMap) {
    Objects.requireNonNull(blueprint, "blueprint");
    return ValidationReport.of(run(sourceMap, c -> c.blueprint(blueprint)));
  }

  private List<Problem> run(SourceMap map, Consumer<SemanticChecks> checks) {
    Objects.requireNonNull(map, "sourceMap");
    NodeLocator nodes = new NodeLocator();
    Locator locator = new Locator() {
      @Override
      public SourceLocation locate(String pointer) {
        SourceLocation at = map.nearest(pointer);
        return at.line() > 0 ? at : nodes.locate(pointer);
      }

      @Override
      public SourceLocation locateKey(String pointer) {
        SourceLocation at = map.locateKey(pointer);
        return at.line() > 0 ? at : nodes.locate(pointer);
      }

      @Override
      public boolean written(String pointer) {
        return map.locate(pointer).isPresent();
      }
    };
    ProblemSink sink = new ProblemSink(locator);
    checks.accept(new SemanticChecks(strict, sink, nodes));
    return sink.problems();
  }
}
