package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.merge.BaselineChange;
import dev.sandboxpolicy.merge.BaselineExclusions;
import dev.sandboxpolicy.merge.LivePolicy;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetLayerException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code policyctl exclude} and {@code policyctl restore}: take a baseline entry out of a live policy by key, and
 * put it back (NemoClaw's {@code policy exclude} / {@code policy restore}, #7194). {@link Exclude} and
 * {@link Restore} share everything but the operation.
 */
abstract class BaselineCommand extends Subcommand {

  /** {@code policyctl exclude}. */
  @Command(
      name = "exclude",
      header = "take a baseline entry out of a policy by key (NemoClaw policy exclude)",
      description = {
        "Removes the entry KEY of the sandbox's BASELINE policy from POLICY. --dry-run prints every endpoint, rule"
            + " and binary that would go, and the entry's digest, and writes nothing. The policy itself records the"
            + " exclusion: a baseline key it does not hold is excluded ('policyctl presets --applied POLICY"
            + " --baseline BASELINE' lists them).",
        "",
        BaselineCommand.REFUSALS,
        "",
        BaselineCommand.OUTPUT
      },
      exitCodeList = {"0:ok (also when KEY was already excluded)", BaselineCommand.EXIT_FAILED,
          "2:usage or I/O error"})
  static final class Exclude extends BaselineCommand {
    Exclude() {
      super(true);
    }
  }

  /** {@code policyctl restore}. */
  @Command(
      name = "restore",
      header = "put an excluded baseline entry back (NemoClaw policy restore)",
      description = {
        "Puts the entry KEY of the sandbox's BASELINE policy (its current content) back into POLICY, appended as a"
            + " merge appends a new key. --dry-run prints what would come back and writes nothing.",
        "",
        BaselineCommand.REFUSALS,
        "",
        BaselineCommand.OUTPUT
      },
      exitCodeList = {"0:ok (also when KEY was already there)", BaselineCommand.EXIT_FAILED,
          "2:usage or I/O error"})
  static final class Restore extends BaselineCommand {
    Restore() {
      super(false);
    }
  }

  static final String REFUSALS =
      "Refused (exit status 1, with its code, in a dry run as in an apply): a KEY the baseline does not have"
          + " (baseline_key_unknown); managed_inference, which the managed sandbox needs (baseline_key_protected); a"
          + " KEY whose entry in POLICY belongs to a preset: remove the preset instead (baseline_key_owned_by_preset);"
          + " a KEY whose entry in POLICY was changed elsewhere (baseline_entry_changed); a POLICY that cannot be read"
          + " (live_policy_*).";

  static final String OUTPUT =
      "POLICY may be 'openshell policy get --full' output; when it is left out, $OPENSHELL_SANDBOX_POLICY is used."
          + " The resulting policy is printed on standard output, or written to OUT with -o (atomically). --json"
          + " prints {\"key\", \"digest\", \"scope\": [LINE...], \"changes\", \"no_op\", \"yaml\", \"document\"}.";

  static final String EXIT_FAILED = "1:refused (the message ends with the code)";

  private final boolean exclude;

  @Parameters(paramLabel = "[POLICY] KEY", arity = "1..2", description = "the policy (optional), then the key")
  List<String> arguments = new ArrayList<>();

  @Option(names = "--baseline", paramLabel = "BASELINE", required = true,
      description = "the sandbox's baseline policy (for example NemoClaw's openclaw-sandbox.yaml)")
  String baseline;

  @Option(names = "--agent", paramLabel = "AGENT",
      description = "the sandbox's agent, whose presets own keys (default: " + PresetCatalog.DEFAULT_AGENT + ")")
  String agent;

  @Option(names = "--dry-run", description = "print what would change and write nothing")
  boolean dryRun;

  @Option(names = "--json", description = "print the plan as JSON")
  boolean json;

  @Mixin OutputOption output;

  private BaselineCommand(boolean exclude) {
    this.exclude = exclude;
  }

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (dryRun && output.file().isPresent()) {
      throw CommandFailure.usage("--dry-run writes nothing; leave out -o");
    }
    String key = arguments.get(arguments.size() - 1);
    String policyArg = PolicyFiles.policyArgument(
        arguments.size() == 2 ? java.util.Optional.of(arguments.get(0)) : java.util.Optional.empty(), name(), terminal);
    LivePolicy live = LivePolicies.read(policyArg, terminal);
    LivePolicy base = LivePolicies.read(baseline, terminal);
    PresetCatalog catalog = agent == null ? PresetCatalog.builtIn() : PresetCatalog.builtIn().forAgent(agent);
    BaselineChange plan;
    try {
      plan = exclude
          ? BaselineExclusions.exclude(live.policy(), base.policy(), key, catalog)
          : BaselineExclusions.restore(live.policy(), base.policy(), key, catalog);
    } catch (PresetLayerException e) {
      throw PresetFailures.refused(policyArg, e, terminal);
    }
    String yaml = plan.result().toYaml();
    if (json) {
      ObjectNode o = Json.object();
      o.put("key", plan.key());
      o.put("digest", plan.digest());
      plan.scope().forEach(o.putArray("scope")::add);
      o.set("changes", PresetChanges.json(plan.result().diff()));
      o.put("no_op", plan.isNoOp());
      o.put("yaml", yaml);
      o.set("document", Json.tree(PolicyWriter.toTree(plan.result().policy())));
      terminal.out().println(Json.write(o));
    } else if (dryRun) {
      var out = terminal.out();
      if (plan.isNoOp()) {
        out.println("'" + key + "' is already " + (exclude ? "excluded" : "in the policy") + "; no changes");
      } else {
        out.println((exclude ? "would exclude" : "would restore") + " baseline entry '" + key + "' ("
            + plan.digest() + "):");
        plan.scope().forEach(out::println);
        if (exclude) {
          out.println(BaselineExclusions.SUPPORT_IMPACT);
        }
      }
    }
    if (dryRun) {
      return ExitCode.OK;
    }
    if (output.file().isPresent()) {
      AtomicFile.write(terminal.resolve(output.file().get()), yaml, output.file().get());
    } else if (!json) {
      terminal.out().print(yaml);
    }
    return ExitCode.OK;
  }
}
