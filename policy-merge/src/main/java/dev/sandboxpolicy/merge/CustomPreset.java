package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.rules.ValidationReport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A user-supplied preset that passed the custom preset checks ({@link CustomPresetLoader}): its name, its
 * content as a model, the full original text (what NemoClaw records, so the preset can be removed or replayed
 * after the file is gone), and the absolute path it was loaded from.
 */
public final class CustomPreset {

  private final Preset preset;
  private final String content;
  private final Path sourcePath;
  private final ValidationReport validation;

  private CustomPreset(Preset preset, String content, Path sourcePath, ValidationReport validation) {
    this.preset = Objects.requireNonNull(preset, "preset");
    this.content = Objects.requireNonNull(content, "content");
    this.sourcePath = Objects.requireNonNull(sourcePath, "sourcePath");
    this.validation = Objects.requireNonNull(validation, "validation");
  }

  static CustomPreset of(Preset preset, String content, Path sourcePath, ValidationReport validation) {
    return new CustomPreset(preset, content, sourcePath, validation);
  }

  /**
   * What the schema validator says about the preset: the JSON Schema, strict structure, every value rule and the
   * custom-preset rules, i.e. what NemoClaw's build-time check would say. <b>Advisory</b>: like upstream, which validates presets against the schema only at build
   * time, loading does not refuse a preset the validator finds fault with (for example one without
   * {@code binaries}); OpenShell judges it when the policy is set. Callers that want to refuse can check
   * {@link ValidationReport#hasErrors()}.
   */
  public ValidationReport validation() {
    return validation;
  }

  /** The preset name ({@code preset.name}, not normalised). */
  public String name() {
    return preset.name();
  }

  /** The parsed content. */
  public Preset preset() {
    return preset;
  }

  /** The full original file text. */
  public String content() {
    return content;
  }

  /** The absolute path of the file. */
  public Path sourcePath() {
    return sourcePath;
  }

  /** This preset as a custom layer of a {@link PolicyStack}. */
  public StackLayer toLayer() {
    return StackLayer.custom(preset, sourcePath.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomPreset other
        && preset.equals(other.preset)
        && content.equals(other.content)
        && sourcePath.equals(other.sourcePath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(preset, content, sourcePath);
  }

  @Override
  public String toString() {
    return "CustomPreset{" + name() + " from " + sourcePath + "}";
  }
}
