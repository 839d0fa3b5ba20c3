package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realistic workload's policy: the {@link BaselinePolicy} with the presets of our built-in catalog ({@link
 * PresetCatalog#builtIn()}, the OpenClaw view) applied in listing order by {@link PresetMerger}, as {@code nemoclaw
 * policy-add} would do one after the other.
 *
 * <p>Not every preset can be applied together: a few of them declare the same host and port with conflicting
 * connection metadata (for example {@code tls: skip} against TLS auto-detection), and upstream rejects such an
 * ambiguous policy as a whole (spec §2.6), so the matcher refuses it too. This class therefore drops, one at a time,
 * the preset named in the most {@code endpoint_ambiguous} errors (the later one in listing order on a tie) until the
 * policy compiles; {@link #skippedPresets()} says which were dropped. With the catalog as of 2026-11-24 that is 2 of
 * 27.
 */
public final class RealisticPolicy {
  private static final String AMBIGUOUS = ProblemCode.ENDPOINT_AMBIGUOUS.wireName();
  private static final Pattern NAMED_ENTRY = Pattern.compile("network policies '([^']+)'|and '([^']+)' endpoint");

  private RealisticPolicy() {}

  /**
   * Builds the policy.
   *
   * @return the baseline with every built-in preset that can be applied together merged in
   * @throws IllegalStateException if the catalog refuses (a bug in the catalog or in this module)
   */
  public static Policy withEveryPreset() {
    return merge(applicablePresets());
  }

  /**
   * The built-in presets that {@link #withEveryPreset()} leaves out, and why, in the order they were dropped.
   *
   * @return one line per dropped preset
   */
  public static List<String> skippedPresets() {
    List<String> skipped = new ArrayList<>();
    applicablePresets(skipped);
    return skipped;
  }

  private static List<Preset> applicablePresets() {
    return applicablePresets(new ArrayList<>());
  }

  private static List<Preset> applicablePresets(List<String> skipped) {
    List<Preset> kept = new ArrayList<>(PresetCatalog.builtIn().presets());
    while (!kept.isEmpty()) {
      List<Problem> errors = errors(merge(kept));
      if (errors.isEmpty()) {
        return kept;
      }
      Preset worst = mostConflicting(kept, errors);
      kept.remove(worst);
      skipped.add(worst.name() + ": " + firstMessageNaming(worst, errors));
    }
    return kept;
  }

  private static Policy merge(List<Preset> presets) {
    try {
      return PresetMerger.merge(BaselinePolicy.read(), presets).policy();
    } catch (PresetLayerException e) {
      throw new IllegalStateException("the built-in catalog does not merge into the baseline", e);
    }
  }

  private static List<Problem> errors(Policy policy) {
    try {
      CompiledPolicy.compile(policy);
      return List.of();
    } catch (PolicyCompileException e) {
      return e.problems().stream().filter(Problem::isError).toList();
    }
  }

  /** The preset whose entries appear in the most ambiguity errors; the last preset if none is named. */
  private static Preset mostConflicting(List<Preset> presets, List<Problem> errors) {
    Map<String, Preset> owner = new HashMap<>();
    for (Preset p : presets) {
      p.networkPolicies().keySet().forEach(key -> owner.put(key, p));
    }
    Map<Preset, Integer> count = new HashMap<>();
    for (Problem problem : errors) {
      if (!problem.code().equals(AMBIGUOUS)) {
        continue;
      }
      Matcher m = NAMED_ENTRY.matcher(problem.message());
      while (m.find()) {
        Preset p = owner.get(m.group(1) != null ? m.group(1) : m.group(2));
        if (p != null) {
          count.merge(p, 1, Integer::sum);
        }
      }
    }
    Preset worst = presets.get(presets.size() - 1);
    int most = 0;
    for (Preset p : presets) {
      int c = count.getOrDefault(p, 0);
      if (c >= most && c > 0) {
        most = c;
        worst = p;
      }
    }
    return worst;
  }

  private static String firstMessageNaming(Preset preset, List<Problem> errors) {
    for (Problem problem : errors) {
      for (String key : preset.networkPolicies().keySet()) {
        if (problem.message().contains("'" + key + "'")) {
          return problem.code() + " " + problem.message();
        }
      }
    }
    return errors.get(0).code() + " " + errors.get(0).message();
  }
}
