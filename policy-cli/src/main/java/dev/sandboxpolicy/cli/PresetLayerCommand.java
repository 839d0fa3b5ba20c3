package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.merge.LivePolicy;
import dev.sandboxpolicy.merge.MergeResult;
import dev.sandboxpolicy.merge.PresetLayerError;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.merge.PolicyDiff;
import dev.sandboxpolicy.merge.StackLayer;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.schema.DocumentKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code policyctl merge} and {@code policyctl remove}: NemoClaw's policy-add and policy-remove on files. The two
 * commands share everything but the operation: {@link Merge} and {@link Remove}.
 */
abstract class PresetLayerCommand extends Subcommand {

  /** {@code policyctl merge}. */
  @Command(
      name = "merge",
      header = "layer presets onto a policy (NemoClaw policy-add)",
      description = {
        "Applies each PRESET to POLICY in order, like NemoClaw's policy-add: every network_policies key of the"
            + " preset is assigned over the policy. An existing key is replaced wholesale and keeps its place; new"
            + " keys are appended; version becomes 1 when absent. All or nothing: when one preset fails, nothing is"
            + " applied.",
        "",
        PresetLayerCommand.ARGUMENTS,
        "",
        PresetLayerCommand.OUTPUT,
        "",
        PresetLayerCommand.VALIDATION
      },
      exitCodeList = {"0:ok", PresetLayerCommand.EXIT_FAILED, "2:usage or I/O error"})
  static final class Merge extends PresetLayerCommand {
    Merge() {
      super(true);
    }
  }

  /** {@code policyctl remove}. */
  @Command(
      name = "remove",
      header = "take presets off a policy again (NemoClaw policy-remove)",
      description = {
        "Takes each PRESET off POLICY, like NemoClaw's policy-remove: every network_policies key the preset declares"
            + " is deleted, whatever the policy holds under it. Warning: removal is by key only. If a preset replaced"
            + " a baseline entry of the same key, removing the preset deletes the key and the baseline entry does not"
            + " come back. A custom preset can also be removed by its name alone: every key it owns in the policy"
            + " (nemoclaw_custom__NAME__...) is deleted, so its file is not needed.",
        "",
        PresetLayerCommand.ARGUMENTS,
        "",
        PresetLayerCommand.OUTPUT,
        "",
        PresetLayerCommand.VALIDATION
      },
      exitCodeList = {"0:ok", PresetLayerCommand.EXIT_FAILED, "2:usage or I/O error"})
  static final class Remove extends PresetLayerCommand {
    Remove() {
      super(false);
    }
  }

  /** The help paragraphs merge and remove share. */
  static final String ARGUMENTS =
      "A PRESET is the name of a built-in preset (see 'policyctl presets') or a preset file (preset: header plus"
          + " network_policies; - is standard input). A file is a custom preset, checked before anything is computed,"
          + " in a dry run as in an apply: a lowercase RFC 1123 name that is not a built-in name and does not start"
          + " with _provider_; no _provider_, npm_yarn, personal_open_internet or nemoclaw_custom__ keys; no"
          + " user-authored allowed_ips; no endpoint host that is private, loopback, link-local (metadata) or"
          + " otherwise special-use, unless it is trusted with --trusted-private-host (or $NEMOCLAW_TRUSTED_PRIVATE_HOSTS)"
          + " and resolves to RFC 1918, CGNAT or ULA addresses only, which are then pinned as its allowed_ips. A"
          + " custom preset's keys are written as nemoclaw_custom__NAME__KEY, so the policy itself records which"
          + " custom presets are applied ('policyctl presets --applied'). POLICY may be the output of 'openshell"
          + " policy get --full'; when it is left out, $OPENSHELL_SANDBOX_POLICY is used (then the first argument"
          + " must be a built-in preset name or a preset file).";

  static final String OUTPUT =
      "The resulting policy is printed on standard output, or written to OUT with -o (atomically: a temporary file"
          + " moved into place, so OUT is never half-written; OUT may be POLICY itself). --dry-run prints only what"
          + " would change (+ added, ~ replaced, - removed keys) and then what that changes in what the policy allows:"
          + " the semantic relation and every widened (+) and narrowed (-) region with a concrete connection or"
          + " request (as 'policyctl diff --semantic' does), and writes nothing. --json prints {\"yaml\","
          + " \"document\", \"changes\": [{\"key\", \"change\"}], \"valid\", \"problems\"}, with --dry-run"
          + " also \"semantic\": {relation, widened, narrowed, unsupported}.";

  static final String VALIDATION =
      "The live policy is read and the resulting policy validated the way current OpenShell reads policies (an"
          + " unknown key or a missing version is an error). Its errors are"
          + " printed on standard error as RESULT:LINE:COLUMN lines, where RESULT is OUT or <result> and the"
          + " positions are those of the printed YAML. Some built-in presets cannot be applied together (for"
          + " example brew and github: upstream OpenShell rejects the result as ambiguous); this is where you learn"
          + " it. With errors, -o writes nothing and the exit status is 1.";

  static final String EXIT_FAILED =
      "1:the policy or a preset is invalid, the preset layer refuses, or the resulting policy is invalid (the"
          + " message says why)";

  private final boolean merge;

  @Parameters(
      paramLabel = "[POLICY] PRESET",
      arity = "0..*",
      description = "the policy file (optional with $OPENSHELL_SANDBOX_POLICY), then preset files or built-in names")
  List<String> arguments = new ArrayList<>();

  @Option(names = "--dry-run", description = "print what would change (+ ~ -) and write nothing")
  boolean dryRun;

  @Option(names = "--json", description = "print {yaml, document, changes, valid, problems}")
  boolean json;

  @Mixin OutputOption output;

  @Mixin TrustOptions trust;

  private ObjectNode semanticJson;

  private PresetLayerCommand(boolean merge) {
    this.merge = merge;
  }

  /**
   * What the change means, not only which keys changed: {@code PolicyAnalysis.compare} of the policy before and
   * after (policy-merge does not depend on the analysis; the CLI puts the two together). Positions on the after side
   * are lines of the resulting policy as {@code merge} prints it. Nothing is printed when the analysis cannot compile
   * one of them; the key changes above still stand.
   */
  private static void semantic(dev.sandboxpolicy.model.Policy before, dev.sandboxpolicy.model.Policy after,
      Terminal terminal) {
    try {
      dev.sandboxpolicy.analysis.Comparison c = dev.sandboxpolicy.analysis.PolicyAnalysis.compare(before, after);
      terminal.out().println();
      terminal.out().println("what it allows:");
      AnalysisText.comparison(c, terminal.out());
    } catch (dev.sandboxpolicy.matcher.PolicyCompileException e) {
      terminal.err().println("policyctl: the semantic difference is not shown: " + e.getMessage());
    }
  }

  private static ObjectNode semanticJson(dev.sandboxpolicy.model.Policy before, dev.sandboxpolicy.model.Policy after) {
    try {
      ObjectNode o = Json.object();
      AnalysisJson.comparison(dev.sandboxpolicy.analysis.PolicyAnalysis.compare(before, after), o);
      return o;
    } catch (dev.sandboxpolicy.matcher.PolicyCompileException e) {
      return null;
    }
  }

  private static List<StackLayer> layers(List<PresetArguments.Resolved> presets) {
    return presets.stream().map(r -> r.layer().orElseThrow()).toList();
  }

  /**
   * Removes the presets in order, all or nothing: built-in and file presets by their keys, custom presets named
   * by name from the live policy alone ({@link PresetMerger#removeCustom}). The diff covers the whole removal.
   */
  private static MergeResult remove(LivePolicy live, List<PresetArguments.Resolved> presets)
      throws PresetLayerException {
    if (!live.hasNetworkPolicies()) {
      throw PresetLayerException.of(
              PresetLayerError.PRESET_NOT_REMOVABLE,
              SourceLocation.NONE,
              "the policy has no network_policies, so no preset can be removed from it")
          .forPreset(presets.get(0).layer().map(StackLayer::name).orElseGet(() -> presets.get(0).customName().get()));
    }
    Policy current = live.policy();
    for (PresetArguments.Resolved r : presets) {
      current = r.customName().isPresent()
          ? PresetMerger.removeCustom(current, r.customName().get()).policy()
          : PresetMerger.removeLayers(current, List.of(r.layer().get())).policy();
    }
    return MergeResult.of(current, PolicyDiff.between(live.policy(), current));
  }

  /**
   * The errors of a merged policy written as {@code yaml}, by the strict validation that accepts or refuses the
   * result of a merge (positions are in {@code yaml}). {@code policyctl test} checks presets merged by a test file
   * with this too.
   */
  static List<Problem> resultErrors(String yaml) {
    return DocumentValidation.validate(DocumentKind.POLICY, yaml, ReadMode.STRICT, false).stream()
        .filter(Problem::isError)
        .toList();
  }

  @Override
  int run(Terminal terminal) throws CommandFailure {
    List<String> positionals = new ArrayList<>(arguments);
    if (positionals.isEmpty()) {
      throw CommandFailure.usage(name() + " needs at least one PRESET " + helpHint());
    }
    String policyArg;
    boolean fromEnvironment =
        terminal.env(Terminal.POLICY_ENVIRONMENT_VARIABLE).isPresent()
            && PresetArguments.looksLikePreset(positionals.get(0), terminal);
    if (fromEnvironment) {
      policyArg = PolicyFiles.policyArgument(java.util.Optional.empty(), name(), terminal);
    } else {
      policyArg = positionals.remove(0);
      if (positionals.isEmpty()) {
        throw CommandFailure.usage(name() + " needs POLICY and at least one PRESET " + helpHint());
      }
    }
    if (dryRun && output.file().isPresent()) {
      throw CommandFailure.usage("--dry-run writes nothing; leave out -o");
    }
    InputDocument document = InputDocument.read(policyArg, terminal);
    String text = document.utf8Text().orElseThrow(() -> CommandFailure.failed(policyArg + " is not UTF-8 text"));
    // The same checks run whether this is a dry run or not: presets are resolved (custom ones checked and
    // pinned) and the change computed first; only the output differs (NemoClaw #10773).
    List<PresetArguments.Resolved> presets =
        PresetArguments.resolve(positionals, name(), terminal, trust.trust(terminal), !merge);
    MergeResult result;
    LivePolicy live;
    try {
      live = LivePolicy.parse(text);
      result = merge ? PresetMerger.mergeLayers(live.policy(), layers(presets)) : remove(live, presets);
    } catch (PresetLayerException e) {
      throw PresetFailures.refused(document.name(), e, terminal);
    }
    String yaml = PolicyWriter.toYaml(result.policy());
    // the analysis reads the result as printed, so that its positions are lines of the printed YAML
    dev.sandboxpolicy.model.Policy printed =
        PolicyFiles.read(yaml, ReadMode.LEGACY_TOLERANT).value().orElse(result.policy());
    if (json && dryRun) {
      semanticJson = semanticJson(live.policy(), printed);
    }
    List<Problem> errors = resultErrors(yaml);
    String resultName = output.file().orElse("<result>");
    ProblemText.print(terminal.err(), resultName, errors);
    if (json) {
      ObjectNode o = Json.object();
      o.put("yaml", yaml);
      o.set("document", Json.tree(PolicyWriter.toTree(result.policy())));
      o.set("changes", PresetChanges.json(result.diff()));
      o.put("valid", errors.isEmpty());
      o.set("problems", Json.problems(errors));
      if (semanticJson != null && errors.isEmpty()) {
        o.set("semantic", semanticJson);
      }
      terminal.out().println(Json.write(o));
    } else if (dryRun) {
      List<String> lines = PresetChanges.lines(result.diff());
      if (lines.isEmpty()) {
        terminal.out().println("no changes");
      }
      lines.forEach(terminal.out()::println);
      if (errors.isEmpty() && !lines.isEmpty()) {
        semantic(live.policy(), printed, terminal);
      }
    }
    if (!errors.isEmpty()) {
      String message =
          "the resulting policy is invalid (" + ProblemText.counts(errors) + ")"
              + (output.file().isPresent() && !dryRun ? "; nothing was written" : "");
      if (!dryRun && !json && output.file().isEmpty()) {
        terminal.out().print(yaml);
      }
      throw CommandFailure.invalid(message, errors);
    }
    if (dryRun) {
      return ExitCode.OK;
    }
    if (output.file().isPresent()) {
      String out = output.file().get();
      AtomicFile.write(terminal.resolve(out), yaml, out);
    } else if (!json) {
      terminal.out().print(yaml);
    }
    return ExitCode.OK;
  }
}
