package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.merge.StackLayer;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy a {@link PolicyTestFile} tests: its {@code policy} file, read strictly, with its {@code presets} merged
 * on top exactly as {@code policyctl merge} merges them, compiled for decisions. Knows which file each
 * network-policy entry was written in, so that a rule is shown at {@code FILE:LINE:COLUMN} even when a preset
 * brought it.
 *
 * <p>Two test files that name the same policy file (after resolving it against their directories) with the same
 * presets and binary-identity setting test the same policy: their cases add up to one coverage ({@link #identity}).
 */
final class PolicyUnderTest {

  /** The name of a policy that is only presets applied to an empty policy. */
  static final String NO_POLICY_FILE = "<empty policy>";

  private final String identity;
  private final String description;
  private final CompiledPolicy compiled;
  private final String policyFile;
  private final SourceMap policyMap;
  private final Map<NetworkPolicy, String> origins;

  private PolicyUnderTest(
      String identity,
      String description,
      CompiledPolicy compiled,
      String policyFile,
      SourceMap policyMap,
      Map<NetworkPolicy, String> origins) {
    this.identity = identity;
    this.description = description;
    this.compiled = compiled;
    this.policyFile = policyFile;
    this.policyMap = policyMap;
    this.origins = origins;
  }

  /** What {@link #load} found: the policy, or the problems (per file) that keep it from loading. */
  record Loaded(Optional<PolicyUnderTest> policy, List<FileReport> reports) {}

  /**
   * The policy of {@code file}, whose {@code policy} and preset paths are relative to {@code fileArg}'s directory.
   * Never throws for bad input: a policy or preset that does not load is a list of per-file problems (the test
   * file's own problems when a path cannot be read).
   */
  static Loaded load(PolicyTestFile file, String fileArg, Terminal terminal) {
    Path base = fileArg.equals("-") ? Path.of("") : Optional.ofNullable(Path.of(fileArg).getParent()).orElse(Path.of(""));
    List<FileReport> reports = new ArrayList<>();
    Policy policy;
    String policyName;
    SourceMap policyMap = SourceMap.empty();
    if (file.policy().isPresent()) {
      PolicyTestFile.Located written = file.policy().get();
      policyName = relative(base, written.value());
      InputDocument document;
      try {
        document = InputDocument.read(policyName, terminal);
      } catch (CommandFailure e) {
        reports.add(FileReport.of(file.name(), List.of(Problem.error(ProblemCode.IO_ERROR, written.at(), e.getMessage()))));
        return new Loaded(Optional.empty(), reports);
      }
      ReadResult<Policy> read = PolicyFiles.read(document, ReadMode.STRICT);
      if (read.hasErrors() || read.value().isEmpty()) {
        reports.add(FileReport.of(policyName, read.problems()));
        return new Loaded(Optional.empty(), reports);
      }
      policy = read.value().get();
      policyMap = read.sourceMap();
    } else {
      policyName = NO_POLICY_FILE;
      policy = Policy.builder().version(PresetMerger.DEFAULT_VERSION).build();
    }
    Map<NetworkPolicy, String> origins = new IdentityHashMap<>();
    policy.networkPolicies().values().forEach(entry -> origins.put(entry, policyName));
    List<String> presetNames = new ArrayList<>();
    if (!file.presets().isEmpty()) {
      // The path of 'policyctl merge': each preset resolved (a file is a custom preset and passes every
      // custom-preset check), merged as layers, and the result validated strictly.
      List<StackLayer> layers = new ArrayList<>();
      for (PolicyTestFile.Located written : file.presets()) {
        String argument = presetArgument(base, written.value(), terminal);
        try {
          PresetArguments.Resolved r =
              PresetArguments.resolve(List.of(argument), "test", terminal.withoutErr(), Optional.empty(), false).get(0);
          StackLayer layer = r.layer().orElseThrow();
          String origin = layer.source() == PresetOrigin.BUILT_IN ? "<built-in preset " + written.value() + ">"
              : argument;
          layer.preset().networkPolicies().values().forEach(entry -> origins.put(entry, origin));
          layers.add(layer);
          presetNames.add(origin);
        } catch (CommandFailure e) {
          reports.add(FileReport.of(file.name(), List.of(Problem.error(
              e.exitCode() == ExitCode.USAGE ? ProblemCode.PRESET_UNKNOWN : ProblemCode.PRESET_UNREADABLE,
              written.at(), e.getMessage()))));
          if (!e.problems().isEmpty()) {
            reports.add(FileReport.of(argument, e.problems()));
          }
          return new Loaded(Optional.empty(), reports);
        }
      }
      try {
        policy = PresetMerger.mergeLayers(policy, layers).policy();
      } catch (PresetLayerException e) {
        reports.add(FileReport.of(file.name(), List.of(Problem.error(e.error().problemCode(),
            file.presets().get(0).at(), "the presets cannot be merged: " + e.getMessage()))));
        return new Loaded(Optional.empty(), reports);
      }
      List<Problem> invalid = PresetLayerCommand.resultErrors(PolicyWriter.toYaml(policy));
      if (!invalid.isEmpty()) {
        // Positions are in the merged YAML, which no file holds: keep the pointers.
        reports.add(FileReport.of(describe(policyName, presetNames), invalid.stream()
            .map(p -> p.at(SourceLocation.ofPointer(p.pointer()))).toList()));
        return new Loaded(Optional.empty(), reports);
      }
    }
    MatcherOptions options = MatcherOptions.defaults().withBinaryIdentity(file.binaryIdentity());
    CompiledPolicy compiled;
    try {
      compiled = CompiledPolicy.compile(policy, options);
    } catch (PolicyCompileException e) {
      reports.add(FileReport.of(describe(policyName, presetNames), e.problems()));
      return new Loaded(Optional.empty(), reports);
    }
    String identity = terminal.resolve(policyName).normalize() + "\u0000" + String.join("\u0000", presetNames)
        + "\u0000" + file.binaryIdentity();
    return new Loaded(
        Optional.of(new PolicyUnderTest(identity, describe(policyName, presetNames), compiled, policyName, policyMap, origins)),
        reports);
  }

  /** {@code written} relative to {@code base} (absolute paths stay), normalized, as a name for messages. */
  static String relative(Path base, String written) {
    Path p = Path.of(written);
    return (p.isAbsolute() ? p : base.resolve(p)).normalize().toString();
  }

  private static String describe(String policyName, List<String> presets) {
    return presets.isEmpty() ? policyName : policyName + " + presets " + String.join(", ", presets);
  }

  /** A preset file relative to the test file when one exists there, else the name as written (a built-in preset). */
  private static String presetArgument(Path base, String written, Terminal terminal) {
    String file = relative(base, written);
    return Files.exists(terminal.resolve(file)) ? file : written;
  }

  /** The identity of the policy under test: same file, presets and binary identity, same policy. */
  String identity() {
    return identity;
  }

  /** The policy file and its presets, for people. */
  String description() {
    return description;
  }

  CompiledPolicy compiled() {
    return compiled;
  }

  /** The file the item at {@code pointer} ({@code /network_policies/KEY/...}) was written in. */
  String fileOf(String pointer) {
    List<String> tokens = JsonPointer.tokens(pointer);
    if (tokens.size() >= 2 && tokens.get(0).equals("network_policies")) {
      NetworkPolicy entry = compiled.policy().networkPolicies().get(tokens.get(1));
      if (entry != null && origins.containsKey(entry)) {
        return origins.get(entry);
      }
    }
    return policyFile;
  }

  /**
   * Where the item at {@code pointer} is written, in {@link #fileOf its file}: in the policy file, the position of its
   * key (of {@code access:} for an access preset, of {@code KEY:} for an entry) or list item; elsewhere {@code at},
   * the position the model kept.
   */
  SourceLocation position(String pointer, SourceLocation at) {
    if (fileOf(pointer).equals(policyFile) && policyMap.locate(pointer).isPresent()) {
      return policyMap.locateKey(pointer);
    }
    return at;
  }

  /** {@code FILE:LINE:COLUMN} of the item at {@code pointer} (see {@link #position}), or the file alone. */
  String where(String pointer, SourceLocation at) {
    String file = fileOf(pointer);
    SourceLocation p = position(pointer, at);
    return p.line() > 0 ? file + ":" + p.line() + ":" + p.column() : file;
  }
}
