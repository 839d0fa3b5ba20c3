package dev.sandboxpolicy.examples;

import dev.sandboxpolicy.io.PolicyReadException;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.merge.KeyChange;
import dev.sandboxpolicy.merge.MergeResult;
import dev.sandboxpolicy.merge.PolicyStack;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetDocument;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetMerger;
import dev.sandboxpolicy.merge.StackChange;
import dev.sandboxpolicy.merge.StackLayer;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Layers presets onto a NemoClaw-style baseline and takes them off again, two ways:
 * <ol>
 *   <li>{@link PresetMerger}: NemoClaw's own semantics ({@code policy-add} / {@code policy-remove}). Removing a
 *       preset deletes its keys, so the baseline's own {@code pypi} entry, shadowed by the {@code pypi} preset,
 *       is lost.
 *   <li>{@link PolicyStack}: remembers which layer contributed which entry, so removing the preset brings the
 *       baseline's {@code pypi} back.
 * </ol>
 *
 * <p>Run from the repository root: {@code java dev.sandboxpolicy.examples.LayerPresets}.
 */
public final class LayerPresets {

  private LayerPresets() {}

  /**
   * Runs both walk-throughs and returns what they printed, one line per step.
   *
   * @param baselineFile the baseline policy
   * @param customPresetFile a custom preset file
   * @return the lines
   * @throws IOException when a file cannot be read
   * @throws PolicyReadException when the baseline is invalid
   * @throws PresetLayerException when the preset layer refuses a step
   */
  public static List<String> walkThrough(Path baselineFile, Path customPresetFile)
      throws IOException, PolicyReadException, PresetLayerException {
    Policy baseline = PolicyReader.of(ReadMode.STRICT).readPolicy(baselineFile).orElseThrow();
    Preset pypi = PresetCatalog.builtIn().require("pypi");
    Preset custom = PresetDocument.read(Files.readString(customPresetFile), "merge").preset();
    List<String> out = new java.util.ArrayList<>();

    // 1. NemoClaw semantics: merge, then remove by key.
    MergeResult added = PresetMerger.merge(baseline, List.of(pypi, custom));
    out.add("merge pypi + internal-api: " + describe(added.diff().changes()));
    MergeResult removed = PresetMerger.remove(added.policy(), pypi);
    out.add("remove pypi: " + describe(removed.diff().changes()));
    out.add("  baseline pypi entry still there? " + removed.policy().networkPolicies().containsKey("pypi"));

    // 2. The policy stack: the same steps, but the shadowed baseline entry comes back.
    PolicyStack stack = PolicyStack.of(baseline);
    stack = stack.apply(StackLayer.builtIn(pypi)).stack();
    stack = stack.apply(StackLayer.custom(custom, customPresetFile.toString())).stack();
    out.add("stack layers: " + stack.layerNames() + ", pypi from " + stack.contributorOf("pypi").map(StackLayer::name).orElse("baseline"));
    StackChange undo = stack.remove("pypi");
    out.add("stack remove pypi: " + describe(undo.diff().changes()));
    out.add("  baseline pypi entry back? "
        + undo.stack().effective().networkPolicies().get("pypi").equals(baseline.networkPolicies().get("pypi")));
    return out;
  }

  private static String describe(List<KeyChange> changes) {
    return changes.stream()
        .map(c -> c.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + c.key())
        .collect(Collectors.joining(", "));
  }

  /**
   * Prints the walk-through.
   *
   * @param args ignored
   * @throws Exception when a step fails
   */
  public static void main(String[] args) throws Exception {
    walkThrough(Path.of("examples/policies/nemoclaw-baseline.yaml"), Path.of("examples/presets/internal-api.yaml"))
        .forEach(System.out::println);
  }
}
