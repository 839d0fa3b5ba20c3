package dev.sandboxpolicy.schema;

import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.io.DocumentFormat;
import dev.sandboxpolicy.model.io.PolicyReader;
import dev.sandboxpolicy.model.io.ReadMode;
import dev.sandboxpolicy.model.io.ReadResult;
import dev.sandboxpolicy.model.io.SourceMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Validates policy, preset and blueprint documents: structure against the shipped JSON Schemas, then every value
 * rule of the OpenShell policy language and the NemoClaw preset layer, into one {@link ValidationReport}.
 *
 * <p>Two modes mirror upstream's load paths. {@link #strict()} is the gateway path ({@code openshell policy
 * set}): {@code version} is required, unknown keys are errors, and every validator runs, including the gateway-only
 * checks ({@code _provider_} keys, GraphQL {@code operation_type: "*"}). {@link #lenient()} is the local-YAML path:
 * {@code version} may be omitted, unknown keys are warnings, and {@code port} together with {@code ports} is an error
 * (the strict path silently prefers {@code ports} and only gets a warning here).
 *
 * <p>Errors are what upstream rejects. Warnings are what upstream warns about, plus lints for documents upstream
 * accepts but silently misreads: an {@code enforcement} other than {@code enforce}/{@code audit} (audits), an
 * unknown {@code access} (allows nothing), a REST rule without {@code path} (never matches), a wildcard host on
 * {@code protocol: tcp} (DNS exfiltration).
 *
 * {@snippet :
 * ValidationReport report = PolicyValidator.strict()
 *     .validateText(DocumentKind.POLICY, Files.readString(file), ReadMode.STRICT);
 * for (Problem p : report.problems()) {
 *   System.out.println(file + ":" + p.line() + ":" + p.column() + ": " + p.severity().label() + " " + p.code()
 *       + " " + p.message());
 * }
 * if (report.hasErrors()) {
 *   System.exit(1);
 * }
 * }
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PolicyValidator {

  private static final PolicyValidator STRICT = new PolicyValidator(ReadMode.STRICT, PresetOrigin.CUSTOM);
  private static final PolicyValidator LENIENT = new PolicyValidator(ReadMode.LENIENT, PresetOrigin.CUSTOM);

  private final ReadMode mode;
  private final PresetOrigin presetOrigin;

  private PolicyValidator(ReadMode mode, PresetOrigin presetOrigin) {
    this.mode = mode;
    this.presetOrigin = presetOrigin;
  }

  /** The gateway's validation: strict structure and every rule. Presets are treated as custom. */
  public static PolicyValidator strict() {
    return STRICT;
  }

  /** The local-YAML validation: tolerant structure, the same value rules. Presets are treated as custom. */
  public static PolicyValidator lenient() {
    return LENIENT;
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
    return new PolicyValidator(mode, Objects.requireNonNull(origin, "origin"));
  }

  /** Where presets are assumed to come from. */
  public PresetOrigin presetOrigin() {
    return presetOrigin;
  }

  /**
   * Checks the value rules of a policy built in code or read elsewhere. Lines and columns come from the nodes'
   * {@link dev.sandboxpolicy.model.PolicyNode#location() locations} when the model was read from text, else they
   * are {@code 0}. Structure is not re-checked (the model cannot hold a wrong type).
   *
   * <p>Warning: rules that need the text are not checked here. GraphQL {@code fields: []} (an error, spec §2.4)
   * reads as an absent {@code fields} in the model, so only {@link #validate(ReadResult)} and
   * {@link #validateText(DocumentKind, String, ReadMode)}, which have the reader's source map, report it.
   */
  public ValidationReport validate(Policy policy) {
    return ValidationReport.of(semantic(SourceMap.empty(), c -> c.policy(policy), mode == ReadMode.STRICT));
  }

  /**
   * The read's own problems plus, when the read produced a policy, its value rules, located through the read's
   * source map.
   */
  public ValidationReport validate(ReadResult<Policy> read) {
    return withRead(read, (c, p) -> c.policy(p));
  }

  /** Checks a preset's value rules and the preset rules for this validator's {@link #presetOrigin()}. */
  public ValidationReport validatePreset(Preset preset) {
    return ValidationReport.of(semantic(SourceMap.empty(), c -> c.preset(preset, custom()),
        mode == ReadMode.STRICT));
  }

  /** The read's problems plus the preset's value rules, located through the read's source map. */
  public ValidationReport validatePreset(ReadResult<Preset> read) {
    return withRead(read, (c, p) -> c.preset(p, custom()));
  }

  /** Checks the value rules of a blueprint's {@code components.policy.additions}. */
  public ValidationReport validateBlueprint(Blueprint blueprint) {
    return ValidationReport.of(semantic(SourceMap.empty(), c -> c.blueprint(blueprint), mode == ReadMode.STRICT));
  }

  /** The read's problems plus the blueprint additions' value rules. */
  public ValidationReport validateBlueprint(ReadResult<Blueprint> read) {
    return withRead(read, (c, b) -> c.blueprint(b));
  }

  /** The read's problems plus, when it produced a value, the value rules located through its source map. */
  private <T> ValidationReport withRead(ReadResult<T> read, BiConsumer<SemanticChecks, T> checks) {
    Objects.requireNonNull(read, "read");
    List<Problem> problems = new ArrayList<>(read.problems());
    read.value().ifPresent(v -> problems.addAll(
        semantic(read.sourceMap(), c -> checks.accept(c, v), mode == ReadMode.STRICT)));
    return ValidationReport.of(problems);
  }

  /**
   * Reads {@code text} (YAML or JSON) as a document of {@code kind} in {@code mode} and reports everything in one
   * report: the reader's syntax, limit and structural problems, the JSON Schema and every value rule. When a strict
   * read fails on structure, the value rules still run on a lenient reading of the same text, so one pass shows
   * all problems. A problem found by both the schema and the reader is reported once.
   */
  public ValidationReport validateText(DocumentKind kind, String text, ReadMode mode) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    boolean strict = mode == ReadMode.STRICT;
    ReadResult<Object> tree = PolicyReader.of(mode).readTree(text, DocumentFormat.YAML);
    List<Problem> problems = new ArrayList<>(JsonSchemaCheck.check(kind, tree, !strict));
    Set<String> reported = new HashSet<>();
    for (Problem p : problems) {
      reported.add(p.severity() + " " + p.pointer());
    }
    ReadResult<?> read = read(kind, text, mode);
    for (Problem p : read.problems()) {
      if (reported.add(p.severity() + " " + p.pointer())) {
        problems.add(p);
      }
    }
    if (read.value().isEmpty() && strict && tree.value().isPresent()) {
      read = read(kind, text, ReadMode.LENIENT); // value rules on a tolerant reading
    }
    if (read.value().isPresent()) {
      Object value = read.value().get();
      SourceMap map = read.sourceMap();
      Consumer<SemanticChecks> run = switch (kind) {
        case POLICY -> c -> c.policy((Policy) value);
        case PRESET -> c -> c.preset((Preset) value, custom());
        case BLUEPRINT -> c -> c.blueprint((Blueprint) value);
      };
      problems.addAll(semantic(map, run, strict));
    }
    return ValidationReport.of(problems);
  }

  /** {@link #validateText(DocumentKind, String, ReadMode)} in this validator's mode. */
  public ValidationReport validateText(DocumentKind kind, String text) {
    return validateText(kind, text, mode);
  }

  private static ReadResult<?> read(DocumentKind kind, String text, ReadMode mode) {
    PolicyReader reader = PolicyReader.of(mode);
    return switch (kind) {
      case POLICY -> reader.readPolicy(text);
      case PRESET -> reader.readPreset(text);
      case BLUEPRINT -> reader.readBlueprint(text);
    };
  }

  private boolean custom() {
    return presetOrigin == PresetOrigin.CUSTOM;
  }

  private static List<Problem> semantic(SourceMap map, Consumer<SemanticChecks> run, boolean strict) {
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
    run.accept(new SemanticChecks(strict, sink, nodes));
    return sink.problems();
  }
}
