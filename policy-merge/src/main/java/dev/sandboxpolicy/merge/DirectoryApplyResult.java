package dev.sandboxpolicy.merge;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of applying a directory of custom presets ({@code policy-add --from-dir}): the files are applied
 * one at a time in order and the run stops at the first failure. Presets applied before the failure are
 * <b>not</b> rolled back (each file is its own update, as upstream), so {@link #stack()} includes them and
 * {@link #applied()} says which they were.
 */
public final class DirectoryApplyResult {

  private final PolicyStack stack;
  private final List<CustomPreset> applied;
  private final Path failedFile;
  private final PresetLayerException failure;

  private DirectoryApplyResult(
      PolicyStack stack, List<CustomPreset> applied, Path failedFile, PresetLayerException failure) {
    this.stack = Objects.requireNonNull(stack, "stack");
    this.applied = List.copyOf(applied);
    this.failedFile = failedFile;
    this.failure = failure;
  }

  static DirectoryApplyResult completed(PolicyStack stack, List<CustomPreset> applied) {
    return new DirectoryApplyResult(stack, applied, null, null);
  }

  static DirectoryApplyResult aborted(
      PolicyStack stack, List<CustomPreset> applied, Path failedFile, PresetLayerException failure) {
    return new DirectoryApplyResult(
        stack, applied, Objects.requireNonNull(failedFile, "failedFile"), Objects.requireNonNull(failure, "failure"));
  }

  /** The stack after every preset that was applied. */
  public PolicyStack stack() {
    return stack;
  }

  /** The presets that were applied, in order. */
  public List<CustomPreset> applied() {
    return applied;
  }

  /** Whether every file was applied. */
  public boolean isComplete() {
    return failure == null;
  }

  /** The file that failed, when the run was aborted. */
  public Optional<Path> failedFile() {
    return Optional.ofNullable(failedFile);
  }

  /** Why the run was aborted. */
  public Optional<PresetLayerException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * The one-line summary upstream prints when a run is aborted:
   * {@code Aborting --from-dir: <file> failed. Remaining presets not applied.}; empty when complete.
   */
  public Optional<String> abortMessage() {
    return failedFile().map(f -> "Aborting --from-dir: " + f.getFileName() + " failed. Remaining presets not applied.");
  }

  @Override
  public String toString() {
    return "DirectoryApplyResult{applied=" + applied.stream().map(CustomPreset::name).toList()
        + (failure == null ? "" : ", failed=" + failedFile + ": " + failure.getMessage()) + "}";
  }
}
