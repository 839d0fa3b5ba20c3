package dev.sandboxpolicy.examples;

import dev.sandboxpolicy.analysis.Comparison;
import dev.sandboxpolicy.analysis.Containment;
import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.analysis.Region;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reviews a preset before it is applied: what does it widen (every new connection and request region, each with a
 * concrete witness the compiled matcher has decided), does the result stay within a boundary, and does it leave
 * anything redundant behind. The merge comes from {@code policy-merge}, the answers from {@code policy-analysis};
 * the merge module does not depend on the analysis, so the caller puts the two together like this.
 *
 * <p>Run from the repository root:
 * {@code java dev.sandboxpolicy.examples.ReviewPresetChange examples/policies/nemoclaw-baseline.yaml github}.
 */
public final class ReviewPresetChange {

  private ReviewPresetChange() {}

  /**
   * The review of applying a built-in preset to a policy, one line per finding.
   *
   * @param baseline the live policy
   * @param preset a built-in preset name
   * @return the lines
   * @throws Exception when a policy does not compile or the preset is unknown
   */
  public static List<String> review(Policy baseline, String preset) throws Exception {
    Policy merged = PresetMerger.merge(baseline, PresetCatalog.builtIn().require(preset)).policy();
    List<String> out = new ArrayList<>();

    Comparison diff = PolicyAnalysis.compare(baseline, merged);
    out.add(preset + " makes the policy " + diff.relation().wireName());
    for (Region r : diff.widened()) {
      out.add("  + " + r.witness().describe() + "  <- " + r.after().entry().orElse("?"));
    }

    Containment within = PolicyAnalysis.prove(baseline, merged); // is the merged policy within the baseline?
    out.add("within the baseline: " + within.result().wireName()
        + within.counterexample().map(w -> " (e.g. " + w.describe() + ")").orElse(""));

    for (Problem p : PolicyAnalysis.lint(merged)) {
      out.add("lint: " + p.code() + " at " + p.pointer());
    }
    return out;
  }

  /**
   * Prints the review.
   *
   * @param args the policy file and a built-in preset name
   * @throws Exception when the policy does not load or compile
   */
  public static void main(String[] args) throws Exception {
    Policy baseline = PolicyReader.of(ReadMode.STRICT).readPolicy(Path.of(args[0])).orElseThrow();
    review(baseline, args[1]).forEach(System.out::println);
  }
}
