package dev.sandboxpolicy.schema;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.rules.PolicyRules;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Validates policy, preset and blueprint documents: structure against the shipped JSON Schemas, then every value
 * rule of the OpenShell policy language and the NemoClaw preset layer, into one {@link ValidationReport}.
 *
 * <p>{@link #strict()} is what current OpenShell loads: one fail-closed reading on every load path (upstream
 * #3334: {@code version} is required, unknown keys are errors) and every validator, including the gateway-only
 * checks ({@code _provider_} keys, GraphQL {@code operation_type: "*"}). Use it. {@link #legacyTolerant()} reads
 * older files the way OpenShell's local-YAML loader did before #3334 ({@code version} may be omitted, unknown keys
 * are warnings, {@code port} together with {@code ports} is an error) to show what to change in them.
 *
 * <p>Errors are what upstream rejects. Warnings are what upstream warns about, plus lints for documents upstream
 * accepts but silently misreads: an {@code enforcement} other than {@code enforce}/{@code audit} (audits), an
 * unknown {@code access} (allows nothing), a REST rule without {@code path} (never matches), a wildcard host on
 * {@code protocol: tcp} (DNS exfiltration).
 *
 * <pre>{@code
 * ValidationReport report = PolicyValidator.strict()
 *     .validateText(DocumentKind.POLICY, Files.readString(file), ReadMode.STRICT);
 * for (Problem p : report.problems()) {
 *   System.out.println(file + ":" + p.line() + ":" + p.column() + ": " + p.severity().wireName() + " " + p.code()
 *       + " " + p.message());
 * }
 * if (report.hasErrors()) {
 *   System.exit(1);
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PolicyValidator {

  private static final PolicyValidator STRICT =
      new PolicyValidator(ReadMode.STRICT, PresetOrigin.CUSTOM, ValidationProfile.OPENSHELL);
  private static final PolicyValidator LEGACY_TOLERANT =
      new PolicyValidator(ReadMode.LEGACY_TOLERANT, PresetOrigin.CUSTOM, ValidationProfile.OPENSHELL);

  /**
   * The codes of the schema's value checks ({@code enum}, {@code pattern}, sizes, {@code uniqueItems}). The editor
   * schemas state the closed sets and shapes that the value rules check too; where both refuse a value (the rule at
   * the value or inside it, as a duplicate list item), the rule's problem is kept.
   */
  private static final Set<String> SCHEMA_VALUE_CODES = Set.of(ProblemCode.VALUE_NOT_ALLOWED.wireName(),
      ProblemCode.PATTERN_MISMATCH.wireName(), ProblemCode.SIZE_INVALID.wireName());

  private final ReadMode mode;
  private final PresetOrigin presetOrigin;
  private final ValidationProfile profile;

  private PolicyValidator(ReadMode mode, PresetOrigin presetOrigin, ValidationProfile profile) {
    this.mode = mode;
    this.presetOrigin = presetOrigin;
    this.profile = profile;
  }

  /**
   * What current OpenShell loads: the fail-closed reading of #3334 and every rule, the gateway's included. Presets
   * are treated as custom. The default everywhere in this library.
   */
  public static PolicyValidator strict() {
    return STRICT;
  }

  /**
   * The validation of older files, read the way OpenShell's local-YAML loader did before #3334 (tolerant
   * structure, {@link ReadMode#LEGACY_TOLERANT}) with the same value rules minus the gateway-only checks. Presets are
   * treated as custom. Current OpenShell loads nothing this tolerates beyond {@link #strict()}: use it to see what to
   * change in an old file.
   */
  public static PolicyValidator legacyTolerant() {
    return LEGACY_TOLERANT;
  }

  /** The mode this validator applies to models ({@link #validateText} takes its own). */
  public ReadMode mode() {
    return mode;
  }

  /**
   * This validator with presets treated as coming from {@code origin}. {@link PresetOrigin#CUSTOM} (the default)
   * adds the custom-preset rules: no built-in name, no {@code allowed_ips}.
   */
  public PolicyValidator withPresetOrigin(PresetOrigin origin) {
    return new PolicyValidator(mode, Objects.requireNonNull(origin, "origin"), profile);
  }

  /**
   * This validator with {@code profile}'s rules on top of the language's. {@link ValidationProfile#NEMOCLAW} adds
   * the rules of NemoClaw's own JSON Schemas; a fault that both see is reported once, by the language's rules.
   */
  public PolicyValidator withProfile(ValidationProfile newProfile) {
    return new PolicyValidator(mode, presetOrigin, Objects.requireNonNull(newProfile, "profile"));
  }

  /** The rules applied on top of the language's. */
  public ValidationProfile profile() {
    return profile;
  }

  /** Where presets are assumed to come from. */
  public PresetOrigin presetOrigin() {
    return presetOrigin;
  }

  /**
   * Checks the value rules of a policy built in code or read elsewhere ({@link PolicyRules#validate(Policy)}).
   * Structure is not re-checked (the model cannot hold a wrong type).
   *
   * <p>Warning: rules that need the text are not checked here. GraphQL {@code fields: []} (an error, spec §2.4)
   * reads as an absent {@code fields} in the model, so only {@link #validate(ReadResult)} and
   * {@link #validateText(DocumentKind, String, ReadMode)}, which have the reader's source map, report it.
   */
  public ValidationReport validate(Policy policy) {
    return withProfile(DocumentKind.POLICY, rules().validate(policy), () -> PolicyWriter.toTree(policy));
  }

  /**
   * The read's own problems plus, when the read produced a policy, its value rules, located through the read's
   * source map.
   */
  public ValidationReport validate(ReadResult<Policy> read) {
    return withRead(read, (r, p) -> r.validate(p, read.sourceMap()));
  }

  /** Checks a preset's value rules and the preset rules for this validator's {@link #presetOrigin()}. */
  public ValidationReport validatePreset(Preset preset) {
    return withProfile(DocumentKind.PRESET, rules().validatePreset(preset), () -> PolicyWriter.toTree(preset));
  }

  /** The read's problems plus the preset's value rules, located through the read's source map. */
  public ValidationReport validatePreset(ReadResult<Preset> read) {
    return withRead(read, (r, p) -> r.validatePreset(p, read.sourceMap()));
  }

  /** Checks the value rules of a blueprint's {@code components.policy.additions}. */
  public ValidationReport validateBlueprint(Blueprint blueprint) {
    return withProfile(DocumentKind.BLUEPRINT, rules().validateBlueprint(blueprint),
        () -> PolicyReader.of(ReadMode.LEGACY_TOLERANT).readTree(PolicyWriter.toYaml(blueprint), DocumentFormat.YAML)
            .value().orElse(null));
  }

  /** {@code report} plus the profile's problems on the model written as a tree (no positions). */
  private ValidationReport withProfile(DocumentKind kind, ValidationReport report, Supplier<Object> tree) {
    if (profile == ValidationProfile.OPENSHELL) {
      return report;
    }
    return ValidationReport.of(
        NemoClawProfile.merge(report.problems(), NemoClawProfile.check(kind, tree.get(), SourceMap.empty())));
  }

  /** The read's problems plus the blueprint additions' value rules. */
  public ValidationReport validateBlueprint(ReadResult<Blueprint> read) {
    return withRead(read, (r, b) -> r.validateBlueprint(b, read.sourceMap()));
  }

  /** The read's problems plus, when it produced a value, the value rules located through its source map. */
  private <T> ValidationReport withRead(ReadResult<T> read, BiFunction<PolicyRules, T, ValidationReport> checks) {
    Objects.requireNonNull(read, "read");
    List<Problem> problems = new ArrayList<>(read.problems());
    read.value().ifPresent(v -> problems.addAll(checks.apply(rules(), v).problems()));
    return ValidationReport.of(problems);
  }

  /**
   * Reads {@code text} (YAML or JSON) as a document of {@code kind} in {@code mode} and reports everything in one
   * report: the reader's syntax, limit and structural problems, the JSON Schema and every value rule. When a strict
   * read fails on structure, the value rules still run on a legacy tolerant reading of the same text, so one pass
   * shows all problems. A problem found by more than one of them is reported once: at the schema's position, with
   * the reader's message when both have the same code (the reader's says what to change), and a value rule's
   * problem is left out when the same code was already reported at the same pointer.
   */
  public ValidationReport validateText(DocumentKind kind, String text, ReadMode mode) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    boolean strict = mode == ReadMode.STRICT;
    ReadResult<Object> tree = PolicyReader.of(mode).readTree(text, DocumentFormat.YAML);
    ReadResult<?> read = read(kind, tree, mode);
    ValidationReport semantic = null;
    if (kind == DocumentKind.POLICY && read.problems().isEmpty() && read.value().isPresent()
        && !hasNull(tree.value().orElse(null))) {
      semantic = semantic(kind, read, strict);
      if (semantic.problems().isEmpty()) {
        // The policy schema refuses nothing that the reader and every value rule accept without a word (explicit
        // nulls aside), so a clean policy skips compiling it (CleanPolicySchemaTest). Not so for presets and
        // blueprints, whose schemas check what their readers do not (required headers, non-empty maps, versions).
        return withProfile(kind, tree, List.of());
      }
    }
    List<Problem> problems = new ArrayList<>(JsonSchemaCheck.check(kind, tree, !strict));
    Map<String, Integer> reported = new HashMap<>();
    for (int i = 0; i < problems.size(); i++) {
      reported.putIfAbsent(problems.get(i).severity() + " " + problems.get(i).pointer(), i);
    }
    for (Problem p : read.problems()) {
      Integer at = reported.putIfAbsent(p.severity() + " " + p.pointer(), problems.size());
      if (at == null) {
        problems.add(p);
      } else if (problems.get(at).code().equals(p.code())) {
        Problem schema = problems.get(at);
        problems.set(at, new Problem(schema.severity(), schema.code(), schema.pointer(), schema.line(),
            schema.column(), p.message()));
      }
    }
    if (read.value().isEmpty() && strict && tree.value().isPresent()) {
      read = read(kind, tree, ReadMode.LEGACY_TOLERANT); // value rules on a tolerant reading
    }
    if (read.value().isPresent()) {
      if (semantic == null) {
        semantic = semantic(kind, read, strict);
      }
      // a value the schema refuses and a value rule reports too (at the value, or inside it: a duplicate item) is
      // reported once, by the rule (its code is specific)
      Set<String> ruledOrAbove = new HashSet<>();
      for (Problem r : semantic.problems()) {
        String at = r.pointer();
        for (int slash = at.length(); slash > 0; slash = at.lastIndexOf('/', slash - 1)) {
          ruledOrAbove.add(at.substring(0, slash));
        }
      }
      problems.removeIf(p -> SCHEMA_VALUE_CODES.contains(p.code()) && ruledOrAbove.contains(p.pointer()));
      // a problem the reader reported already (same code, same place) is not repeated by the rules
      Set<String> codeAndPointer = new HashSet<>();
      for (Problem p : problems) {
        codeAndPointer.add(p.code() + " " + p.pointer());
      }
      for (Problem p : semantic.problems()) {
        if (!codeAndPointer.contains(p.code() + " " + p.pointer())) {
          problems.add(p);
        }
      }
    }
    return withProfile(kind, tree, problems);
  }

  /** {@code problems}, plus the profile's on the document's tree. */
  private ValidationReport withProfile(DocumentKind kind, ReadResult<Object> tree, List<Problem> problems) {
    if (profile == ValidationProfile.NEMOCLAW && tree.value().isPresent()) {
      return ValidationReport.of(
          NemoClawProfile.merge(problems, NemoClawProfile.check(kind, tree.value().get(), tree.sourceMap())));
    }
    return ValidationReport.of(problems);
  }

  /** The value rules of a read that produced a value, located through its source map. */
  private ValidationReport semantic(DocumentKind kind, ReadResult<?> read, boolean strict) {
    Object value = read.value().orElseThrow();
    SourceMap map = read.sourceMap();
    PolicyRules rules = rules(strict);
    return switch (kind) {
      case POLICY -> rules.validate((Policy) value, map);
      case PRESET -> rules.validatePreset((Preset) value, map);
      case BLUEPRINT -> rules.validateBlueprint((Blueprint) value, map);
    };
  }

  /** Whether the reader and the value rules report nothing for the document {@code tree} holds (tests). */
  boolean cleanWithoutSchema(DocumentKind kind, ReadResult<Object> tree, ReadMode mode) {
    ReadResult<?> read = read(kind, tree, mode);
    return read.problems().isEmpty() && read.value().isPresent()
        && semantic(kind, read, mode == ReadMode.STRICT).problems().isEmpty();
  }

  /** Whether a plain tree holds an explicit null anywhere (a null reads as absent; the schema wants the type). */
  static boolean hasNull(Object tree) {
    if (tree == null) {
      return true;
    }
    if (tree instanceof Map<?, ?> map) {
      for (Object v : map.values()) {
        if (hasNull(v)) {
          return true;
        }
      }
    } else if (tree instanceof List<?> list) {
      for (Object v : list) {
        if (hasNull(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@link #validateText(DocumentKind, String, ReadMode)} in this validator's mode. */
  public ValidationReport validateText(DocumentKind kind, String text) {
    return validateText(kind, text, mode);
  }

  /** The typed reading of an already parsed document (the text is parsed once, for the schema and the model). */
  private static ReadResult<?> read(DocumentKind kind, ReadResult<Object> tree, ReadMode mode) {
    PolicyReader reader = PolicyReader.of(mode);
    return switch (kind) {
      case POLICY -> reader.readPolicy(tree);
      case PRESET -> reader.readPreset(tree);
      case BLUEPRINT -> reader.readBlueprint(tree);
    };
  }

  private PolicyRules rules() {
    return rules(mode == ReadMode.STRICT);
  }

  private PolicyRules rules(boolean strict) {
    return (strict ? PolicyRules.strict() : PolicyRules.lenient()).withPresetOrigin(presetOrigin);
  }
}
